// Browser tests for "Explain an error", against the release build served on 127.0.0.1 in
// Debian's Chromium: a Chrome, a Firefox and a Safari message pasted into `explain-input` give
// exactly the result the CLI's `apigw-cors explain --format json` gives (and the literal texts
// below), unknown text says what was read, the field button moves focus to the form's control,
// and the page makes no request of its own. The page's worker reads the text (it is fetched
// when the box is first entered, not with the page), so each paste waits for its answer.
//
//   cd e2e && npm ci && node --test explain.mjs        (npm test runs it with the others)
//
// Test hooks: explain-input (the text area), explain-result (the region, aria-live), and inside
// it one .finding per message and explain-field (the button that focuses a cause's field);
// explain-status says "Reading…" while the worker has not answered the latest text.
// A screenshot goes to e2e/artifacts/explain-1280-light.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, WORKER_WASM, chooseTool, cli, eventually, openPage as openPageOn, useBrowserSuite } from './lib.mjs';

const suite = useBrowserSuite();
const openPage = (options) => openPageOn(suite.browser, suite.server, options);

const API = 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items';

const CHROME = `index.html:1 Access to fetch at '${API}' from origin 'https://app.example.com' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.`;
const FIREFOX = `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}. (Reason: CORS preflight response did not succeed). Status code: 401.`;
const SAFARI = `[Error] Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200\n[Error] Fetch API cannot load ${API} due to access control checks.\n[Error] Failed to load resource: Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200 (items, line 0)`;

/** What the result region shows, finding by finding. */
function readResult(page) {
  return page.getByTestId('explain-result').evaluate((region) =>
    [...region.querySelectorAll('.finding')].map((f) => ({
      headline: f.querySelector('.headline').textContent,
      facts: [...f.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]),
      heading: f.querySelector('.causes-heading').textContent,
      causes: [...f.querySelectorAll('.causes li')].map((li) => ({
        id: li.dataset.cause,
        title: li.querySelector('.title').textContent,
        why: li.querySelector('.why').textContent,
        fix: li.querySelector('.fix').textContent,
        field: li.querySelector('[data-testid="explain-field"]')?.textContent ?? null,
      })),
    })),
  );
}

