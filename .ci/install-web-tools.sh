#!/usr/bin/env bash
# Installs what building the browser widget needs, only when missing:
#   the wasm32 target, wasm-bindgen-cli 0.2.130 (must match the crate's =0.2.130) and trunk 0.21.14.
# Then downloads the crates once, so `trunk build` (offline = true in Trunk.toml) never touches the network.
# Works on a fresh Debian machine that has only Rust (rustup) installed.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "==> rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# cargo-installed tools link against OpenSSL on some setups and need a C toolchain.
need_pkgs=()
command -v cc >/dev/null 2>&1 || need_pkgs+=(build-essential)
command -v pkg-config >/dev/null 2>&1 || need_pkgs+=(pkg-config)
if [ ! -e /usr/include/openssl/ssl.h ]; then need_pkgs+=(libssl-dev); fi
if [ ${#need_pkgs[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "==> apt-get install ${need_pkgs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}"
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen ${WASM_BINDGEN_VERSION}" ]; then
  echo "==> cargo install wasm-bindgen-cli --version ${WASM_BINDGEN_VERSION}"
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

if ! command -v trunk >/dev/null 2>&1; then
  echo "==> cargo install trunk --version ${TRUNK_VERSION}"
  cargo install trunk --version "${TRUNK_VERSION}" --locked
elif [ "$(trunk --version)" != "trunk ${TRUNK_VERSION}" ]; then
  echo "note: found $(trunk --version), shopkeep is tested with trunk ${TRUNK_VERSION}" >&2
fi

# Trunk builds offline; make sure every crate is in the local registry.
cargo fetch --target wasm32-unknown-unknown --quiet
