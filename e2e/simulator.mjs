// Browser tests for the "Test a request" panel (the preflight simulator), against the release
// build served on 127.0.0.1 in Debian's Chromium. Test hooks: see the header of run.mjs.
//
//   cd e2e && npm ci && node --test simulator.mjs        (npm test runs it with run.mjs)
//
// Screenshots go to e2e/artifacts/simulator-1280-light.png and simulator-390-dark.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, DEFAULT_CONFIG, ROOT, WORKER_WASM, cli, eventually, openPage as openPageOn, useBrowserSuite, writeConfig } from './lib.mjs';


const suite = useBrowserSuite();
const openPage = (options) => openPageOn(suite.browser, suite.server, options);

/**
 * `apigw-cors simulate CONFIG … --format json` for `config` and a request
 * { origin, method, headers: ['Name: value'], include, tool, authorizer }.
 */
function cliSimulate(config, request) {
  const args = ['simulate', writeConfig(config), '--format', 'json'];
  args.push('--origin', request.origin, '--method', request.method);
  for (const header of request.headers ?? []) args.push('--header', header);
  if (request.include) args.push('--credentials');
  if (request.tool) args.push('--tool', request.tool);
  if (request.authorizer) args.push('--authorizer', request.authorizer);
  return JSON.parse(cli(...args));
}

/** The exchange a transcript shows: { request: [[name, value]…], status, headers } (see transcript.rs). */
function parseTranscript(text) {
  const lines = text.split('\n');
  const request = lines
    .filter((l) => l.startsWith('> '))
    .slice(2) // the request line and Host
    .map((l) => splitHeader(l.slice(2)));
  const response = lines.filter((l) => l.startsWith('< '));
  if (response.length === 0) return { request, status: null, headers: null };
  const status = Number(response[0].split(' ')[2]);
  const end = lines.indexOf('<');
  const headerLines = (end < 0 ? lines : lines.slice(0, end)).filter((l) => l.startsWith('< ')).slice(1);
  return { request, status, headers: headerLines.map((l) => splitHeader(l.slice(2))) };
}

function splitHeader(line) {
  const i = line.indexOf(': ');
  return [line.slice(0, i), line.slice(i + 2)];
}

/** What the panel shows, in the CLI JSON's terms. */
async function readPanel(page) {
  const verdict = page.getByTestId('sim-verdict');
  const preflight = page.getByTestId('sim-preflight');
  const actual = page.getByTestId('sim-actual');
  const preflightSent = (await preflight.getAttribute('data-sent')) === 'true';
  const p = preflightSent ? parseTranscript(await preflight.textContent()) : null;
  const a = parseTranscript(await actual.textContent());
  return {
    allowed: (await verdict.getAttribute('data-allowed')) === 'true',
    preflight: p && { request: p.request, status: p.status, headers: p.headers },
    actual: { sent: (await actual.getAttribute('data-sent')) === 'true', ...a },
    failing: await page.locator('.sim-steps li[aria-current="step"]').getAttribute('data-step', { timeout: 100 }).catch(() => null),
  };
}

/** The CLI's JSON reduced to what readPanel returns. */
function expectedPanel(json) {
  return {
    allowed: json.allowed,
    preflight: json.preflight && {
      request: json.preflight.request.headers,
      status: json.preflight.response.status,
      headers: json.preflight.response.headers,
    },
    actual: {
      sent: json.actual.sent,
      request: json.actual.request.headers,
      status: json.actual.response?.status ?? null,
      headers: json.actual.response?.headers ?? null,
    },
    failing: json.failing_step,
  };
}

