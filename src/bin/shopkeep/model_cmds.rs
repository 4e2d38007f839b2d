//! The model subcommands: classify, eval, train, parity-dump.

use anyhow::{bail, Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;
use shopkeep::intent::{Intent, IntentClassifier, OnnxIntentClassifier};
use shopkeep::metrics::{Report, Scored};
use shopkeep::text;
use shopkeep::train::{self, TrainConfig};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The committed model, resolved from the working directory or the source tree.
pub fn default_path(relative: &str) -> PathBuf {
    let local = PathBuf::from(relative);
    if local.exists() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
    }
}

pub fn load_model(path: Option<&Path>) -> Result<OnnxIntentClassifier> {
    let path = path
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_path("model/shopkeep.onnx"));
    let bytes =
        std::fs::read(&path).with_context(|| format!("cannot read model {}", path.display()))?;
    OnnxIntentClassifier::from_bytes(&bytes)
        .with_context(|| format!("cannot load model {}", path.display()))
}

#[derive(Args)]
pub struct ClassifyArgs {
    /// ONNX model file (default: model/shopkeep.onnx).
    #[arg(long)]
    model: Option<PathBuf>,
}

pub fn classify(args: ClassifyArgs) -> Result<()> {
    let mut model = load_model(args.model.as_deref())?;
    crate::json_per_line(false, |text| {
        let c = model.classify(text);
        let top: Vec<_> = c
            .top
            .iter()
            .map(|(i, p)| serde_json::json!({"intent": i.as_str(), "confidence": p}))
            .collect();
        Ok(serde_json::json!({
            "intent": c.intent.as_str(),
            "confidence": c.confidence,
            "lang": c.lang.as_str(),
            "top": top,
        }))
    })
}

#[derive(Args)]
pub struct EvalArgs {
    /// JSONL file: {"text","intent"} or {"text","accept":[..]} per line.
    #[arg(long)]
    data: PathBuf,
    /// ONNX model file (default: model/shopkeep.onnx).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Print each misclassified message.
    #[arg(long)]
    errors: bool,
}

#[derive(Deserialize)]
struct EvalLine {
    text: String,
    intent: Option<String>,
    accept: Option<Vec<String>>,
    kind: Option<String>,
}

