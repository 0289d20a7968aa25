// Shared by the browser tests (run.mjs, simulator.mjs) and the benchmark (bench.mjs): the static
// server for dist/ on 127.0.0.1, Debian's Chromium driven by playwright-core (no browser
// download), and the test helpers that open a watched page and wait for a value.

import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export { startServer } from './server.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Debian's Chromium headless. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/**
 * A fresh page on the served build that records every request leaving 127.0.0.1, every console
 * error and every uncaught exception; `done()` asserts there were none.
 */
export async function openPage(browser, server, { width = 1280, height = 900, colorScheme = 'light', permissions = [] } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme,
    acceptDownloads: true,
  });
  if (permissions.length) await context.grantPermissions(permissions, { origin: server.origin });
  const page = await context.newPage();
  const problems = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(server.origin + '/') && !url.startsWith('blob:' + server.origin + '/')) {
      problems.push(`request to ${url}`);
    }
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning' || /panicked/.test(m.text())) {
      problems.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(server.origin + '/');
  await page.getByTestId('sam-globals').waitFor();
  return {
    page,
    async done() {
      await context.close();
      assert.deepEqual(problems, [], 'no foreign request, console error or panic');
    },
  };
}

/** Polls `read()` until it equals `expected` (2.5 s at most), then asserts it does. */
export async function eventually(read, expected, message) {
  let actual;
  for (let i = 0; i < 50; i++) {
    actual = await read();
    if (JSON.stringify(actual) === JSON.stringify(expected)) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.deepEqual(actual, expected, message);
}