/** Opens "Test a request" with its toggle; the worker is fetched then, not before. */
async function openSimulator(page, requests, origin) {
  const toggle = page.getByTestId('sim-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'the panel starts closed');
  assert.equal(await page.getByTestId('sim-origin').isVisible(), false);
  assert.equal(requests.filter((r) => r.includes('cors-worker')).length, 0, 'the worker is not fetched before the panel opens');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.getByTestId('sim-origin').waitFor();
  await eventually(() => requests.some((r) => r === origin + WORKER_WASM), true, 'the worker is fetched when the panel opens');
  await page.getByTestId('sim-verdict').waitFor();
}

/** Types a request into the panel. */
async function fillRequest(page, request) {
  await page.getByTestId('sim-origin').fill(request.origin);
  await page.getByTestId('sim-method').fill(request.method);
  await page.getByTestId('sim-headers').fill((request.headers ?? []).join('\n'));
  await page.getByTestId('sim-credentials').selectOption(request.include ? 'include' : 'same-origin');
  await page.getByTestId('sim-tool').selectOption(request.tool ?? 'generated');
  if (request.authorizer) await page.getByTestId('sim-authorizer').selectOption(request.authorizer);
}

test('the verdict and both transcripts equal `apigw-cors simulate` for the same request', async () => {
  const { page, requests, done } = await openPage();
  await openSimulator(page, requests, suite.server.origin);
  const http = [
    { origin: 'https://app.example.com', method: 'GET' },
    { origin: 'https://app.example.com', method: 'PUT' },
    { origin: 'http://localhost:3000', method: 'POST', headers: ['Content-Type: application/json', 'Authorization: Bearer t'] },
    { origin: 'https://app.example.com', method: 'POST', headers: ['Content-Type: application/json'], include: true },
    { origin: 'https://evil.example', method: 'GET', headers: ['X-Custom: 1'] },
    { origin: 'https://app.example.com', method: 'GET', headers: ['Authorization: Bearer t'], authorizer: 'default-route' },
  ];
  for (const request of http) {
    await fillRequest(page, request);
    const expected = expectedPanel(cliSimulate(DEFAULT_CONFIG, request));
    await eventually(() => readPanel(page), expected, JSON.stringify(request));
  }

  // A REST API with an authorizer; the tool changes API Gateway's preflight answer.
  await page.getByTestId('api-type-rest').check();
  await page.getByLabel('Authorizer token header (optional)').fill('Authorization');
  const rest = { ...DEFAULT_CONFIG, apiType: 'rest', authorizerHeader: 'Authorization' };
  const restRequests = [
    { origin: 'https://app.example.com', method: 'patch', headers: ['Authorization: Bearer t'] },
    { origin: 'http://localhost:3000', method: 'POST', headers: ['Authorization: Bearer t'], tool: 'sam', authorizer: 'route' },
    { origin: 'http://localhost:3000', method: 'POST', headers: ['Authorization: Bearer t'], tool: 'cdk', authorizer: 'route' },
    { origin: 'https://app.example.com', method: 'GET', tool: 'generated', authorizer: 'route' },
  ];
  for (const request of restRequests) {
    await fillRequest(page, request);
    const expected = expectedPanel(cliSimulate(rest, request));
    await eventually(() => readPanel(page), expected, JSON.stringify(request));
  }
  const shown = await readPanel(page);
  assert.equal(shown.allowed, false, 'a GET without the token gets the authorizer 401 without CORS headers');
  assert.equal(shown.actual.status, 401);

  // Closing hides the panel; opening it again shows the same request's results.
  const toggle = page.getByTestId('sim-toggle');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByTestId('sim-verdict').isVisible(), false);
  await toggle.click();
  await eventually(() => readPanel(page), shown, 'reopened');
  await done();
});

test('the page origin follows the configuration until edited; errors block the panel', async () => {
  const { page, requests, done } = await openPage();
  await openSimulator(page, requests, suite.server.origin);
  const origin = page.getByTestId('sim-origin');
  assert.equal(await origin.inputValue(), 'https://app.example.com');
  await page.getByLabel('Allowed origins').fill('https://*\nhttps://shop.example.com');
  await eventually(() => origin.inputValue(), 'https://shop.example.com');
  await eventually(() => page.getByTestId('sim-verdict').getAttribute('data-allowed'), 'true');

  await origin.fill('https://other.example');
  await page.getByLabel('Allowed origins').fill('https://admin.example.com');
  await eventually(() => page.getByTestId('sim-verdict').getAttribute('data-allowed'), 'false');
  assert.equal(await origin.inputValue(), 'https://other.example', 'an edited origin stays');

  await page.getByLabel('Allowed origins').fill('https://admin.example.com/');
  const blocked = page.getByTestId('sim-blocked');
  await blocked.waitFor();
  assert.match(await blocked.textContent(), /^Not simulated until the configuration is fixed:\nallowOrigins\[0\] "https:\/\/admin\.example\.com\/": /);
  await eventually(() => page.getByTestId('sim-verdict').isVisible(), false);

  await page.getByTestId('reset').click();
  await eventually(() => origin.inputValue(), 'https://app.example.com');
  assert.equal(await blocked.isHidden(), true);
  await eventually(() => page.getByTestId('sim-verdict').getAttribute('data-allowed'), 'true');
  await done();
});

