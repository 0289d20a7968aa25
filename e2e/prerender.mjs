// Browser tests for the prerendered page (issue 10 §2): index.html carries the page as rendered
// for the default configuration (src/bin/prerender.rs, Trunk's post_build hook), and the wasm
// mounts the live page in its place in one task (src/prerender.rs). "Before the wasm" is the
// page with its wasm request held unanswered (context.route), as while a slow wasm downloads.
// Run with the other browser tests: cd e2e && npm test (needs a `trunk build` in dist/).
// Screenshots: e2e/artifacts/prerender-before.png, prerender-after.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, DEFAULT_CONFIG, cliPanels, eventually, snapshot, useBrowserSuite } from './lib.mjs';

const suite = useBrowserSuite();
// The page's own wasm (its name carries a hash); the worker's is fetched only on demand.
const PAGE_WASM = /\/apigw-cors-web-[^/]*_bg\.wasm$/;
const RESTORING = 'data-restoring';
const NO_WASM = 'data-no-wasm';

/**
 * A fresh context and page. `wasm`: 'load' (the page runs), 'hold' (the page's wasm request is
 * held unanswered, so what shows is the shipped HTML alone, as while a slow wasm downloads) or
 * 'fail' (the request is refused). `console` collects every console message and page error;
 * `release()` lets a held wasm request through, `refuse()` fails it.
 */
async function openRaw({ url = suite.server.origin + '/', wasm = 'load', javaScriptEnabled = true, init } = {}) {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', javaScriptEnabled });
  if (init) await context.addInitScript(init.script, init.arg);
  const held = [];
  if (wasm === 'hold') await context.route(PAGE_WASM, (route) => held.push(route));
  if (wasm === 'fail') await context.route(PAGE_WASM, (route) => route.abort());
  const page = await context.newPage();
  const console = [];
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.push(`page error: ${e.message}`));
  // A held request keeps the load event from firing: wait for the parsed and painted page.
  await page.goto(url, { waitUntil: wasm === 'hold' ? 'domcontentloaded' : 'load' });
  if (javaScriptEnabled) await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const release = () => Promise.all(held.splice(0).map((route) => route.continue()));
  const refuse = () => Promise.all(held.splice(0).map((route) => route.abort()));
  return { page, context, console, release, refuse };
}

const isReady = (page) => page.evaluate(() => document.documentElement.dataset.ready);
const EARLY_TAB = 'data-early-tab';
const earlyTab = (page) => page.evaluate((a) => document.documentElement.getAttribute(a), EARLY_TAB);
const EARLY_CLICKS = 'data-early-clicks';
const earlyClicks = (page) => page.evaluate((a) => document.documentElement.getAttribute(a), EARLY_CLICKS);
const isRestoring = (page) => page.evaluate((a) => document.documentElement.hasAttribute(a), RESTORING);
const noWasm = (page) => page.evaluate((a) => document.documentElement.hasAttribute(a), NO_WASM);

test('the shipped HTML is the page the wasm renders for the default configuration: same text, same pixels, no console message', async () => {
  const before = await openRaw({ wasm: 'hold' });
  assert.equal(await isReady(before.page), 'false', 'not ready without the wasm');
  assert.equal(await isRestoring(before.page), false, 'no link, nothing stored: nothing to wait for');
  const shipped = await snapshot(before.page);
  assert.deepEqual(shipped.panels, cliPanels(DEFAULT_CONFIG, 'sam'), "SAM's panels, exactly the CLI's text, before the wasm");
  assert.equal(shipped.tool, 'tool-sam');
  const beforePng = await before.page.screenshot({ fullPage: true });
  await before.context.close();

  const after = await openRaw();
  await eventually(() => isReady(after.page), 'true', 'the page says it is ready');
  assert.deepEqual(await snapshot(after.page), shipped, 'the live page shows what was shipped');
  assert.deepEqual(
    await after.page.evaluate(() => [document.querySelectorAll('.prerendered').length, document.querySelectorAll('header.top').length]),
    [0, 1],
    'the live page took the place of the prerendered copy',
  );
  // Let the effects' timers (address bar, storage) pass: they must not change the page.
  await after.page.waitForTimeout(300);
  const afterPng = await after.page.screenshot({ fullPage: true });
  writeFileSync(join(ARTIFACTS, 'prerender-before.png'), beforePng);
  writeFileSync(join(ARTIFACTS, 'prerender-after.png'), afterPng);
  assert.ok(beforePng.equals(afterPng), 'the screenshot before the wasm equals the one after (no flash)');
  assert.deepEqual(after.console, [], 'no console message: no warning or error, no panic');
  // The page answers input once ready.
  await after.page.getByTestId('api-type-rest').check();
  await eventually(
    () => after.page.evaluate(() => document.querySelector('code[data-testid]').textContent),
    cliPanels({ ...DEFAULT_CONFIG, apiType: 'rest' }, 'sam')[Object.keys(shipped.panels)[0]],
  );
  await after.context.close();
});

