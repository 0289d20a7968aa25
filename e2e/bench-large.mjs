// Benchmark of large pasted lists (not a test): how long the page takes to settle after 1,000
// (the page's bound), 2,000 and 20,000 origins are pasted, and then per keystroke, in Debian's
// headless Chromium.
//
//   node e2e/bench-large.mjs [DIST…]      (default: dist/; give two builds to compare them in
//                                           the same run, e.g. an older build first)
//
// "Settled" is the last DOM change before 500 ms without any (the panels, checks and field
// messages all done), from the paste. A keystroke is timed from its keydown to the first frame
// after it is handled (the page cannot draw before its work is done); the median and the
// slowest of 5.

import { resolve } from 'node:path';
import { DIST, launchBrowser, startServer } from './lib.mjs';

const SIZES = (process.env.BENCH_SIZES ?? "1000,2000,20000").split(",").map(Number);
const KEYSTROKES = 5;
const QUIET_MS = 500;

function instrument() {
  addEventListener('keydown', () => (window.__keydown = performance.now()), true);
  const observer = new MutationObserver(() => {
    window.__lastMutation = performance.now();
  });
  addEventListener('DOMContentLoaded', () =>
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true }),
  );
}

const origins = (count) => Array.from({ length: count }, (_, i) => `https://c${String(i).padStart(5, '0')}.example.com`).join('\n');

/** Runs `act` in the page and returns the time until the DOM has been quiet for QUIET_MS. */
async function settle(page, act) {
  await page.evaluate(() => (window.__lastMutation = performance.now()));
  const start = await page.evaluate(() => performance.now());
  await act();
  await page.waitForFunction((quiet) => performance.now() - window.__lastMutation > quiet, QUIET_MS, { polling: 20, timeout: 600000 });
  return (await page.evaluate(() => window.__lastMutation)) - start;
}

async function measure(browser, origin, count) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(origin + '/');
  await page.getByTestId('sam-globals').waitFor();
  const text = origins(count);
  // The paste as one input event (what a paste is), not typed.
  const paste = await settle(page, () =>
    page.getByTestId('origins').evaluate((area, value) => {
      area.value = value;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, text),
  );
  await page.getByTestId('origins').press('End');
  const keys = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.press('x');
    keys.push(await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(performance.now() - window.__keydown)))));
    await page.waitForTimeout(300);
  }
  const limited = (await page.getByTestId('origins-limit').count()) > 0 ? await page.getByTestId('origins-limit').textContent() : '(no limit message)';
  await context.close();
  keys.sort((a, b) => a - b);
  return { paste, keyMedian: keys[Math.floor(keys.length / 2)], keyMax: keys[keys.length - 1], limited: limited.slice(0, 80) };
}

const dists = process.argv.slice(2).map((d) => resolve(d));
if (dists.length === 0) dists.push(DIST);
const browser = await launchBrowser();
try {
  for (const dist of dists) {
    const server = await startServer(dist);
    try {
      for (const count of SIZES) {
        const r = await measure(browser, server.origin, count);
        console.log(
          `${dist}  ${String(count).padStart(6)} origins: paste → settled ${r.paste.toFixed(0)} ms; keystroke median ${r.keyMedian.toFixed(0)} ms, max ${r.keyMax.toFixed(0)} ms; ${r.limited}`,
        );
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
}
