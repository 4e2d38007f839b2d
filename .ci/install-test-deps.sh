#!/usr/bin/env bash
# Installs what the browser tests need, only when missing: Debian's chromium +
# chromium-driver (the only browser the tests use; no tool may download its own),
# a CJK font for readable screenshots,
# wasm-pack, Node.js/npm, and the e2e test's npm packages (playwright-core, pinned
# in tests/e2e/package-lock.json; it never downloads a browser).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
pkgs=()
command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
command -v chromedriver >/dev/null 2>&1 || pkgs+=(chromium-driver)
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
# a CJK font, so Chinese text in the screenshots is readable (not tofu boxes)
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then pkgs+=(fonts-wqy-microhei); fi
if [ ${#pkgs[@]} -gt 0 ]; then
  echo "==> apt-get install ${pkgs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  echo "==> cargo install wasm-pack"
  cargo install wasm-pack
fi

# npm ci is skipped when node_modules already matches the lock file.
cd tests/e2e
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.shopkeep-lock; then
  echo "==> npm ci (tests/e2e)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.shopkeep-lock
fi
