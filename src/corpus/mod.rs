//! The training corpus: a documented YAML format a shop owner can edit, parsed
//! without I/O (the caller reads the files).
//!
//! Two shapes are accepted in any `*.yml` / `*.yaml` file:
//!
//! ```yaml
//! # shopkeep shape: one intent, examples per language
//! intent: cart_add
//! en:
//!   - add it to my cart
//!   - put {product} in my basket
//! zh:
//!   - 加入购物车
//! ```
//!
//! ```yaml
//! # Rasa's nlu.yml shape: language detected per example
//! nlu:
//! - intent: cart_add
//!   examples: |
//!     - add it to my cart
//!     - 加入购物车
//! ```
//!
//! A file with a top-level `slots:` map defines the values of `{placeholders}`,
//! per language (a file under an `en`/`zh` folder, or keys `en:`/`zh:` per slot):
//!
//! ```yaml
//! slots:
//!   product: [hoodie, running shoes]
//! ```

use crate::intent::Intent;
use crate::text::{self, Lang};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// One labelled message, possibly with `{slot}` placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub intent: Intent,
    pub lang: Lang,
}

/// Why a corpus file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{file}: not valid YAML: {reason}")]
    Yaml { file: String, reason: String },
    #[error("{file}: {reason}")]
    Shape { file: String, reason: String },
    #[error("{file}: unknown intent {label:?} (the 23 labels are listed in docs/intents.md)")]
    UnknownIntent { file: String, label: String },
    #[error("example {text:?} uses the placeholder {{{slot}}}, but no {lang} values are defined for it in a slots file")]
    UnknownSlot {
        text: String,
        slot: String,
        lang: &'static str,
    },
}

/// A parsed corpus: examples and slot values, before template expansion.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub examples: Vec<Example>,
    /// slot name → language → values
    pub slots: BTreeMap<String, HashMap<Lang, Vec<String>>>,
    /// FNV-1a hash of every file name and content added, in order; recorded in
    /// the model so a test can tell whether the model matches the corpus.
    pub fingerprint: u64,
}

