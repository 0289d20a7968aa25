// Browser tests for sharing, keeping and importing (issue 5): the configuration in the URL
// fragment and in localStorage, the "Copy link" button, notices for links and stored values that
// cannot be read, and the template import panel (a web worker with its own wasm, fetched when
// the panel opens). Run with the other browser tests: cd e2e && npm test
//
// Test hooks: copy-link, import-toggle, reset, notice / dismiss-notice, import-panel,
// template-text, template-file, import-read, import-status, import-error, import-result,
// import-apis (import-api-LOGICALID radio buttons when several), import-settings,
// import-findings (li[data-code]), import-unresolved, import-load, import-loaded.
// Screenshots: e2e/artifacts/import-1280-light.png, import-390-dark.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, DEFAULT_CONFIG, ROOT, WORKER_WASM, chooseTool, cli, cliCheck, cliPanels, eventually, openPage, readPanels, snapshot, useBrowserSuite } from './lib.mjs';

const TEMPLATES = join(ROOT, 'crates', 'apigw-cors', 'tests', 'templates');
const STORAGE_KEY = 'apigw-cors:config';

// What editCustom() types into the form.
const CUSTOM = {
  apiType: 'rest',
  allowOrigins: ['https://shop.example.com', 'http://localhost:5173'],
  allowMethods: ['GET', 'PUT', 'POST', 'DELETE'],
  allowHeaders: ['Content-Type', 'X-Api-Key'],
  exposeHeaders: ['X-Request-Id'],
  maxAge: 300,
  allowCredentials: true,
  authorizerHeader: 'Authorization',
  apiKeyRequired: true,
};

const suite = useBrowserSuite();

const open = (options = {}) => openPage(suite.browser, suite.server, options);

async function editCustom(page) {
  await page.getByTestId('api-type-rest').check();
  await page.getByLabel('Allowed origins').fill(CUSTOM.allowOrigins.join('\n'));
  await page.getByTestId('method-PUT').check();
  await page.getByTestId('method-DELETE').check();
  await page.getByTestId('header-Authorization').uncheck();
  await page.getByTestId('header-X-Api-Key').check();
  await page.getByTestId('expose-headers').fill('X-Request-Id');
  await page.getByTestId('max-age').fill('300');
  await page.getByTestId('credentials').check();
  await page.getByTestId('authorizer-header').fill('Authorization');
  await page.getByTestId('api-key').check();
  await expectPanels(page, CUSTOM);
  await writePending(page);
}

/**
 * The address bar and the stored value follow edits a moment later; leaving the page writes
 * them at once, which this triggers.
 */
const writePending = (page) => page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));

/** The page shows `tool`'s panels, each equal to what the CLI generates for `config`. */
async function expectPanels(page, config, tool = 'sam') {
  await eventually(() => readPanels(page), cliPanels(config, tool), 'each panel shows exactly what the CLI prints');
  assert.equal(await page.getByTestId(`tool-${tool}`).getAttribute('aria-selected'), 'true', `${tool} is the chosen tool`);
}

const stored = (page) => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
const notices = (page) => page.getByTestId('notice').allTextContents();
const fragmentOf = (url) => new URL(url).hash.slice(1);

/** The address once it shows a configuration (it is written a moment after the page starts). */
async function shownLink(page) {
  await eventually(() => /^v1\./.test(fragmentOf(page.url())), true, 'the configuration is in the address bar');
  return page.url();
}

test('a copied link opened in a fresh page shows the same configuration and outputs', async () => {
  const first = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await editCustom(first.page);
  await first.page.getByTestId('copy-link').click();
  await eventually(() => first.page.getByTestId('copy-link').textContent(), 'Link copied');
  const link = await first.page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, new RegExp(`^${suite.server.origin}/#v1\\.[A-Za-z0-9_-]+$`));
  assert.equal(first.page.url(), link, 'the address bar holds the same link');
  const expected = await snapshot(first.page);
  assert.deepEqual(Object.keys(expected.panels).sort(), Object.keys(cliPanels(CUSTOM)).sort(), 'every REST panel of SAM');
  await first.done();

  const second = await open({ url: link });
  await expectPanels(second.page, CUSTOM);
  assert.deepEqual(await snapshot(second.page), expected, 'same panels, checks and form');
  assert.deepEqual(await notices(second.page), []);
  assert.equal(await stored(second.page), null, 'opening a link stores nothing until it is edited');
  await second.done();
});

