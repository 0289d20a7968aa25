// Benchmark of the release build (not a test): bundle size, first paint, time to an interactive
// form, keystroke latency and memory, in Debian's headless Chromium. Run scripts/bench-web.sh (it
// builds first), or `node e2e/bench.mjs` on an existing dist/. Writes e2e/artifacts/bench.json.
//
//   node e2e/bench.mjs                       # dist/ (or BENCH_DIST=dir)
//   node e2e/bench.mjs --compare BASE NEW    # two builds in one run, interleaved, with NEW/BASE ratios
//   node e2e/bench.mjs --keystrokes BASE DIR...  # keystrokes only, interleaved, ratios to BASE
//                                                # (scripts/bench-keystroke-floor.sh)
//   node e2e/bench.mjs --first-paint BASE DIR... # first contentful paint only (BENCH_LOADS
//                                                # loads each, interleaved), ratios to BASE; any
//                                                # static page, for the first paint's floor
//
// Definitions:
// - first contentful paint: the `paint` entry `first-contentful-paint` (PerformanceObserver).
// - interactive: the moment `<html data-ready>` becomes "true" (the page sets it when the form
//   answers input). A build without `data-ready` (before prerendering) counts from the moment
//   the origins field and the sam-globals panel's first line are in the DOM; the output says
//   which definition each build was measured by.
// - keystroke → every visible panel updated: keydown in the origins field to the last DOM change
//   of the page (waiting until it has been quiet for 100 ms), so every panel on screen is done.
// - JS heap: V8's used heap after a forced garbage collection.
//
// Budgets (issue 10, against the build before it, in one run): first contentful paint ≤ 0.5×;
// keystroke p95 ≤ 0.4×; navigation → interactive ≤ 0.9×; first load ≤ 150 KB gzip (the worker
// on demand); JS heap after 50 keystrokes no higher.

import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, extname, resolve, basename } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { spawn } from 'node:child_process';
import { DIST, ROOT, launchBrowser } from './lib.mjs';

const LOADS = Number(process.env.BENCH_LOADS || 10);
const KEYSTROKES = 50;
// Typing sessions per build (each of KEYSTROKES keys); the latencies are pooled.
const SESSIONS = Number(process.env.BENCH_SESSIONS || 2);

const compareAt = process.argv.indexOf('--compare');
const keystrokesAt = process.argv.indexOf('--keystrokes');
const firstPaintAt = process.argv.indexOf('--first-paint');
const manyAt = Math.max(keystrokesAt, firstPaintAt);
const builds =
  compareAt >= 0
    ? process.argv.slice(compareAt + 1, compareAt + 3).map((dir) => resolve(dir))
    : manyAt >= 0
      ? process.argv.slice(manyAt + 1).map((dir) => resolve(dir))
      : [process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : DIST];
if (compareAt >= 0 && builds.length !== 2) throw new Error('usage: node e2e/bench.mjs --compare BASE_DIST NEW_DIST');
if (manyAt >= 0 && builds.length < 2) throw new Error(`usage: node e2e/bench.mjs ${process.argv[manyAt]} BASE_DIST DIST...`);

// The page's worker (template import, request simulator) is fetched only when one of those panels
// opens, so it is reported on its own row and not counted in the first load's total.
const isOnDemand = (name) => name.includes('cors-worker');