test('what is typed into the shipped form before the page is ready is carried over, with the focus and caret', async () => {
  const early = await openRaw({ wasm: 'hold' });
  const origins = early.page.getByTestId('origins');
  await origins.click();
  await early.page.keyboard.press('Control+End');
  await early.page.keyboard.type('\nhttps://early.example.com');
  await early.page.getByTestId('method-PUT').check();
  await early.page.getByTestId('payload-format').selectOption('1.0');
  await origins.focus();
  assert.equal(await isReady(early.page), 'false', 'typed before the page was ready');
  await early.release();
  await eventually(() => isReady(early.page), 'true', 'the page says it is ready');
  const typed = {
    ...DEFAULT_CONFIG,
    allowOrigins: [...DEFAULT_CONFIG.allowOrigins, 'https://early.example.com'],
    allowMethods: ['GET', 'PUT', 'POST'],
    payloadFormatVersion: '1.0',
  };
  await eventually(async () => (await snapshot(early.page)).panels, cliPanels(typed, 'sam'), 'the outputs are for what was typed');
  assert.equal(await origins.inputValue(), typed.allowOrigins.join('\n'), 'the text as typed');
  assert.equal(await early.page.getByTestId('method-PUT').isChecked(), true);
  assert.equal(await early.page.getByTestId('payload-format').inputValue(), '1.0');
  const end = typed.allowOrigins.join('\n').length;
  assert.deepEqual(
    await early.page.evaluate(() => [document.activeElement.id, document.activeElement.selectionStart, document.activeElement.selectionEnd]),
    ['origins', end, end],
    'the focus and the caret stay where they were',
  );
  await early.page.keyboard.type('x');
  assert.equal(await origins.inputValue(), typed.allowOrigins.join('\n') + 'x', 'typing goes on where it was');
  assert.deepEqual(early.console, [], 'no console message');
  await early.context.close();
});

test('a radio button ticked in the shipped form before the page is ready is carried over', async () => {
  const early = await openRaw({ wasm: 'hold' });
  await early.page.getByTestId('api-type-rest').check();
  await early.release();
  await eventually(() => isReady(early.page), 'true');
  await eventually(async () => (await snapshot(early.page)).panels, cliPanels({ ...DEFAULT_CONFIG, apiType: 'rest' }, 'sam'), "REST's outputs");
  assert.equal(await early.page.getByTestId('api-type-rest').isChecked(), true);
  assert.equal(await early.page.getByTestId('api-type-http').isChecked(), false);
  assert.deepEqual(early.console, []);
  await early.context.close();
});

