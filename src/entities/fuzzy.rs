//! Tokens, light stemming and bounded edit distance for matching shopper words
//! against catalog words.

use crate::text::is_cjk;
use std::borrow::Cow;

/// A piece of normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A run of letters/digits that are not CJK ("hoodie", "350ml").
    Word(&'a str),
    /// A run of CJK characters ("跑鞋").
    Cjk(&'a str),
}

/// Splits normalised text into words and CJK runs; everything else separates.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    Pieces::new(text).collect()
}

/// [`pieces`] one at a time, without collecting them.
#[derive(Debug, Clone)]
pub struct Pieces<'a> {
    rest: &'a str,
}

impl<'a> Pieces<'a> {
    pub fn new(text: &'a str) -> Self {
        Pieces { rest: text }
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let text = self.rest;
        let bytes = text.as_bytes();
        let mut start: Option<(usize, bool)> = None;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // ASCII decided from the byte; other characters decoded
            let (kind, len) = if b.is_ascii() {
                (b.is_ascii_alphanumeric().then_some(false), 1)
            } else {
                let c = text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
                let kind = if is_cjk(c) {
                    Some(true)
                } else if c.is_alphanumeric() {
                    Some(false)
                } else {
                    None
                };
                (kind, c.len_utf8())
            };
            match start {
                Some((_, k0)) if kind == Some(k0) => {}
                Some((s, cjk)) => {
                    self.rest = text.get(i..).unwrap_or_default();
                    return piece(text, s, i, cjk);
                }
                None => start = kind.map(|k| (i, k)),
            }
            i += len;
        }
        self.rest = "";
        let (s, cjk) = start?;
        piece(text, s, text.len(), cjk)
    }
}

fn piece(text: &str, s: usize, e: usize, cjk: bool) -> Option<Piece<'_>> {
    let t = text.get(s..e)?;
    Some(if cjk { Piece::Cjk(t) } else { Piece::Word(t) })
}

/// A crude English stemmer that maps singular and plural to one form: "hoodies"
/// and "hoodie" → "hoody", "boxes" → "box", "glasses" → "glass", "berries" →
/// "berry". Short words are left alone. Only equality of stems matters.
pub fn stem(word: &str) -> Cow<'_, str> {
    let n = word.len();
    // every rule below needs a final "s" or "e"
    if n <= 3 || !matches!(word.as_bytes().last(), Some(b's' | b'e')) || !word.is_ascii() {
        return Cow::Borrowed(word);
    }
    if let Some(base) = word.strip_suffix("ies").or_else(|| word.strip_suffix("ie")) {
        if base.len() >= 2 {
            let mut s = String::with_capacity(base.len() + 1);
            s.push_str(base);
            s.push('y');
            return Cow::Owned(s);
        }
    }
    for suffix in ["sses", "shes", "ches", "xes", "zes"] {
        if word.ends_with(suffix) {
            return Cow::Borrowed(&word[..n - 2]);
        }
    }
    if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return Cow::Borrowed(&word[..n - 1]);
    }
    Cow::Borrowed(word)
}

/// Damerau–Levenshtein (optimal string alignment) distance between `a` and `b`
/// if it is at most `max`, else `None`. Works on characters; cost O(len² ).
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a.len() > 64 || b.len() > 64 {
        return if a == b { Some(0) } else { None };
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// The largest edit distance tolerated for a query word of `len` characters.
pub fn tolerance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Character trigrams of a word with boundary marks (`^ho`, `hoo`, …, `ie$`).
pub fn trigrams(word: &str) -> Vec<[char; 3]> {
    let mut chars = Vec::with_capacity(word.len() + 2);
    chars.push('^');
    chars.extend(word.chars());
    chars.push('$');
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_mixed_text() {
        let p = pieces("这个hoodie有l码吗? 350ml");
        assert_eq!(
            p,
            vec![
                Piece::Cjk("这个"),
                Piece::Word("hoodie"),
                Piece::Cjk("有"),
                Piece::Word("l"),
                Piece::Cjk("码吗"),
                Piece::Word("350ml"),
            ]
        );
        assert!(pieces("").is_empty());
        assert!(pieces("!!! 👍").is_empty());
    }

    /// The splitting rule, one character at a time.
    fn reference_pieces(text: &str) -> Vec<Piece<'_>> {
        let kind = |c: char| {
            if is_cjk(c) {
                Some(true)
            } else if c.is_alphanumeric() {
                Some(false)
            } else {
                None
            }
        };
        let mut out = Vec::new();
        let mut start: Option<(usize, bool)> = None;
        for (i, c) in text.char_indices() {
            let k = kind(c);
            if let Some((s, k0)) = start {
                if k == Some(k0) {
                    continue;
                }
                let t = &text[s..i];
                out.push(if k0 { Piece::Cjk(t) } else { Piece::Word(t) });
            }
            start = k.map(|k| (i, k));
        }
        if let Some((s, k0)) = start {
            let t = &text[s..];
            out.push(if k0 { Piece::Cjk(t) } else { Piece::Word(t) });
        }
        out
    }

    #[test]
    fn pieces_follow_the_rule_on_any_text() {
        for text in [
            "这个hoodie有l码吗? 350ml",
            "Café naïve Ärmel straße",
            "T恤×2件 👍🏽 ok",
            "한국어텍스트 and カタカナ",
            "ＦＵＬＬ　ｗｉｄｔｈ１２",
            "e\u{301}galite\u{0}\u{7f}x",
            "𠀀𠀁 ext-b",
            "",
            " ",
        ] {
            assert_eq!(pieces(text), reference_pieces(text), "{text:?}");
        }
    }

    #[test]
    fn stems_plurals() {
        assert_eq!(stem("hoodies"), stem("hoodie"));
        assert_eq!(stem("cookies"), stem("cookie"));
        assert_eq!(stem("boxes"), "box");
        assert_eq!(stem("glasses"), "glass");
        assert_eq!(stem("berries"), "berry");
        assert_eq!(stem("shoes"), "shoe");
        assert_eq!(stem("dress"), "dress");
        assert_eq!(stem("mugs"), "mug");
        assert_eq!(stem("bus"), "bus");
    }

    #[test]
    fn bounded_distance() {
        assert_eq!(edit_distance("hoodie", "hoodie", 1), Some(0));
        assert_eq!(edit_distance("hoddie", "hoodie", 1), Some(1));
        assert_eq!(edit_distance("hodie", "hoodie", 1), Some(1));
        assert_eq!(edit_distance("hoodei", "hoodie", 1), Some(1));
        assert_eq!(edit_distance("jacket", "hoodie", 2), None);
        assert_eq!(edit_distance("", "", 0), Some(0));
        assert_eq!(edit_distance("跑步鞋", "跑鞋", 1), Some(1));
    }

    #[test]
    fn trigram_marks() {
        assert_eq!(trigrams("ab"), vec![['^', 'a', 'b'], ['a', 'b', '$']]);
        assert!(trigrams("").is_empty());
    }
}