function compressed(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function sizes(dist) {
  const kinds = { wasm: '.wasm', js: '.js', css: '.css', html: '.html' };
  const rows = {};
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const onDemand = { raw: 0, gzip: 0, brotli: 0 };
  for (const [kind, ext] of Object.entries(kinds)) {
    const row = { raw: 0, gzip: 0, brotli: 0 };
    for (const name of readdirSync(dist).filter((n) => extname(n) === ext)) {
      const size = compressed(readFileSync(join(dist, name)));
      const into = isOnDemand(name) ? onDemand : row;
      for (const k of Object.keys(size)) into[k] += size[k];
    }
    rows[kind] = row;
    for (const k of Object.keys(total)) total[k] += row[k];
  }
  rows.total = total;
  rows['worker (on demand)'] = onDemand;
  return rows;
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}

// In the page before any script: first contentful paint, the interactive moment (see above), the
// last DOM change and the last keydown, and the wasm memory for measuring.
function instrument() {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-contentful-paint') window.__fcp = entry.startTime;
    }
  }).observe({ type: 'paint', buffered: true });
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasmMemory = e.detail.wasm.memory;
  });
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (window.__interactive === undefined) {
      const ready = document.documentElement.getAttribute('data-ready');
      if (ready === 'true') {
        window.__interactive = now;
        window.__interactiveBy = 'data-ready="true"';
      } else if (
        ready === null &&
        document.getElementById('origins') &&
        document.querySelector('code[data-testid="sam-globals"][data-state="ok"] span.ln')
      ) {
        window.__interactive = now;
        window.__interactiveBy = 'no data-ready: origins field and sam-globals rendered';
      }
    }
    window.__lastMutation = now;
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  addEventListener('keydown', () => {
    window.__keydown = performance.now();
  }, true);
}

// A fresh load, once `loaded` holds in the page (by default: painted and interactive).
async function openInstrumented(browser, origin, loaded = () => window.__interactive !== undefined && window.__fcp !== undefined) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(origin + '/');
  await page.waitForFunction(loaded);
  return { context, page };
}

// The first contentful paint of one fresh load of any page (no wasm or form needed).
async function firstPaint(browser, origin) {
  const { context, page } = await openInstrumented(browser, origin, () => window.__fcp !== undefined);
  const fcp = await page.evaluate(() => window.__fcp);
  await context.close();
  return fcp;
}

async function load(browser, origin) {
  const { context, page } = await openInstrumented(browser, origin);
  const figures = await page.evaluate(() => ({ fcp: window.__fcp, interactive: window.__interactive, by: window.__interactiveBy }));
  await context.close();
  return figures;
}

async function heapOf(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasmMemory = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? null);
  return { heap: heap.usedSize, wasmMemory };
}

async function typing(browser, origin) {
  const { context, page } = await openInstrumented(browser, origin);
  const field = page.getByTestId('origins');
  await field.fill('https://app.example.com\nhttp://localhost:3000\nhttps://a');
  await field.press('End');
  await page.waitForTimeout(200);
  const latencies = [];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.press(letters[i % letters.length]);
    // Wait until the DOM has been quiet for 100 ms, then take the last change.
    await page.waitForFunction(() => performance.now() - window.__lastMutation > 100, null, { polling: 20 });
    latencies.push(await page.evaluate(() => window.__lastMutation - window.__keydown));
  }
  const typed = await page.getByTestId('origins-used').textContent();
  if (!typed.includes('https://a' + letters.slice(0, 25))) throw new Error(`the keystrokes did not arrive: ${typed}`);
  // Every panel shown is one span.ln per line, nothing else, and up to date.
  const last = 'https://a' + [...Array(KEYSTROKES)].map((_, i) => letters[i % letters.length]).join('');
  const panels = await page.evaluate((last) =>
    [...document.querySelectorAll('code[data-state="ok"]')].map((code) => {
      const lines = code.textContent.split('\n').length - 1;
      const spans = [...code.childNodes].filter((n) => n.nodeType === 1 && n.matches('span.ln')).length;
      // A panel that shows the origins (HTTP API handlers do not) shows the last one typed.
      const showsOrigins = code.textContent.includes('https://app.example.com');
      return { name: code.dataset.testid, shape: spans === lines && code.children.length === lines, current: !showsOrigins || code.textContent.includes(last) };
    }), last);
  const broken = panels.filter((p) => !p.shape).map((p) => p.name);
  if (broken.length) throw new Error(`panels out of shape after typing: ${broken.join(', ')}`);
  const stale = panels.filter((p) => !p.current).map((p) => p.name);
  if (stale.length) throw new Error(`panels without the last origin typed: ${stale.join(', ')}`);
  const memory = await heapOf(context, page);
  await context.close();
  return { latencies, panels: panels.map((p) => p.name), ...memory };
}