test('"Show in simulator" on a diagnostic fills the request and shows the failure', async () => {
  const { page, requests, done } = await openPage();
  // Without Content-Type in allowHeaders, a JSON POST needs a preflight that fails.
  await page.getByTestId('header-Content-Type').uncheck();
  const item = page.locator('li[data-code="content-type-not-allowed"]');
  assert.equal(await page.getByTestId('sim-toggle').getAttribute('aria-expanded'), 'false');
  assert.equal(requests.filter((r) => r.includes('cors-worker')).length, 0, 'the worker is not fetched before the panel opens');
  await item.getByTestId('show-in-simulator').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'simulator', 'focus moves to the panel');
  assert.equal(await page.getByTestId('sim-toggle').getAttribute('aria-expanded'), 'true', 'the link opens the panel');
  assert.equal(await page.getByTestId('sim-method').inputValue(), 'POST');
  assert.equal(await page.getByTestId('sim-headers').inputValue(), 'Content-Type: application/json');
  assert.equal(await page.getByTestId('sim-origin').inputValue(), 'https://app.example.com');
  const verdict = page.getByTestId('sim-verdict');
  await eventually(() => verdict.getAttribute('data-allowed'), 'false');
  assert.match(await verdict.textContent(), /^blocked/);
  const failing = page.locator('.sim-steps li[aria-current="step"]');
  assert.equal(await failing.getAttribute('data-step'), 'preflight-response');
  assert.equal(await failing.getAttribute('class'), 'step fail first');
  // The browser's check after API Gateway's answer fails too, without a second fix.
  assert.deepEqual(
    await page.locator('.sim-steps li.fail').evaluateAll((items) => items.map((li) => li.dataset.step)),
    ['preflight-response', 'preflight-check'],
  );
  assert.equal(await page.locator('.sim-steps .fix').count(), 1);
  const config = { ...DEFAULT_CONFIG, allowHeaders: ['Authorization'] };
  const json = cliSimulate(config, { origin: 'https://app.example.com', method: 'POST', headers: ['Content-Type: application/json'] });
  assert.equal(await failing.locator('.chrome code').textContent(), json.chrome_message);
  assert.equal(await failing.locator('.fix').textContent(), `Fix: ${json.fix}`);
  assert.deepEqual(await readPanel(page), expectedPanel(json));

  // `*` in allowHeaders: Chromium lets Authorization through, Firefox does not; the panel says so.
  await page.getByTestId('headers').fill('*');
  await page.locator('li[data-code="wildcard-header-authorization"]').getByTestId('show-in-simulator').click();
  assert.equal(await page.getByTestId('sim-headers').inputValue(), 'Authorization: Bearer example-token');
  assert.equal(await page.getByTestId('sim-method').inputValue(), 'GET');
  await eventually(() => verdict.getAttribute('data-allowed'), 'true');
  assert.match(await page.locator('.sim-facts .warning').textContent(), /Firefox blocks it/);
  assert.equal(await page.getByTestId('sim-preflight').getAttribute('data-sent'), 'true');

  // Notes about code (not about a browser) have no link.
  assert.equal(await page.locator('li[data-code="http-lambda-headers-ignored"] [data-testid="show-in-simulator"]').count(), 0);
  await done();
});