test('the tool travels in the link and survives a reload; a link without one opens with SAM', async () => {
  const first = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await editCustom(first.page);
  // With SAM the link is exactly the configuration's record: the format links had before tools.
  const samLink = await shownLink(first.page);
  assert.match(samLink, new RegExp(`^${suite.server.origin}/#v1\\.[A-Za-z0-9_-]+$`));
  await chooseTool(first.page, 'cdk-python');
  await expectPanels(first.page, CUSTOM, 'cdk-python');
  await writePending(first.page);
  assert.equal(first.page.url(), `${samLink}.cdk-python`, 'the link adds the tool after the record');
  assert.equal(await stored(first.page), `s1.${fragmentOf(samLink).slice(3)}.cdk-python`, 'the stored value keeps it too');
  await first.page.getByTestId('copy-link').click();
  await eventually(() => first.page.getByTestId('copy-link').textContent(), 'Link copied');
  const link = await first.page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, `${samLink}.cdk-python`);

  await first.page.reload();
  await expectPanels(first.page, CUSTOM, 'cdk-python');
  await first.page.goto(suite.server.origin + '/'); // no fragment: the kept configuration and tool
  await expectPanels(first.page, CUSTOM, 'cdk-python');
  await first.done();

  const second = await open({ url: link });
  await expectPanels(second.page, CUSTOM, 'cdk-python');
  assert.deepEqual(await notices(second.page), []);
  await second.done();

  // A link in the format written before tools were kept: the same configuration, with SAM.
  const old = await open({ url: samLink });
  await expectPanels(old.page, CUSTOM, 'sam');
  assert.deepEqual(await notices(old.page), []);
  await old.done();
});

test('the address bar follows edits without adding history entries', async () => {
  const { page, done } = await open();
  const before = await page.evaluate(() => history.length);
  const initial = fragmentOf(await shownLink(page));
  await page.getByLabel('Allowed origins').fill('https://one.example.com');
  await page.getByTestId('method-PATCH').check();
  await eventually(() => fragmentOf(page.url()) !== initial, true, 'the fragment changes after an edit');
  assert.equal(await page.evaluate(() => history.length), before, 'replaceState, not pushState');

  // A link pasted into the same tab (a fragment navigation) loads its configuration.
  const other = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await editCustom(other.page);
  const link = other.page.url();
  await other.done();
  await page.goto(link);
  await expectPanels(page, CUSTOM);
  await done();
});

test('a reload keeps the configuration; the link wins over the kept one; Reset clears it', async () => {
  const { page, done } = await open();
  assert.equal(await stored(page), null, 'nothing is kept for the defaults');
  await editCustom(page);
  const expected = await snapshot(page);
  assert.match(await stored(page), /^s1\.[A-Za-z0-9_-]+$/);

  await page.reload();
  await expectPanels(page, CUSTOM);
  await page.goto(suite.server.origin + '/'); // no fragment: the kept configuration
  await expectPanels(page, CUSTOM);
  assert.deepEqual(await snapshot(page), expected);
  assert.deepEqual(await notices(page), []);

  // A link to the defaults wins over the kept configuration.
  const fresh = await open();
  const defaultsLink = await shownLink(fresh.page);
  await fresh.done();
  await page.goto(defaultsLink);
  await page.reload(); // the same URL: a full load with the fragment
  await expectPanels(page, DEFAULT_CONFIG);
  assert.match(await stored(page), /^s1\./, 'the kept configuration is still there');

  await page.goto(suite.server.origin + '/');
  await expectPanels(page, CUSTOM);
  await page.getByTestId('reset').click();
  await expectPanels(page, DEFAULT_CONFIG);
  await eventually(() => stored(page), null, 'Reset clears the kept configuration');
  await page.goto(suite.server.origin + '/?again');
  await expectPanels(page, DEFAULT_CONFIG);

  // An edit made just before leaving the page is kept (leaving writes it at once).
  await page.getByTestId('max-age').fill('120');
  await page.goto(suite.server.origin + '/?left');
  await expectPanels(page, { ...DEFAULT_CONFIG, maxAge: 120 });
  await done();
});