/// A YAML scalar read as text: shop owners write `- 42` or `- yes` unquoted.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Scalar {
    fn into_text(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

fn texts(v: Vec<Scalar>) -> Vec<String> {
    v.into_iter().map(Scalar::into_text).collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShopkeepFile {
    intent: String,
    #[serde(default)]
    en: Vec<Scalar>,
    #[serde(default)]
    zh: Vec<Scalar>,
}

#[derive(Deserialize)]
struct RasaFile {
    nlu: Vec<RasaItem>,
}

#[derive(Deserialize)]
struct RasaItem {
    intent: Option<String>,
    #[serde(default)]
    examples: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SlotValues {
    List(Vec<Scalar>),
    PerLang {
        #[serde(default)]
        en: Vec<Scalar>,
        #[serde(default)]
        zh: Vec<Scalar>,
    },
}

#[derive(Deserialize)]
struct SlotsFile {
    slots: BTreeMap<String, SlotValues>,
}

impl Corpus {
    /// Adds one file's content. `name` is used in messages and, when it lies under
    /// an `en/` or `zh/` folder, gives the language of a plain slot list.
    pub fn add_file(&mut self, name: &str, content: &str) -> Result<(), CorpusError> {
        let mut h = if self.fingerprint == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.fingerprint
        };
        for b in name
            .bytes()
            .chain([0u8])
            .chain(content.bytes())
            .chain([0u8])
        {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.fingerprint = h;
        let yaml_err = |e: serde_norway::Error| CorpusError::Yaml {
            file: name.to_string(),
            reason: e.to_string(),
        };
        let value: serde_norway::Value = serde_norway::from_str(content).map_err(yaml_err)?;
        let has = |key: &str| value.get(key).is_some();
        if has("slots") {
            let file: SlotsFile = serde_norway::from_value(value).map_err(yaml_err)?;
            let folder_lang = lang_of_path(name);
            for (slot, values) in file.slots {
                let entry = self.slots.entry(slot).or_default();
                match values {
                    SlotValues::List(list) => {
                        let list = texts(list);
                        let langs: &[Lang] = match folder_lang {
                            Some(l) => &[l][..],
                            None => &[Lang::En, Lang::Zh][..],
                        };
                        for &l in langs {
                            entry.entry(l).or_default().extend(list.iter().cloned());
                        }
                    }
                    SlotValues::PerLang { en, zh } => {
                        entry.entry(Lang::En).or_default().extend(texts(en));
                        entry.entry(Lang::Zh).or_default().extend(texts(zh));
                    }
                }
            }
            Ok(())
        } else if has("nlu") {
            let file: RasaFile = serde_norway::from_value(value).map_err(yaml_err)?;
            for item in file.nlu {
                // Rasa files also hold synonyms, lookups and regexes: only intents are ours.
                let Some(label) = item.intent else { continue };
                let intent = parse_intent(name, &label)?;
                for line in item.examples.lines() {
                    let text = line.trim().trim_start_matches('-').trim();
                    if text.is_empty() {
                        continue;
                    }
                    let lang = text::analyse(text).lang;
                    self.examples.push(Example {
                        text: text.to_string(),
                        intent,
                        lang,
                    });
                }
            }
            Ok(())
        } else if has("intent") {
            let file: ShopkeepFile = serde_norway::from_value(value).map_err(yaml_err)?;
            let intent = parse_intent(name, &file.intent)?;
            for (lang, list) in [(Lang::En, texts(file.en)), (Lang::Zh, texts(file.zh))] {
                for text in list {
                    let text = text.trim();
                    if !text.is_empty() {
                        self.examples.push(Example {
                            text: text.to_string(),
                            intent,
                            lang,
                        });
                    }
                }
            }
            Ok(())
        } else {
            Err(CorpusError::Shape {
                file: name.to_string(),
                reason: "expected a top-level `intent:`, `nlu:` or `slots:` key".into(),
            })
        }
    }

    /// Number of examples per (intent, language).
    pub fn counts(&self) -> BTreeMap<(Intent, Lang), usize> {
        let mut counts = BTreeMap::new();
        for e in &self.examples {
            *counts.entry((e.intent, e.lang)).or_insert(0) += 1;
        }
        counts
    }

    /// Replaces every example that has `{slot}` placeholders by `variants`
    /// fillings drawn (deterministically from `seed`) from the slot values of its
    /// language; examples without placeholders are kept as they are.
    pub fn expand(
        &self,
        examples: &[Example],
        variants: usize,
        seed: u64,
    ) -> Result<Vec<Example>, CorpusError> {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut out = Vec::with_capacity(examples.len() * 2);
        for ex in examples {
            let slots = placeholders(&ex.text);
            if slots.is_empty() {
                out.push(ex.clone());
                continue;
            }
            let mut seen = std::collections::HashSet::new();
            for _ in 0..variants {
                let mut text = ex.text.clone();
                for slot in &slots {
                    let values = self
                        .slots
                        .get(slot.as_str())
                        .and_then(|m| m.get(&ex.lang))
                        .filter(|v| !v.is_empty())
                        .ok_or_else(|| CorpusError::UnknownSlot {
                            text: ex.text.clone(),
                            slot: slot.clone(),
                            lang: ex.lang.as_str(),
                        })?;
                    let value = values.choose(&mut rng).map(String::as_str).unwrap_or("");
                    text = text.replacen(&format!("{{{slot}}}"), value, 1);
                }
                if seen.insert(text.clone()) {
                    out.push(Example {
                        text,
                        intent: ex.intent,
                        lang: ex.lang,
                    });
                }
            }
            // keep the rng stream independent of how many variants were duplicates
            let _: u32 = rng.random();
        }
        Ok(out)
    }

    /// Examples whose normalised text appears under two different intents. The
    /// trainer drops them (they would teach the model a contradiction) and reports them.
    pub fn conflicts(&self) -> Vec<(String, Vec<Intent>)> {
        let mut by_text: BTreeMap<String, Vec<Intent>> = BTreeMap::new();
        for e in &self.examples {
            let key = text::normalize(&e.text);
            let v = by_text.entry(key).or_default();
            if !v.contains(&e.intent) {
                v.push(e.intent);
            }
        }
        by_text.into_iter().filter(|(_, v)| v.len() > 1).collect()
    }
}

fn parse_intent(file: &str, label: &str) -> Result<Intent, CorpusError> {
    label
        .trim()
        .parse()
        .map_err(|_| CorpusError::UnknownIntent {
            file: file.to_string(),
            label: label.to_string(),
        })
}

fn lang_of_path(name: &str) -> Option<Lang> {
    name.split(['/', '\\'])
        .rev()
        .skip(1)
        .find_map(|part| match part {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        })
}

/// `{name}` placeholders of a template, in order (names are `[a-z_]+`).
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end)
                if end > 0
                    && after[..end]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                out.push(after[..end].to_string());
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shapes_and_slots() {
        let mut c = Corpus::default();
        c.add_file(
            "en/cart_add.yml",
            "intent: cart_add\nen:\n  - add {product} please\nzh:\n  - 加购\n",
        )
        .unwrap();
        c.add_file("x/nlu.yml", "nlu:\n- intent: greet\n  examples: |\n    - hi there\n    - 你好\n- synonym: foo\n  examples: |\n    - bar\n").unwrap();
        c.add_file(
            "en/slots.yml",
            "slots:\n  product: [mug, hoodie]\n  number: [2, two]\n",
        )
        .unwrap();
        assert_eq!(c.slots["number"][&Lang::En], vec!["2", "two"]);
        assert_eq!(c.examples.len(), 4);
        assert_eq!(c.examples[3].lang, Lang::Zh);
        let expanded = c.expand(&c.examples, 5, 1).unwrap();
        let adds: Vec<_> = expanded
            .iter()
            .filter(|e| e.text.starts_with("add "))
            .collect();
        assert_eq!(adds.len(), 2, "{adds:?}");
        assert_eq!(
            c.expand(&c.examples, 5, 1).unwrap(),
            expanded,
            "deterministic"
        );
        // zh has no product slot values
        let zh = vec![Example {
            text: "要{product}".into(),
            intent: Intent::CartAdd,
            lang: Lang::Zh,
        }];
        assert!(matches!(
            c.expand(&zh, 2, 1),
            Err(CorpusError::UnknownSlot { .. })
        ));
    }

    #[test]
    fn errors_name_the_file() {
        let mut c = Corpus::default();
        let e = c
            .add_file("a.yml", "intent: teleport\nen: [x]\n")
            .unwrap_err();
        assert!(e.to_string().contains("a.yml") && e.to_string().contains("teleport"));
        assert!(c.add_file("b.yml", "foo: [").is_err());
        assert!(c.add_file("c.yml", "hello: 1\n").is_err());
    }

    #[test]
    fn placeholder_parsing() {
        assert_eq!(
            placeholders("add {number} {product} in {size}"),
            vec!["number", "product", "size"]
        );
        assert!(placeholders("json {\"a\": 1} {}").is_empty());
    }
}
