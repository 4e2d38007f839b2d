//! Dialogue benchmarks: reply latency on the demo shop (real model when
//! `model/shopkeep.onnx` exists) and the product index on a generated
//! 10,000-product catalog (build and search).
//!
//! `cargo bench --bench dialogue`

#[path = "../tests/conversations/synthetic.rs"]
mod synthetic;

use criterion::{BatchSize, Criterion};
use shopkeep::entities::{Filter, ProductIndex};
use shopkeep::intent::{Classification, Intent, IntentClassifier, OnnxIntentClassifier};
use shopkeep::store::{OrdersFile, ProductQuery};
use shopkeep::{Assistant, Date, StaticStore};
use std::hint::black_box;
use std::path::Path;

const CATALOG: &str = include_str!("../www/catalog.json");
const ORDERS: &str = include_str!("../www/orders.json");
const POLICIES: &str = include_str!("../www/policies.json");

/// Used only when the model file is missing: always `product_search`.
struct Fixed;
impl IntentClassifier for Fixed {
    fn classify(&mut self, text: &str) -> Classification {
        let a = shopkeep::text::analyse(text);
        Classification {
            intent: Intent::ProductSearch,
            confidence: 1.0,
            lang: a.lang,
            script: a.script,
            top: vec![(Intent::ProductSearch, 1.0)],
            normalized: a.normalized,
        }
    }
}

fn classifier() -> Box<dyn IntentClassifier> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("model/shopkeep.onnx");
    match std::fs::read(&path)
        .ok()
        .and_then(|b| OnnxIntentClassifier::from_bytes(&b).ok())
    {
        Some(c) => Box::new(c),
        None => {
            eprintln!(
                "note: {} not usable; benchmarking the dialogue with a fixed intent",
                path.display()
            );
            Box::new(Fixed)
        }
    }
}

fn demo() -> Assistant<StaticStore> {
    let store = StaticStore::from_json(CATALOG, ORDERS, POLICIES).expect("demo shop");
    let today = store
        .demo_today()
        .unwrap_or(Date::from_ymd(2026, 4, 15).expect("date"));
    Assistant::new(classifier(), store, today)
}

fn replies(c: &mut Criterion) {
    let mut group = c.benchmark_group("reply");
    for (name, msg) in [
        ("search_en", "do you have waterproof jackets under $150"),
        ("search_zh", "有没有100元以内的卫衣"),
        ("add_to_cart", "add the cloud fleece hoodie in M black"),
        (
            "order_status",
            "where is my order 10231 emma.chen@example.com",
        ),
        ("return_policy", "what's your return policy"),
    ] {
        let mut a = demo();
        group.bench_function(name, |b| {
            b.iter_batched(
                || a.session(),
                |s| {
                    a.restore(s);
                    black_box(pollster::block_on(a.respond(msg)))
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

fn index(c: &mut Criterion) {
    let catalog = synthetic::catalog(10_000);
    let mut group = c.benchmark_group("index_10k");
    group.sample_size(20);
    group.bench_function("build", |b| {
        b.iter(|| black_box(ProductIndex::build(&catalog.products, &catalog.categories)))
    });
    let store = StaticStore::from_parts(
        catalog.clone(),
        OrdersFile {
            schema: None,
            demo_today: None,
            orders: vec![],
            returns: vec![],
        },
        serde_json::from_str(POLICIES).expect("policies"),
    )
    .expect("synthetic catalog");
    group.sample_size(100);
    for (name, q) in [
        ("exact", "Classic Cotton Tee 42"),
        ("fuzzy", "leathr boots"),
        ("zh", "帆布托特包"),
        ("category", "waterproof jacket"),
    ] {
        let query = ProductQuery {
            text: q.into(),
            filter: Filter::default(),
            limit: 8,
        };
        group.bench_function(format!("search_{name}"), |b| {
            b.iter(|| black_box(store.search_now(&query)))
        });
    }
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    replies(&mut c);
    index(&mut c);
    c.final_summary();
}
