// Browser tests for the configurator page: the release build (`trunk build --release` → dist/)
// served on 127.0.0.1 and driven in Debian's Chromium with playwright-core.
//
//   cd e2e && npm ci && node run.mjs        (npm test runs this file and simulator.mjs)
//
// Test hooks (data-testid) on the page:
//   inputs   api-type-rest, api-type-http, origins (text area), method-GET … method-OPTIONS,
//            method-all (= "*"), header-Content-Type, header-Authorization, header-X-Api-Key,
//            header-X-Amz-Date, header-X-Amz-Security-Token (toggles), headers (the whole
//            allowHeaders list, comma-separated), expose-headers, max-age, credentials,
//            authorizer-header, api-key (REST only), payload-format (HTTP only, a select)
//   outputs  tool-TOOL (a tab list: the tool the user deploys with, SAM by default) and, for the
//            chosen tool's targets and the shared ones, <code data-testid=TARGET
//            data-state="ok"|"blocked">; its text is exactly the target's text, or why it is
//            blocked; copy-TARGET, download-TARGET
//   other    reset, copy-link, import-toggle (share.mjs tests those), diagnostics (the checks list), origins-messages (per-origin messages),
//            origins-used (the normalized list), info-FIELD (the info toggles)
//   simulator ("Test a request" panel, tested in simulator.mjs)
//            simulator (the panel; focus target of the links), sim-toggle (its disclosure button,
//            aria-expanded; closed at first, and the worker is fetched only when it opens), sim-origin, sim-method (text with a
//            list of suggestions; any case), sim-headers (Name: value lines), sim-credentials
//            (select: omit, same-origin, include), sim-tool (select: generated, sam, cdk, console,
//            none), sim-authorizer (select: none, route, default-route), sim-api-key and
//            sim-gateway-responses (REST only), sim-reset; sim-verdict with data-allowed="true"|
//            "false" and text starting "allowed"/"blocked"; sim-preflight and sim-actual
//            (<pre> transcripts, `> ` request and `< ` response lines as in `apigw-cors simulate`,
//            data-sent="true"|"false"); sim-steps (<li data-step=NAME class="step ok|fail">, the
//            first failure with aria-current="step", Chrome's message and the fix);
//            sim-blocked (why nothing is simulated); show-in-simulator (a button inside a
//            diagnostic <li data-code=CODE>)
// Screenshots go to e2e/artifacts/page-{1280,390}-{light,dark}.png, tools-360.png and, from
// simulator.mjs, simulator-1280-light.png and simulator-390-dark.png; the README's screenshot
// is written to docs/page.png (commit it when the page changes).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, DEFAULT_CONFIG, ROOT, TOOLS, chooseTool, cliCheck, cliGenerate, cliPanels, eventually, openPage as openPageOn, ownerOf, readPanels, useBrowserSuite } from './lib.mjs';


// Target::file_name for every target.
const FILE_NAMES = {
  'sam-globals': 'sam-globals.yaml',
  'sam-resource': 'sam-resource.yaml',
  'sam-template': 'template.yaml',
  cdk: 'cors-props.ts',
  'cdk-stack': 'app.ts',
  'cdk-python': 'app.py',
  cloudformation: 'cloudformation.yaml',
  openapi: 'openapi.yaml',
  'aws-cli': 'apply-cors.sh',
  terraform: 'main.tf',
  serverless: 'serverless.yml',
  'lambda-response': 'response.json',
  'lambda-node': 'index.js',
  'lambda-python': 'index.py',
  'gateway-responses': 'gateway-responses.yaml',
  curl: 'check-cors.sh',
};
// What the default tool (SAM) shows on an HTTP API.
const SAM_HTTP_TARGETS = ['sam-globals', 'sam-resource', 'sam-template', 'lambda-response', 'lambda-node', 'lambda-python', 'curl'];

const suite = useBrowserSuite();

