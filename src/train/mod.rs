//! The trainer: corpus → stratified split → embedding-bag MLP trained with
//! cross-entropy and AdamW (candle) → one ONNX file (see [`export`]).
//!
//! It uses the runtime's [`Featurizer`] for every example (no train/serve skew),
//! is deterministic for a fixed seed, stops early on the held-out split, and
//! scores the held-out split with the *exported file* run by tract — the number
//! reported is the number of the model that ships.

pub mod export;

use crate::corpus::{Corpus, CorpusError, Example};
use crate::featurizer::{Featurizer, FeaturizerConfig, FeaturizerError};
use crate::intent::{Intent, IntentClassifier, ModelContract, ModelError, OnnxIntentClassifier};
use crate::metrics::{Report, Scored};
use crate::text::{self, Lang};
use candle_core::{Device, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};
use export::Weights;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, HashSet};

/// Hyper-parameters of a training run.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub seed: u64,
    /// Fraction of every (intent, language) group held out, never trained on.
    pub holdout_fraction: f64,
    pub featurizer: FeaturizerConfig,
    pub embed_dim: usize,
    pub hidden: usize,
    /// Networks trained independently (own initialisation and data order, same
    /// split) whose logits the exported graph averages.
    pub members: usize,
    pub max_epochs: usize,
    /// Stop after this many epochs without a better held-out accuracy.
    pub patience: usize,
    pub batch_size: usize,
    pub learning_rate: f64,
    pub weight_decay: f64,
    /// Probability of dropping each feature id of a training example per epoch.
    pub feature_dropout: f64,
    /// Probability of putting one typo into a Latin-script training example per epoch.
    pub typo_rate: f64,
    /// Fillings drawn per `{slot}` template for training (held-out gets one).
    pub template_variants: usize,
    /// Label smoothing ε: the target puts 1-ε on the label and ε spread evenly.
    pub label_smoothing: f64,
    /// Below this probability the runtime answers `out_of_scope`.
    pub threshold: f32,
    /// Store the embedding table as int8 (per-column scales) on the integers
    /// `-n..=n` (n ≤ 127); `None` keeps float32.
    pub quant_levels: Option<u8>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            seed: 1,
            holdout_fraction: 0.15,
            featurizer: FeaturizerConfig::default(),
            embed_dim: 32,
            hidden: 64,
            members: 1,
            max_epochs: 60,
            patience: 6,
            batch_size: 64,
            learning_rate: 3e-3,
            weight_decay: 1e-4,
            feature_dropout: 0.2,
            typo_rate: 0.3,
            template_variants: 4,
            label_smoothing: 0.0,
            threshold: 0.35,
            quant_levels: Some(15),
        }
    }
}

impl TrainConfig {
    /// Sets one hyper-parameter by name (for experiments from the command line).
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        fn p<T: std::str::FromStr>(v: &str) -> Result<T, String> {
            v.parse().map_err(|_| format!("cannot parse {v:?}"))
        }
        match key {
            "seed" => self.seed = p(value)?,
            "holdout_fraction" => self.holdout_fraction = p(value)?,
            "buckets" => self.featurizer.buckets = p(value)?,
            "char_ngram_min" => self.featurizer.char_ngram_min = p(value)?,
            "char_ngram_max" => self.featurizer.char_ngram_max = p(value)?,
            "embed_dim" => self.embed_dim = p(value)?,
            "hidden" => self.hidden = p(value)?,
            "members" => self.members = p(value)?,
            "max_epochs" => self.max_epochs = p(value)?,
            "patience" => self.patience = p(value)?,
            "batch_size" => self.batch_size = p(value)?,
            "learning_rate" => self.learning_rate = p(value)?,
            "weight_decay" => self.weight_decay = p(value)?,
            "feature_dropout" => self.feature_dropout = p(value)?,
            "typo_rate" => self.typo_rate = p(value)?,
            "template_variants" => self.template_variants = p(value)?,
            "threshold" => self.threshold = p(value)?,
            "label_smoothing" => self.label_smoothing = p(value)?,
            "quant_levels" => {
                self.quant_levels = match value {
                    "none" | "0" => None,
                    v => Some(p::<u8>(v)?.min(127)),
                }
            }
            _ => return Err(format!("unknown hyper-parameter {key:?}")),
        }
        Ok(())
    }
}