test('a tampered or unsupported link shows a notice and the defaults, and the notice can be dismissed', async () => {
  const source = await open();
  await editCustom(source.page);
  const fragment = fragmentOf(source.page.url());
  await source.done();

  // One character changed in the middle.
  const at = 12;
  const swapped = fragment[at] === 'A' ? 'B' : 'A';
  const tampered = fragment.slice(0, at) + swapped + fragment.slice(at + 1);
  const cases = [
    [tampered, 'The configuration in this link is damaged or incomplete (its checksum does not match); the defaults are shown instead.'],
    [fragment.slice(0, -5), null], // truncated: damaged, reason depends on where it was cut
    ['v9.AAAA', 'The configuration in this link was made by a version of this tool that this one cannot read (format "v9"), so it was dropped; the defaults are shown instead.'],
    ['%3Cscript%3E', 'The text after # in this link is not a configuration link ("%3Cscript%3E"), so it was ignored; the defaults are shown instead.'],
  ];
  for (const [bad, message] of cases) {
    const { page, done } = await open({ url: `${suite.server.origin}/#${bad}` });
    await expectPanels(page, DEFAULT_CONFIG);
    const [notice] = await notices(page);
    if (message) assert.equal(notice, message + 'Dismiss', bad);
    else assert.match(notice, /^The configuration in this link is damaged or incomplete \(.+\); the defaults are shown instead\.Dismiss$/);
    await eventually(() => fragmentOf(page.url()) !== bad, true, 'the address bar shows the defaults, not the bad link');
    await page.getByTestId('dismiss-notice').click();
    assert.equal(await page.getByTestId('notice').count(), 0);
    await done();
  }
});

test('an old or damaged stored value is dropped with a notice', async () => {
  const { page, done } = await open();
  for (const [value, message] of [
    ['s0.AAAA', 'The saved configuration was made by a version of this tool that this one cannot read (format "s0"), so it was dropped; the defaults are shown instead.'],
    ['s1.AAAA', 'The saved configuration is damaged or incomplete (its checksum does not match); the defaults are shown instead.'],
  ]) {
    await page.evaluate(([key, v]) => localStorage.setItem(key, v), [STORAGE_KEY, value]);
    await page.goto(`${suite.server.origin}/?${value}`);
    await expectPanels(page, DEFAULT_CONFIG);
    assert.deepEqual(await notices(page), [message + 'Dismiss']);
    assert.equal(await stored(page), null, 'the unreadable value is removed');
  }
  await done();
});

// --- Import ---

/** What the CLI reports for a template (`check --template --format json`). */
function cliTemplate(name, api) {
  const args = ['check', '--template', join(TEMPLATES, name), '--format', 'json'];
  if (api) args.push('--api', api);
  return JSON.parse(cli(...args));
}

/** The import panel's content: API ids, settings and findings of the chosen API. */
function readImport(page) {
  return page.evaluate(() => {
    const text = (e, sel) => e.querySelector(sel)?.textContent ?? null;
    return {
      apis: [...document.querySelectorAll('[data-testid=import-apis] .api-summary strong')].map((e) => e.textContent),
      settings: [...document.querySelectorAll('[data-testid=import-settings] li')].map((li) => ({
        field: text(li, '.field-name'),
        path: text(li, '.path'),
        value: text(li, '.value'),
      })),
      findings: [...document.querySelectorAll('[data-testid=import-findings] li')].map((li) => ({
        code: li.dataset.code,
        severity: text(li, '.sev'),
        field: text(li, '.path'),
        value: text(li, '.value'),
        message: text(li, '.msg'),
        fix: text(li, '.fix').replace(/^Fix: /, ''),
      })),
    };
  });
}

