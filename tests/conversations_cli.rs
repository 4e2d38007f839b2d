//! `shopkeep chat --json`: one JSON object per stdin line, state across lines,
//! clear errors for invalid data files.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chat(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shopkeep"))
        .arg("chat")
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("shopkeep runs");
    // A run that rejects its data files exits before reading stdin: a broken
    // pipe here is that exit, which the caller then checks.
    if let Err(e) = child.stdin.take().expect("stdin").write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("shopkeep exits")
}

fn lines(out: &std::process::Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn json_mode_keeps_state_across_lines() {
    let input =
        "add the canvas tote bag to my cart\nmake it 2\n\nwhat's in my cart?\n\u{ff}\u{fe} bytes\n";
    let out = chat(&["--json"], input.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let replies = lines(&out);
    assert_eq!(replies.len(), 5, "one object per input line");
    for r in &replies {
        assert!(r["reply"].is_string() && r["intent"].is_string());
        assert!(r["lang"] == "en" || r["lang"] == "zh");
        assert!(r["suggestions"].is_array());
        assert_eq!(r["cart"]["currency"], "USD");
    }
    let item = &replies[1]["cart"]["items"][0];
    assert_eq!(item["product_id"], "canvas-tote");
    assert_eq!(item["variant_id"], "canvas-tote");
    assert_eq!(item["quantity"], 2);
    assert_eq!(replies[1]["cart"]["total"], 5600);
    assert_eq!(replies[3]["cart"]["total"], 5600);
}

#[test]
fn json_mode_handles_invalid_utf8_lines() {
    let out = chat(&["--json"], b"\xff\xfe\xfd\n\xe4\xbd\xa0\xe5\xa5\xbd\n");
    assert!(out.status.success());
    assert_eq!(lines(&out).len(), 2);
}

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shopkeep-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write temp file");
    p
}

fn expect_error(args: &[&str], needles: &[&str]) {
    let out = chat(args, b"hello\n");
    assert!(!out.status.success(), "must fail");
    assert!(out.stdout.is_empty(), "no replies on bad data");
    let err = String::from_utf8_lossy(&out.stderr);
    for n in needles {
        assert!(err.contains(n), "stderr lacks {n:?}: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn invalid_data_files_fail_clearly() {
    let catalog = std::fs::read_to_string(root().join("www/catalog.json")).expect("catalog");
    let mut doc: serde_json::Value = serde_json::from_str(&catalog).expect("json");
    doc["products"][3]["variants"][0]["price"] = serde_json::json!("cheap");
    let wrong_type = write_temp("wrong-type.json", doc.to_string().as_bytes());
    expect_error(
        &["--json", "--catalog", wrong_type.to_str().expect("path")],
        &["catalog", "products[3].variants[0].price", "invalid type"],
    );

    let orders = std::fs::read_to_string(root().join("www/orders.json")).expect("orders");
    let mut doc: serde_json::Value = serde_json::from_str(&orders).expect("json");
    doc["orders"][2]
        .as_object_mut()
        .expect("object")
        .remove("email");
    let missing = write_temp("missing-field.json", doc.to_string().as_bytes());
    expect_error(
        &["--json", "--orders", missing.to_str().expect("path")],
        &["orders", "orders[2]", "missing field `email`"],
    );

    let binary = write_temp("binary.json", b"{\"shop\": \"\xff\xfe\"}");
    expect_error(
        &["--json", "--catalog", binary.to_str().expect("path")],
        &["catalog", "UTF-8"],
    );

    expect_error(
        &["--json", "--policies", "/nonexistent/policies.json"],
        &["policies", "/nonexistent/policies.json"],
    );
}
