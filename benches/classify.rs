//! Native classification throughput of the committed model (or the ONNX file in
//! `SHOPKEEP_MODEL`, for comparing exports): a bilingual batch end to end
//! (messages per second = batch size / time per batch), the graph alone on
//! pre-computed feature ids, and model loading.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use shopkeep::intent::{IntentClassifier, OnnxIntentClassifier};
use std::hint::black_box;

const MESSAGES: &[&str] = &[
    "do you have waterproof jackets under $80",
    "这件卫衣M码还有货吗",
    "add two to my cart",
    "where is my order 10482",
    "我要退货",
    "hi",
    "how much is shipping to canada",
    "这个hoodie有L码吗",
];

fn bench(c: &mut Criterion) {
    let path = std::env::var("SHOPKEEP_MODEL")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/model/shopkeep.onnx").into());
    let bytes = std::fs::read(&path).expect("model file");
    let mut model = OnnxIntentClassifier::from_bytes(&bytes).expect("model loads");
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(MESSAGES.len() as u64));
    group.bench_function("bilingual_batch_of_8", |b| {
        b.iter(|| {
            for m in MESSAGES {
                black_box(model.classify(black_box(m)));
            }
        })
    });
    let ids: Vec<Vec<i64>> = MESSAGES
        .iter()
        .map(|m| model.featurizer().featurize(m))
        .collect();
    group.bench_function("graph_only_batch_of_8", |b| {
        b.iter(|| {
            for x in &ids {
                black_box(model.probabilities_for_ids(black_box(x)).expect("runs"));
            }
        })
    });
    group.finish();
    c.bench_function("load_model", |b| {
        b.iter(|| OnnxIntentClassifier::from_bytes(black_box(&bytes)).expect("loads"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
