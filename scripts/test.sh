#!/usr/bin/env bash
# Installs what is missing, then runs every test: Rust unit, snapshot, property and CLI tests;
# the page's components in Chromium; conformance against aws-sam-translator, cfn-lint,
# TypeScript and aws-cdk-lib (TypeScript and Python), the AWS provider's schemas (Terraform) and
# osls (the Serverless Framework); the page in Chromium; the simulator and the probe against
# Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

scripts/install.sh test

step() { printf '\n==> %s\n' "$*"; }

step "Rust tests (library, CLI, snapshots, properties; writes the conformance cases)"
cargo test --workspace
# The prerendered page (the ssr build Trunk's post_build hook runs).
cargo test -p apigw-cors-web --no-default-features --features ssr --lib prerender

# Components mounted alone in headless Chromium (wasm-bindgen-test-runner; webdriver.json).
step "Web components: wasm-bindgen-test in Chromium"
CHROMEDRIVER=/usr/bin/chromedriver cargo test -p apigw-cors-web --target wasm32-unknown-unknown --test components

step "SAM conformance: aws-sam-translator transform + cfn-lint"
.venv/bin/pytest -q conformance/sam

step "CDK conformance: tsc --strict + in-process synth"
(cd conformance/cdk && npm test)

# Needs the TypeScript templates the step above writes.
step "CDK Python conformance: aws-cdk-lib for Python synthesizes the TypeScript app's template"
.venv/bin/pytest -q conformance/cdk-python

step "CloudFormation conformance: cfn-lint + the same CORS as the SAM transform of sam-template"
.venv/bin/pytest -q conformance/cloudformation

step "OpenAPI conformance: openapi-spec-validator + SAM DefinitionBody + cfn-lint"
.venv/bin/pytest -q conformance/openapi

step "AWS CLI conformance: shellcheck + the real aws CLI against a local recording server"
.venv/bin/pytest -q conformance/aws-cli

# Needs the cloudformation cases the Rust tests write (it compares with them).
step "Terraform conformance: HCL parsers + the AWS provider's schemas + the same CORS as cloudformation"
.venv/bin/pytest -q conformance/terraform

# osls (the open-source Serverless Framework) packages every case offline: unshare -n, dummy
# credentials.
step "Serverless conformance: osls package + cfn-lint + the same CORS as the cloudformation target"
.venv/bin/pytest -q conformance/serverless

step "Web page: release build + Chromium"
trunk build --release
(cd e2e && npm test)

step "Simulator: differential test against Chromium"
bash simtest/run.sh

step "Probe: differential test against Chromium on scripted API Gateway behaviours (loopback)"
bash probe-diff/run.sh

# The probe's differential above wrote every console message Chromium printed for a blocked
# request; explain must recognise each with the probe's failing step.
step "Explain: every Chromium console message of the probe differential is recognised"
PROBE_CORPUS="$PWD/target/probe/chromium-messages.json" cargo test -p apigw-cors --test explain_corpus

step "all tests passed"