pub fn eval(args: EvalArgs) -> Result<()> {
    let mut model = load_model(args.model.as_deref())?;
    let content = std::fs::read_to_string(&args.data)
        .with_context(|| format!("cannot read {}", args.data.display()))?;
    // kind → scored items (files without "kind" are one group)
    let mut groups: std::collections::BTreeMap<String, Vec<Scored>> = Default::default();
    let mut unsupported_safe = (0usize, 0usize);
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: EvalLine = serde_json::from_str(line).with_context(|| {
            format!(
                "{}:{}: not a JSON object with \"text\"",
                args.data.display(),
                n + 1
            )
        })?;
        let labels: Vec<String> = match (item.accept, item.intent) {
            (Some(a), _) if !a.is_empty() => a,
            (_, Some(i)) => vec![i],
            _ => bail!(
                "{}:{}: needs \"intent\" or a non-empty \"accept\"",
                args.data.display(),
                n + 1
            ),
        };
        let accept = labels
            .iter()
            .map(|l| l.parse::<Intent>())
            .collect::<Result<Vec<_>, _>>()
            .with_context(|| format!("{}:{}", args.data.display(), n + 1))?;
        let predicted = model.classify(&item.text).intent;
        let scored = Scored { accept, predicted };
        let kind = item.kind.unwrap_or_else(|| "all".into());
        if kind == "unsupported" {
            unsupported_safe.1 += 1;
            if scored.correct() {
                unsupported_safe.0 += 1;
            }
        }
        if args.errors && !scored.correct() {
            println!(
                "MISS [{kind}] {:?} -> {} (accept {:?})",
                item.text, predicted, labels
            );
        }
        groups.entry(kind).or_default().push(scored);
    }
    if groups.is_empty() {
        bail!("{} has no examples", args.data.display());
    }
    for (kind, items) in &groups {
        if kind == "unsupported" {
            let (safe, total) = unsupported_safe;
            println!(
                "unsupported: safe-rate {:.2}% ({safe}/{total}) — predictions that are not an action intent",
                100.0 * safe as f64 / total.max(1) as f64
            );
            let actions = items.iter().filter(|s| s.predicted.is_action()).count();
            println!("  routed to an action intent: {actions}");
        } else {
            print!("{}", Report::new(items).render(kind));
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct TrainArgs {
    /// Corpus folder (YAML files, searched recursively). Default: model/corpus.
    #[arg(long)]
    data: Option<PathBuf>,
    /// Output ONNX file. Default: model/shopkeep.onnx.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Random seed (the run is deterministic for a seed).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Hash buckets (rows of the embedding table).
    #[arg(long)]
    buckets: Option<u32>,
    /// Embedding width.
    #[arg(long)]
    embed_dim: Option<usize>,
    /// Hidden layer width.
    #[arg(long)]
    hidden: Option<usize>,
    /// Store the embedding as float32 instead of int8.
    #[arg(long)]
    no_quantize: bool,
    /// Also write the held-out split as JSONL ({"text","intent","lang"}), for `eval`.
    #[arg(long)]
    heldout_out: Option<PathBuf>,
    /// Override training hyper-parameters, e.g. `--set feature_dropout=0.3`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    overrides: Vec<String>,
}

pub fn train(args: TrainArgs) -> Result<()> {
    keep_freed_memory();
    let data = args.data.unwrap_or_else(|| default_path("model/corpus"));
    let out = args
        .out
        .unwrap_or_else(|| default_path("model/shopkeep.onnx"));
    let corpus = train::read_corpus_dir(&data)?;
    let mut cfg = TrainConfig {
        seed: args.seed,
        ..TrainConfig::default()
    };
    if args.no_quantize {
        cfg.quant_levels = None;
    }
    if let Some(b) = args.buckets {
        cfg.featurizer.buckets = b;
    }
    if let Some(d) = args.embed_dim {
        cfg.embed_dim = d;
    }
    if let Some(h) = args.hidden {
        cfg.hidden = h;
    }
    for o in &args.overrides {
        let (k, v) = o
            .split_once('=')
            .with_context(|| format!("--set {o}: expected KEY=VALUE"))?;
        cfg.set(k.trim(), v.trim())
            .map_err(|e| anyhow::anyhow!("--set {o}: {e}"))?;
    }
    let counts = corpus.counts();
    let en: usize = counts
        .iter()
        .filter(|((_, l), _)| *l == text::Lang::En)
        .map(|(_, c)| c)
        .sum();
    let zh: usize = counts
        .iter()
        .filter(|((_, l), _)| *l == text::Lang::Zh)
        .map(|(_, c)| c)
        .sum();
    eprintln!(
        "corpus {}: {} examples ({en} en, {zh} zh), {} slot lists",
        data.display(),
        corpus.examples.len(),
        corpus.slots.len()
    );
    let started = std::time::Instant::now();
    let bar = ProgressBar::new(cfg.max_epochs as u64);
    bar.set_style(
        ProgressStyle::with_template("{elapsed:>4} [{bar:30}] epoch {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let outcome = train::train(&corpus, &cfg, &mut |s| {
        bar.set_position(s.epoch as u64);
        bar.suspend(|| {
            eprintln!(
                "net {}/{}  epoch {:>3}  train loss {:.4}  held-out loss {:.4}  held-out acc {:.2}%",
                s.member + 1,
                cfg.members.max(1),
                s.epoch,
                s.train_loss,
                s.heldout_loss,
                100.0 * s.heldout_accuracy
            )
        });
    })?;
    bar.finish_and_clear();
    for (t, labels) in &outcome.conflicts {
        let l: Vec<_> = labels.iter().map(|i| i.as_str()).collect();
        eprintln!("warning: dropped {t:?}: labelled {}", l.join(" and "));
    }
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&out, &outcome.onnx)
        .with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "trained on {} examples in {:.1}s ({} epochs, best {}); wrote {} ({} bytes)",
        outcome.train_examples,
        started.elapsed().as_secs_f64(),
        outcome.epochs_run,
        outcome.best_epoch,
        out.display(),
        outcome.onnx.len()
    );
    if let Some(path) = &args.heldout_out {
        let mut f = BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        );
        for e in &outcome.heldout {
            serde_json::to_writer(
                &mut f,
                &serde_json::json!({"text": e.text, "intent": e.intent.as_str(), "kind": e.lang.as_str()}),
            )?;
            f.write_all(b"\n")?;
        }
        f.flush()?;
    }
    println!("{}", outcome.report.render("held-out (all)"));
    println!(
        "held-out accuracy: en {:.2}% ({} msgs), zh {:.2}% ({} msgs)",
        100.0 * outcome.report_en.accuracy(),
        outcome.report_en.total,
        100.0 * outcome.report_zh.accuracy(),
        outcome.report_zh.total
    );
    Ok(())
}