/// Why training failed.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Featurizer(#[from] FeaturizerError),
    #[error("the corpus has no examples for {0}; every intent needs examples")]
    MissingIntent(Intent),
    #[error("tensor computation failed: {0}")]
    Tensor(#[from] candle_core::Error),
    #[error("the exported model does not load: {0}")]
    Export(#[from] ModelError),
}

/// Loss and held-out figures after one epoch.
#[derive(Debug, Clone)]
pub struct EpochStats {
    /// Which ensemble member (0-based) this epoch belongs to.
    pub member: usize,
    pub epoch: usize,
    pub train_loss: f32,
    pub heldout_loss: f32,
    pub heldout_accuracy: f32,
}

/// What a training run produced.
#[derive(Debug)]
pub struct TrainOutcome {
    /// The ONNX file.
    pub onnx: Vec<u8>,
    pub train_examples: usize,
    pub heldout: Vec<Example>,
    /// Held-out scores of the exported model: all, English, Chinese.
    pub report: Report,
    pub report_en: Report,
    pub report_zh: Report,
    pub epochs_run: usize,
    pub best_epoch: usize,
    /// Examples dropped because the same text is labelled with two intents.
    pub conflicts: Vec<(String, Vec<Intent>)>,
}

/// Splits examples per (intent, language) group: a deterministic shuffle, then
/// `fraction` (rounded up, at least one for groups of 4+) goes to held-out.
pub fn stratified_split(
    examples: &[Example],
    fraction: f64,
    seed: u64,
) -> (Vec<Example>, Vec<Example>) {
    let mut groups: BTreeMap<(Intent, Lang), Vec<Example>> = BTreeMap::new();
    for e in examples {
        groups
            .entry((e.intent, e.lang))
            .or_default()
            .push(e.clone());
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ SPLIT_SALT);
    let (mut train, mut held) = (Vec::new(), Vec::new());
    for (_, mut group) in groups {
        group.shuffle(&mut rng);
        let k = if group.len() >= 4 {
            ((group.len() as f64) * fraction).ceil() as usize
        } else {
            0
        };
        held.extend(group.drain(..k));
        train.extend(group);
    }
    (train, held)
}

/// Keeps the split's random stream apart from the training stream of the same seed.
const SPLIT_SALT: u64 = 0x5EED_5A17;

/// Puts one typo (deletion, swap, doubling or substitution) into a random Latin
/// word of 4+ letters; returns the text unchanged when there is none.
fn add_typo(text: &str, rng: &mut ChaCha8Rng) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let candidates: Vec<usize> = (0..words.len())
        .filter(|&i| {
            words[i].chars().count() >= 4 && words[i].chars().all(|c| c.is_ascii_alphabetic())
        })
        .collect();
    let Some(&wi) = candidates.as_slice().choose(rng) else {
        return text.to_string();
    };
    let mut chars: Vec<char> = words[wi].chars().collect();
    let pos = rng.random_range(1..chars.len() - 1);
    match rng.random_range(0..4) {
        0 => {
            chars.remove(pos);
        }
        1 => chars.swap(pos, pos + 1),
        2 => chars.insert(pos, chars[pos]),
        _ => chars[pos] = (b'a' + rng.random_range(0..26u8)) as char,
    }
    let typo: String = chars.into_iter().collect();
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[wi] = typo;
    out.join(" ")
}

use rand::seq::IndexedRandom;

struct Net {
    emb: Var,
    w1: Var,
    b1: Var,
    w2: Var,
    b2: Var,
}

fn uniform(rng: &mut ChaCha8Rng, n: usize, limit: f32) -> Vec<f32> {
    (0..n).map(|_| rng.random_range(-limit..limit)).collect()
}