test('a tool tab clicked in the shipped page before it is ready is chosen once it is, its outputs hidden meanwhile', async () => {
  const early = await openRaw({ wasm: 'hold' });
  await early.page.getByTestId('tool-cdk').click();
  assert.equal(await isReady(early.page), 'false', 'clicked before the page was ready');
  assert.equal(await earlyTab(early.page), 'tab-cdk');
  assert.equal(await early.page.getByTestId('tool-cdk').getAttribute('aria-selected'), 'true', 'the click shows');
  assert.equal(await early.page.getByTestId('tool-sam').getAttribute('aria-selected'), 'false');
  assert.equal(await early.page.locator('code[data-testid]').first().isVisible(), false, "SAM's outputs are not shown under the CDK tab");
  assert.equal(
    await early.page.evaluate(() => getComputedStyle(document.querySelector('.tool-panel'), '::before').content),
    '"Loading the outputs…"',
  );
  await early.release();
  await eventually(() => isReady(early.page), 'true', 'the page says it is ready');
  const shown = await snapshot(early.page);
  assert.equal(shown.tool, 'tool-cdk', 'the tab clicked is the tool chosen');
  assert.deepEqual(shown.panels, cliPanels(DEFAULT_CONFIG, 'cdk'), "the chosen tool's outputs");
  assert.equal(await earlyTab(early.page), null, 'the mark is cleared');
  assert.equal(await early.page.evaluate(() => document.activeElement.id), 'tab-cdk', 'the focus stays on the tab');
  await eventually(() => early.page.url().endsWith('.cdk'), true, 'the choice is kept in the link');
  assert.deepEqual(early.console, [], 'no console message');
  await early.context.close();

  // Back to the tab the shipped page shows: its outputs are readable again and stay.
  const back = await openRaw({ wasm: 'hold' });
  await back.page.getByTestId('tool-cdk').click();
  await back.page.getByTestId('tool-sam').click();
  assert.equal(await earlyTab(back.page), null);
  assert.equal(await back.page.getByTestId('tool-sam').getAttribute('aria-selected'), 'true');
  assert.equal(await back.page.getByTestId('tool-cdk').getAttribute('aria-selected'), 'false');
  assert.equal(await back.page.locator('code[data-testid]').first().isVisible(), true);
  await back.release();
  await eventually(() => isReady(back.page), 'true');
  const kept = await snapshot(back.page);
  assert.equal(kept.tool, 'tool-sam');
  assert.deepEqual(kept.panels, cliPanels(DEFAULT_CONFIG, 'sam'));
  await back.context.close();

  // When the wasm then fails, the shipped page shows SAM's tab and outputs again, as they are.
  const failed = await openRaw({ wasm: 'hold' });
  await failed.page.getByTestId('tool-cdk').click();
  await failed.refuse();
  await eventually(() => noWasm(failed.page), true);
  assert.equal(await earlyTab(failed.page), null);
  assert.equal(await failed.page.getByTestId('tool-sam').getAttribute('aria-selected'), 'true');
  assert.equal(await failed.page.getByTestId('tool-cdk').getAttribute('aria-selected'), 'false');
  assert.equal(await failed.page.locator('code[data-testid]').first().isVisible(), true, 'the default outputs are readable again');
  await failed.context.close();
});

test("the shipped page's other buttons clicked before it is ready are clicked on the page once it is, in order", async () => {
  const early = await openRaw({ wasm: 'hold' });
  await early.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.origin });
  await early.page.getByTestId('info-origins').click();
  await early.page.getByTestId('sim-toggle').click();
  await early.page.getByTestId('copy-sam-template').click();
  // The checks' "Go to" buttons have only their label: the second of the two of that name.
  const goTo = early.page.getByRole('button', { name: 'Go to origins' });
  assert.equal(await goTo.count(), 2, "the default configuration's checks have two");
  await goTo.nth(1).click();
  assert.equal(await isReady(early.page), 'false', 'clicked before the page was ready');
  assert.equal(await earlyClicks(early.page), '0 info-origins\n0 sim-toggle\n0 copy-sam-template\n1 Go to origins');
  const cursor = (page) => page.getByTestId('sim-toggle').evaluate((b) => getComputedStyle(b).cursor);
  assert.equal(await cursor(early.page), 'progress', 'the pointer says the page is working on the clicks');
  await early.release();
  await eventually(() => isReady(early.page), 'true', 'the page says it is ready');
  assert.equal(await early.page.getByTestId('info-origins').getAttribute('aria-expanded'), 'true', 'the "?" text is open');
  assert.equal(await early.page.getByTestId('sim-toggle').getAttribute('aria-expanded'), 'true', 'the simulator is open');
  await eventually(() => early.page.getByTestId('copy-sam-template').textContent(), 'Copied');
  assert.equal(await early.page.evaluate(() => navigator.clipboard.readText()), cliPanels(DEFAULT_CONFIG, 'sam')['sam-template'], "exactly the template's text");
  assert.equal(await early.page.evaluate(() => document.activeElement.id), 'origins', '"Go to origins", clicked last, has the focus');
  assert.equal(await earlyClicks(early.page), null, 'the list is cleared');
  assert.equal(await cursor(early.page), 'pointer', "the live page's pointer");
  assert.deepEqual(early.console, [], 'no console message');
  await early.context.close();

  // When the wasm then fails, nothing is left noted.
  const failed = await openRaw({ wasm: 'hold' });
  await failed.page.getByTestId('info-origins').click();
  assert.equal(await earlyClicks(failed.page), '0 info-origins');
  await failed.refuse();
  await eventually(() => noWasm(failed.page), true);
  assert.equal(await earlyClicks(failed.page), null);
  await failed.context.close();
});

