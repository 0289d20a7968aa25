#!/usr/bin/env bash
# Benchmark of the page (not a test): builds the release bundle, then reports gzip and brotli
# sizes, navigation → interactive (median of 10), keystroke → panels updated (median and p95 of
# 50) and memory, in headless Chromium, then the wasm's code by crate. Figures also go to
# e2e/artifacts/bench.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/install.sh web
[ -d e2e/node_modules ] || (cd e2e && npm ci --no-audit --no-fund)
trunk build --release
node e2e/bench.mjs
# Where the page's wasm goes, by crate: wasm-opt drops the function names, so this reads
# wasm-bindgen's output of cargo's build.
breakdown=$(mktemp -d)
wasm-bindgen --target web --out-dir "$breakdown" target/wasm32-unknown-unknown/release/apigw-cors-web.wasm
node e2e/wasm-breakdown.mjs "$breakdown/apigw-cors-web_bg.wasm"
rm -rf "$breakdown"
