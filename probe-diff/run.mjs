// Differential test: `apigw-cors probe` against real Chromium on the same live answers.
//
// Usage: node probe-diff/run.mjs   (after `cargo build -p apigw-cors-cli --bin apigw-cors
// --example probe_stub`; probe-diff/run.sh does both)
//
// The stub (crates/apigw-cors-cli/examples/probe_stub.rs) plays every scripted API Gateway
// behaviour on one loopback port and lists the cases (scenario × request, with the cause the
// probe must name). A page served here from another loopback port calls fetch() for each case
// in headless Chromium; the probe is run on the same case. For every case Chromium's verdict
// must equal the probe's and the table's, and the probe's first cause must be the table's.
// Every console line Chromium prints for a blocked case goes to target/probe/chromium-messages.json
// with the probe's failing step, for `explain`'s test. Where that line differs from the probe's
// chrome_message (the simulator's table of Chrome's messages) the case fails, with the
// difference shown; PROBE_DIFF_STRICT_MESSAGES=0 only counts it (for another Chromium release).

import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const EXECUTABLE = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TARGET = process.env.CARGO_TARGET_DIR ?? 'target';
const PROBE = `${TARGET}/debug/apigw-cors`;
const STUB = `${TARGET}/debug/examples/probe_stub`;
const CASES = `${TARGET}/probe/cases.json`;
const CORPUS = `${TARGET}/probe/chromium-messages.json`;
// How long to wait for Chromium's console line after a fetch() was refused.
const CONSOLE_WAIT_MS = 1000;
const run = promisify(execFile);

mkdirSync(`${TARGET}/probe`, { recursive: true });

// The API: the stub, serving until its standard input closes.
const stub = spawn(STUB, ['--cases', CASES], { stdio: ['pipe', 'pipe', 'inherit'] });
const apiPort = await new Promise((resolve, reject) => {
  stub.once('error', reject);
  stub.once('exit', (code) => reject(new Error(`probe_stub exited with ${code}`)));
  createInterface({ input: stub.stdout }).once('line', (line) => {
    const match = /^ready (\d+)$/.exec(line);
    if (match) resolve(Number(match[1]));
    else reject(new Error(`probe_stub said: ${line}`));
  });
});
const { cases } = JSON.parse(readFileSync(CASES, 'utf8'));

// The page: a blank document on another loopback port, so every fetch() is cross-origin.
const pageServer = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end('<!doctype html><title>probe-diff</title><p>probe differential page</p>');
});
await new Promise((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
const pageOrigin = `http://127.0.0.1:${pageServer.address().port}`;

const browser = await chromium.launch({ executablePath: EXECUTABLE, headless: true, args: FLAGS });
let passed = 0;
let failed = 0;
const corpus = [];
const only = process.env.PROBE_DIFF_ONLY?.split(',');
const strictMessages = process.env.PROBE_DIFF_STRICT_MESSAGES !== '0';
const messageDifferences = [];
try {
  const page = await browser.newPage();
  let consoleLines = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  await page.goto(`${pageOrigin}/`);
  for (const [index, c] of cases.entries()) {
    if (only && !only.includes(c.id)) continue;
    // A URL of its own per case: Chromium's preflight cache never carries over.
    const url = `http://127.0.0.1:${apiPort}${c.path}?case=${index}`;
    const headers = Object.fromEntries(c.headers);
    consoleLines = [];
    const result = await page.evaluate(async ({ url, method, headers, credentials }) => {
      try {
        const response = await fetch(url, { method, headers, credentials, cache: 'no-store' });
        return { allowed: true, status: response.status };
      } catch (error) {
        return { allowed: false, error: String(error) };
      }
    }, { url, method: c.method, headers, credentials: c.credentials ? 'include' : 'same-origin' });
    let message;
    if (!result.allowed) {
      const deadline = Date.now() + CONSOLE_WAIT_MS;
      while (!(message = consoleLines.find((line) => line.includes('blocked by CORS policy'))) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }

    const args = ['probe', url, '--origin', pageOrigin, '--method', c.method, '--format', 'json'];
    for (const [name, value] of c.headers) args.push('--header', `${name}: ${value}`);
    if (c.credentials) args.push('--credentials');
    let probe;
    try {
      const { stdout } = await run(PROBE, args);
      probe = JSON.parse(stdout);
    } catch (error) {
      // Exit 1 (blocked) lands here too; anything without JSON on stdout is a failure.
      probe = error.stdout ? JSON.parse(error.stdout) : { error: String(error) };
    }
    const cause = probe.causes?.[0]?.id ?? null;
    const problems = [];
    if (probe.allowed !== result.allowed) problems.push(`verdict: chromium ${result.allowed}, probe ${probe.allowed}`);
    if (c.allowed !== result.allowed) problems.push(`verdict: chromium ${result.allowed}, table ${c.allowed}`);
    if (cause !== c.cause) problems.push(`cause: probe ${cause}, table ${c.cause}`);
    if (!result.allowed) {
      if (!message) problems.push('chromium printed no CORS console message');
      else if (message !== probe.chrome_message) {
        messageDifferences.push({ case: c.id, chromium: message, probe: probe.chrome_message });
        if (strictMessages) problems.push('console message differs from the probe\'s chrome_message');
      }
      if (message) corpus.push({ case: c.id, message, failingStep: probe.failing_step });
    }
    if (problems.length === 0) {
      passed += 1;
    } else {
      failed += 1;
      console.log(`DISAGREE ${c.id} (${c.plays}):`);
      for (const problem of problems) console.log(`  ${problem}`);
      console.log(`  request:  ${c.method} ${url} ${JSON.stringify(c.headers)} credentials=${c.credentials}`);
      console.log(`  probe:    ${probe.reason ?? probe.error} [${probe.failing_step}]`);
      console.log(`  probe:    ${probe.chrome_message}`);
      for (const line of consoleLines) console.log(`  console:  ${line}`);
    }
  }
} finally {
  await browser.close();
  pageServer.close();
  stub.stdin.end();
}
writeFileSync(CORPUS, `${JSON.stringify(corpus, null, 2)}\n`);
console.log(`${corpus.length} Chromium messages written to ${CORPUS}`);
if (messageDifferences.length > 0) {
  // The text after the common start, once per kind of difference.
  const kinds = new Map();
  for (const { case: id, chromium: got, probe: want } of messageDifferences) {
    let n = 0;
    while (n < got.length && n < (want ?? '').length && got[n] === want[n]) n += 1;
    const key = `chromium: ${JSON.stringify(got.slice(n))}, probe: ${JSON.stringify((want ?? '').slice(n))}`;
    kinds.set(key, [...(kinds.get(key) ?? []), id]);
  }
  console.log(`${messageDifferences.length} console lines differ from the probe's chrome_message${strictMessages ? '' : ' (not counted: PROBE_DIFF_STRICT_MESSAGES=0)'}:`);
  for (const [key, ids] of kinds) console.log(`  ${ids.length}× ${key} (e.g. ${ids[0]})`);
}
console.log(`${cases.length} cases (${new Set(cases.map((c) => c.scenario)).size} scenarios)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