/** The same, from `apigw-cors explain --format json` and the CLI's text for the headings. */
function cliResult(message, tool = 'sam') {
  const json = JSON.parse(cli('explain', message, '--tool', tool, '--format', 'json'));
  const text = cli('explain', message, '--tool', tool);
  const headlines = text.split('\n').filter((l) => /^(\d+\. )?(Chrome|Firefox|Safari): /.test(l)).map((l) => l.replace(/^\d+\. /, ''));
  const headings = text.split('\n').filter((l) => /^ {3}(Causes that fit, |Cause \()/.test(l)).map((l) => l.trim().replace(/:$/, ''));
  const labels = { url: 'URL', redirectedFrom: 'Redirected from', origin: 'Page origin', value: 'Named', status: 'Status' };
  return json.findings.map((f, i) => ({
    headline: headlines[i],
    facts: [
      ...Object.entries(labels).filter(([key]) => f[key] != null).map(([key, label]) => [label, String(f[key])]),
      ['Failing step', f.failingStep ?? `one of ${f.steps.join(', ')}`],
    ],
    heading: headings[i],
    causes: f.causes.map((c) => ({ id: c.id, title: c.title, why: c.inApiGateway, fix: `Fix: ${c.fix}`, field: c.field ? `Go to ${c.field}` : null })),
  }));
}

/** Pastes `text` and waits until the worker's answer to it is shown (the region is busy until then). */
async function paste(page, text) {
  await page.getByLabel("Paste what the browser's console printed (Chrome, Firefox or Safari)").fill(text);
  await page.waitForFunction(() => document.querySelector('[data-testid="explain-result"]').getAttribute('aria-busy') === 'false');
}

test('a Chrome, a Firefox and a Safari message give exactly the CLI result', async () => {
  const { page, done } = await openPage();
  for (const message of [CHROME, FIREFOX, SAFARI]) {
    await paste(page, message);
    const expected = cliResult(message);
    await eventually(() => readResult(page), expected, message);
  }
  await done();
});

test('the literal result for each browser', async () => {
  const { page, done } = await openPage();
  await paste(page, CHROME);
  await eventually(async () => (await readResult(page))[0]?.headline, "Chrome: the preflight (OPTIONS) failed: a request header is not allowed by the preflight's Access-Control-Allow-Headers.");
  let [chrome] = await readResult(page);
  assert.deepEqual(chrome.facts, [['URL', API], ['Page origin', 'https://app.example.com'], ['Named', 'x-api-key'], ['Failing step', 'preflight-check']]);
  assert.equal(chrome.heading, 'Causes that fit, most likely first (fixes for AWS SAM)');
  assert.deepEqual(chrome.causes.map((c) => c.id), ['header-not-allowed', 'stale-deployment']);
  assert.equal(chrome.causes[0].fix, 'Fix: Add the header to Cors.AllowHeaders (AWS::Serverless::Api) or CorsConfiguration.AllowHeaders (AWS::Serverless::HttpApi).');
  assert.equal(chrome.causes[0].field, 'Go to allowHeaders');
  await page.locator('section.explain').screenshot({ path: join(ARTIFACTS, 'explain-1280-light.png') });

  await paste(page, FIREFOX);
  await eventually(async () => (await readResult(page))[0]?.headline, "Firefox: the preflight (OPTIONS) failed: the preflight's status is not 200-299.");
  const [firefox] = await readResult(page);
  assert.deepEqual(firefox.facts, [['URL', API], ['Status', '401'], ['Failing step', 'preflight-check']]);
  assert.equal(firefox.heading, 'Cause (fixes for AWS SAM)');
  assert.deepEqual(firefox.causes.map((c) => [c.id, c.fix, c.field]), [[
    'authorizer-on-preflight',
    'Fix: Keep the authorizer off OPTIONS: set Auth.AddDefaultAuthorizerToCorsPreflight: false on the AWS::Serverless::Api; on an AWS::Serverless::HttpApi whose authorizer sits on $default or an ANY route, add an OPTIONS /{proxy+} route with Auth.Authorizer: NONE.',
    'Go to authorizerHeader',
  ]]);

  await paste(page, SAFARI);
  await eventually(async () => (await readResult(page))[0]?.headline, "Safari: the preflight or the actual response failed (the message does not say which): Access-Control-Allow-Origin is missing or names another origin than the page's.");
  const [safari] = await readResult(page);
  assert.deepEqual(safari.facts, [['URL', API], ['Page origin', 'https://app.example.com'], ['Status', '200'], ['Failing step', 'one of preflight-response, preflight-check, actual-response, cors-check']]);
  assert.deepEqual(safari.causes.map((c) => c.id), ['origin-not-allowed', 'function-without-cors', 'stale-deployment', 'single-static-origin']);
  await done();
});

test('unknown text is not recognised and says what was read', async () => {
  const { page, done } = await openPage();
  const text = 'GET https://api.example.com/items 500 (Internal Server Error)';
  await paste(page, text);
  const result = page.getByTestId('explain-result');
  await eventually(() => result.locator('.not-recognised').textContent().catch(() => null), 'Not recognised: no CORS message of Chrome, Firefox or Safari was found.');
  assert.equal(
    await result.locator('.read').textContent(),
    'Read: 61 characters on 1 line; URL: https://api.example.com/items.\nPaste the whole line that Chrome, Firefox or Safari printed in the console (it starts with "Access to fetch at", "Cross-Origin Request Blocked", or Safari\'s reason line).\n',
  );
  assert.equal(await result.textContent(), cli('explain', text).replace(/\n(?=Read: )/, ''));
  // Cleared, the region is empty again.
  await paste(page, '');
  await eventually(() => result.textContent(), '');
  await done();
});

test('the field button moves focus to the form control, and the region is announced', async () => {
  const { page, done } = await openPage();
  const result = page.getByTestId('explain-result');
  assert.equal(await result.getAttribute('aria-live'), 'polite');
  await paste(page, CHROME);
  const button = page.getByTestId('explain-field').first();
  await button.waitFor();
  await button.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'headers');
  await done();
});

test('the worker is fetched when the box is entered, says it is reading, and the fixes follow the tool', async () => {
  const { page, requests, done } = await openPage();
  const input = page.getByTestId('explain-input');
  const status = page.getByTestId('explain-status');
  assert.equal(requests.filter((r) => r.includes('cors-worker')).length, 0, 'the worker is not fetched with the page');
  assert.equal(await status.isVisible(), false);
  await input.focus();
  await eventually(() => requests.some((r) => r === suite.server.origin + WORKER_WASM), true, 'the worker is fetched when the box is entered');
  // Until the worker answers, the status says so; then it is hidden and the answer is the CLI's.
  await status.evaluate((p) => {
    window.readingShown = [];
    new MutationObserver(() => window.readingShown.push(!p.hidden && p.textContent)).observe(p, { attributes: true });
  });
  await input.fill(CHROME);
  await eventually(() => readResult(page), cliResult(CHROME), 'the answer for SAM');
  assert.equal(await status.isVisible(), false);
  assert.deepEqual(await page.evaluate(() => window.readingShown), ['Reading…', false], 'shown while the answer was pending, then hidden');
  assert.equal(await page.getByTestId('explain-result').getAttribute('aria-busy'), 'false');
  // Another tool: the same message, with that tool's fixes.
  await chooseTool(page, 'cdk');
  await eventually(() => readResult(page), cliResult(CHROME, 'cdk'), 'the answer for the CDK');
  assert.equal((await readResult(page))[0].heading, 'Causes that fit, most likely first (fixes for CDK (TypeScript))');
  assert.equal(requests.filter((r) => r === suite.server.origin + '/cors-worker.js').length, 1, 'one worker');
  await done();
});