/** The text of the messages beside the origins field for a `check` result. */
function originMessages(report) {
  return report.diagnostics
    .filter((d) => d.field.startsWith('allowOrigins'))
    .map((d) => `${d.severity}${d.value === undefined || d.message.includes(d.value) ? '' : `${d.value}: `}${d.message}`)
    .join('');
}

function openPage(options) {
  return openPageOn(suite.browser, suite.server, options);
}

/** The panels on the page are exactly `tool`'s panels for `config`, each as the CLI prints it. */
async function expectPanelsMatchCli(page, config, tool = 'sam') {
  const expected = cliPanels(config, tool);
  await eventually(() => readPanels(page), expected, 'each panel shows exactly what the CLI prints');
  for (const target of Object.keys(expected)) {
    assert.equal(await page.getByTestId(target).getAttribute('data-state'), 'ok');
  }
  // The tool's own panels first, then the ones every tool shows.
  const order = await page.evaluate(() => [...document.querySelectorAll('code[data-testid]')].map((e) => e.dataset.testid));
  const own = order.filter((t) => ownerOf(t) === tool);
  assert.deepEqual(order.slice(0, own.length), own, `${tool}: its own panels come first`);
  assert.ok(own.length > 0, `${tool} shows at least one panel of its own`);
}

test('first load shows the default configuration in every panel, equal to the CLI', async () => {
  const { page, done } = await openPage();
  assert.equal(await page.getByLabel('Allowed origins').inputValue(), 'https://app.example.com\nhttp://localhost:3000');
  assert.equal(await page.getByTestId('api-type-http').isChecked(), true);
  assert.equal(await page.getByTestId('max-age').inputValue(), '600');
  assert.equal(await page.getByTestId('headers').inputValue(), 'Content-Type, Authorization');
  assert.equal(await page.getByTestId('origins-used').textContent(), 'Used: https://app.example.com, http://localhost:3000');
  assert.deepEqual(Object.keys(await readPanels(page)), SAM_HTTP_TARGETS, 'SAM by default, in this order');
  await expectPanelsMatchCli(page, DEFAULT_CONFIG);
  await done();
});

test('the shipped HTML says data-ready="false"; the page says "true" once the form answers input', async () => {
  const html = await (await fetch(suite.server.origin + '/')).text();
  // Release builds minify the HTML (attributes reordered, quotes dropped).
  assert.match(html, /^<!doctype html>\s*<html\b[^>]*\sdata-ready="?false"?[\s>]/i);
  const { page, done } = await openPage();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  // Ready means the form answers: an edit reaches the panels.
  await page.getByLabel('Max age (seconds)').fill('601');
  await expectPanelsMatchCli(page, { ...DEFAULT_CONFIG, maxAge: 601 });
  await done();
});

test('the README screenshot (docs/page.png): the default configuration at 1280 px after the wasm ran', async () => {
  const { page, done } = await openPage({ width: 1280, height: 900 });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await expectPanelsMatchCli(page, DEFAULT_CONFIG);
  await page.screenshot({ path: join(ROOT, 'docs', 'page.png') });
  await done();
});

test('choosing each tool shows exactly its panels, each equal to the CLI, on REST and HTTP', async () => {
  const { page, done } = await openPage();
  const tabs = await page.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.dataset.testid));
  assert.deepEqual(tabs, TOOLS.map((t) => `tool-${t}`), 'every tool of DESIGN.md, SAM first');
  const rest = { ...DEFAULT_CONFIG, apiType: 'rest' };
  const seen = new Set();
  for (const [config, apply] of [
    [DEFAULT_CONFIG, async () => {}],
    [rest, () => page.getByTestId('api-type-rest').check()],
  ]) {
    await apply();
    for (const tool of TOOLS) {
      await chooseTool(page, tool);
      await expectPanelsMatchCli(page, config, tool);
      const panel = page.getByRole('tabpanel');
      assert.equal(await panel.getAttribute('aria-labelledby'), await page.getByTestId(`tool-${tool}`).getAttribute('id'));
      for (const target of Object.keys(await readPanels(page))) seen.add(target);
    }
  }
  assert.deepEqual([...seen].sort(), Object.keys(cliGenerate(rest)).sort(), 'every target the CLI prints is on some tab');
  await done();
});

