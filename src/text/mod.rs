//! Text normalisation shared by the trainer and the runtime.
//!
//! Contract: [`normalize`] is total — any `&str` (empty, 100,000 characters, emoji/ZWJ
//! sequences, control characters, RTL text) yields a `String` without panicking. Input
//! longer than [`MAX_INPUT_CHARS`] characters is truncated *before* any other work, so
//! the cost of a message is bounded.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Messages are cut to this many characters before normalisation. Real shopper
/// messages are far shorter; the cut bounds the work done on pasted text.
pub const MAX_INPUT_CHARS: usize = 512;

/// The two languages the assistant speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// `"en"` or `"zh"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// Which Chinese script the shopper wrote in (replies mirror it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    #[default]
    Simplified,
    Traditional,
}

/// Result of analysing one raw message.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysed {
    /// Normalised text: NFKC, lower-cased, Simplified Chinese, controls removed,
    /// whitespace collapsed.
    pub normalized: String,
    /// Language of the message (`En` when there is nothing to tell by).
    pub lang: Lang,
    /// `Traditional` when the message contained Traditional-only characters.
    pub script: Script,
}

/// True for characters that we treat as Chinese text (Han ideographs and CJK symbols
/// that carry meaning). Kana and Hangul are grouped with them so that such input
/// is featurised per character too.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Ext A
        | 0x4E00..=0x9FFF    // CJK Unified
        | 0xAC00..=0xD7AF    // Hangul
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F  // Ext B..F, Compatibility Supplement
    )
}

/// Characters removed before featurisation: C0/C1 controls, zero-width and bidi
/// formatting characters, variation selectors. They carry no meaning for intent.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFE00..=0xFE0F
            | 0xE0100..=0xE01EF | 0x00AD)
}

/// Truncates `text` to at most `max_chars` characters (on a char boundary).
pub fn truncate_chars(text: &str, max_chars: usize) -> &str {
    match text.char_indices().nth(max_chars) {
        Some((idx, _)) => &text[..idx],
        None => text,
    }
}

/// Normalises a message: truncation, NFKC (full-width → ASCII), lower case,
/// Traditional → Simplified Chinese, apostrophes and invisible characters dropped, whitespace
/// collapsed to single spaces and trimmed.
pub fn normalize(text: &str) -> String {
    analyse(text).normalized
}

/// Normalises a message and tells its language and Chinese script.
pub fn analyse(text: &str) -> Analysed {
    let cut = truncate_chars(text, MAX_INPUT_CHARS);
    let mut folded = String::with_capacity(cut.len());
    for c in cut.nfkc() {
        if is_invisible(c) {
            folded.push(' ');
        } else if c == '\'' || c == '\u{2019}' {
            // "don't" and "dont" are the same word to a shopper
        } else {
            folded.extend(c.to_lowercase());
        }
    }
    let simplified = fast2s::convert(&folded);
    let script = if simplified != folded {
        Script::Traditional
    } else {
        Script::Simplified
    };
    let mut normalized = String::with_capacity(simplified.len());
    for word in simplified.split_whitespace() {
        if !normalized.is_empty() {
            normalized.push(' ');
        }
        normalized.push_str(word);
    }
    let lang = detect_lang(&normalized);
    Analysed {
        normalized,
        lang,
        script,
    }
}

/// Language of a normalised message: Chinese when it has at least as many CJK
/// characters as Latin words ("这个hoodie有L码吗" is Chinese, "add the 卫衣 to my
/// cart" is English). Messages with neither (emoji, digits) count as English.
pub fn detect_lang(normalized: &str) -> Lang {
    let cjk = normalized.chars().filter(|&c| is_cjk(c)).count();
    if cjk == 0 {
        return Lang::En;
    }
    let latin_words = normalized
        .split(|c: char| !c.is_alphabetic() || is_cjk(c))
        .filter(|w| !w.is_empty())
        .count();
    if cjk >= latin_words {
        Lang::Zh
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_becomes_ascii_and_lowercase() {
        assert_eq!(normalize("ＯＲＤＥＲ　１０４８２"), "order 10482");
    }

    #[test]
    fn traditional_becomes_simplified() {
        let a = analyse("我的購物車");
        assert_eq!(a.normalized, "我的购物车");
        assert_eq!(a.script, Script::Traditional);
        assert_eq!(a.lang, Lang::Zh);
        assert_eq!(analyse("我的购物车").script, Script::Simplified);
    }

    #[test]
    fn controls_and_zero_width_are_dropped() {
        assert_eq!(normalize("a\u{0}b\u{200B}c\t\n  d"), "a b c d");
        assert_eq!(normalize("   "), "");
        assert_eq!(normalize("Don’t add it"), "dont add it");
    }

    #[test]
    fn language_detection() {
        assert_eq!(analyse("这个hoodie有L码吗").lang, Lang::Zh);
        assert_eq!(analyse("where is my order").lang, Lang::En);
        assert_eq!(analyse("add the 卫衣 to my cart").lang, Lang::En);
        assert_eq!(analyse("👍").lang, Lang::En);
    }

    proptest::proptest! {
        #[test]
        fn normalize_is_total_and_idempotent(s in proptest::prelude::any::<String>()) {
            let once = normalize(&s);
            proptest::prop_assert!(once.chars().count() <= MAX_INPUT_CHARS);
            proptest::prop_assert!(!once.starts_with(' ') && !once.ends_with(' '));
            proptest::prop_assert!(!once.chars().any(|c| c.is_control()));
        }
    }

    #[test]
    fn long_input_is_truncated() {
        let long = "好".repeat(100_000);
        assert_eq!(normalize(&long).chars().count(), MAX_INPUT_CHARS);
    }
}
