#!/usr/bin/env bash
# Differential test of `apigw-cors probe` against real Chromium (/usr/bin/chromium) on
# scripted API Gateway behaviours served on loopback. Writes target/probe/chromium-messages.json.
# Install once: (cd probe-diff && npm ci). Then: bash probe-diff/run.sh   (PROBE_DIFF_ONLY=id,id)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p apigw-cors-cli --bin apigw-cors --example probe_stub
node probe-diff/run.mjs
