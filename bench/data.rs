//! Writes the inputs of the browser benchmarks (`make bench`) to `target/bench/`:
//!
//! * `messages.json` — the inference set: every example of the project's corpus
//!   (`model/corpus`, templates filled once, deterministically), both languages,
//!   with its intent label;
//! * `replies.json` — the reply-latency script: every turn of the scripted
//!   conversations (`tests/conversations/*.yaml`, multi-turn cart flows included),
//!   then corpus messages of every intent, alternating languages;
//! * `catalog-1k.json`, `catalog-10k.json`, `catalog-50k.json` — generated
//!   bilingual catalogs (`tests/conversations/synthetic.rs`), plus lookups.
//!
//! `cargo run --release --example bench_data -- [OUT_DIR]`

#[path = "../tests/conversations/synthetic.rs"]
mod synthetic;

use shopkeep::corpus::Example;
use shopkeep::text::Lang;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const REPLY_MESSAGES: usize = 320;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/bench"));
    std::fs::create_dir_all(&out)?;

    // the corpus, every template filled once (seed 7: not the trainer's seed)
    let corpus = shopkeep::train::read_corpus_dir(&root.join("model/corpus"))?;
    let mut examples = corpus.expand(&corpus.examples, 1, 7)?;
    examples.sort_by(|a, b| a.text.cmp(&b.text));
    examples.dedup_by(|a, b| a.text == b.text);
    // a fixed interleaving (by a hash of the text) mixes intents and languages
    examples.sort_by_key(|e| fnv(&e.text));
    let messages: Vec<_> = examples
        .iter()
        .map(|e| serde_json::json!({"text": e.text, "intent": e.intent.as_str(), "lang": e.lang.as_str()}))
        .collect();
    write(&out.join("messages.json"), &messages)?;

    // reply latency: scripted conversations first, then corpus messages of every intent
    let mut replies = Vec::new();
    let mut dir: Vec<_> = std::fs::read_dir(root.join("tests/conversations"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    dir.sort();
    let mut conversations = 0;
    for file in dir {
        let doc: serde_json::Value = serde_norway::from_str(&std::fs::read_to_string(&file)?)?;
        for conv in doc.as_array().into_iter().flatten() {
            conversations += 1;
            for turn in conv["turns"].as_array().into_iter().flatten() {
                if let Some(say) = turn["say"].as_str() {
                    replies.push(serde_json::json!({"text": say, "source": "conversation"}));
                }
            }
        }
    }
    let turns = replies.len();
    let mut by_intent: BTreeMap<(&str, &str), Vec<&Example>> = BTreeMap::new();
    for e in &examples {
        by_intent
            .entry((e.intent.as_str(), e.lang.as_str()))
            .or_default()
            .push(e);
    }
    let keys: Vec<_> = by_intent.keys().copied().collect();
    let mut round = 0;
    while replies.len() < REPLY_MESSAGES.max(turns + 100) {
        for (intent, lang) in &keys {
            if replies.len() >= REPLY_MESSAGES.max(turns + 100) {
                break;
            }
            if let Some(e) = by_intent[&(*intent, *lang)].get(round) {
                replies.push(serde_json::json!({"text": e.text, "source": "corpus", "intent": intent, "lang": lang}));
            }
        }
        round += 1;
    }
    write(&out.join("replies.json"), &replies)?;

    // catalog scale
    for (n, name) in [(1_000, "1k"), (10_000, "10k"), (50_000, "50k")] {
        let catalog = synthetic::catalog(n);
        let mut lookups: Vec<String> = catalog
            .products
            .iter()
            .step_by((n / 50).max(1))
            .flat_map(|p| {
                [
                    p.title.get(Lang::En).to_string(),
                    p.title.get(Lang::Zh).to_string(),
                    // a misspelling: drop the second character of the first word
                    misspell(p.title.get(Lang::En)),
                ]
            })
            .collect();
        // and the shopper-style queries of the scale tests (partial, misspelt, mixed)
        lookups.extend(synthetic::QUERIES.iter().map(|q| q.to_string()));
        std::fs::write(
            out.join(format!("catalog-{name}.json")),
            serde_json::to_vec(&catalog)?,
        )?;
        write(&out.join(format!("lookups-{name}.json")), &lookups)?;
    }
    eprintln!(
        "bench data in {}: {} inference messages, {} reply messages ({} turns of {} conversations), catalogs 1k/10k/50k",
        out.display(),
        messages.len(),
        replies.len(),
        turns,
        conversations
    );
    Ok(())
}

fn misspell(s: &str) -> String {
    let mut cs: Vec<char> = s.chars().collect();
    if cs.len() > 3 {
        cs.remove(1);
    }
    cs.into_iter().collect()
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn write(path: &Path, value: &impl serde::Serialize) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::write(path, serde_json::to_vec(value)?)?;
    Ok(())
}
