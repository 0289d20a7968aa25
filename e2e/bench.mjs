// Benchmark of the release build (not a test): bundle size, time to an interactive form, keystroke
// latency and memory, in Debian's headless Chromium. Run scripts/bench-web.sh (it builds first),
// or `node e2e/bench.mjs` on an existing dist/. Writes e2e/artifacts/bench.json too.
//
// Budget: total ≤ 100 KB gzip; navigation → interactive ≤ 100 ms median; keystroke → panels
// updated ≤ 4 ms p95.

import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { spawn } from 'node:child_process';
import { DIST, ROOT, launchBrowser } from './lib.mjs';

// BENCH_DIST=dir measures another build (for example an older one, to compare on the same load).
const dist = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : DIST;
const LOADS = 10;
const KEYSTROKES = 50;

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

function sizes() {
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

// In the page before any script: note when the form and the panels' text are first on screen, and
// keep the wasm memory for measuring.
function instrument() {
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasmMemory = e.detail.wasm.memory;
  });
  const observer = new MutationObserver(() => {
    if (
      window.__interactive === undefined &&
      document.getElementById('origins') &&
      document.querySelector('code[data-testid="sam-globals"][data-state="ok"] span.ln')
    ) {
      window.__interactive = performance.now();
    }
    window.__lastMutation = performance.now();
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  addEventListener('keydown', (e) => {
    window.__keydown = performance.now();
  }, true);
}

async function loads(browser, origin) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(instrument);
    await page.goto(origin + '/');
    await page.waitForFunction(() => window.__interactive !== undefined);
    times.push(await page.evaluate(() => window.__interactive));
    await context.close();
  }
  return times;
}

async function keystrokes(browser, origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(origin + '/');
  await page.waitForFunction(() => window.__interactive !== undefined);
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
  // The panels are patched line by line: each must still be one span.ln per line, nothing else.
  const broken = await page.evaluate(() =>
    [...document.querySelectorAll('code[data-state="ok"]')]
      .filter((code) => {
        const lines = code.textContent.split('\n').length - 1;
        const spans = [...code.childNodes].filter((n) => n.nodeType === 1 && n.matches('span.ln')).length;
        return spans !== lines || code.children.length !== lines;
      })
      .map((code) => code.dataset.testid),
  );
  if (broken.length) throw new Error(`panels out of shape after typing: ${broken.join(', ')}`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasmMemory = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? null);
  await context.close();
  return { latencies, heap, wasmMemory };
}

async function heapAfterLoad(browser, origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(origin + '/');
  await page.waitForFunction(() => window.__interactive !== undefined);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasmMemory = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? null);
  await context.close();
  return { heap, wasmMemory };
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

const bundle = sizes();
const server = await startServerProcess(dist);
const browser = await launchBrowser();
try {
  const loadTimes = await loads(browser, server.origin);
  const afterLoad = await heapAfterLoad(browser, server.origin);
  const typing = await keystrokes(browser, server.origin);
  await browser.version();

  console.log('Bundle (dist/)        raw KB   gzip KB  brotli KB   (total: what the first load fetches)');
  for (const [kind, row] of Object.entries(bundle)) {
    console.log(`  ${kind.padEnd(18)} ${kb(row.raw).padStart(8)} ${kb(row.gzip).padStart(9)} ${kb(row.brotli).padStart(10)}`);
  }
  const interactive = median(loadTimes);
  const keyMedian = median(typing.latencies);
  const keyP95 = quantile(typing.latencies, 0.95);
  console.log(`Navigation → interactive form: median ${ms(interactive)} ms of ${LOADS} fresh loads (min ${ms(Math.min(...loadTimes))}, max ${ms(Math.max(...loadTimes))})`);
  console.log(`Keystroke in origins → panels updated: median ${ms(keyMedian)} ms, p95 ${ms(keyP95)} ms of ${KEYSTROKES}`);
  console.log(`JS heap after load: ${kb(afterLoad.heap.usedSize)} KB used; wasm memory ${kb(afterLoad.wasmMemory)} KB`);
  console.log(`JS heap after ${KEYSTROKES} keystrokes: ${kb(typing.heap.usedSize)} KB used; wasm memory ${kb(typing.wasmMemory)} KB`);
  const budget = [
    ['first-load total gzip ≤ 100 KB', bundle.total.gzip <= 100 * 1024],
    ['interactive median ≤ 100 ms', interactive <= 100],
    ['keystroke p95 ≤ 4 ms', keyP95 <= 4],
  ];
  for (const [name, ok] of budget) console.log(`  ${ok ? 'within' : 'OVER  '} ${name}`);

  mkdirSync(join(ROOT, 'e2e', 'artifacts'), { recursive: true });
  writeFileSync(
    join(ROOT, 'e2e', 'artifacts', 'bench.json'),
    JSON.stringify({ bundle, loadTimes, interactive, keystrokes: typing.latencies, keyMedian, keyP95, afterLoad, afterTyping: { heap: typing.heap, wasmMemory: typing.wasmMemory } }, null, 2),
  );
} finally {
  await browser.close();
  await server.close();
}
