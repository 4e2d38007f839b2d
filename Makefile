# shopkeep — the two commands:
#   make demo   install missing tools, build the widget and serve the demo shop on http://127.0.0.1:8080
#   make test   install test dependencies and run every test
SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo

.PHONY: help demo test test-native test-onnx test-wasm test-e2e bench model check-wasm-core \
	web-tools test-deps dist lint-web measure-web

help:
	@echo "make demo   — build and serve the demo shop at http://127.0.0.1:8080"
	@echo "make test   — install test dependencies and run every test"
	@echo "make model  — retrain model/shopkeep.onnx from model/corpus"
	@echo "make bench  — run the benchmarks and regenerate bench/RESULTS.md"

# Native unit, property, conversation and accuracy tests.
test-native:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) test --release

# The core must build for the browser.
check-wasm-core:
	rustup target add wasm32-unknown-unknown
	$(CARGO) check --lib --no-default-features --target wasm32-unknown-unknown

# The committed ONNX file is standard ONNX: onnx checker + onnxruntime parity with tract.
test-onnx:
	.ci/install-python-deps.sh
	$(CARGO) run --release --quiet -- parity-dump --out target/parity.json
	python3 tests/onnx_parity.py model/shopkeep.onnx target/parity.json

model:
	$(CARGO) run --release -- train

# ------------------------------------------------------------------ browser widget
# The widget is the crate's cdylib built with `--no-default-features --features web`
# for wasm32 by Trunk (see Trunk.toml and index.html); dist/ is the deployable bundle.
WEB_FEATURES := --no-default-features --features web
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMIUM ?= /usr/bin/chromium
# no test tool may download a browser of its own
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

web-tools:
	.ci/install-web-tools.sh

dist: web-tools
	trunk build --release

# Build, then serve dist/ on http://127.0.0.1:8080 (Trunk.toml [serve]); Ctrl-C stops it.
demo: dist
	@echo "==> the demo shop is at http://127.0.0.1:8080"
	trunk serve --release

test-deps: web-tools
	.ci/install-test-deps.sh

lint-web:
	$(CARGO) fmt --check
	$(CARGO) clippy --target wasm32-unknown-unknown $(WEB_FEATURES) -- -D warnings

# The model, dialogue and components in headless Chrome (wasm-bindgen-test):
# tract in wasm must match the native probabilities written by parity-dump.
test-wasm: test-deps
	$(CARGO) run --release --quiet -- parity-dump --out tests/fixtures/native_probs.json
	wasm-pack test --headless --chrome --release . $(WEB_FEATURES) --test web

# The built dist/ in real headless Chromium (playwright-core + /usr/bin/chromium).
test-e2e: test-deps
	trunk build --release
	cd tests/e2e && npm test

# Latency numbers (reply after Enter, launcher → usable) and bundle sizes.
measure-web: test-deps
	trunk build --release
	cd tests/e2e && node sizes.mjs && node measure.mjs

# Benchmarks (issue 5): weight, inference vs onnxruntime-web, cold start, reply latency,
# the shop page before opening, catalog scale, native figures. Writes bench/results.json
# and bench/RESULTS.md (see bench/bench.sh).
bench: test-deps
	bench/bench.sh

test: test-native check-wasm-core test-onnx lint-web test-wasm test-e2e
