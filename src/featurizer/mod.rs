//! Hashed n-gram features for Latin, Chinese and code-mixed text.
//!
//! The same [`Featurizer`] is used by the trainer and at inference (no train/serve
//! skew): it turns a raw message into a bag of bucket ids, the input of the ONNX
//! model's embedding bag. Its configuration travels inside the model file, so a model
//! is always read with the featuriser it was trained with.
//!
//! Features, each hashed (FNV-1a) into `buckets` ids:
//! - one always-present bias feature, so the bag is never empty;
//! - token unigrams and bigrams over one token stream in which a Latin word, a
//!   number, a symbol (emoji, currency sign) and each CJK character are tokens —
//!   this covers Chinese character bigrams and code-mixed pairs such as "有|l";
//! - CJK character trigrams;
//! - character n-grams of each Latin word with boundary marks (`<chekout>`), which
//!   keep misspelt words close to their correct spelling.

use crate::text::{self, is_cjk};
use serde::{Deserialize, Serialize};

/// The featuriser algorithm version this code implements.
pub const FEATURIZER_VERSION: u32 = 1;

/// Featuriser settings, stored in the model file's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeaturizerConfig {
    /// Algorithm version; must equal [`FEATURIZER_VERSION`].
    pub version: u32,
    /// Number of hash buckets (rows of the embedding table).
    pub buckets: u32,
    /// Smallest and largest character n-gram taken from Latin words.
    pub char_ngram_min: u32,
    pub char_ngram_max: u32,
    /// At most this many feature ids per message.
    pub max_features: u32,
}

impl Default for FeaturizerConfig {
    fn default() -> Self {
        FeaturizerConfig {
            version: FEATURIZER_VERSION,
            buckets: 1 << 14,
            char_ngram_min: 3,
            char_ngram_max: 5,
            max_features: 2048,
        }
    }
}

/// Why a featuriser configuration cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FeaturizerError {
    #[error("featuriser version {found} is not supported (this build reads version {expected})")]
    Version { found: u32, expected: u32 },
    #[error("featuriser configuration is invalid: {0}")]
    Invalid(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Cjk,
    Symbol,
}

#[derive(Debug, Clone)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
}

