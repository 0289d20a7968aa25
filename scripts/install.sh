#!/usr/bin/env bash
# Installs what is missing for building, serving and testing; safe to run again.
# Usage: scripts/install.sh [web] [test]   (no argument: everything)
set -euo pipefail
cd "$(dirname "$0")/.."

wants_web=false; wants_test=false
if [ "${1-}" = "" ]; then wants_web=true; wants_test=true; fi
for part in "$@"; do
  case "$part" in
    web) wants_web=true ;;
    test) wants_web=true; wants_test=true ;;
    *) echo "unknown part: $part (use web or test)" >&2; exit 2 ;;
  esac
done

step() { printf '==> %s\n' "$*"; }

install_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! command -v trunk >/dev/null || ! trunk --version | grep -q '0.22.1'; then
    step "installing trunk 0.22.1 (several minutes)"
    cargo install trunk --version 0.22.1 --locked --ignore-rust-version
  fi
  # wasm-bindgen-cli (wasm-bindgen, and wasm-bindgen-test-runner for the component tests) must
  # equal the wasm-bindgen version in Cargo.lock.
  local wanted
  wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
  if ! command -v wasm-bindgen >/dev/null || ! wasm-bindgen --version | grep -q " $wanted\$" \
    || ! command -v wasm-bindgen-test-runner >/dev/null \
    || ! wasm-bindgen-test-runner --version | grep -q " $wanted\$"; then
    step "installing wasm-bindgen-cli $wanted"
    cargo install wasm-bindgen-cli --version "$wanted" --locked \
      || cargo install wasm-bindgen-cli --version "$wanted"
  fi
}

npm_install() {
  local dir=$1
  if [ -f "$dir/package-lock.json" ] && { [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; }; then
    step "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

if $wants_web; then
  install_rust_tools
  # wasm-opt comes from the npm package binaryen (Debian's wasm-opt breaks the module).
  npm_install tools
fi

if $wants_test; then
  apt_install chromium chromium-driver shellcheck
  if [ ! -x .venv/bin/pytest ] || [ conformance/sam/requirements.txt -nt .venv/installed ]; then
    step "creating the Python virtualenv for aws-sam-translator and cfn-lint"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r conformance/sam/requirements.txt
    touch .venv/installed
  fi
  for dir in conformance/cdk conformance/serverless e2e simtest probe-diff; do
    [ -d "$dir" ] && npm_install "$dir"
  done
  conformance/terraform/fetch_schemas.sh
fi
step "tools are installed"