test('the tool tabs follow the ARIA tabs pattern from the keyboard', async () => {
  const { page, done } = await openPage();
  const focused = () => page.evaluate(() => document.activeElement?.dataset.testid);
  const selected = () => page.getByRole('tab', { selected: true }).evaluateAll((tabs) => tabs.map((t) => t.dataset.testid));
  const stops = () => page.getByRole('tab').evaluateAll((tabs) => tabs.filter((t) => t.tabIndex === 0).map((t) => t.dataset.testid));
  assert.deepEqual(await stops(), ['tool-sam'], 'only the chosen tab is in the tab order');
  await page.getByTestId('tool-sam').focus();
  const steps = [
    ['ArrowRight', 'cdk'],
    ['ArrowRight', 'cdk-python'],
    ['End', 'aws-cli'],
    ['ArrowRight', 'sam'],
    ['ArrowLeft', 'aws-cli'],
    ['Home', 'sam'],
  ];
  for (const [key, tool] of steps) {
    await page.keyboard.press(key);
    assert.equal(await focused(), `tool-${tool}`, key);
    assert.deepEqual(await selected(), [`tool-${tool}`], `${key} chooses at once`);
    assert.deepEqual(await stops(), [`tool-${tool}`]);
  }
  await page.keyboard.press('ArrowRight');
  await expectPanelsMatchCli(page, DEFAULT_CONFIG, 'cdk');
  // Tab leaves the tab list for the panel's content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[role=tabpanel]') !== null), true);
  await done();
});

test('at 360 px the tool tabs scroll within their row and the page does not overflow', async () => {
  const { page, done } = await openPage({ width: 360, height: 780 });
  const row = await page.getByRole('tablist').evaluate((list) => ({ client: list.clientWidth, scroll: list.scrollWidth }));
  assert.ok(row.client <= 360 && row.scroll > row.client, `the tabs scroll sideways: ${JSON.stringify(row)}`);
  await chooseTool(page, 'aws-cli'); // the last tab: scrolled into view to be clicked
  await expectPanelsMatchCli(page, DEFAULT_CONFIG, 'aws-cli');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, 'no sideways scrolling of the page');
  await page.getByTestId('tool-aws-cli').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'tools-360.png') });
  await done();
});

test('typing origins, toggling methods and headers and switching API type updates every panel', async () => {
  const { page, done } = await openPage();
  const origins = page.getByLabel('Allowed origins');
  await origins.fill('');
  await origins.pressSequentially('https://app.example.com, https://admin.example.com\nhttp://localhost:5173');
  await page.getByTestId('method-DELETE').check();
  await page.getByTestId('method-POST').uncheck();
  await page.getByTestId('header-X-Api-Key').check();
  await page.getByTestId('header-Authorization').uncheck();
  await page.getByLabel('Exposed response headers').fill('X-Request-Id');
  await page.getByLabel('Max age (seconds)').fill('3600');
  await page.getByTestId('credentials').check();
  const http = {
    apiType: 'http',
    allowOrigins: ['https://app.example.com', 'https://admin.example.com', 'http://localhost:5173'],
    allowMethods: ['GET', 'DELETE'],
    allowHeaders: ['Content-Type', 'X-Api-Key'],
    exposeHeaders: ['X-Request-Id'],
    maxAge: 3600,
    allowCredentials: true,
  };
  await expectPanelsMatchCli(page, http);
  assert.equal(await page.getByTestId('headers').inputValue(), 'Content-Type, X-Api-Key', 'toggles rewrite the list');

  await page.getByTestId('payload-format').selectOption('1.0');
  await page.getByLabel('Authorizer token header (optional)').fill('Authorization');
  await expectPanelsMatchCli(page, { ...http, payloadFormatVersion: '1.0', authorizerHeader: 'Authorization' });

  await page.getByTestId('api-type-rest').check();
  assert.equal(await page.getByTestId('gateway-responses').count(), 1, 'gateway responses appear for REST');
  await page.getByTestId('api-key').check();
  await page.getByTestId('method-all').check();
  await page.getByTestId('headers').fill('content-type, X-Custom-Header');
  const rest = {
    ...http,
    apiType: 'rest',
    authorizerHeader: 'Authorization',
    apiKeyRequired: true,
    allowMethods: ['*'],
    allowHeaders: ['content-type', 'X-Custom-Header'],
  };
  await expectPanelsMatchCli(page, rest);
  assert.equal(await page.getByTestId('header-Content-Type').isChecked(), true, 'toggles follow the typed list');

  await page.getByTestId('api-type-http').check();
  assert.equal(await page.getByTestId('gateway-responses').count(), 0);
  await expectPanelsMatchCli(page, { ...rest, apiType: 'http', apiKeyRequired: false });

  await page.getByTestId('reset').click();
  await expectPanelsMatchCli(page, DEFAULT_CONFIG);
  assert.equal(await page.getByLabel('Allowed origins').inputValue(), 'https://app.example.com\nhttp://localhost:3000');
  assert.equal(await page.getByTestId('max-age').inputValue(), '600');
  assert.equal(await page.getByTestId('authorizer-header').inputValue(), '');
  await done();
});