test('the panel works from the keyboard alone', async () => {
  const { page, done } = await openPage();
  const focused = () => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.id);
  await page.getByTestId('header-Content-Type').uncheck();
  // Tab from the checks to the first "Show in simulator" link and activate it.
  await page.locator('.goto').first().focus();
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await focused()) === 'show-in-simulator';
  }
  assert.ok(reached, 'a "Show in simulator" link is reachable with Tab');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'simulator');
  const stops = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    stops.push(await focused());
  }
  assert.deepEqual(stops, ['sim-toggle', 'sim-reset', 'sim-origin', 'sim-method', 'sim-headers', 'sim-credentials', 'sim-tool', 'sim-authorizer']);

  // Back to the method: type a method the configuration does not allow.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'sim-method');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('DELETE');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  const verdict = page.getByTestId('sim-verdict');
  await eventually(() => page.locator('.sim-steps li[aria-current="step"]').getAttribute('data-step'), 'preflight-response');
  assert.equal(await verdict.getAttribute('data-allowed'), 'false');

  // The credentials select changes with the arrow keys.
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'sim-credentials');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByTestId('sim-credentials').inputValue(), 'include');

  // Reset request brings back the defaults: GET, allowed without a preflight.
  await page.getByTestId('sim-reset').focus();
  await page.keyboard.press('Enter');
  await eventually(() => verdict.getAttribute('data-allowed'), 'true');
  assert.equal(await page.getByTestId('sim-method').inputValue(), 'GET');
  assert.equal(await page.getByTestId('sim-credentials').inputValue(), 'same-origin');
  assert.equal(await page.getByTestId('sim-preflight').getAttribute('data-sent'), 'false');
  await done();
});

test('the simulator and the import panel share one worker, which starts again after it failed to load', async () => {
  const { page, context, requests, problems } = await openPage();
  const origin = suite.server.origin;
  const fetched = (path) => requests.filter((r) => r === origin + path).length;
  // The worker's wasm cannot be fetched: the simulator says so instead of waiting for ever.
  await context.route('**' + WORKER_WASM, (route) => route.abort());
  await page.getByTestId('sim-toggle').click();
  const error = page.getByTestId('sim-error');
  await eventually(async () => /^the worker stopped \(.*Failed to fetch.*\)$/.test(await error.textContent()), true, 'the failure is shown');
  assert.equal(await error.isVisible(), true);
  assert.equal(await page.getByTestId('sim-verdict').count(), 0);

  // The next request starts a new worker, which answers.
  await context.unroute('**' + WORKER_WASM);
  await page.getByTestId('sim-method').fill('PUT');
  await page.getByTestId('sim-verdict').waitFor();
  assert.equal(await error.isVisible(), false);
  assert.equal(fetched('/cors-worker.js'), 2, 'a second worker was started');
  assert.equal(fetched(WORKER_WASM), 2);

  // The import panel uses the same worker: nothing more is fetched.
  await page.getByTestId('import-toggle').click();
  const template = join(ROOT, 'crates', 'apigw-cors', 'tests', 'templates', 'rest-07-comma-joined.yaml');
  await page.getByTestId('template-text').fill(readFileSync(template, 'utf8'));
  await page.getByTestId('import-read').click();
  await page.getByTestId('import-result').waitFor();
  assert.equal(
    await page.getByTestId('import-apis').textContent(),
    'ServerlessRestApi (AWS::Serverless::Api, REST API, created by SAM) at Globals.Api',
  );
  assert.equal(fetched('/cors-worker.js'), 2, 'no third worker');
  assert.equal(fetched(WORKER_WASM), 2);
  // The simulator still answers beside it.
  await page.getByTestId('sim-method').fill('DELETE');
  await eventually(async () => (await page.getByTestId('sim-actual').textContent()).startsWith('> DELETE /prod/items HTTP/1.1'), true);

  await context.close();
  assert.deepEqual(
    problems.filter((p) => !p.includes('Failed to fetch') && !p.includes('ERR_FAILED')),
    [],
    'nothing else went wrong',
  );
});

