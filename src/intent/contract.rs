//! The model-file contract: what a shopkeep ONNX file must carry in its
//! `metadata_props`, checked at load time.
//!
//! | key                        | value                                               |
//! |----------------------------|-----------------------------------------------------|
//! | `shopkeep.format_version`  | [`MODEL_FORMAT_VERSION`], decimal                   |
//! | `shopkeep.labels`          | JSON array: output index → intent label             |
//! | `shopkeep.featurizer`      | JSON [`FeaturizerConfig`]                           |
//! | `shopkeep.threshold`       | below this probability the intent is `out_of_scope` |
//!
//! The graph takes `ids: int64[n]` (the featuriser's bucket ids) and returns
//! `probs: float32[1, labels]`.

use super::labels::{Intent, UnknownIntent};
use crate::featurizer::{FeaturizerConfig, FeaturizerError};
use std::collections::HashMap;

/// The model format this build reads and the trainer writes.
pub const MODEL_FORMAT_VERSION: u32 = 1;

pub const KEY_FORMAT_VERSION: &str = "shopkeep.format_version";
pub const KEY_LABELS: &str = "shopkeep.labels";
pub const KEY_FEATURIZER: &str = "shopkeep.featurizer";
pub const KEY_THRESHOLD: &str = "shopkeep.threshold";
/// Name of the graph input (feature ids) and output (probabilities).
pub const INPUT_IDS_NAME: &str = "ids";
pub const OUTPUT_PROBS_NAME: &str = "probs";

/// Why a model file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("the model file is not valid ONNX: {0}")]
    Corrupt(String),
    #[error("the model file has no `{0}` metadata; it was not written by `shopkeep train`")]
    MissingMetadata(&'static str),
    #[error("the model format version is {found}, this build reads version {expected}; retrain or update shopkeep")]
    Version { found: String, expected: u32 },
    #[error("the model's `{key}` metadata is malformed: {reason}")]
    BadMetadata { key: &'static str, reason: String },
    #[error("the model's labels are not the 23 shopkeep intents: {0}")]
    Labels(String),
    #[error(transparent)]
    UnknownLabel(#[from] UnknownIntent),
    #[error("the model's featuriser is unusable: {0}")]
    Featurizer(#[from] FeaturizerError),
    #[error("the model graph cannot be run: {0}")]
    Graph(String),
}

/// The metadata of a shopkeep model, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelContract {
    /// Output index → intent.
    pub labels: Vec<Intent>,
    pub featurizer: FeaturizerConfig,
    pub threshold: f32,
}

impl ModelContract {
    /// Validates the `metadata_props` of a model file.
    pub fn from_metadata(props: &HashMap<String, String>) -> Result<Self, ModelError> {
        let get = |key: &'static str| props.get(key).ok_or(ModelError::MissingMetadata(key));
        let version = get(KEY_FORMAT_VERSION)?;
        if version.trim() != MODEL_FORMAT_VERSION.to_string() {
            return Err(ModelError::Version {
                found: version.clone(),
                expected: MODEL_FORMAT_VERSION,
            });
        }
        let raw_labels: Vec<String> =
            serde_json::from_str(get(KEY_LABELS)?).map_err(|e| ModelError::BadMetadata {
                key: KEY_LABELS,
                reason: e.to_string(),
            })?;
        let labels = raw_labels
            .iter()
            .map(|l| l.parse::<Intent>())
            .collect::<Result<Vec<_>, _>>()?;
        let mut sorted = labels.clone();
        sorted.sort();
        sorted.dedup();
        if sorted.len() != labels.len() || sorted.len() != Intent::ALL.len() {
            return Err(ModelError::Labels(format!(
                "{} labels, {} distinct, expected each of the {} exactly once",
                labels.len(),
                sorted.len(),
                Intent::ALL.len()
            )));
        }
        let featurizer: FeaturizerConfig =
            serde_json::from_str(get(KEY_FEATURIZER)?).map_err(|e| ModelError::BadMetadata {
                key: KEY_FEATURIZER,
                reason: e.to_string(),
            })?;
        let threshold: f32 = get(KEY_THRESHOLD)?
            .trim()
            .parse()
            .ok()
            .filter(|t: &f32| (0.0..1.0).contains(t))
            .ok_or_else(|| ModelError::BadMetadata {
                key: KEY_THRESHOLD,
                reason: "expected a number in [0, 1)".into(),
            })?;
        Ok(ModelContract {
            labels,
            featurizer,
            threshold,
        })
    }

    /// The metadata entries that describe this contract (written by the trainer).
    pub fn to_metadata(&self) -> Vec<(String, String)> {
        let labels: Vec<&str> = self.labels.iter().map(|l| l.as_str()).collect();
        vec![
            (KEY_FORMAT_VERSION.into(), MODEL_FORMAT_VERSION.to_string()),
            (
                KEY_LABELS.into(),
                serde_json::to_string(&labels).expect("labels serialise"),
            ),
            (
                KEY_FEATURIZER.into(),
                serde_json::to_string(&self.featurizer).expect("config serialises"),
            ),
            (KEY_THRESHOLD.into(), format!("{}", self.threshold)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> HashMap<String, String> {
        ModelContract {
            labels: Intent::ALL.to_vec(),
            featurizer: FeaturizerConfig::default(),
            threshold: 0.4,
        }
        .to_metadata()
        .into_iter()
        .collect()
    }

    #[test]
    fn round_trip() {
        let c = ModelContract::from_metadata(&good()).unwrap();
        assert_eq!(c.labels, Intent::ALL);
        assert_eq!(c.threshold, 0.4);
    }

    #[test]
    fn typed_errors() {
        let mut m = good();
        m.insert(KEY_FORMAT_VERSION.into(), "7".into());
        assert!(matches!(
            ModelContract::from_metadata(&m),
            Err(ModelError::Version { .. })
        ));
        let mut m = good();
        m.remove(KEY_LABELS);
        assert!(matches!(
            ModelContract::from_metadata(&m),
            Err(ModelError::MissingMetadata(_))
        ));
        let mut m = good();
        m.insert(KEY_LABELS.into(), "[\"greet\",\"greet\"]".into());
        assert!(matches!(
            ModelContract::from_metadata(&m),
            Err(ModelError::Labels(_))
        ));
        let mut m = good();
        m.insert(KEY_LABELS.into(), "[\"teleport\"]".into());
        assert!(matches!(
            ModelContract::from_metadata(&m),
            Err(ModelError::UnknownLabel(_))
        ));
        let mut m = good();
        m.insert(KEY_THRESHOLD.into(), "high".into());
        assert!(matches!(
            ModelContract::from_metadata(&m),
            Err(ModelError::BadMetadata { .. })
        ));
    }
}
