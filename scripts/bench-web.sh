#!/usr/bin/env bash
# Benchmark of the page (not a test): builds the release bundle, then reports gzip and brotli
# sizes, first contentful paint and navigation → interactive (medians of 10), keystroke → every
# visible panel updated (median and p95 of 100) and memory, in headless Chromium, then the wasm's
# code by crate. Figures also go to e2e/artifacts/bench.json.
#
# BENCH_BASELINE=DIR measures an earlier build's dist/ in the same run, interleaved, and prints
# this build's ratios to it; BENCH_BASELINE_WASM=FILE (that build's
# target/wasm32-unknown-unknown/release/apigw-cors-web.wasm) adds its wasm by crate.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-build.sh
if [ -n "${BENCH_BASELINE-}" ]; then
  node e2e/bench.mjs --compare "$BENCH_BASELINE" dist
else
  node e2e/bench.mjs
fi
# Where the page's wasm goes, by crate: wasm-opt drops the function names, so this reads
# wasm-bindgen's output of cargo's build.
by_crate() {
  local breakdown
  breakdown=$(mktemp -d)
  cp "$1" "$breakdown/page.wasm"
  wasm-bindgen --target web --out-dir "$breakdown" "$breakdown/page.wasm"
  node e2e/wasm-breakdown.mjs "$breakdown/page_bg.wasm"
  rm -rf "$breakdown"
}
if [ -n "${BENCH_BASELINE_WASM-}" ]; then
  echo "== baseline wasm by crate"
  by_crate "$BENCH_BASELINE_WASM"
  echo "== this build's wasm by crate"
fi
by_crate target/wasm32-unknown-unknown/release/apigw-cors-web.wasm