#[derive(Args)]
pub struct ParityArgs {
    /// ONNX model file (default: model/shopkeep.onnx).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Where to write the JSON list of {text, intent, ids, probs}.
    #[arg(long)]
    out: PathBuf,
}

/// Fixed bilingual messages (with typos, Traditional script, code-mixing and
/// hostile input) used by the ONNX-runtime and wasm parity tests.
pub const PARITY_MESSAGES: &[&str] = &[
    "hi",
    "hello there",
    "thanks, bye",
    "do you have waterproof jackets under $80",
    "show me running shoes",
    "what is this hoodie made of",
    "is the M in stock",
    "what would you recommend for a runner",
    "add two to my cart",
    "remove the mug",
    "make it 3",
    "what's in my cart",
    "chekout please",
    "where is my odrer 10482",
    "cancel order #20931",
    "what is your return policy",
    "I want to return my shoes",
    "has my refund been processed",
    "how much is shipping to Canada",
    "do you take paypal",
    "any discount codes?",
    "talk to a human",
    "yes",
    "no thanks",
    "what's the weather tomorrow",
    "how do I return a value in python",
    "👍",
    "",
    "   ",
    "ＯＲＤＥＲ　１０４８２",
    "你好",
    "谢谢，再见",
    "有没有100元以内的卫衣",
    "这件卫衣是什么面料",
    "这件卫衣M码还有货吗",
    "送女朋友什么好",
    "加入购物车",
    "把袜子删掉",
    "数量改成两件",
    "看看购物车",
    "去结算",
    "我的订单到哪了",
    "取消订单",
    "退货政策是什么",
    "我要退货",
    "退款到账了吗",
    "包邮吗",
    "支持花呗吗",
    "有优惠券吗",
    "转人工",
    "好的",
    "算了",
    "今天天气怎么样",
    "我的購物車",
    "這件還有貨嗎",
    "这个hoodie有L码吗",
    "帮我add到cart",
    "\u{202e}gnippohs\u{200d}\u{0007}",
];

pub fn parity_dump(args: ParityArgs) -> Result<()> {
    let mut model = load_model(args.model.as_deref())?;
    let labels: Vec<&str> = model.contract().labels.iter().map(|l| l.as_str()).collect();
    let mut rows = Vec::new();
    for &text in PARITY_MESSAGES {
        let ids = model.featurizer().featurize(text);
        let probs = model.probabilities_for_ids(&ids)?;
        let intent = model.classify(text).intent;
        rows.push(serde_json::json!({"text": text, "intent": intent.as_str(), "ids": ids, "probs": probs}));
    }
    let doc = serde_json::json!({"labels": labels, "messages": rows});
    if let Some(parent) = args.out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&args.out, serde_json::to_vec_pretty(&doc)?)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!("wrote {} messages to {}", rows.len(), args.out.display());
    Ok(())
}

/// Each training step allocates and frees many same-sized multi-megabyte
/// tensors (the embedding gradient and the optimiser's temporaries). glibc
/// serves those with mmap/munmap by default, so the kernel zeroes fresh pages
/// on every step: that was 75% of training time. Raising the mmap and trim
/// thresholds keeps the memory in the heap for reuse (5x faster training).
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning parameters; it is called
    // before the training threads start.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 1 << 30);
    }
}
