//! `shopkeep` — the native command-line shell around the core:
//! `classify`, `eval`, `train`, `chat` and `parity-dump`.

mod chat;
mod model_cmds;

use clap::{Parser, Subcommand};
use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

/// One JSON line on stdout per line of stdin, in order — an empty line too.
/// Invalid UTF-8 is replaced, not fatal. `flush_each` answers line by line
/// (a conversation); otherwise output is flushed at the end (a batch).
pub fn json_per_line(
    flush_each: bool,
    mut answer: impl FnMut(&str) -> anyhow::Result<serde_json::Value>,
) -> anyhow::Result<()> {
    let mut reader = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        let value = answer(text.trim_end_matches(['\n', '\r']))?;
        serde_json::to_writer(&mut out, &value)?;
        out.write_all(b"\n")?;
        if flush_each {
            out.flush()?;
        }
    }
    out.flush()?;
    Ok(())
}

#[derive(Parser)]
#[command(
    name = "shopkeep",
    version,
    about = "Bilingual shopping assistant: model tools and terminal chat"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Classify UTF-8 lines from stdin; one JSON object per line on stdout.
    Classify(model_cmds::ClassifyArgs),
    /// Score the model on a JSONL file of {"text","intent"} or {"text","accept":[..]}.
    Eval(model_cmds::EvalArgs),
    /// Train the intent model from the YAML corpus and write the ONNX file.
    Train(model_cmds::TrainArgs),
    /// Write the model's probabilities for fixed messages (parity tests).
    ParityDump(model_cmds::ParityArgs),
    /// Chat with the assistant about the demo shop (or --json: one JSON reply per stdin line).
    Chat(chat::ChatArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Classify(a) => model_cmds::classify(a),
        Command::Eval(a) => model_cmds::eval(a),
        Command::Train(a) => model_cmds::train(a),
        Command::ParityDump(a) => model_cmds::parity_dump(a),
        Command::Chat(a) => chat::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shopkeep: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
