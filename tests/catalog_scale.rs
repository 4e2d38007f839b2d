//! The product index on a generated 10,000-product catalog: every product is
//! indexed, every kind of query finds something, every id resolves. Speed is
//! measured by `cargo bench --bench dialogue` (no timing is asserted here).

#[path = "conversations/synthetic.rs"]
mod synthetic;

use shopkeep::entities::ProductIndex;

const POLICIES: &str = include_str!("../www/policies.json");

#[test]
fn ten_thousand_products() {
    let catalog = synthetic::catalog(10_000);
    let index = ProductIndex::build(&catalog.products, &catalog.categories);
    assert_eq!(index.len(), 10_000);

    let store = synthetic::store(catalog.clone(), POLICIES);

    for round in 0..3 {
        for (i, q) in synthetic::QUERIES.iter().enumerate() {
            let query = synthetic::query(q);
            let hits = store.search_now(&query);
            assert!(!hits.is_empty(), "{q} finds something");
            assert!(hits.len() <= 8, "{q}: the limit holds");
            let id = format!("p{:05}", (round * 97 + i * 31) % 10_000);
            let p = pollster::block_on(shopkeep::Store::product(&store, &id)).unwrap();
            assert_eq!(p.map(|p| p.id), Some(id));
        }
    }
}
