//! Native classification throughput of the committed model: one message, and a
//! bilingual batch (messages per second = batch size / time per batch).

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
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/shopkeep.onnx"))
        .expect("model file");
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
    group.finish();
    c.bench_function("load_model", |b| {
        b.iter(|| OnnxIntentClassifier::from_bytes(black_box(&bytes)).expect("loads"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
