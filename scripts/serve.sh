#!/usr/bin/env bash
# Builds the page (release) and serves dist/ on 127.0.0.1, printing the URL.
# Usage: scripts/serve.sh [PORT]   (default 8080)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/install.sh web
trunk build --release
exec node e2e/server.mjs --port "${1:-8080}"