impl Net {
    fn new(
        cfg: &TrainConfig,
        classes: usize,
        rng: &mut ChaCha8Rng,
        dev: &Device,
    ) -> Result<Net, TrainError> {
        let (v, d, h) = (cfg.featurizer.buckets as usize, cfg.embed_dim, cfg.hidden);
        let glorot = |a: usize, b: usize| (6.0 / (a + b) as f32).sqrt();
        Ok(Net {
            emb: Var::from_vec(uniform(rng, v * d, 0.5), (v, d), dev)?,
            w1: Var::from_vec(uniform(rng, d * h, glorot(d, h)), (d, h), dev)?,
            b1: Var::from_vec(vec![0f32; h], h, dev)?,
            w2: Var::from_vec(
                uniform(rng, h * classes, glorot(h, classes)),
                (h, classes),
                dev,
            )?,
            b2: Var::from_vec(vec![0f32; classes], classes, dev)?,
        })
    }

    fn vars(&self) -> Vec<Var> {
        vec![
            self.emb.clone(),
            self.w1.clone(),
            self.b1.clone(),
            self.w2.clone(),
            self.b2.clone(),
        ]
    }

    /// Logits for a batch of bags: the mean of each message's feature
    /// embeddings (Gather → ReduceMean, as in the exported graph), then the MLP.
    fn logits(&self, bags: &Bags) -> Result<Tensor, candle_core::Error> {
        let (batch, width) = bags.shape;
        let gathered = self.emb.as_tensor().embedding(&bags.ids)?;
        let d = gathered.dim(1)?;
        let pooled = gathered
            .reshape((batch, width, d))?
            .broadcast_mul(&bags.weights)?
            .sum(1)?;
        let hidden = pooled
            .matmul(self.w1.as_tensor())?
            .broadcast_add(self.b1.as_tensor())?
            .relu()?;
        hidden
            .matmul(self.w2.as_tensor())?
            .broadcast_add(self.b2.as_tensor())
    }

    fn weights(&self, cfg: &TrainConfig, classes: usize) -> Result<Weights, candle_core::Error> {
        let flat = |v: &Var| v.as_tensor().flatten_all()?.to_vec1::<f32>();
        Ok(Weights {
            buckets: cfg.featurizer.buckets as usize,
            embed_dim: cfg.embed_dim,
            hidden: cfg.hidden,
            classes,
            emb: flat(&self.emb)?,
            w1: flat(&self.w1)?,
            b1: flat(&self.b1)?,
            w2: flat(&self.w2)?,
            b2: flat(&self.b2)?,
        })
    }
}

/// A batch of feature bags padded to one width: `ids` [batch·width] (padding
/// points at feature 0 with weight 0) and `weights` [batch, width, 1] holding
/// 1/n for each of a message's n ids, so the weighted sum is the mean.
struct Bags {
    ids: Tensor,
    weights: Tensor,
    shape: (usize, usize),
}

fn bag_batch(bags: &[Vec<i64>], dev: &Device) -> Result<Bags, candle_core::Error> {
    let width = bags.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut ids = vec![0u32; bags.len() * width];
    let mut weights = vec![0f32; bags.len() * width];
    for (row, bag) in bags.iter().enumerate() {
        let w = 1.0 / bag.len().max(1) as f32;
        for (col, &id) in bag.iter().enumerate() {
            ids[row * width + col] = id as u32;
            weights[row * width + col] = w;
        }
    }
    Ok(Bags {
        ids: Tensor::from_vec(ids, bags.len() * width, dev)?,
        weights: Tensor::from_vec(weights, (bags.len(), width, 1), dev)?,
        shape: (bags.len(), width),
    })
}