function expectedImport(report) {
  return {
    apis: report.apis,
    settings: report.settings,
    findings: report.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      field: f.field,
      value: f.value ?? null,
      message: f.message,
      fix: f.fix,
    })),
  };
}

const checkCodes = (page) =>
  page.evaluate(() => [...document.querySelectorAll('[data-testid=diagnostics] li')].map((li) => li.dataset.code));

async function openImport(page, requests) {
  assert.equal(requests.filter((r) => r.includes('cors-worker')).length, 0, 'the importer is not fetched before the panel opens');
  await page.getByTestId('import-toggle').click();
  await page.getByTestId('template-text').waitFor();
  assert.equal(await page.getByTestId('import-toggle').getAttribute('aria-expanded'), 'true');
  await eventually(() => requests.some((r) => r === suite.server.origin + WORKER_WASM), true, 'the importer is fetched when the panel opens');
}

test('importing a broken REST template shows its findings and loads the repaired configuration', async () => {
  const { page, requests, done } = await open();
  await openImport(page, requests);
  const name = 'rest-07-comma-joined.yaml';
  const report = cliTemplate(name);
  assert.deepEqual(report.findings.map((f) => f.code), ['comma-joined-origins']);

  await page.getByTestId('template-text').fill(readFileSync(join(TEMPLATES, name), 'utf8'));
  await page.getByTestId('import-read').click();
  await page.getByTestId('import-result').waitFor();
  assert.deepEqual(await readImport(page), expectedImport(report));
  assert.equal(
    await page.getByTestId('import-apis').textContent(),
    'ServerlessRestApi (AWS::Serverless::Api, REST API, created by SAM) at Globals.Api',
  );
  assert.equal(await page.getByTestId('import-findings').locator('li.error').count(), 1);

  await page.getByTestId('import-load').click();
  assert.equal(
    await page.getByTestId('import-loaded').textContent(),
    'Loaded ServerlessRestApi into the form; the checks and outputs below are for it.',
  );
  assert.deepEqual(report.config.allowOrigins, ['https://a.com', 'https://b.com']);
  await expectPanels(page, report.config);
  assert.equal(await page.getByLabel('Allowed origins').inputValue(), 'https://a.com\nhttps://b.com');
  assert.equal(await page.getByTestId('api-type-rest').isChecked(), true);
  assert.deepEqual(await checkCodes(page), report.diagnostics.map((d) => d.code), 'the usual checks apply');
  await done();
});

test('a template with several APIs, chosen from a file: each API shows its own settings and loads', async () => {
  const { page, requests, done } = await open();
  await openImport(page, requests);
  const name = 'several-apis.yaml';
  await page.getByTestId('template-file').setInputFiles(join(TEMPLATES, name));
  await page.getByTestId('import-result').waitFor();
  assert.equal(await page.getByTestId('template-text').inputValue(), readFileSync(join(TEMPLATES, name), 'utf8'), 'the file is shown');

  const ids = ['ServerlessRestApi', 'AdminApi', 'PublicHttpApi'];
  assert.equal(await page.getByTestId('import-api-ServerlessRestApi').isChecked(), true, 'the first API is chosen');
  for (const id of ids) {
    await page.getByTestId(`import-api-${id}`).check();
    const report = cliTemplate(name, id);
    assert.deepEqual(report.apis, ids);
    await eventually(() => readImport(page), expectedImport(report), id);
    assert.equal(await page.getByTestId('import-load').textContent(), `Load ${id} into the form`);
  }
  await page.getByTestId('import-api-AdminApi').check();
  await page.getByTestId('import-load').click();
  const admin = cliTemplate(name, 'AdminApi');
  assert.deepEqual(admin.config.allowOrigins, ['https://admin.example.com']);
  await expectPanels(page, admin.config);
  assert.deepEqual(await checkCodes(page), admin.diagnostics.map((d) => d.code));

  await page.getByTestId('import-api-PublicHttpApi').check();
  await page.getByTestId('import-load').click();
  const pub = cliTemplate(name, 'PublicHttpApi');
  await expectPanels(page, pub.config);
  assert.equal(await page.getByTestId('api-type-http').isChecked(), true);

  // The loaded configuration is kept and linked like an edited one.
  await page.reload();
  await expectPanels(page, pub.config);
  await done();
});

