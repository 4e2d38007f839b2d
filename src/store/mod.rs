//! The shop's data behind a small async [`Store`] interface, and its default
//! backend [`StaticStore`]: three JSON files (`catalog.json`, `orders.json`,
//! `policies.json`, see `docs/store.md`) validated at load time and held in memory.
//!
//! The dialogue only talks to [`Store`], so a network backend (e.g. the Shopify
//! Ajax API) can replace the static files without touching it. Futures returned
//! by a store need not be `Send`: the assistant runs on one thread (the browser's
//! event loop, or `pollster` in the CLI).

mod date;
mod model;
mod money;
mod products;
pub mod rules;
mod static_store;
mod validate;

pub use date::{Date, DateParseError};
pub use model::*;
pub use money::{format_money, is_currency_code, major_to_minor, minor_digits};
pub use products::Products;
pub use rules::{CancelRefusal, ReturnRefusal};
pub use static_store::StaticStore;

use serde::Serialize;
use std::fmt;

/// Which data file an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DataFile {
    Catalog,
    Orders,
    Policies,
}

impl fmt::Display for DataFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DataFile::Catalog => "catalog.json",
            DataFile::Orders => "orders.json",
            DataFile::Policies => "policies.json",
        })
    }
}

/// Everything a store can fail with.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    /// A data file is not valid: bad JSON, wrong type, missing field, or a
    /// semantic problem (duplicate id, unknown variant…). `path` is the JSON path
    /// of the offending value, e.g. `products[3].variants[0].price` (`""` for the
    /// whole document).
    #[error("{file}: {}{message}", if path.is_empty() { String::new() } else { format!("at {path}: ") })]
    Invalid {
        file: DataFile,
        path: String,
        message: String,
    },
    /// No order with this number and email, or no such product/variant.
    #[error("not found: {0}")]
    NotFound(String),
    #[error("the order cannot be cancelled: {0}")]
    CannotCancel(#[from] CancelRefusal),
    #[error("the return cannot be created: {0}")]
    ReturnRefused(#[from] ReturnRefusal),
    /// A remote backend could not be reached or answered nonsense.
    #[error("the store is unavailable: {0}")]
    Unavailable(String),
}

/// A product search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProductQuery {
    /// Free text: product words in any language (may be empty).
    pub text: String,
    /// Restrictions on variants (price in minor units, canonical colour and size).
    pub filter: crate::entities::Filter,
    /// At most this many hits (0 means 10).
    pub limit: usize,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductHit {
    pub product: Product,
    /// Relevance, comparable within one result list only.
    pub score: f32,
    /// Share of the product's title the query names (0..=1).
    pub coverage: f32,
    /// The query contains the whole product title.
    pub exact: bool,
}

/// A return to create.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewReturn {
    pub order_id: String,
    /// The email on the order (the request is refused without it).
    pub email: String,
    pub lines: Vec<ReturnLine>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The shop's data, read and changed asynchronously.
///
/// Order data is only handed out against the order number **and** the email on
/// the order: a lookup with a wrong email answers exactly like an unknown number.
#[allow(async_fn_in_trait)] // single-threaded by design: no `Send` bound wanted
pub trait Store {
    /// Shop-wide settings (name, currency, support contact). Known when the store
    /// is constructed, so available synchronously.
    fn settings(&self) -> &ShopSettings;

    /// Return, shipping, payment and promotion rules.
    async fn policies(&self) -> Result<Policies, StoreError>;

    /// The shop's categories.
    async fn categories(&self) -> Result<Vec<Category>, StoreError>;

    /// Products matching a query, best first.
    async fn search(&self, query: &ProductQuery) -> Result<Vec<ProductHit>, StoreError>;

    /// The product with `id`, if any.
    async fn product(&self, id: &str) -> Result<Option<Product>, StoreError>;

    /// The order `order_id` if `email` is the email on it (case-insensitive);
    /// `None` when the number is unknown or the email does not match.
    async fn find_order(&self, order_id: &str, email: &str) -> Result<Option<Order>, StoreError>;

    /// Returns of a verified order (empty when unverified).
    async fn returns_for_order(
        &self,
        order_id: &str,
        email: &str,
    ) -> Result<Vec<Return>, StoreError>;

    /// Cancels a verified, not yet shipped order; the change is visible to later
    /// calls. Errors: `NotFound` (unknown number or wrong email), `CannotCancel`.
    async fn cancel_order(
        &mut self,
        order_id: &str,
        email: &str,
        today: Date,
    ) -> Result<Order, StoreError>;

    /// Creates a return after checking [`rules::check_return`] for each line; the
    /// new return is visible to later calls. Errors: `NotFound`, `ReturnRefused`.
    async fn create_return(
        &mut self,
        request: NewReturn,
        today: Date,
    ) -> Result<Return, StoreError>;
}
