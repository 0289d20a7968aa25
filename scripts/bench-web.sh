#!/usr/bin/env bash
# Benchmark of the page (not a test): builds the release bundle, then reports gzip and brotli
# sizes, navigation → interactive (median of 10), keystroke → panels updated (median and p95 of
# 50) and memory, in headless Chromium. Figures also go to e2e/artifacts/bench.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/install.sh web
[ -d e2e/node_modules ] || (cd e2e && npm ci --no-audit --no-fund)
trunk build --release
node e2e/bench.mjs