test('a dropped template with a value computed at deploy time shows it as not resolved', async () => {
  const { page, requests, done } = await open();
  await openImport(page, requests);
  const name = 'rest-14-sub.yaml';
  const text = readFileSync(join(TEMPLATES, name), 'utf8');
  const zone = await page.locator('.dropzone').evaluateHandle((e) => e);
  await page.evaluate(
    ([zone, text, fileName]) => {
      const data = new DataTransfer();
      data.items.add(new File([text], fileName, { type: 'application/yaml' }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [zone, text, name],
  );
  await page.getByTestId('import-result').waitFor();
  const report = cliTemplate(name);
  assert.deepEqual(await readImport(page), expectedImport(report));
  const unresolved = page.locator('[data-testid=import-findings] li.unresolved');
  assert.equal(await unresolved.count(), 1);
  assert.match(await unresolved.textContent(), /^warningnot resolvedGlobals\.Api\.Cors\.AllowOrigin !Sub "'\$\{AllowedOrigin\}'"AllowOrigin is computed when the stack deploys/);
  assert.equal(
    await page.getByTestId('import-unresolved').textContent(),
    '1 value is computed when the stack deploys and left out; enter it in the form yourself.',
  );

  // The template's own check knows the origin is computed at deploy time (a note, no error);
  // once loaded into the form the origins are empty, and the form's check says so, as `check`
  // does for the same configuration.
  assert.deepEqual(report.diagnostics.map((d) => d.code), ['unresolved-value']);
  await page.getByTestId('import-load').click();
  await eventually(() => page.getByTestId('sam-globals').getAttribute('data-state'), 'blocked');
  assert.deepEqual(await checkCodes(page), cliCheck(report.config).diagnostics.map((d) => d.code));
  assert.equal(await page.getByLabel('Allowed origins').inputValue(), '');
  await done();
});

test('text that is not a template gives a message, and the panel closes and reopens with its content', async () => {
  const { page, requests, done } = await open();
  await openImport(page, requests);
  await page.getByTestId('import-read').click();
  assert.equal(await page.getByTestId('import-error').textContent(), 'Paste a template or drop its file first.');
  for (const [text, message] of [
    ['- a\n- list\n', 'This is not a SAM or CloudFormation template: expected a mapping with Resources (or Globals) at the top'],
    ['Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n', 'No API Gateway API or CORS setting was found in the template'],
    ['{"Resources": [', /^The template is not valid YAML or JSON: /],
  ]) {
    await page.getByTestId('template-text').fill(text);
    await page.getByTestId('import-read').click();
    const error = page.getByTestId('import-error');
    if (typeof message === 'string') await eventually(() => error.textContent(), message);
    else await eventually(async () => message.test(await error.textContent()), true);
    assert.equal(await page.getByTestId('import-result').isHidden(), true);
  }
  await page.getByTestId('import-close').click();
  assert.equal(await page.getByTestId('import-panel').isHidden(), true);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'import-toggle', 'focus returns to the toggle');
  assert.equal(await page.getByTestId('import-toggle').getAttribute('aria-expanded'), 'false');
  await page.getByTestId('import-toggle').click();
  assert.equal(await page.getByTestId('template-text').inputValue(), '{"Resources": [');
  assert.equal(requests.filter((r) => r.endsWith(WORKER_WASM)).length, 1, 'the importer is fetched once');
  await done();
});

test('import screenshots at 1280 px light and 390 px dark', async () => {
  for (const [width, colorScheme] of [
    [1280, 'light'],
    [390, 'dark'],
  ]) {
    const { page, requests, done } = await open({ width, colorScheme, height: width > 800 ? 900 : 844 });
    await openImport(page, requests);
    await page.getByTestId('template-file').setInputFiles(join(TEMPLATES, 'rest-07-comma-joined.yaml'));
    await page.getByTestId('import-result').waitFor();
    await page.getByTestId('template-text').evaluate((e) => (e.scrollTop = 0));
    await page.getByTestId('import-findings').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `import-${width}-${colorScheme}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.equal(overflow, 0, `no horizontal scrolling at ${width} px`);
    await done();
  }
});

// --- A damaged link never costs the saved configuration (issue 14, item 3) ---

/** `fragment` with one character changed in the middle: its checksum no longer matches. */
function tamper(fragment) {
  const at = 12;
  return fragment.slice(0, at) + (fragment[at] === 'A' ? 'B' : 'A') + fragment.slice(at + 1);
}

const DAMAGED = 'The configuration in this link is damaged or incomplete (its checksum does not match); the defaults are shown instead.';
const OFFER = `${DAMAGED} Your saved configuration is unchanged, and nothing you change here is saved until you choose.`;

test('a damaged link offers the saved configuration, and nothing stored is replaced until the user chooses', async () => {
  const { page, done } = await open();
  await editCustom(page);
  const kept = await stored(page);
  const damaged = tamper(fragmentOf(page.url()));

  // Opened in a new load: the defaults, the reason, and the choice.
  await page.goto(`${suite.server.origin}/?damaged#${damaged}`);
  await expectPanels(page, DEFAULT_CONFIG);
  const offer = page.getByTestId('link-offer');
  assert.equal(await offer.locator('p').textContent(), OFFER);
  assert.equal(await offer.getAttribute('role'), 'group');
  assert.deepEqual(await notices(page), [], 'the reason is in the offer, not a second notice');
  const keepShown = page.getByTestId('keep-shown');
  assert.equal(await keepShown.textContent(), 'Keep the defaults');

  // Edits before choosing are shown and linked, not stored.
  await page.getByTestId('max-age').fill('120');
  await expectPanels(page, { ...DEFAULT_CONFIG, maxAge: 120 });
  await eventually(() => keepShown.textContent(), 'Keep what is shown');
  await writePending(page);
  assert.equal(await stored(page), kept, 'the saved configuration is unchanged');
  await page.reload();
  assert.equal(await stored(page), kept, 'a reload (of the edited link) keeps it too');

  // "Load the saved configuration" brings it back; then edits are kept as usual.
  await page.goto(`${suite.server.origin}/?again#${damaged}`);
  await page.getByTestId('load-saved').click();
  await expectPanels(page, CUSTOM);
  assert.equal(await offer.count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'origins', 'focus goes to the form');
  await writePending(page);
  assert.equal(await stored(page), kept);
  await page.getByTestId('max-age').fill('301');
  await writePending(page);
  await eventually(async () => (await stored(page)) !== kept, true, 'an edit after choosing is kept');
  const edited = await stored(page);

  // The same link opened in this tab (a fragment change) offers it too; keeping the defaults
  // replaces nothing until the next edit.
  await page.evaluate((fragment) => (location.hash = fragment), damaged);
  await eventually(() => offer.locator('p').textContent(), OFFER);
  await expectPanels(page, DEFAULT_CONFIG);
  await page.getByTestId('keep-shown').click();
  assert.equal(await offer.count(), 0);
  await writePending(page);
  assert.equal(await stored(page), edited, 'choosing the defaults stores nothing by itself');
  await page.getByTestId('max-age').fill('60');
  await writePending(page);
  await eventually(async () => (await stored(page)) !== edited, true, 'the next edit is kept');
  await page.goto(`${suite.server.origin}/?after`);
  await expectPanels(page, { ...DEFAULT_CONFIG, maxAge: 60 });
  await done();
});