test('a button clicked in the shipped page and the form edited after it are replayed in that order, and the other way round', async () => {
  const addedOrigin = 'https://early.example.com';
  const typed = { ...DEFAULT_CONFIG, allowOrigins: [...DEFAULT_CONFIG.allowOrigins, addedOrigin] };
  const typeOrigin = async (page) => {
    await page.getByTestId('origins').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n' + addedOrigin);
  };

  // "Reset" first, then typing: the typing is kept, the focus and caret where they were.
  const resetFirst = await openRaw({ wasm: 'hold' });
  await resetFirst.page.getByTestId('reset').click();
  await typeOrigin(resetFirst.page);
  assert.equal(await earlyClicks(resetFirst.page), '0 reset\nedit', 'the edit after the click is noted');
  await resetFirst.release();
  await eventually(() => isReady(resetFirst.page), 'true', 'the page says it is ready');
  await eventually(async () => (await snapshot(resetFirst.page)).panels, cliPanels(typed, 'sam'), 'the outputs are for what was typed after "Reset"');
  assert.equal(await resetFirst.page.getByTestId('origins').inputValue(), typed.allowOrigins.join('\n'));
  const end = typed.allowOrigins.join('\n').length;
  assert.deepEqual(
    await resetFirst.page.evaluate(() => [document.activeElement.id, document.activeElement.selectionStart, document.activeElement.selectionEnd]),
    ['origins', end, end],
    'the focus and the caret stay where they were',
  );
  assert.equal(await earlyClicks(resetFirst.page), null, 'the list is cleared');
  assert.deepEqual(resetFirst.console, [], 'no console message');
  await resetFirst.context.close();

  // Typing first, then "Reset": the typing is reset (an edit before any click is not noted).
  const typedFirst = await openRaw({ wasm: 'hold' });
  await typeOrigin(typedFirst.page);
  await typedFirst.page.getByTestId('reset').click();
  assert.equal(await earlyClicks(typedFirst.page), '0 reset');
  await typedFirst.release();
  await eventually(() => isReady(typedFirst.page), 'true', 'the page says it is ready');
  await eventually(async () => (await snapshot(typedFirst.page)).panels, cliPanels(DEFAULT_CONFIG, 'sam'), "the default configuration's outputs");
  assert.equal(await typedFirst.page.getByTestId('origins').inputValue(), DEFAULT_CONFIG.allowOrigins.join('\n'));
  assert.deepEqual(typedFirst.console, [], 'no console message');
  await typedFirst.context.close();
});

