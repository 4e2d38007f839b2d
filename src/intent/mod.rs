//! Intent classification: the [`IntentClassifier`] role, the 23 [`Intent`] labels,
//! the model-file contract and the tract-backed [`OnnxIntentClassifier`].

mod contract;
mod labels;
mod onnx;
mod ops;

pub use contract::{
    ModelContract, ModelError, INPUT_IDS_NAME, MODEL_FORMAT_VERSION, OUTPUT_PROBS_NAME,
};
pub use labels::{Intent, UnknownIntent};
pub use onnx::OnnxIntentClassifier;
#[cfg(target_arch = "wasm32")]
pub use ops::run_static_constructors;

use crate::text::{Lang, Script};
use serde::Serialize;

/// What a classifier says about one message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// The chosen intent; `out_of_scope` when the model's best guess is below the
    /// confidence threshold.
    pub intent: Intent,
    /// Probability of the model's best guess.
    pub confidence: f32,
    /// Language of the message.
    pub lang: Lang,
    /// Chinese script of the message (replies mirror it).
    #[serde(skip)]
    pub script: Script,
    /// The three most probable intents with their probabilities, best first
    /// (before any low-confidence fallback).
    pub top: Vec<(Intent, f32)>,
    /// The normalised text the classifier saw.
    #[serde(skip)]
    pub normalized: String,
}

/// The role: turns a shopper message into an intent. Total — every input string
/// gets a classification.
pub trait IntentClassifier {
    fn classify(&mut self, text: &str) -> Classification;
}