/// Cross-entropy against label-smoothed targets:
/// (1-ε)·CE(label) + ε·mean over classes of −log p.
fn smoothed_cross_entropy(
    logits: &Tensor,
    y: &Tensor,
    eps: f64,
) -> Result<Tensor, candle_core::Error> {
    let ce = candle_nn::loss::cross_entropy(logits, y)?;
    if eps <= 0.0 {
        return Ok(ce);
    }
    let uniform = candle_nn::ops::log_softmax(logits, 1)?.mean_all()?.neg()?;
    (ce * (1.0 - eps))? + (uniform * eps)?
}

fn targets(labels: &[u32], dev: &Device) -> Result<Tensor, candle_core::Error> {
    Tensor::from_vec(labels.to_vec(), labels.len(), dev)
}

/// Reads every `*.yml`/`*.yaml` file under `dir` (recursively, in path order)
/// into a corpus. File names in messages are relative to `dir`.
pub fn read_corpus_dir(dir: &std::path::Path) -> Result<Corpus, CorpusError> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yml" | "yaml")
            ) {
                out.push(path);
            }
        }
        Ok(())
    }
    let io = |file: &std::path::Path, e: std::io::Error| CorpusError::Shape {
        file: file.display().to_string(),
        reason: e.to_string(),
    };
    let mut files = Vec::new();
    walk(dir, &mut files).map_err(|e| io(dir, e))?;
    files.sort();
    if files.is_empty() {
        return Err(CorpusError::Shape {
            file: dir.display().to_string(),
            reason: "no .yml files in this folder".into(),
        });
    }
    let mut corpus = Corpus::default();
    for f in files {
        let content = std::fs::read_to_string(&f).map_err(|e| io(&f, e))?;
        let name = f
            .strip_prefix(dir)
            .unwrap_or(&f)
            .to_string_lossy()
            .replace('\\', "/");
        corpus.add_file(&name, &content)?;
    }
    Ok(corpus)
}

/// The examples a run trains on and the held-out split it never sees, both
/// after template expansion. Contradictory examples (one text, two intents) and
/// duplicates are removed first; the split is made on raw examples, so the
/// fillings of one template never straddle it.
pub fn split_corpus(
    corpus: &Corpus,
    cfg: &TrainConfig,
) -> Result<(Vec<Example>, Vec<Example>), TrainError> {
    let conflicts = corpus.conflicts();
    let conflicted: HashSet<&str> = conflicts.iter().map(|(t, _)| t.as_str()).collect();
    let mut seen = HashSet::new();
    let clean: Vec<Example> = corpus
        .examples
        .iter()
        .filter(|e| {
            let key = text::normalize(&e.text);
            !conflicted.contains(key.as_str()) && seen.insert(key)
        })
        .cloned()
        .collect();
    for &intent in Intent::ALL {
        if !clean.iter().any(|e| e.intent == intent) {
            return Err(TrainError::MissingIntent(intent));
        }
    }
    let (train_raw, held_raw) = stratified_split(&clean, cfg.holdout_fraction, cfg.seed);
    let train_set = corpus.expand(&train_raw, cfg.template_variants, cfg.seed)?;
    let heldout = corpus.expand(&held_raw, 1, cfg.seed.wrapping_add(1))?;
    Ok((train_set, heldout))
}

/// Metadata key recording how the model was trained (seed, split, corpus
/// fingerprint); informative, not part of the runtime contract.
pub const KEY_TRAINING: &str = "shopkeep.training";

/// The held-out split as the trainer scores it every epoch.
struct Held {
    x: Bags,
    y: Vec<u32>,
}

struct MemberRun {
    weights: Weights,
    epochs_run: usize,
    best_epoch: usize,
}

/// Keeps ensemble members' random streams apart.
const MEMBER_SALT: u64 = 0x9e37_79b9_7f4a_7c15;

