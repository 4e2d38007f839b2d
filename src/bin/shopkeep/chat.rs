//! `shopkeep chat`: the assistant in a terminal, or line-by-line JSON for scripts.
//!
//! Machine mode (`--json`): one shopper message per stdin line, one JSON object
//! per stdout line:
//! `{"reply", "intent", "lang", "cart": {"items": [{"product_id", "variant_id",
//! "quantity", …}], "total", "currency", …}, "suggestions", "cards", …}`.
//! State (cart, context) carries across lines.

use anyhow::{anyhow, Context, Result};
use clap::Args;
use shopkeep::intent::OnnxIntentClassifier;
use shopkeep::store::DataFile;
use shopkeep::text::Lang;
use shopkeep::{Assistant, Date, Reply, StaticStore, StoreError};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Options of `shopkeep chat`.
#[derive(Args, Debug)]
pub struct ChatArgs {
    /// Read one message per stdin line and write one JSON object per line.
    #[arg(long)]
    pub json: bool,
    /// Catalog file (default: www/catalog.json).
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// Orders and returns file (default: www/orders.json).
    #[arg(long)]
    pub orders: Option<PathBuf>,
    /// Policies file (default: www/policies.json).
    #[arg(long)]
    pub policies: Option<PathBuf>,
    /// ONNX intent model (default: model/shopkeep.onnx).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// The date to treat as today, YYYY-MM-DD (default: the orders file's
    /// `demo_today`, else the system date).
    #[arg(long)]
    pub today: Option<String>,
}

/// `path` if given, else `relative` from the working directory, else from the
/// source tree.
fn resolve(path: Option<PathBuf>, relative: &str) -> PathBuf {
    path.unwrap_or_else(|| {
        let local = PathBuf::from(relative);
        if local.exists() {
            local
        } else {
            Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
        }
    })
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read the {what} file {}", path.display()))
}

fn system_today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Runs the chat until end of input.
pub fn run(args: ChatArgs) -> Result<()> {
    let catalog_path = resolve(args.catalog, "www/catalog.json");
    let orders_path = resolve(args.orders, "www/orders.json");
    let policies_path = resolve(args.policies, "www/policies.json");
    let model_path = resolve(args.model, "model/shopkeep.onnx");
    let catalog = read(&catalog_path, "catalog")?;
    let orders = read(&orders_path, "orders")?;
    let policies = read(&policies_path, "policies")?;
    let store =
        StaticStore::from_json_bytes(&catalog, &orders, &policies).map_err(|e| match &e {
            StoreError::Invalid {
                file,
                path,
                message,
            } => {
                let file_path = match file {
                    DataFile::Catalog => &catalog_path,
                    DataFile::Orders => &orders_path,
                    DataFile::Policies => &policies_path,
                };
                let at = if path.is_empty() {
                    String::new()
                } else {
                    format!(" at {path}")
                };
                anyhow!(
                    "invalid {} file {}{at}: {message}",
                    file,
                    file_path.display()
                )
            }
            other => anyhow!("cannot load the shop: {other}"),
        })?;
    let model_bytes = read(&model_path, "model")?;
    let model = OnnxIntentClassifier::from_bytes(&model_bytes)
        .with_context(|| format!("cannot load the model {}", model_path.display()))?;
    let today = match &args.today {
        Some(t) => t
            .parse::<Date>()
            .with_context(|| format!("--today {t:?}"))?,
        None => store.demo_today().unwrap_or_else(system_today),
    };
    let mut assistant = Assistant::new(Box::new(model), store, today);
    if args.json {
        json_loop(&mut assistant)
    } else {
        interactive(&mut assistant)
    }
}

fn reply_json(r: &Reply) -> serde_json::Value {
    serde_json::json!({
        "reply": r.text,
        "intent": r.intent.as_str(),
        "lang": r.lang.as_str(),
        "script": r.script,
        "cart": r.cart,
        "suggestions": r.suggestions,
        "cards": r.cards,
        "checkout_url": r.checkout_url,
        "handoff": r.handoff,
    })
}

fn json_loop(assistant: &mut Assistant<StaticStore>) -> Result<()> {
    crate::json_per_line(true, |text| {
        Ok(reply_json(&pollster::block_on(assistant.respond(text))))
    })
}

fn print_reply(out: &mut impl Write, r: &Reply, color: bool) -> Result<()> {
    let (bold, dim, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut lines = r.text.lines();
    if let Some(first) = lines.next() {
        writeln!(out, "{bold}shop ›{reset} {first}")?;
    }
    for l in lines {
        writeln!(out, "       {l}")?;
    }
    for c in &r.cards {
        let variant = if c.variant_title.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.variant_title)
        };
        let was = c
            .compare_at
            .as_ref()
            .map(|w| format!(" (was {w})"))
            .unwrap_or_default();
        writeln!(
            out,
            "       {dim}▪ {}{variant} — {}{was} · {} [{}]{reset}",
            c.title, c.price, c.stock, c.product_id
        )?;
    }
    if !r.suggestions.is_empty() {
        writeln!(out, "       {dim}↳ {}{reset}", r.suggestions.join("  |  "))?;
    }
    Ok(())
}

fn interactive(assistant: &mut Assistant<StaticStore>) -> Result<()> {
    let color = std::io::stdout().is_terminal();
    let stdin = std::io::stdin();
    let mut reader = stdin.lock();
    let mut out = std::io::stdout().lock();
    let greeting = assistant.greeting(Lang::En);
    print_reply(&mut out, &greeting, color)?;
    writeln!(out, "       (type /quit to leave; 中文也可以)")?;
    let mut last_cart = (0u32, 0i64);
    let mut line = Vec::new();
    loop {
        write!(
            out,
            "{}you ›{} ",
            if color { "\x1b[1;36m" } else { "" },
            if color { "\x1b[0m" } else { "" }
        )?;
        out.flush()?;
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            writeln!(out)?;
            break;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim();
        if matches!(text, "/quit" | "/exit" | "/q") {
            break;
        }
        let reply = pollster::block_on(assistant.respond(text));
        print_reply(&mut out, &reply, color)?;
        let cart = (reply.cart.count, reply.cart.total);
        if cart != last_cart {
            writeln!(
                out,
                "       🛒 {} item(s) — {}",
                reply.cart.count, reply.cart.total_text
            )?;
            last_cart = cart;
        }
    }
    Ok(())
}
