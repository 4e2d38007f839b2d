//! Catalog scale, natively: generated bilingual catalogs of 1k / 10k / 50k products
//! loaded and indexed from their JSON text as the widget does it on first open
//! (parse + validate + product index + the panel's catalog index), and product
//! lookups (search as the dialogue runs it). The browser figures for the same
//! catalogs are measured by `make bench` (bench/run.mjs).
//!
//! `cargo bench --bench catalog`

#[path = "../tests/conversations/synthetic.rs"]
mod synthetic;

use criterion::{BenchmarkId, Criterion};
use shopkeep::store::{ProductQuery, Store};
use shopkeep::text::Lang;
use shopkeep::web::view::CatalogIndex;
use shopkeep::StaticStore;
use std::hint::black_box;
use std::time::Duration;

const POLICIES: &str = include_str!("../www/policies.json");
const ORDERS: &str = r#"{"orders":[],"returns":[]}"#;

fn load(catalog: &str) -> (StaticStore, CatalogIndex) {
    let store = StaticStore::from_json(catalog, ORDERS, POLICIES).expect("synthetic catalog");
    let index = CatalogIndex::new(store.shared_products(), store.settings());
    (store, index)
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    for (n, name) in [(1_000, "1k"), (10_000, "10k"), (50_000, "50k")] {
        let catalog = synthetic::catalog(n);
        let json = serde_json::to_string(&catalog).expect("json");
        let mut group = c.benchmark_group(format!("catalog_{name}"));
        group.sample_size(10);
        group.bench_function("load_index", |b| {
            b.iter(|| black_box(load(black_box(&json))))
        });
        let (store, _index) = load(&json);
        let p = &catalog.products[n / 2];
        let en = p.title.get(Lang::En).to_string();
        let mut typo: Vec<char> = en.chars().collect();
        typo.remove(1);
        let typo: String = typo.into_iter().collect();
        for (kind, text) in [
            ("en", en.clone()),
            ("zh", p.title.get(Lang::Zh).to_string()),
            ("typo", typo),
        ] {
            let query = ProductQuery {
                text,
                filter: Default::default(),
                limit: 8,
            };
            group.sample_size(20);
            group.bench_with_input(BenchmarkId::new("lookup", kind), &query, |b, q| {
                b.iter(|| black_box(store.search_now(q)))
            });
        }
        group.bench_function("lookup/queries", |b| {
            b.iter(|| {
                for text in synthetic::QUERIES {
                    let query = ProductQuery {
                        text: text.to_string(),
                        filter: Default::default(),
                        limit: 8,
                    };
                    black_box(store.search_now(&query));
                }
            })
        });
        group.finish();
    }
    c.final_summary();
}