test('an invalid origin shows its message beside the field and blocks every panel; fixing it restores them', async () => {
  const { page, done } = await openPage();
  const bad = { ...DEFAULT_CONFIG, allowOrigins: ['https://app.example.com/', 'http://localhost:3000'] };
  const [error] = cliCheck(bad).diagnostics.filter((d) => d.severity === 'error');
  assert.equal(error.field, 'allowOrigins[0]');

  await page.getByLabel('Allowed origins').fill('https://app.example.com/\nhttp://localhost:3000');
  const messages = page.getByTestId('origins-messages');
  await eventually(() => messages.textContent(), originMessages(cliCheck(bad)));
  assert.match(await messages.textContent(), /^errorhttps:\/\/app\.example\.com\/: /);
  for (const target of SAM_HTTP_TARGETS) {
    const panel = page.getByTestId(target);
    assert.equal(await panel.getAttribute('data-state'), 'blocked', target);
    assert.equal(
      await panel.textContent(),
      `Not generated until the configuration is fixed:\nallowOrigins[0] "https://app.example.com/": ${error.message}`,
    );
    assert.equal(await page.getByTestId(`copy-${target}`).isDisabled(), true);
  }
  assert.match(await page.getByTestId('diagnostics').textContent(), new RegExp(error.fix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.equal(await page.getByTestId('origins-used').isHidden(), true);

  await page.getByLabel('Allowed origins').fill('https://app.example.com\nhttp://localhost:3000');
  await expectPanelsMatchCli(page, DEFAULT_CONFIG);
  assert.equal(await messages.textContent(), originMessages(cliCheck(DEFAULT_CONFIG)));
  await done();
});

test('the copy button puts exactly the panel text on the clipboard', async () => {
  const { page, done } = await openPage({ permissions: ['clipboard-read', 'clipboard-write'] });
  for (const target of ['sam-template', 'lambda-python', 'curl']) {
    const text = await page.getByTestId(target).textContent();
    await page.getByTestId(`copy-${target}`).click();
    await eventually(() => page.getByTestId(`copy-${target}`).textContent(), 'Copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text, target);
  }
  await done();
});

test('downloads have the target file names and the panel text', async () => {
  // Chromium stops a page's downloads after ten or so without asking: a fresh page every five.
  const targets = Object.entries(FILE_NAMES);
  for (let first = 0; first < targets.length; first += 5) {
    const { page, done } = await openPage();
    await page.getByTestId('api-type-rest').check();
    await page.getByTestId('gateway-responses').waitFor();
    for (const [target, name] of targets.slice(first, first + 5)) {
      const tool = ownerOf(target);
      if (tool) await chooseTool(page, tool);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-${target}`).click()]);
      assert.equal(download.suggestedFilename(), name);
      assert.equal(readFileSync(await download.path(), 'utf8'), await page.getByTestId(target).textContent(), target);
    }
    await done();
  }
});

test('the form works from the keyboard alone', async () => {
  const { page, done } = await openPage();
  const focused = () => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.id);
  const stops = [];
  for (let i = 0; i < 8 && (await focused()) !== 'origins'; i++) {
    await page.keyboard.press('Tab');
    stops.push(await focused());
  }
  assert.deepEqual(stops, ['copy-link', 'download-config', 'import-toggle', 'reset', 'info-api-type', 'api-type-http', 'info-origins', 'origins']);

  // Back to the radio group: arrow keys switch the API type.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(), 'api-type-rest');
  await page.getByTestId('gateway-responses').waitFor();

  // The info toggle opens with Enter.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.getByTestId('info-origins').getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#origins-info').isVisible(), true);

  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('https://app.example.com/');
  await page.keyboard.press('Tab'); // the methods' info toggle
  await page.keyboard.press('Tab'); // method-GET
  assert.equal(await focused(), 'method-GET');
  await page.keyboard.press('Tab'); // method-PUT
  await page.keyboard.press('Space');
  assert.equal(await page.getByTestId('method-PUT').isChecked(), true);

  // Keep tabbing to the first diagnostic and activate it: focus returns to the origins field.
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.classList.contains('goto'));
  }
  assert.ok(reached, 'a diagnostic is reachable with Tab');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'origins');

  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('https://app.example.com');
  await expectPanelsMatchCli(page, {
    ...DEFAULT_CONFIG,
    apiType: 'rest',
    allowOrigins: ['https://app.example.com'],
    allowMethods: ['GET', 'PUT', 'POST'],
  });
  await done();
});

test('odd input never breaks the page', async () => {
  const { page, done } = await openPage();
  await page.getByLabel('Allowed origins').fill('  ,\n\u0000\u202e https://ä.example\t, *, "\'<script>');
  await page.getByTestId('headers').fill('a b, ü, *, \'x\'');
  await page.getByTestId('expose-headers').fill(',,,');
  await page.getByTestId('max-age').fill('99999999999999999999');
  await page.getByTestId('authorizer-header').fill('has space');
  await page.getByTestId('method-all').check();
  await page.getByTestId('method-all').uncheck();
  await page.getByTestId('api-type-rest').check();
  assert.equal(await page.getByTestId('sam-globals').getAttribute('data-state'), 'blocked');
  assert.equal(await page.locator('script:not([type])').count(), 0, 'typed text never becomes markup');
  await page.getByLabel('Allowed origins').fill('*');
  await page.getByTestId('headers').fill('Content-Type');
  await page.getByTestId('max-age').fill('');
  await page.getByTestId('authorizer-header').fill('');
  await expectPanelsMatchCli(page, {
    apiType: 'rest',
    allowOrigins: ['*'],
    allowMethods: ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'],
    allowHeaders: ['Content-Type'],
    exposeHeaders: [],
    allowCredentials: false,
  });
  await done();
});

test('screenshots at 1280 and 390 px, light and dark', async () => {
  for (const width of [1280, 390]) {
    for (const colorScheme of ['light', 'dark']) {
      const { page, done } = await openPage({ width, colorScheme, height: width > 800 ? 900 : 844 });
      if (width < 800) {
        // Show a message beside a field in the narrow shots.
        await page.getByLabel('Allowed origins').fill('https://app.example.com/\nhttp://localhost:3000');
        await page.getByTestId('info-origins').click();
      }
      await page.screenshot({ path: join(ARTIFACTS, `page-${width}-${colorScheme}.png`) });
      await page.getByTestId('diagnostics').scrollIntoViewIfNeeded();
      await page.evaluate(() => document.querySelector('.results').scrollIntoView());
      await page.screenshot({ path: join(ARTIFACTS, `page-${width}-${colorScheme}-outputs.png`) });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.equal(overflow, 0, `no horizontal scrolling at ${width} px`);
      await done();
    }
  }
});
