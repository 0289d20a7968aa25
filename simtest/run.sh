#!/usr/bin/env bash
# Differential test of the preflight simulator against real Chromium (/usr/bin/chromium).
# Install once: (cd simtest && npm ci). Then: bash simtest/run.sh   (SEED, COUNT override)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q -p apigw-cors --example simcases -- \
  --seed "${SEED:-20260101}" --count "${COUNT:-240}" --out target/simcases.json
node simtest/run.mjs target/simcases.json
