// Shared by the browser tests (run.mjs, simulator.mjs, share.mjs) and the benchmark (bench.mjs): the static
// server for dist/ on 127.0.0.1, Debian's Chromium driven by playwright-core (no browser
// download), and the test helpers that open a watched page and wait for a value.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

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
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
// The page's worker (template import and request simulator), started when a panel first opens.
export const WORKER_WASM = '/apigw-cors-worker_bg.wasm';

// CorsConfig::default(), written out (the page's first configuration).
export const DEFAULT_CONFIG = {
  apiType: 'http',
  allowOrigins: ['https://app.example.com', 'http://localhost:3000'],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['Content-Type', 'Authorization'],
  exposeHeaders: [],
  maxAge: 600,
  allowCredentials: false,
};

/**
 * For one test file: builds the CLI (each comparison then only runs it), serves dist/ on
 * 127.0.0.1 and launches Chromium before the tests, and closes both after them. The returned
 * object holds `server` and `browser` once the tests run.
 */
export function useBrowserSuite() {
  const suite = {};
  before(async () => {
    execFileSync('cargo', ['build', '-q', '-p', 'apigw-cors-cli'], { cwd: ROOT, stdio: 'inherit' });
    suite.server = await startServer();
    suite.browser = await launchBrowser();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/**
 * A fresh browser context and page on the served build (at `url`, the page's root by default)
 * that records every request leaving 127.0.0.1 (the page's and its workers'), every console
 * error or warning (the page's and its workers') and every uncaught exception; `done()` asserts
 * there were none. `requests` lists every URL requested so far; `problems`, what `done()` checks
 * (a test that provokes some checks them itself).
 */
export async function openPage(browser, server, { url = server.origin + '/', width = 1280, height = 900, colorScheme = 'light', permissions = [] } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme,
    acceptDownloads: true,
  });
  if (permissions.length) await context.grantPermissions(permissions, { origin: server.origin });
  const problems = [];
  const requests = [];
  context.on('request', (r) => {
    const at = r.url();
    requests.push(at);
    if (!at.startsWith(server.origin + '/') && !at.startsWith('blob:' + server.origin + '/')) {
      problems.push(`request to ${at}`);
    }
  });
  const watchConsole = (where) => (m) => {
    if (m.type() === 'error' || m.type() === 'warning' || /panicked/.test(m.text())) {
      problems.push(`${where}console ${m.type()}: ${m.text()}`);
    }
  };
  const page = await context.newPage();
  page.on('console', watchConsole(''));
  page.on('worker', (worker) => worker.on('console', watchConsole('worker ')));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  // The first panel of whichever tool the link or the stored value chose.
  await page.locator('[role=tabpanel] code[data-testid]').first().waitFor();
  return {
    page,
    context,
    requests,
    problems,
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

// --- The command line, for the expected outputs ---

let scratch;

/** Runs the CLI (built beforehand with `cargo build -p apigw-cors-cli`); a non-zero exit still returns stdout. */
export function cli(...args) {
  try {
    return execFileSync('cargo', ['run', '-q', '-p', 'apigw-cors-cli', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  } catch (e) {
    if (typeof e.stdout === 'string' && e.stdout.length) return e.stdout;
    throw e;
  }
}

/** What the CLI prints for `config`: `generate --format json` → { target: text }. */
/** Writes `config` to a scratch JSON file for the CLI and returns its path. */
export function writeConfig(config) {
  scratch ??= mkdtempSync(join(tmpdir(), 'apigw-cors-e2e-'));
  const file = join(scratch, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** What the CLI prints for `config`: `generate --format json` → { target: text }. */
export function cliGenerate(config) {
  return JSON.parse(cli('generate', writeConfig(config), '--format', 'json'));
}

/** `check --format json` → { valid, diagnostics } (exit status 1 still prints the document). */
export function cliCheck(config) {
  return JSON.parse(cli('check', writeConfig(config), '--format', 'json'));
}

// The tools the page offers (DESIGN.md: data-testid tool-ID), in the order of its tabs; SAM first.
export const TOOLS = ['sam', 'cdk', 'cdk-python', 'cloudformation', 'openapi', 'terraform', 'serverless', 'aws-cli'];

/**
 * The tool whose own output `target` is, by DESIGN.md's naming rule (SAM: sam-*; CDK: cdk and
 * cdk-*; otherwise the target of the same name), or undefined for the outputs every tool shows.
 */
export function ownerOf(target) {
  if (TOOLS.includes(target)) return target;
  return TOOLS.filter((tool) => target.startsWith(tool + '-')).sort((a, b) => b.length - a.length)[0];
}

/** The CLI's texts for `config` limited to what the page shows for `tool`: its own targets and the shared ones. */
export function cliPanels(config, tool = 'sam') {
  const all = cliGenerate(config);
  return Object.fromEntries(Object.entries(all).filter(([target]) => [undefined, tool].includes(ownerOf(target))));
}

/** Chooses `tool`'s tab and waits until it is the selected one. */
export async function chooseTool(page, tool) {
  await page.getByTestId(`tool-${tool}`).click();
  await eventually(() => page.getByTestId(`tool-${tool}`).getAttribute('aria-selected'), 'true');
}

/** Everything the page shows for a configuration: the panels, the checks, the form's values and the chosen tool. */
export function snapshot(page) {
  return page.evaluate(() => ({
    panels: Object.fromEntries([...document.querySelectorAll('code[data-testid]')].map((e) => [e.dataset.testid, e.textContent])),
    checks: document.querySelector('[data-testid=diagnostics]').textContent,
    fields: Object.fromEntries(
      [...document.querySelectorAll('form.config input, form.config textarea, form.config select')].map((e) => [
        e.id || e.dataset.testid || e.name,
        e.type === 'checkbox' || e.type === 'radio' ? e.checked : e.value,
      ]),
    ),
    tool: document.querySelector('[role=tab][aria-selected=true]')?.dataset.testid,
  }));
}

/** Every panel's text, by target name. */
export function readPanels(page) {
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('code[data-testid]')].map((e) => [e.dataset.testid, e.textContent])),
  );
}
