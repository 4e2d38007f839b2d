#!/usr/bin/env bash
# `make bench`: builds the release assets, runs the native and browser benchmarks,
# writes bench/results.json and bench/RESULTS.md. Tools: .ci/install-*.sh (make test-deps).
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_T0=$(date +%s)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
CARGO=${CARGO:-cargo}

# The wasm bundle and the native binaries are independent builds: run them side
# by side (each has long single-threaded phases: the wasm's fat-LTO link, the
# native crate's codegen), the native measurements after the native build.
echo "==> trunk build --release (the shipped bundle), in the background: target/bench-trunk.log"
mkdir -p target
# BENCH_WASM_TARGET_DIR: a cargo target dir for the wasm build only (e.g. one already warm)
CARGO_TARGET_DIR=${BENCH_WASM_TARGET_DIR:-${CARGO_TARGET_DIR:-target}} trunk build --release > target/bench-trunk.log 2>&1 &
trunk_pid=$!

echo "==> bench/ npm packages (onnxruntime-web, playwright-core; pinned in bench/package-lock.json)"
if [ ! -f bench/node_modules/.package-lock.json ] || ! cmp -s bench/package-lock.json bench/node_modules/.shopkeep-lock; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.shopkeep-lock)
fi

echo "==> native build (CLI, example, criterion benches) beside the wasm build"
$CARGO build --release --quiet --bins --examples
$CARGO bench --quiet --no-run

# measurements start when nothing is compiling any more
echo "==> waiting for the wasm build"
if ! wait $trunk_pid; then
  tail -40 target/bench-trunk.log >&2
  echo "trunk build failed (target/bench-trunk.log)" >&2
  exit 1
fi
echo "==> builds done $(( $(date +%s) - BENCH_T0 )) s after the start"

echo "==> benchmark inputs (corpus messages, conversation turns, generated catalogs)"
$CARGO run --release --quiet --example bench_data -- target/bench

echo "==> native: classify throughput, catalog scale (criterion), training time"
node bench/native.mjs

echo "==> browser: headless Chromium"
node bench/run.mjs
node bench/report.mjs
echo "==> make bench took $(( $(date +%s) - BENCH_T0 )) s; see bench/RESULTS.md"