async function afterLoad(browser, origin) {
  const { context, page } = await openInstrumented(browser, origin);
  const memory = await heapOf(context, page);
  await context.close();
  return memory;
}

const kb = (n) => (n / 1024).toFixed(1);
const ms = (n) => n.toFixed(2);

// The static server runs in its own process, as a real host would: served from this process, the
// page's requests waited on the event loop that also drives the browser (~10 ms per load).
function startServerProcess(dir) {
  const child = spawn(process.execPath, [join(ROOT, 'e2e', 'server.mjs'), '--port', '0', '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`the server exited with ${code}`)));
    child.stdout.once('data', (line) => {
      const origin = String(line).match(/http:\/\/127\.0\.0\.1:\d+/)?.[0];
      if (!origin) return fail(new Error(`unexpected server output: ${line}`));
      ok({ origin, close: async () => child.kill() });
    });
  });
}

function summary(runs) {
  const fcps = runs.loads.map((l) => l.fcp);
  const interactives = runs.loads.map((l) => l.interactive);
  const latencies = runs.sessions.flatMap((s) => s.latencies);
  return {
    fcp: median(fcps),
    interactive: median(interactives),
    interactiveBy: [...new Set(runs.loads.map((l) => l.by))].join('; '),
    keyMedian: median(latencies),
    keyP95: quantile(latencies, 0.95),
    heapAfterLoad: runs.afterLoad.heap,
    wasmAfterLoad: runs.afterLoad.wasmMemory,
    heapAfterTyping: median(runs.sessions.map((s) => s.heap)),
    wasmAfterTyping: median(runs.sessions.map((s) => s.wasmMemory)),
    panels: runs.sessions[0].panels,
    raw: { fcps, interactives, latencies },
  };
}

// Keystrokes only: the typing sessions of every build, interleaved, and each build's latency
// against the first's.
async function keystrokesOnly(servers) {
  const latencies = builds.map(() => []);
  for (let i = 0; i < SESSIONS; i++) {
    for (const [b, server] of servers.entries()) latencies[b].push(...(await typing(browser, server.origin)).latencies);
  }
  const [base] = latencies;
  console.log(`Keystroke in origins → last DOM change, ${SESSIONS} sessions of ${KEYSTROKES} per build, interleaved:`);
  for (const [b, dir] of builds.entries()) {
    const [p50, p95] = [median(latencies[b]), quantile(latencies[b], 0.95)];
    const ratios = `${(p50 / median(base)).toFixed(2)}× / ${(p95 / quantile(base, 0.95)).toFixed(2)}×`;
    console.log(`  ${dir}\n    p50 ${ms(p50)} ms, p95 ${ms(p95)} ms; to the first: ${ratios}`);
  }
}

// First paint only: fresh loads of every build, interleaved, and each build's median against
// the first's.
async function firstPaintsOnly(servers) {
  const fcps = builds.map(() => []);
  for (let i = 0; i < LOADS; i++) {
    for (const [b, server] of servers.entries()) fcps[b].push(await firstPaint(browser, server.origin));
  }
  const base = median(fcps[0]);
  console.log(`First contentful paint, median of ${LOADS} fresh loads per build, interleaved:`);
  for (const [b, dir] of builds.entries()) {
    console.log(`  ${dir}\n    ${ms(median(fcps[b]))} ms; to the first: ${(median(fcps[b]) / base).toFixed(2)}×`);
  }
}