test('screenshots: simulator at 1280 px light and 390 px dark', async () => {
  for (const [width, colorScheme] of [
    [1280, 'light'],
    [390, 'dark'],
  ]) {
    const { page, done } = await openPage({ width, colorScheme, height: width > 800 ? 900 : 844 });
    await page.getByTestId('header-Content-Type').uncheck();
    await page.locator('li[data-code="content-type-not-allowed"]').getByTestId('show-in-simulator').click();
    await page.getByTestId('sim-verdict').waitFor();
    await page.getByTestId('simulator').screenshot({ path: join(ARTIFACTS, `simulator-${width}-${colorScheme}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.equal(overflow, 0, `no horizontal scrolling at ${width} px`);
    await done();
  }
});

// --- A busy worker (issue 14, item 5): Close cancels an import; no stale verdict unsaid ---

/** A valid template of `count` REST APIs with CORS, each found, checked and rendered by the importer. */
function manyApis(count) {
  const apis = Array.from(
    { length: count },
    (_, i) => `  Api${i}:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Cors:\n        AllowOrigin: "'https://a${i}.example.com'"\n        AllowMethods: "'GET,POST'"\n`,
  );
  return `Transform: AWS::Serverless-2016-10-31\nResources:\n${apis.join('')}`;
}

test('Close cancels a template being read, and the simulator says it is updating until the latest request is answered', async () => {
  const { page, requests, done } = await openPage();
  const workers = [];
  page.on('worker', (worker) => {
    const entry = { closed: false };
    worker.on('close', () => (entry.closed = true));
    workers.push(entry);
  });
  await openSimulator(page, requests, suite.server.origin);
  const results = page.locator('.sim-results');
  const verdict = page.getByTestId('sim-verdict');
  await eventually(() => results.getAttribute('data-state'), 'current');
  assert.equal(await results.getAttribute('aria-busy'), 'false');
  assert.equal(await page.getByTestId('sim-updating').isHidden(), true);
  assert.equal(await verdict.getAttribute('data-allowed'), 'true', 'GET from the first origin');

  // A large template keeps the worker busy.
  await page.getByTestId('import-toggle').click();
  const template = manyApis(20000);
  assert.ok(template.length < 4 * 1024 * 1024, 'within the importer\'s 4 MB');
  // Set as a paste would (typing 3.5 MB through fill() takes longer than the test).
  await page.getByTestId('template-text').evaluate((area, text) => (area.value = text), template);
  await page.getByTestId('import-read').click();
  const status = page.getByTestId('import-status');
  assert.equal(await status.textContent(), 'Reading the template… (Close cancels it.)');

  // A new request meanwhile: the earlier verdict stays, said to be for an earlier request.
  await page.getByTestId('sim-method').fill('PUT');
  assert.equal(await results.getAttribute('data-state'), 'updating');
  assert.equal(await results.getAttribute('aria-busy'), 'true');
  assert.equal(await page.getByTestId('sim-updating').textContent(), 'Updating: the result below is for an earlier request.');
  assert.equal(await page.getByTestId('sim-updating').isVisible(), true);
  // No wait here: how long the import takes depends on the machine, and Close must come while it runs.
  assert.equal(await status.textContent(), 'Reading the template… (Close cancels it.)', 'still reading');
  assert.equal(await results.getAttribute('data-state'), 'updating', 'still waiting for the busy worker');
  assert.equal(await verdict.getAttribute('data-allowed'), 'true', 'the earlier verdict, labelled');

  // Close stops the worker; a new one answers the simulator's latest request at once.
  await page.getByTestId('import-close').click();
  await eventually(() => workers.map((w) => w.closed), [true, false], 'the busy worker is stopped and a new one started');
  await eventually(() => results.getAttribute('data-state'), 'current');
  assert.equal(await page.getByTestId('sim-updating').isHidden(), true);
  const expected = expectedPanel(cliSimulate(DEFAULT_CONFIG, { origin: 'https://app.example.com', method: 'PUT' }));
  assert.deepEqual(await readPanel(page), expected);
  assert.equal(expected.allowed, false);

  // The import was not answered; reading again works on the new worker.
  await page.getByTestId('import-toggle').click();
  assert.equal(await status.textContent(), 'Cancelled: the template was not read.');
  assert.equal(await page.getByTestId('import-result').isHidden(), true);
  const small = join(ROOT, 'crates', 'apigw-cors', 'tests', 'templates', 'rest-07-comma-joined.yaml');
  await page.getByTestId('template-text').fill(readFileSync(small, 'utf8'));
  await page.getByTestId('import-read').click();
  await page.getByTestId('import-result').waitFor();
  assert.equal(await status.textContent(), '');
  assert.equal(workers.length, 2, 'no third worker');
  await done();
});
