//! shopkeep — a bilingual (Chinese/English) shopping assistant that runs entirely
//! in the shopper's browser.
//!
//! The crate is layered; each layer only uses the ones above it:
//!
//! 1. [`text`] — normalisation (NFKC, case, Traditional → Simplified), language.
//! 2. [`featurizer`] — hashed n-gram features, shared by trainer and runtime.
//! 3. [`intent`] — the intent labels, the model contract, the tract classifier.
//! 4. [`corpus`] — the training-corpus format (YAML), parsed without I/O.
//! 5. [`store`] — the shop's data behind the async [`Store`] trait; the static
//!    JSON backend [`StaticStore`].
//! 6. [`entities`] — quantities, sizes, colours, order numbers, prices… and
//!    product mentions matched against the catalog.
//! 7. [`dialogue`] — the [`Assistant`]: the conversation state machine the widget
//!    and `shopkeep chat` both drive.
//!
//! The pure core has no browser or file-system dependency and builds for
//! `x86_64` and `wasm32-unknown-unknown`. The trainer (`train` feature), the CLI
//! (`cli`) and the browser widget (`web`) are shells around it.

#[cfg(feature = "train")]
pub mod corpus;
pub mod dialogue;
pub mod entities;
pub mod featurizer;
pub mod intent;
pub mod metrics;
pub mod store;
pub mod text;
/// The browser widget: UI decisions (native) and the Leptos shell (wasm32 + `web`).
pub mod web;

pub use dialogue::{
    Action, Assistant, CartItemView, CartView, Handoff, ProductCard, Reply, Session,
};
pub use store::{Date, StaticStore, Store, StoreError};

#[cfg(feature = "train")]
pub mod train;
