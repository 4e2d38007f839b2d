//! The committed model: it loads, matches the committed corpus, meets the
//! held-out accuracy bar, survives hostile input, and a damaged file is a typed
//! error rather than a panic.
#![cfg(feature = "train")]

use proptest::prelude::*;
use prost::Message;
use shopkeep::intent::{Intent, IntentClassifier, ModelError, OnnxIntentClassifier};
use shopkeep::metrics::{Report, Scored};
use shopkeep::text::Lang;
use shopkeep::train::{self, TrainConfig, KEY_TRAINING};
use std::path::Path;
use tract_onnx::pb::ModelProto;

fn model_bytes() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("model/shopkeep.onnx"))
        .expect("model/shopkeep.onnx is committed")
}

fn model() -> OnnxIntentClassifier {
    OnnxIntentClassifier::from_bytes(&model_bytes()).expect("committed model loads")
}

fn training_metadata() -> serde_json::Value {
    let proto = ModelProto::decode(model_bytes().as_slice()).expect("protobuf");
    let raw = proto
        .metadata_props
        .iter()
        .find(|p| p.key == KEY_TRAINING)
        .expect("training metadata")
        .value
        .clone();
    serde_json::from_str(&raw).expect("json")
}

#[test]
fn committed_model_was_trained_on_committed_corpus() {
    let corpus =
        train::read_corpus_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("model/corpus"))
            .expect("corpus parses");
    let recorded = training_metadata()["corpus_fingerprint"]
        .as_str()
        .expect("fingerprint")
        .to_string();
    assert_eq!(
        recorded,
        format!("{:016x}", corpus.fingerprint),
        "model/corpus changed since model/shopkeep.onnx was trained: run `make model`"
    );
}

/// Floors at the committed model's measured held-out accuracy (90.6% overall,
/// en 92.3%, zh 88.7%), so a retrain that gets worse fails the build. The
/// issue's target is 95% overall / 93% per language and is NOT met yet
/// (see README, "Measured numbers").
const FLOOR_ALL: f64 = 0.90;
const FLOOR_LANG_EN: f64 = 0.91;
const FLOOR_LANG_ZH: f64 = 0.875;

#[test]
fn heldout_accuracy_does_not_regress() {
    let meta = training_metadata();
    let corpus =
        train::read_corpus_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("model/corpus"))
            .expect("corpus parses");
    let cfg = TrainConfig {
        seed: meta["seed"].as_u64().expect("seed"),
        holdout_fraction: meta["holdout_fraction"].as_f64().expect("fraction"),
        template_variants: meta["template_variants"].as_u64().expect("variants") as usize,
        ..TrainConfig::default()
    };
    let (train_set, heldout) = train::split_corpus(&corpus, &cfg).expect("split");
    assert!(
        heldout.len() * 100 >= 15 * (heldout.len() + train_set.len()) / 2,
        "held-out split is too small"
    );
    let mut m = model();
    let mut all = Vec::new();
    let (mut en, mut zh) = (Vec::new(), Vec::new());
    for ex in &heldout {
        let s = Scored {
            accept: vec![ex.intent],
            predicted: m.classify(&ex.text).intent,
        };
        if ex.lang == Lang::En {
            en.push(s.clone())
        } else {
            zh.push(s.clone())
        }
        all.push(s);
    }
    let (all, en, zh) = (Report::new(&all), Report::new(&en), Report::new(&zh));
    println!("{}", all.render("held-out"));
    assert!(
        all.accuracy() >= FLOOR_ALL,
        "held-out accuracy {:.4} < {FLOOR_ALL}",
        all.accuracy()
    );
    assert!(
        en.accuracy() >= FLOOR_LANG_EN,
        "English held-out accuracy {:.4} < {FLOOR_LANG_EN}",
        en.accuracy()
    );
    assert!(
        zh.accuracy() >= FLOOR_LANG_ZH,
        "Chinese held-out accuracy {:.4} < {FLOOR_LANG_ZH}",
        zh.accuracy()
    );
}

#[test]
fn obvious_messages_in_both_languages() {
    let mut m = model();
    for (text, want) in [
        ("where is my order 10482", Intent::OrderStatus),
        ("我要退货", Intent::ReturnRequest),
        ("這件衛衣M碼還有貨嗎", Intent::StockCheck),
        ("add two to my cart", Intent::CartAdd),
        ("what's the weather like tomorrow", Intent::OutOfScope),
    ] {
        let c = m.classify(text);
        assert_eq!(c.intent, want, "{text}: {c:?}");
        assert_eq!(c.top.len(), 3);
        assert!(c.top[0].1 >= c.top[1].1 && c.top[1].1 >= c.top[2].1);
    }
    assert_eq!(m.classify("這件還有貨嗎").lang, Lang::Zh);
}

#[test]
fn damaged_files_are_typed_errors() {
    let bytes = model_bytes();
    assert!(matches!(
        OnnxIntentClassifier::from_bytes(&[]),
        Err(ModelError::MissingMetadata(_) | ModelError::Corrupt(_))
    ));
    assert!(matches!(
        OnnxIntentClassifier::from_bytes(b"not a model at all"),
        Err(ModelError::Corrupt(_))
    ));
    for cut in [1, 10, bytes.len() / 3, bytes.len() - 7] {
        assert!(
            OnnxIntentClassifier::from_bytes(&bytes[..cut]).is_err(),
            "truncated at {cut}"
        );
    }
    let mut flipped = bytes.clone();
    for i in (0..flipped.len()).step_by(97) {
        flipped[i] ^= 0x5a;
    }
    let _ = OnnxIntentClassifier::from_bytes(&flipped); // may load or fail; must not panic

    let proto = ModelProto::decode(bytes.as_slice()).expect("protobuf");
    let mut wrong_version = proto.clone();
    for p in &mut wrong_version.metadata_props {
        if p.key == "shopkeep.format_version" {
            p.value = "999".into();
        }
    }
    assert!(matches!(
        OnnxIntentClassifier::new(wrong_version),
        Err(ModelError::Version { .. })
    ));
    let mut no_meta = proto.clone();
    no_meta.metadata_props.clear();
    assert!(matches!(
        OnnxIntentClassifier::new(no_meta),
        Err(ModelError::MissingMetadata(_))
    ));
    let mut fewer_labels = proto;
    for p in &mut fewer_labels.metadata_props {
        if p.key == "shopkeep.labels" {
            p.value = "[\"greet\",\"deny\"]".into();
        }
    }
    assert!(matches!(
        OnnxIntentClassifier::new(fewer_labels),
        Err(ModelError::Labels(_))
    ));
}

thread_local! {
    static MODEL: std::cell::RefCell<OnnxIntentClassifier> = std::cell::RefCell::new(model());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gets_a_classification(s in any::<String>()) {
        let c = MODEL.with(|m| m.borrow_mut().classify(&s));
        prop_assert!(c.confidence.is_finite() && (0.0..=1.0001).contains(&c.confidence));
        prop_assert_eq!(c.top.len(), 3);
    }

    #[test]
    fn hostile_text_gets_a_classification(
        base in "[a-z \u{4e00}-\u{4e20}👍🏽\u{200d}\u{202e}\u{0}-\u{1f}]{0,64}",
        repeat in 1usize..3000,
    ) {
        let long = base.repeat(repeat);
        let c = MODEL.with(|m| m.borrow_mut().classify(&long));
        prop_assert!(c.confidence.is_finite());
    }
}