// Every figure: loads, memory and keystrokes of each build, interleaved.
async function fullRun(servers) {
  const runs = builds.map(() => ({ loads: [], sessions: [] }));
  // Interleaved: one load of each build in turn, so a busy moment of the machine falls on both.
  for (let i = 0; i < LOADS; i++) {
    for (const [b, server] of servers.entries()) runs[b].loads.push(await load(browser, server.origin));
  }
  for (const [b, server] of servers.entries()) runs[b].afterLoad = await afterLoad(browser, server.origin);
  for (let i = 0; i < SESSIONS; i++) {
    for (const [b, server] of servers.entries()) runs[b].sessions.push(await typing(browser, server.origin));
  }

  const results = builds.map((dir, b) => ({ dir, bundle: sizes(dir), ...summary(runs[b]) }));
  for (const r of results) {
    console.log(`\n=== ${r.dir}`);
    console.log('Bundle                raw KB   gzip KB  brotli KB   (total: what the first load fetches)');
    for (const [kind, row] of Object.entries(r.bundle)) {
      console.log(`  ${kind.padEnd(18)} ${kb(row.raw).padStart(8)} ${kb(row.gzip).padStart(9)} ${kb(row.brotli).padStart(10)}`);
    }
    const loads = r.raw.interactives;
    console.log(`First contentful paint: median ${ms(r.fcp)} ms of ${LOADS} fresh loads`);
    console.log(`Navigation → interactive form: median ${ms(r.interactive)} ms of ${LOADS} (min ${ms(Math.min(...loads))}, max ${ms(Math.max(...loads))}); interactive = ${r.interactiveBy}`);
    console.log(`Keystroke in origins → every visible panel updated: median ${ms(r.keyMedian)} ms, p95 ${ms(r.keyP95)} ms of ${r.raw.latencies.length} (${r.panels.length} panels: ${r.panels.join(' ')})`);
    console.log(`JS heap after load: ${kb(r.heapAfterLoad)} KB used; wasm memory ${kb(r.wasmAfterLoad)} KB`);
    console.log(`JS heap after ${KEYSTROKES} keystrokes: ${kb(r.heapAfterTyping)} KB used; wasm memory ${kb(r.wasmAfterTyping)} KB`);
  }
  if (results.length === 2) {
    const [base, next] = results;
    const ratio = (a, b) => (b / a).toFixed(2);
    console.log(`\n=== ${basename(next.dir)} / ${basename(base.dir)} (same run, interleaved)`);
    const rows = [
      ['first contentful paint', base.fcp, next.fcp, 0.5],
      ['keystroke p50', base.keyMedian, next.keyMedian, null],
      ['keystroke p95', base.keyP95, next.keyP95, 0.4],
      ['navigation → interactive', base.interactive, next.interactive, 0.9],
      ['first load gzip', base.bundle.total.gzip, next.bundle.total.gzip, null],
      ['first load brotli', base.bundle.total.brotli, next.bundle.total.brotli, null],
      ['JS heap after 50 keystrokes', base.heapAfterTyping, next.heapAfterTyping, 1.0],
    ];
    for (const [name, a, b, budget] of rows) {
      const r = b / a;
      const verdict = budget === null ? '' : r <= budget ? `within ≤ ${budget}×` : `OVER ≤ ${budget}×`;
      console.log(`  ${name.padEnd(28)} ${ratio(a, b).padStart(6)}×  ${verdict}`);
    }
    const gzipOk = next.bundle.total.gzip <= 150 * 1024;
    console.log(`  first load ${kb(next.bundle.total.gzip)} KB gzip: ${gzipOk ? 'within' : 'OVER'} ≤ 150 KB`);
  }
  mkdirSync(join(ROOT, 'e2e', 'artifacts'), { recursive: true });
  writeFileSync(join(ROOT, 'e2e', 'artifacts', 'bench.json'), JSON.stringify(results, null, 2));
}

const servers = [];
const browser = await launchBrowser();
try {
  for (const dir of builds) servers.push(await startServerProcess(dir));
  if (keystrokesAt >= 0) await keystrokesOnly(servers);
  else if (firstPaintAt >= 0) await firstPaintsOnly(servers);
  else await fullRun(servers);
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}
