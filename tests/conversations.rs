//! Scripted multi-turn conversations (`tests/conversations/*.yaml`) through the
//! real model (`model/shopkeep.onnx`) and the demo shop (`www/*.json`).
//!
//! Each conversation starts fresh (empty cart, demo data, today = the demo's
//! `demo_today`). Each turn may expect: the intent acted on (`intent`, one label
//! or a list), the exact cart afterwards (`cart`, variant id → quantity),
//! substrings the reply must and must not contain, the reply language and
//! script, and the product ids of the cards. Every failure is collected and
//! reported at the end. `SHOPKEEP_CONVERSATION=<substring>` runs only matching
//! conversations.

use proptest::prelude::*;
use serde::Deserialize;
use shopkeep::intent::OnnxIntentClassifier;
use shopkeep::{Assistant, Reply, StaticStore};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const CATALOG: &str = include_str!("../www/catalog.json");
const ORDERS: &str = include_str!("../www/orders.json");
const POLICIES: &str = include_str!("../www/policies.json");

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn accepts(&self, label: &str) -> bool {
        match self {
            OneOrMany::One(x) => x == label,
            OneOrMany::Many(xs) => xs.iter().any(|x| x == label),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TurnSpec {
    say: String,
    #[serde(default)]
    intent: Option<OneOrMany>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    not_contains: Vec<String>,
    #[serde(default)]
    cart: Option<BTreeMap<String, u32>>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    script: Option<String>,
    #[serde(default)]
    cards: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Conversation {
    name: String,
    turns: Vec<TurnSpec>,
}

fn model_bytes() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("model/shopkeep.onnx");
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!("the conversation suite runs through the real model, but {} cannot be read ({e}); train it with `make model`", path.display())
    })
}

fn assistant(model: &[u8]) -> Assistant<StaticStore> {
    let classifier = OnnxIntentClassifier::from_bytes(model).expect("model loads");
    let store = StaticStore::from_json(CATALOG, ORDERS, POLICIES).expect("demo shop loads");
    let today = store.demo_today().expect("the demo fixes its date");
    Assistant::new(Box::new(classifier), store, today)
}

fn fixtures() -> Vec<(PathBuf, Conversation)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conversations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/conversations exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("fixture is readable");
        let convs: Vec<Conversation> =
            serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        out.extend(convs.into_iter().map(|c| (f.clone(), c)));
    }
    out
}

fn check(spec: &TurnSpec, r: &Reply) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(want) = &spec.intent {
        if !want.accepts(r.intent.as_str()) {
            problems.push(format!("intent {} (expected {want:?})", r.intent));
        }
    }
    for s in &spec.contains {
        if !r.text.contains(s.as_str()) {
            problems.push(format!("missing {s:?}"));
        }
    }
    for s in &spec.not_contains {
        if r.text.contains(s.as_str()) {
            problems.push(format!("must not contain {s:?}"));
        }
    }
    if let Some(want) = &spec.cart {
        let got: BTreeMap<String, u32> = r
            .cart
            .items
            .iter()
            .map(|i| (i.variant_id.clone(), i.quantity))
            .collect();
        if &got != want {
            problems.push(format!("cart {got:?} (expected {want:?})"));
        }
    }
    if let Some(l) = &spec.lang {
        if r.lang.as_str() != l {
            problems.push(format!("lang {} (expected {l})", r.lang.as_str()));
        }
    }
    if let Some(s) = &spec.script {
        let got = serde_json::to_value(r.script)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if &got != s {
            problems.push(format!("script {got} (expected {s})"));
        }
    }
    if let Some(ids) = &spec.cards {
        let got: Vec<&str> = r.cards.iter().map(|c| c.product_id.as_str()).collect();
        if !ids.iter().all(|id| got.contains(&id.as_str())) {
            problems.push(format!("cards {got:?} (expected to include {ids:?})"));
        }
    }
    problems
}

#[test]
fn scripted_conversations() {
    let model = model_bytes();
    let filter = std::env::var("SHOPKEEP_CONVERSATION").unwrap_or_default();
    let all = fixtures();
    assert!(
        all.len() >= 40,
        "at least 40 conversations, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    let mut turns = 0;
    let mut ran = 0;
    for (file, conv) in &all {
        if !conv.name.contains(&filter) {
            continue;
        }
        ran += 1;
        let mut a = assistant(&model);
        for (i, spec) in conv.turns.iter().enumerate() {
            turns += 1;
            let reply = pollster::block_on(a.respond(&spec.say));
            let problems = check(spec, &reply);
            if !problems.is_empty() {
                failures.push(format!(
                    "{} — {:?}, turn {} {:?}:\n    {}\n    reply [{}]: {}",
                    file.file_name()
                        .map(|f| f.to_string_lossy().to_string())
                        .unwrap_or_default(),
                    conv.name,
                    i + 1,
                    spec.say,
                    problems.join("\n    "),
                    reply.intent,
                    reply.text.replace('\n', "\n        ")
                ));
            }
        }
    }
    eprintln!(
        "{ran} conversations, {turns} turns, {} failing turns",
        failures.len()
    );
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
}

#[test]
fn fixtures_are_bilingual_and_cover_the_brief() {
    let all = fixtures();
    let zh = all
        .iter()
        .filter(|(_, c)| {
            c.turns.iter().any(|t| {
                t.say
                    .chars()
                    .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))
            })
        })
        .count();
    assert!(zh >= 12, "{zh} conversations use Chinese");
    let traditional = all
        .iter()
        .filter(|(_, c)| {
            c.turns
                .iter()
                .any(|t| t.script.as_deref() == Some("traditional"))
        })
        .count();
    assert!(traditional >= 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any text — emoji, control characters, very long input — gets a reply.
    #[test]
    fn respond_never_panics_with_the_real_model(
        msgs in proptest::collection::vec(
            prop_oneof![
                any::<String>(),
                "\\PC{0,40}",
                "[\\u{0}-\\u{1f}\\u{7f}\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}]{0,20}",
                "[😀-🙏👍🛒🤷‍♀️]{1,12}",
                Just("加".repeat(10_000)),
                Just("add ".repeat(2_500)),
            ],
            1..5,
        )
    ) {
        let model = model_bytes();
        let mut a = assistant(&model);
        for m in msgs {
            let r = pollster::block_on(a.respond(&m));
            prop_assert!(!r.text.is_empty());
        }
    }
}
