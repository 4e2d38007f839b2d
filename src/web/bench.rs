//! Measurement hooks for `make bench` (bench/run.mjs), exported from the shipped
//! bundle so the benchmark measures the very wasm shoppers download. They only
//! wrap code the widget already contains (the classifier, the store, the
//! catalog index), so they add little to the bundle (bench/RESULTS.md reports
//! the size with and without them). Never called by the widget.

use super::view::CatalogIndex;
use crate::intent::OnnxIntentClassifier;
use crate::store::{ProductQuery, StaticStore, Store};
use wasm_bindgen::prelude::*;

fn err(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// The intent model alone: featurise a message, run the graph on feature ids.
#[wasm_bindgen]
pub struct BenchModel {
    model: OnnxIntentClassifier,
}

#[wasm_bindgen]
impl BenchModel {
    /// Parses and optimises the ONNX file (what the widget does on first open).
    #[wasm_bindgen(constructor)]
    pub fn new(onnx: &[u8]) -> Result<BenchModel, JsValue> {
        OnnxIntentClassifier::from_bytes(onnx)
            .map(|model| BenchModel { model })
            .map_err(err)
    }

    /// The model input for a raw message (a `BigInt64Array`).
    pub fn featurize(&self, text: &str) -> Vec<i64> {
        self.model.featurizer().featurize(text)
    }

    /// Probabilities for every label (model label order) of a bag of feature ids.
    pub fn run(&mut self, ids: &[i64]) -> Result<Vec<f32>, JsValue> {
        self.model.probabilities_for_ids(ids).map_err(err)
    }
}

/// A shop's data loaded and indexed as the widget does it on first open.
#[wasm_bindgen]
pub struct BenchShop {
    store: StaticStore,
    /// held like the widget holds it (its memory counts)
    _index: CatalogIndex,
}

#[wasm_bindgen]
impl BenchShop {
    /// Parses, validates and indexes the three files (the store's product index
    /// and the panel's catalog index).
    #[wasm_bindgen(constructor)]
    pub fn new(catalog: &str, orders: &str, policies: &str) -> Result<BenchShop, JsValue> {
        let store = StaticStore::from_json(catalog, orders, policies).map_err(err)?;
        let index = CatalogIndex::new(store.shared_products(), store.settings());
        Ok(BenchShop {
            store,
            _index: index,
        })
    }

    pub fn products(&self) -> usize {
        self.store.products().len()
    }

    /// Product search as the dialogue runs it; returns the number of hits.
    pub fn lookup(&self, text: &str) -> usize {
        let query = ProductQuery {
            text: text.to_string(),
            filter: Default::default(),
            limit: 8,
        };
        self.store.search_now(&query).len()
    }
}