test("a link or a stored configuration never shows the default's outputs as the user's", async () => {
  const defaults = cliPanels(DEFAULT_CONFIG, 'sam');
  // A link made by the page: REST, with CDK (TypeScript) chosen.
  const maker = await openRaw();
  await eventually(() => isReady(maker.page), 'true');
  await maker.page.getByTestId('api-type-rest').check();
  await maker.page.getByTestId('tool-cdk').click();
  // The address bar is written on a timer: wait for the tool, the last change.
  await eventually(() => /#v1\.[A-Za-z0-9_-]+\.cdk$/.test(maker.page.url()), true, 'the address bar holds the link with its tool');
  const link = maker.page.url();
  const stored = await maker.page.evaluate(() => localStorage.getItem('apigw-cors:config'));
  assert.notEqual(stored, null, 'an edit is kept');
  const expected = await snapshot(maker.page);
  assert.deepEqual(expected.panels, cliPanels({ ...DEFAULT_CONFIG, apiType: 'rest' }, 'cdk'));
  await maker.context.close();

  // Before the wasm: the outputs and checks are hidden and say they are loading.
  const before = await openRaw({ url: link, wasm: 'hold' });
  assert.equal(await isRestoring(before.page), true);
  assert.equal(await before.page.locator('code[data-testid]').first().isVisible(), false, 'the default outputs are hidden');
  assert.equal(await before.page.getByTestId('diagnostics').isVisible(), false, 'the default checks are hidden');
  assert.equal(await before.page.getByTestId('origins').isVisible(), false, 'the form, which shows the defaults, is hidden and takes no typing');
  assert.equal(await before.page.getByRole('heading', { name: 'Configuration' }).isVisible(), true);
  assert.equal(
    await before.page.evaluate(() => getComputedStyle(document.querySelector('.results'), '::before').content),
    '"Loading your configuration…"',
  );
  await before.context.close();

  // "Reset", clicked while the link's configuration is on its way, resets what the link opened.
  const reset = await openRaw({ url: link, wasm: 'hold' });
  await reset.page.getByTestId('reset').click();
  assert.equal(await earlyClicks(reset.page), '0 reset');
  await reset.release();
  await eventually(() => isReady(reset.page), 'true');
  const afterReset = await snapshot(reset.page);
  assert.equal(afterReset.tool, 'tool-sam', 'the default tool');
  assert.deepEqual(afterReset.panels, defaults, "the default configuration's outputs, not the link's");
  assert.equal(await reset.page.getByTestId('api-type-http').isChecked(), true);
  assert.deepEqual(reset.console, []);
  await reset.context.close();

  // With the wasm: in no frame before the page is ready is a default output visible; then the
  // link's or the stored configuration shows.
  const watch = ({ stored, defaults }) => {
    // The stored value alone (no fragment): seeded once, before the page's own script reads it.
    if (stored && !sessionStorage.getItem('seeded')) {
      localStorage.setItem('apigw-cors:config', stored);
      sessionStorage.setItem('seeded', '1');
    }
    window.__defaultShown = [];
    const look = () => {
      for (const code of document.querySelectorAll('code[data-testid]')) {
        const visible = code.checkVisibility({ visibilityProperty: true, opacityProperty: true });
        if (visible && defaults[code.dataset.testid] === code.textContent) window.__defaultShown.push(code.dataset.testid);
      }
      if (document.documentElement.dataset.ready !== 'true') requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  };
  for (const [url, init] of [
    [link, { script: watch, arg: { stored: null, defaults } }],
    [suite.server.origin + '/', { script: watch, arg: { stored, defaults } }],
  ]) {
    const after = await openRaw({ url, init });
    await eventually(() => isReady(after.page), 'true');
    assert.equal(await isRestoring(after.page), false, 'the mark is cleared');
    assert.deepEqual(await snapshot(after.page), expected, `${url}: the real configuration, once the page runs`);
    assert.deepEqual(await after.page.evaluate(() => window.__defaultShown), [], 'no frame showed a default output');
    assert.deepEqual(after.console, []);
    await after.context.close();
  }
});

test('without JavaScript the page shows the default outputs and says editing needs JavaScript and WebAssembly', async () => {
  const { page, context } = await openRaw({ javaScriptEnabled: false });
  const shown = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('code[data-testid]')].map((e) => [e.dataset.testid, e.textContent])),
  );
  assert.deepEqual(shown, cliPanels(DEFAULT_CONFIG, 'sam'));
  assert.equal(await page.locator('code[data-testid]').first().isVisible(), true);
  assert.equal(
    (await page.locator('.noscript').textContent()).trim(),
    'Editing needs JavaScript and WebAssembly: the outputs above are for the default configuration. The apigw-cors command gives the same output for yours.',
  );
  assert.equal(await page.locator('.noscript').isVisible(), true);
  await context.close();
});

test('when the wasm cannot start, the prerendered page says so instead of posing as a form that answers', async () => {
  const notice =
    'Editing needs WebAssembly, which did not start in this browser: the outputs below are for the default configuration, and a link\'s or a saved configuration cannot be shown. The apigw-cors command gives the same output for yours.';
  // While the wasm is on its way, nothing is said.
  const held = await openRaw({ wasm: 'hold' });
  assert.equal(await noWasm(held.page), false);
  assert.equal(await held.page.locator('.no-wasm').isVisible(), false);
  await held.context.close();
  // A refused module, and a browser without WebAssembly (as in Safari's Lockdown Mode).
  const withoutWebAssembly = { script: () => delete window.WebAssembly };
  for (const options of [{ wasm: 'fail' }, { init: withoutWebAssembly }]) {
    const { page, context } = await openRaw(options);
    await eventually(() => noWasm(page), true, `${JSON.stringify(options)}: the page is marked`);
    assert.equal(await page.locator('.no-wasm').isVisible(), true);
    assert.equal((await page.locator('.no-wasm').textContent()).trim(), notice);
    assert.equal(await page.locator('.no-wasm').getAttribute('role'), 'alert');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), 'false');
    assert.deepEqual(await snapshot(page).then((s) => s.panels), cliPanels(DEFAULT_CONFIG, 'sam'), 'the default outputs stay readable');
    await context.close();
  }
  // A link cannot be shown: its outputs stay hidden and nothing says it is loading.
  const link = suite.server.origin + '/#v1.x';
  const { page, context } = await openRaw({ url: link, wasm: 'fail' });
  await eventually(() => noWasm(page), true);
  assert.equal(await page.locator('.no-wasm').isVisible(), true);
  assert.equal(await page.locator('code[data-testid]').first().isVisible(), false, "the default outputs are not shown as the link's");
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.results'), '::before').content), 'none');
  await context.close();
});
