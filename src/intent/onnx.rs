//! [`OnnxIntentClassifier`]: the featuriser feeding a shopkeep ONNX model run by
//! tract, natively and in wasm alike.

use super::contract::{ModelContract, ModelError, INPUT_IDS_NAME};
use super::labels::Intent;
use super::{Classification, IntentClassifier};
use crate::featurizer::Featurizer;
use crate::text;
use std::collections::HashMap;
use tract_onnx::pb::ModelProto;
use tract_onnx::prelude::*;

type Plan = Arc<TypedRunnableModel>;

/// Classifies messages with a shopkeep ONNX model (see [`ModelContract`]).
pub struct OnnxIntentClassifier {
    contract: ModelContract,
    featurizer: Featurizer,
    state: TypedSimpleState,
    ids: Vec<i64>,
}

impl std::fmt::Debug for OnnxIntentClassifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnnxIntentClassifier")
            .field("contract", &self.contract)
            .finish_non_exhaustive()
    }
}

impl OnnxIntentClassifier {
    /// Reads a model from the bytes of an ONNX file (no other I/O).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let proto = super::ops::runtime()
            .proto_model_for_read(&mut &*bytes)
            .map_err(|e| ModelError::Corrupt(format!("{e:#}")))?;
        Self::new(proto)
    }

    /// Reads a model from any reader (no other I/O).
    pub fn from_reader(mut reader: impl std::io::Read) -> Result<Self, ModelError> {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| ModelError::Corrupt(e.to_string()))?;
        Self::from_bytes(&bytes)
    }

    /// Builds the classifier from a parsed model: checks the contract, then
    /// optimises the graph for `ids: int64[n]` and checks that it produces one
    /// probability per label.
    pub fn new(proto: ModelProto) -> Result<Self, ModelError> {
        #[cfg(target_arch = "wasm32")]
        super::ops::run_static_constructors();
        let props: HashMap<String, String> = proto
            .metadata_props
            .iter()
            .map(|p| (p.key.clone(), p.value.clone()))
            .collect();
        let contract = ModelContract::from_metadata(&props)?;
        let featurizer = Featurizer::new(contract.featurizer.clone())?;
        if let Some(op) = super::ops::unsupported(&proto) {
            return Err(ModelError::Graph(format!(
                "the graph uses the operator {op}; this build reads only {}",
                super::ops::SUPPORTED.join(", ")
            )));
        }
        let graph = |e: TractError| ModelError::Graph(format!("{e:#}"));
        let mut model = super::ops::runtime()
            .model_for_proto_model(&proto)
            .map_err(graph)?;
        let n = model.symbols.sym("n");
        model = model
            .with_input_fact(0, InferenceFact::dt_shape(i64::datum_type(), [n.to_dim()]))
            .map_err(graph)?;
        let plan: Plan = model
            .into_optimized()
            .map_err(graph)?
            .into_runnable()
            .map_err(graph)?;
        if plan.model().input_outlets().map_err(graph)?.len() != 1 {
            return Err(ModelError::Graph(format!(
                "expected one input, `{INPUT_IDS_NAME}`"
            )));
        }
        let state = TypedSimpleState::new(&plan).map_err(graph)?;
        let mut classifier = OnnxIntentClassifier {
            contract,
            featurizer,
            state,
            ids: Vec::with_capacity(256),
        };
        // one dry run proves the graph's output matches the label list
        let probs = classifier.probabilities_normalized("")?;
        if probs.len() != classifier.contract.labels.len() {
            return Err(ModelError::Graph(format!(
                "the graph returns {} probabilities for {} labels",
                probs.len(),
                classifier.contract.labels.len()
            )));
        }
        Ok(classifier)
    }

    pub fn contract(&self) -> &ModelContract {
        &self.contract
    }

    pub fn featurizer(&self) -> &Featurizer {
        &self.featurizer
    }

    /// Probabilities for every label (in [`ModelContract::labels`] order) of an
    /// already-normalised message.
    pub fn probabilities_normalized(&mut self, normalized: &str) -> Result<Vec<f32>, ModelError> {
        let mut ids = std::mem::take(&mut self.ids);
        self.featurizer
            .featurize_normalized_into(normalized, &mut ids);
        let result = self.probabilities_for_ids(&ids);
        self.ids = ids;
        result
    }

    /// Probabilities for a bag of feature ids (the model input, used by parity tests).
    pub fn probabilities_for_ids(&mut self, ids: &[i64]) -> Result<Vec<f32>, ModelError> {
        let graph = |e: TractError| ModelError::Graph(format!("{e:#}"));
        let input = Tensor::from_shape(&[ids.len()], ids).map_err(graph)?;
        let out = self.state.run(tvec!(input.into_tvalue())).map_err(graph)?;
        let probs = out
            .first()
            .ok_or_else(|| ModelError::Graph("the graph has no output".into()))?
            .to_plain_array_view::<f32>()
            .map_err(graph)?;
        Ok(probs.iter().copied().collect())
    }
}

impl IntentClassifier for OnnxIntentClassifier {
    fn classify(&mut self, raw: &str) -> Classification {
        let analysed = text::analyse(raw);
        // The graph was proven to run at construction and its inputs are always
        // in range, so a failure here is not expected; answer out_of_scope rather
        // than panic if it ever happens.
        let probs = self
            .probabilities_normalized(&analysed.normalized)
            .unwrap_or_default();
        let mut ranked: Vec<(Intent, f32)> = self
            .contract
            .labels
            .iter()
            .copied()
            .zip(probs.iter().map(|p| if p.is_finite() { *p } else { 0.0 }))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(3);
        let (best, confidence) = ranked.first().copied().unwrap_or((Intent::OutOfScope, 0.0));
        let intent = if confidence < self.contract.threshold {
            Intent::OutOfScope
        } else {
            best
        };
        Classification {
            intent,
            confidence,
            lang: analysed.lang,
            script: analysed.script,
            top: ranked,
            normalized: analysed.normalized,
        }
    }
}