/// Trains one network; keeps the epoch with the best held-out accuracy.
#[allow(clippy::too_many_arguments)]
fn train_member(
    cfg: &TrainConfig,
    member: usize,
    featurizer: &Featurizer,
    train_set: &[Example],
    train_y: &[u32],
    held: &Held,
    classes: usize,
    on_epoch: &mut dyn FnMut(&EpochStats),
) -> Result<MemberRun, TrainError> {
    let dev = Device::Cpu;
    // member 0 keeps the single-network stream of `seed`
    let mut rng = ChaCha8Rng::seed_from_u64(
        cfg.seed
            .wrapping_add(MEMBER_SALT.wrapping_mul(member as u64)),
    );
    let net = Net::new(cfg, classes, &mut rng, &dev)?;
    let mut opt = AdamW::new(
        net.vars(),
        ParamsAdamW {
            lr: cfg.learning_rate,
            weight_decay: cfg.weight_decay,
            ..Default::default()
        },
    )?;

    let held_y = targets(&held.y, &dev)?;
    let mut order: Vec<usize> = (0..train_set.len()).collect();
    let mut best: Option<((f32, f32), usize, Weights)> = None;
    let mut epochs_run = 0;
    for epoch in 1..=cfg.max_epochs {
        epochs_run = epoch;
        order.shuffle(&mut rng);
        let mut loss_sum = 0f32;
        let mut batches = 0;
        for chunk in order.chunks(cfg.batch_size) {
            let mut bags = Vec::with_capacity(chunk.len());
            let mut ys = Vec::with_capacity(chunk.len());
            for &i in chunk {
                let ex = &train_set[i];
                let text = if ex.lang == Lang::En && rng.random_bool(cfg.typo_rate) {
                    add_typo(&text::normalize(&ex.text), &mut rng)
                } else {
                    ex.text.clone()
                };
                let mut ids = featurizer.featurize(&text);
                // ids[0] is the bias feature: always kept
                let mut k = 1;
                let mut kept = vec![ids[0]];
                while k < ids.len() {
                    if !rng.random_bool(cfg.feature_dropout) {
                        kept.push(ids[k]);
                    }
                    k += 1;
                }
                if kept.len() > 1 || ids.len() == 1 {
                    ids = kept;
                }
                bags.push(ids);
                ys.push(train_y[i]);
            }
            let x = bag_batch(&bags, &dev)?;
            let y = targets(&ys, &dev)?;
            let loss = smoothed_cross_entropy(&net.logits(&x)?, &y, cfg.label_smoothing)?;
            opt.backward_step(&loss)?;
            loss_sum += loss.to_scalar::<f32>()?;
            batches += 1;
        }
        let held_logits = net.logits(&held.x)?;
        let heldout_loss =
            candle_nn::loss::cross_entropy(&held_logits, &held_y)?.to_scalar::<f32>()?;
        let predicted = held_logits.argmax(1)?.to_vec1::<u32>()?;
        let hits = predicted
            .iter()
            .zip(&held.y)
            .filter(|(a, b)| a == b)
            .count();
        let stats = EpochStats {
            member,
            epoch,
            train_loss: loss_sum / batches.max(1) as f32,
            heldout_loss,
            heldout_accuracy: hits as f32 / held.y.len().max(1) as f32,
        };
        on_epoch(&stats);
        // Keep the epoch with the best held-out accuracy; held-out loss breaks ties.
        let score = (stats.heldout_accuracy, -heldout_loss);
        let improved = best.as_ref().is_none_or(|(s, _, _)| score > *s);
        if improved {
            best = Some((score, epoch, net.weights(cfg, classes)?));
        } else if best
            .as_ref()
            .is_some_and(|(_, e, _)| epoch - e >= cfg.patience)
        {
            break;
        }
    }
    let (_, best_epoch, weights) = match best {
        Some(b) => b,
        None => ((0.0, 0.0), 0, net.weights(cfg, classes)?),
    };
    Ok(MemberRun {
        weights,
        epochs_run,
        best_epoch,
    })
}

