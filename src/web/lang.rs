//! Which language the widget's chrome speaks before the shopper says anything:
//! `data-lang`, else `<html lang>`, else `navigator.languages`, else English.
//! After the first reply the widget follows [`Reply::lang`](crate::Reply).

use crate::text::Lang;

/// Maps a BCP 47 tag (`zh`, `zh-Hant-TW`, `en-GB`, `EN`) to a language the assistant
/// speaks. `None` for other languages, `auto` and malformed input.
pub fn parse_lang_tag(tag: &str) -> Option<Lang> {
    let primary = tag
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match primary.as_str() {
        "zh" | "cmn" | "yue" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The language of the widget's chrome (launcher label, headings, buttons).
///
/// * `data_lang` — the loader's `data-lang` attribute; `auto`, empty or an unsupported
///   language defers to the page.
/// * `html_lang` — `document.documentElement.lang`.
/// * `navigator` — `navigator.languages` (or `[navigator.language]`), most preferred first.
pub fn resolve_ui_lang<S: AsRef<str>>(
    data_lang: Option<&str>,
    html_lang: Option<&str>,
    navigator: &[S],
) -> Lang {
    data_lang
        .and_then(parse_lang_tag)
        .or_else(|| html_lang.and_then(parse_lang_tag))
        .or_else(|| navigator.iter().find_map(|l| parse_lang_tag(l.as_ref())))
        .unwrap_or(Lang::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(parse_lang_tag("zh"), Some(Lang::Zh));
        assert_eq!(parse_lang_tag("zh-Hant-TW"), Some(Lang::Zh));
        assert_eq!(parse_lang_tag("ZH_cn"), Some(Lang::Zh));
        assert_eq!(parse_lang_tag(" en-GB "), Some(Lang::En));
        assert_eq!(parse_lang_tag("fr"), None);
        assert_eq!(parse_lang_tag("auto"), None);
        assert_eq!(parse_lang_tag(""), None);
        assert_eq!(parse_lang_tag("-"), None);
    }

    #[test]
    fn precedence() {
        let none: [&str; 0] = [];
        assert_eq!(
            resolve_ui_lang(Some("zh"), Some("en"), &["en-US"]),
            Lang::Zh
        );
        assert_eq!(
            resolve_ui_lang(Some("auto"), Some("zh-CN"), &["en-US"]),
            Lang::Zh
        );
        assert_eq!(
            resolve_ui_lang(None, Some("fr"), &["de", "zh-TW"]),
            Lang::Zh
        );
        assert_eq!(resolve_ui_lang(None, None, &["en-US", "zh"]), Lang::En);
        assert_eq!(resolve_ui_lang(Some("xx"), Some(""), &none), Lang::En);
    }
}
