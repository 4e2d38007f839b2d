//! Dialogue benchmarks: reply latency on the demo shop (real model when
//! `model/shopkeep.onnx` exists) and the product index on a generated
//! 10,000-product catalog (build and search).
//!
//! `cargo bench --bench dialogue`

#[path = "../tests/conversations/synthetic.rs"]
mod synthetic;

use criterion::{BatchSize, Criterion};
use shopkeep::entities::ProductIndex;
use shopkeep::intent::{Classification, Intent, IntentClassifier, OnnxIntentClassifier};
use shopkeep::{Assistant, Date, StaticStore};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

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
        // every iteration answers `msg` from the same fresh conversation
        let fresh = a.session();
        group.bench_function(name, |b| {
            b.iter_batched(
                || fresh.clone(),
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
    let store = synthetic::store(catalog.clone(), POLICIES);
    group.sample_size(100);
    for (name, q) in [
        ("exact", "Classic Cotton Tee 42"),
        ("fuzzy", "leathr boots"),
        ("zh", "帆布托特包"),
        ("category", "waterproof jacket"),
    ] {
        let query = synthetic::query(q);
        group.bench_function(format!("search_{name}"), |b| {
            b.iter(|| black_box(store.search_now(&query)))
        });
    }
    group.finish();
}

fn percentile(samples: &mut [Duration], p: usize) -> Duration {
    samples.sort();
    samples[(samples.len() * p).div_ceil(100).saturating_sub(1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Distributions criterion does not print: the median reply over a bilingual
/// conversation mix on the demo shop, and for generated catalogs the index
/// build (median of 5) and the p50/p95 of search over the shopper-query mix
/// and of lookup by id. Written to stdout and `target/bench/dialogue.json`.
fn distributions() {
    let mut a = demo();
    let conversation = [
        "hi",
        "do you have hoodies under $60?",
        "add the cloud fleece hoodie",
        "M",
        "make it 2",
        "what's in my cart",
        "what is your return policy",
        "where is my order 10231",
        "有没有100元以内的卫衣",
        "这件M码还有货吗",
        "加入购物车",
        "看看购物车",
        "包邮吗",
        "谢谢",
    ];
    let mut replies = Vec::new();
    for _ in 0..30 {
        let fresh = a.session();
        for msg in conversation {
            let t = Instant::now();
            black_box(pollster::block_on(a.respond(msg)));
            replies.push(t.elapsed());
        }
        a.restore(fresh);
    }
    let reply_p50 = percentile(&mut replies, 50);
    let reply_p95 = percentile(&mut replies, 95);
    println!(
        "demo shop reply: p50 {:.3} ms, p95 {:.3} ms over {} replies",
        ms(reply_p50),
        ms(reply_p95),
        replies.len()
    );
    let mut scale = Vec::new();
    for n in [1_000, 10_000, 50_000] {
        let catalog = synthetic::catalog(n);
        let mut builds: Vec<Duration> = (0..5)
            .map(|_| {
                let t = Instant::now();
                black_box(ProductIndex::build(&catalog.products, &catalog.categories));
                t.elapsed()
            })
            .collect();
        let build = percentile(&mut builds, 50);
        let store = synthetic::store(catalog, POLICIES);
        let (mut search, mut by_id) = (Vec::new(), Vec::new());
        for round in 0..20 {
            for (i, q) in synthetic::QUERIES.iter().enumerate() {
                let query = synthetic::query(q);
                let t = Instant::now();
                black_box(store.search_now(&query));
                search.push(t.elapsed());
                let id = format!("p{:05}", (round * 97 + i * 31) % n);
                let t = Instant::now();
                black_box(pollster::block_on(shopkeep::Store::product(&store, &id)).ok());
                by_id.push(t.elapsed());
            }
        }
        let row = serde_json::json!({
            "products": n,
            "index_build_ms": ms(build),
            "search_p50_ms": ms(percentile(&mut search, 50)),
            "search_p95_ms": ms(percentile(&mut search, 95)),
            "lookup_by_id_p95_ms": ms(percentile(&mut by_id, 95)),
            "searches": search.len(),
        });
        println!("catalog {n}: {row}");
        scale.push(row);
    }
    let out = serde_json::json!({
        "reply_p50_ms": ms(reply_p50),
        "reply_p95_ms": ms(reply_p95),
        "replies": replies.len(),
        "catalogs": scale,
    });
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join("dialogue.json"), out.to_string());
    }
}

fn main() {
    distributions();
    let mut c = Criterion::default().configure_from_args();
    replies(&mut c);
    index(&mut c);
    c.final_summary();
}