/// Trains a model on `corpus`. `on_epoch` is called after every epoch.
pub fn train(
    corpus: &Corpus,
    cfg: &TrainConfig,
    on_epoch: &mut dyn FnMut(&EpochStats),
) -> Result<TrainOutcome, TrainError> {
    let featurizer = Featurizer::new(cfg.featurizer.clone())?;
    let labels: Vec<Intent> = Intent::ALL.to_vec();
    let class_of = |i: Intent| labels.iter().position(|&l| l == i).unwrap_or(0) as u32;

    let conflicts = corpus.conflicts();
    let (train_set, heldout) = split_corpus(corpus, cfg)?;

    let dev = Device::Cpu;
    let held_bags: Vec<Vec<i64>> = heldout
        .iter()
        .map(|e| featurizer.featurize(&e.text))
        .collect();
    let held = Held {
        x: bag_batch(&held_bags, &dev)?,
        y: heldout.iter().map(|e| class_of(e.intent)).collect(),
    };
    let train_y: Vec<u32> = train_set.iter().map(|e| class_of(e.intent)).collect();
    let mut runs = Vec::with_capacity(cfg.members.max(1));
    for member in 0..cfg.members.max(1) {
        runs.push(train_member(
            cfg,
            member,
            &featurizer,
            &train_set,
            &train_y,
            &held,
            labels.len(),
            on_epoch,
        )?);
    }
    let epochs_run = runs.iter().map(|r| r.epochs_run).sum();
    let best_epoch = runs[0].best_epoch;
    let weights = Weights::ensemble(runs.into_iter().map(|r| r.weights).collect());

    let contract = ModelContract {
        labels: labels.clone(),
        featurizer: cfg.featurizer.clone(),
        threshold: cfg.threshold,
    };
    let doc = format!(
        "shopkeep intent classifier: {} training examples, seed {}, best epoch {}",
        train_set.len(),
        cfg.seed,
        best_epoch
    );
    let training = serde_json::json!({
        "seed": cfg.seed,
        "holdout_fraction": cfg.holdout_fraction,
        "template_variants": cfg.template_variants,
        "corpus_fingerprint": format!("{:016x}", corpus.fingerprint),
        "train_examples": train_set.len(),
        "best_epoch": best_epoch,
    });
    let onnx = export::to_onnx(
        &weights,
        &contract,
        cfg.quant_levels,
        &doc,
        &[(KEY_TRAINING, training.to_string())],
    );

    // Score the held-out split with the exported file, as the runtime runs it.
    let mut classifier = OnnxIntentClassifier::from_bytes(&onnx)?;
    let mut all = Vec::new();
    let (mut en, mut zh) = (Vec::new(), Vec::new());
    for ex in &heldout {
        let scored = Scored {
            accept: vec![ex.intent],
            predicted: classifier.classify(&ex.text).intent,
        };
        match ex.lang {
            Lang::En => en.push(scored.clone()),
            Lang::Zh => zh.push(scored.clone()),
        }
        all.push(scored);
    }
    Ok(TrainOutcome {
        onnx,
        train_examples: train_set.len(),
        heldout,
        report: Report::new(&all),
        report_en: Report::new(&en),
        report_zh: Report::new(&zh),
        epochs_run,
        best_epoch,
        conflicts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_stratified_and_deterministic() {
        let mut ex = Vec::new();
        for i in 0..40 {
            ex.push(Example {
                text: format!("greet {i}"),
                intent: Intent::Greet,
                lang: Lang::En,
            });
            ex.push(Example {
                text: format!("你好 {i}"),
                intent: Intent::Greet,
                lang: Lang::Zh,
            });
        }
        let (train, held) = stratified_split(&ex, 0.15, 7);
        assert_eq!(held.len(), 12);
        assert_eq!(held.iter().filter(|e| e.lang == Lang::Zh).count(), 6);
        assert_eq!(train.len() + held.len(), ex.len());
        assert_eq!(stratified_split(&ex, 0.15, 7).1, held);
        assert!(held.iter().all(|h| !train.contains(h)));
    }

    #[test]
    fn typo_changes_one_word() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let t = add_typo("where is my order", &mut rng);
        assert_ne!(t, "where is my order");
        assert_eq!(t.split(' ').count(), 4);
        assert_eq!(add_typo("hi 你好", &mut rng), "hi 你好");
    }
}
