// Differential test: the simulator's predictions against real Chromium.
//
// Usage: node simtest/run.mjs target/simcases.json
// The cases file comes from `cargo run -p apigw-cors --example simcases`. A page served from the
// page origin's port calls fetch() for every case; the server on the API port (and, for
// same-origin cases, the page port) answers the preflight and the actual request with exactly the
// status and headers the simulator predicted for API Gateway. Chromium's outcome (preflight sent,
// actual request sent, response readable) must equal the prediction in every case.

import { readFileSync } from 'node:fs';
import net from 'node:net';
import { chromium } from 'playwright-core';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const EXECUTABLE = process.env.CHROMIUM ?? '/usr/bin/chromium';

const file = process.argv[2];
if (!file) {
  console.error('usage: node simtest/run.mjs CASES.json');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(file, 'utf8'));
const cases = new Map(doc.cases.map((c) => [String(c.id), c]));
const seen = new Map(); // case id -> { preflight: bool, actual: bool }

function record(id, kind) {
  const entry = seen.get(id) ?? { preflight: false, actual: false };
  entry[kind] = true;
  seen.set(id, entry);
}

// A minimal HTTP/1.1 server on plain sockets: Node's http parser rejects methods that are not
// upper-case (400), but fetch() sends `patch` exactly as written, which this test must see.
function parseHead(head) {
  const [requestLine, ...lines] = head.split('\r\n');
  const [method, target] = requestLine.split(' ');
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method, target, headers };
}

function answer(req) {
  const url = new URL(req.target, 'http://127.0.0.1');
  if (url.pathname === '/') {
    return { status: 200, headers: [['Content-Type', 'text/html']], body: '<!doctype html><title>simtest</title><p>simtest page</p>' };
  }
  const id = url.searchParams.get('case');
  const c = cases.get(id);
  if (!c) return { status: 404, headers: [], body: '' };
  const isPreflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  record(id, isPreflight ? 'preflight' : 'actual');
  const sim = c.simulation;
  const response = isPreflight ? sim.preflight?.response : sim.actual.response;
  // An exchange the simulator did not predict gets a bare answer; the outcome comparison
  // reports the disagreement.
  const status = response?.status ?? (isPreflight ? 204 : 200);
  const noBody = status === 204 || req.method === 'HEAD';
  return { status, headers: response?.headers ?? [], body: noBody ? '' : (response?.body ?? '') };
}

function serve(socket) {
  let buffer = Buffer.alloc(0);
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const req = parseHead(buffer.subarray(0, end).toString('latin1'));
    const length = Number(req.headers['content-length'] ?? 0);
    if (buffer.length < end + 4 + length) return;
    buffer = Buffer.alloc(0);
    const res = answer(req);
    const body = Buffer.from(res.body, 'utf8');
    const lines = [`HTTP/1.1 ${res.status} ${res.status === 200 ? 'OK' : 'Status'}`];
    for (const [name, value] of res.headers) lines.push(`${name}: ${value}`);
    if (res.status !== 204) lines.push(`Content-Length: ${req.method === 'HEAD' ? 0 : body.length}`);
    lines.push('Connection: close', '', '');
    socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), req.method === 'HEAD' ? Buffer.alloc(0) : body]));
  });
}

function listen(origin) {
  const port = Number(new URL(origin).port);
  const server = net.createServer(serve);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const servers = [await listen(doc.page_origin), await listen(doc.api_origin)];
const browser = await chromium.launch({ executablePath: EXECUTABLE, headless: true, args: FLAGS });
let passed = 0;
let failed = 0;
try {
  const page = await browser.newPage();
  let consoleLines = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  const only = process.env.SIMTEST_ONLY?.split(',');
  await page.goto(`${doc.page_origin}/`);
  for (const c of doc.cases) {
    const id = String(c.id);
    if (only && !only.includes(id)) continue;
    consoleLines = [];
    const r = c.request;
    const result = await page.evaluate(async ({ url, method, headers, credentials }) => {
      try {
        const response = await fetch(url, { method, headers, credentials, cache: 'no-store' });
        return { allowed: true, status: response.status };
      } catch (error) {
        return { allowed: false, error: String(error) };
      }
    }, { url: r.url, method: r.method, headers: r.headers, credentials: r.credentials });
    const got = {
      preflight_sent: seen.get(id)?.preflight ?? false,
      actual_sent: seen.get(id)?.actual ?? false,
      allowed: result.allowed,
    };
    const want = c.expect;
    const agree = got.preflight_sent === want.preflight_sent
      && got.actual_sent === want.actual_sent
      && got.allowed === want.allowed;
    if (agree) {
      passed += 1;
    } else {
      failed += 1;
      console.log(`DISAGREE case ${id}:`);
      console.log(`  config:     ${JSON.stringify(c.config)}`);
      console.log(`  deployment: ${JSON.stringify(c.deployment)}`);
      console.log(`  request:    ${JSON.stringify(r)}`);
      console.log(`  simulator:  ${JSON.stringify(want)} (${c.simulation.reason})`);
      console.log(`  chromium:   ${JSON.stringify(got)}${result.error ? ` (${result.error})` : ''}`);
      for (const line of consoleLines) console.log(`  console:    ${line}`);
    }
  }
} finally {
  await browser.close();
  for (const server of servers) server.close();
}
console.log(`seed ${doc.seed}, ${doc.cases.length} cases`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
