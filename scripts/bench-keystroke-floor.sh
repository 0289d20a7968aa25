#!/usr/bin/env bash
# The keystroke benchmark's floor (not a test): how a keystroke in the origins field measures on
# the page against three stand-in pages in the same run, interleaved (e2e/keystroke-floor.mjs
# says what they hold): one where only the browser's own part happens, one that does the least a
# page can do with this generator (check, render the default tool's outputs, patch their changed
# lines; src/bin/keystroke_floor.rs), and one with the page's own origins field and outputs and
# nothing else (src/bin/keystroke_components.rs). Builds the release page first.
#
# BENCH_BASELINE=DIR puts an earlier build's dist/ first, so every ratio is to it (issue 10's
# keystroke budget is against the build before it). BENCH_SESSIONS (default 8) typing sessions
# of 50 keystrokes per page.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-build.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The two wasm stand-ins, each as Trunk builds the page (data-wasm-opt="z" in index.html).
for name in floor components; do
  cargo build --release --target wasm32-unknown-unknown --bin "keystroke-$name"
  wasm-bindgen --target web --out-dir "$out/$name" --out-name "$name" \
    "target/wasm32-unknown-unknown/release/keystroke-$name.wasm"
  wasm-opt -Oz "$out/$name/${name}_bg.wasm" -o "$out/$name/${name}_bg.wasm"
done
node e2e/keystroke-floor.mjs "$out" dist
BENCH_SESSIONS="${BENCH_SESSIONS:-8}" node e2e/bench.mjs --keystrokes \
  ${BENCH_BASELINE:+"$BENCH_BASELINE"} "$out/trivial" "$out/floor" "$out/components" dist