/// Turns messages into bags of hashed feature ids.
#[derive(Debug, Clone)]
pub struct Featurizer {
    config: FeaturizerConfig,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(tag: u8) -> Self {
        Fnv(FNV_OFFSET).byte(tag)
    }
    fn byte(self, b: u8) -> Self {
        Fnv((self.0 ^ b as u64).wrapping_mul(FNV_PRIME))
    }
    fn bytes(mut self, bs: &[u8]) -> Self {
        for &b in bs {
            self = self.byte(b);
        }
        self
    }
    fn finish(self) -> u64 {
        // final avalanche (splitmix64) so that `% buckets` uses all bits
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl Featurizer {
    /// Builds a featuriser; checks the configuration (no I/O).
    pub fn new(config: FeaturizerConfig) -> Result<Self, FeaturizerError> {
        if config.version != FEATURIZER_VERSION {
            return Err(FeaturizerError::Version {
                found: config.version,
                expected: FEATURIZER_VERSION,
            });
        }
        if config.buckets < 16 || config.buckets > (1 << 24) {
            return Err(FeaturizerError::Invalid("buckets must be in 16..=16777216"));
        }
        if config.char_ngram_min == 0 || config.char_ngram_min > config.char_ngram_max {
            return Err(FeaturizerError::Invalid(
                "char n-gram range must satisfy 1 <= min <= max",
            ));
        }
        if config.char_ngram_max > 8 {
            return Err(FeaturizerError::Invalid("char_ngram_max must be <= 8"));
        }
        if config.max_features == 0 {
            return Err(FeaturizerError::Invalid("max_features must be > 0"));
        }
        Ok(Featurizer { config })
    }

    pub fn config(&self) -> &FeaturizerConfig {
        &self.config
    }

    /// Feature ids of a raw message (normalises it first).
    pub fn featurize(&self, raw: &str) -> Vec<i64> {
        let mut out = Vec::new();
        self.featurize_normalized_into(&text::normalize(raw), &mut out);
        out
    }

    /// Feature ids of an already-normalised message, written into `out` (cleared
    /// first). Never empty: the bias feature comes first.
    pub fn featurize_normalized_into(&self, normalized: &str, out: &mut Vec<i64>) {
        out.clear();
        let cap = self.config.max_features as usize;
        let buckets = self.config.buckets as u64;
        let push = |h: Fnv, out: &mut Vec<i64>| {
            if out.len() < cap {
                out.push((h.finish() % buckets) as i64);
            }
        };
        push(Fnv::new(b'B'), out);

        let tokens = tokenize(normalized);
        let mut chars: Vec<char> = Vec::with_capacity(32);
        let mut buf = [0u8; 4];
        for (i, tok) in tokens.iter().enumerate() {
            push(token_hash(Fnv::new(b'U'), tok), out);
            if let Some(next) = tokens.get(i + 1) {
                push(
                    token_hash(token_hash(Fnv::new(b'G'), tok).byte(b'|'), next),
                    out,
                );
                if let Some(third) = tokens.get(i + 2) {
                    if tok.kind == Kind::Cjk && next.kind == Kind::Cjk && third.kind == Kind::Cjk {
                        let h = Fnv::new(b'T')
                            .bytes(tok.text.as_bytes())
                            .bytes(next.text.as_bytes())
                            .bytes(third.text.as_bytes());
                        push(h, out);
                    }
                }
            }
            if tok.kind == Kind::Word {
                chars.clear();
                chars.push('<');
                chars.extend(tok.text.chars());
                chars.push('>');
                let min = self.config.char_ngram_min as usize;
                let max = self.config.char_ngram_max as usize;
                for n in min..=max {
                    if n > chars.len() {
                        break;
                    }
                    for window in chars.windows(n) {
                        let mut h = Fnv::new(b'C');
                        for c in window {
                            h = h.bytes(c.encode_utf8(&mut buf).as_bytes());
                        }
                        push(h, out);
                    }
                }
            }
            if out.len() >= cap {
                break;
            }
        }
    }
}

fn token_hash(h: Fnv, tok: &Token<'_>) -> Fnv {
    match tok.kind {
        // numbers are hashed by their length class only: "10482" and "20931" are
        // the same feature, "2" and "10482" are not
        Kind::Number => {
            let class = match tok.text.len() {
                1 => b'1',
                2..=3 => b'2',
                _ => b'4',
            };
            h.byte(b'#').byte(class)
        }
        _ => h.bytes(tok.text.as_bytes()),
    }
}

/// Splits normalised text into tokens; punctuation separates tokens and is not a
/// token (apostrophes were already removed by normalisation: "don't" → "dont").
fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut word_has_alpha = false;
    fn flush<'a>(
        s: &'a str,
        start: &mut Option<usize>,
        has_alpha: &mut bool,
        end: usize,
        tokens: &mut Vec<Token<'a>>,
    ) {
        if let Some(st) = start.take() {
            let text = &s[st..end];
            let kind = if *has_alpha { Kind::Word } else { Kind::Number };
            tokens.push(Token { kind, text });
        }
        *has_alpha = false;
    }
    for (i, c) in s.char_indices() {
        if is_cjk(c) {
            flush(s, &mut word_start, &mut word_has_alpha, i, &mut tokens);
            tokens.push(Token {
                kind: Kind::Cjk,
                text: &s[i..i + c.len_utf8()],
            });
        } else if c.is_alphanumeric() || c == '_' {
            if word_start.is_none() {
                word_start = Some(i);
            }
            word_has_alpha |= !c.is_numeric();
        } else {
            flush(s, &mut word_start, &mut word_has_alpha, i, &mut tokens);
            if !c.is_whitespace() && !is_punctuation(c) {
                tokens.push(Token {
                    kind: Kind::Symbol,
                    text: &s[i..i + c.len_utf8()],
                });
            }
        }
    }
    flush(
        s,
        &mut word_start,
        &mut word_has_alpha,
        s.len(),
        &mut tokens,
    );
    tokens
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '$' | '%' | '+' | '&' | '@')
        || matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFF65 | 0x00A1..=0x00BF)
            && !matches!(c, '¥' | '£' | '€' | '¢')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f() -> Featurizer {
        Featurizer::new(FeaturizerConfig::default()).unwrap()
    }

    #[test]
    fn never_empty_and_in_range() {
        let fz = f();
        for s in [
            "",
            "   ",
            "\u{0}",
            "👍",
            "where is my order 10482",
            "这个hoodie有L码吗",
        ] {
            let ids = fz.featurize(s);
            assert!(!ids.is_empty());
            assert!(ids
                .iter()
                .all(|&i| i >= 0 && i < fz.config().buckets as i64));
        }
    }

    #[test]
    fn traditional_and_full_width_share_features() {
        let fz = f();
        assert_eq!(fz.featurize("購物車"), fz.featurize("购物车"));
        assert_eq!(fz.featurize("ＣＨＥＣＫＯＵＴ"), fz.featurize("checkout"));
    }

    #[test]
    fn typo_shares_most_char_ngrams() {
        let fz = f();
        let a: std::collections::HashSet<_> = fz.featurize("checkout").into_iter().collect();
        let b: std::collections::HashSet<_> = fz.featurize("chekout").into_iter().collect();
        assert!(a.intersection(&b).count() >= 5);
    }

    #[test]
    fn numbers_hash_by_length_class() {
        let fz = f();
        assert_eq!(fz.featurize("order 10482"), fz.featurize("order 99311"));
        assert_ne!(fz.featurize("order 10482"), fz.featurize("order 2"));
    }

    #[test]
    fn tokenizer_handles_mixed_text() {
        let toks: Vec<_> = tokenize("这个hoodie有l码吗? dont $50 👍")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            toks,
            vec!["这", "个", "hoodie", "有", "l", "码", "吗", "dont", "$", "50", "👍"]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_input_gives_bounded_in_range_ids(s in proptest::prelude::any::<String>(), n in 1usize..400) {
            let fz = f();
            let text = s.repeat(n);
            let ids = fz.featurize(&text);
            proptest::prop_assert!(!ids.is_empty());
            proptest::prop_assert!(ids.len() <= fz.config().max_features as usize);
            proptest::prop_assert!(ids.iter().all(|&i| i >= 0 && i < fz.config().buckets as i64));
        }
    }

    #[test]
    fn rejects_bad_config() {
        let c = FeaturizerConfig {
            version: 99,
            ..FeaturizerConfig::default()
        };
        assert!(matches!(
            Featurizer::new(c),
            Err(FeaturizerError::Version { .. })
        ));
        let c = FeaturizerConfig {
            char_ngram_min: 6,
            char_ngram_max: 3,
            ..FeaturizerConfig::default()
        };
        assert!(Featurizer::new(c).is_err());
    }
}
