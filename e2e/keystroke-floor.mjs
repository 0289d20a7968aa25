// Writes the keystroke benchmark's three stand-in pages (scripts/bench-keystroke-floor.sh; not a
// test). Each holds the origins text area, its "Used:" line and the panels' container in the
// page's layout, styled by the page's own CSS (read from DIST/index.html), so that the browser's
// own part of a keystroke (inserting the character, laying out the text area) is comparable:
// - OUT/trivial: a script writes the typed origins to the "Used:" line, nothing else: the
//   browser's part of a keystroke;
// - OUT/floor: the keystroke-floor bin (src/bin/keystroke_floor.rs, wasm-bindgen's output already
//   in OUT/floor as floor.js and floor_bg.wasm) checks, renders the default tool's outputs and
//   patches them: the least a page can do per keystroke with this generator;
// - OUT/components: the keystroke-components bin (src/bin/keystroke_components.rs, in
//   OUT/components as components.js and components_bg.wasm) mounts the page's own origins field
//   and outputs and nothing else: the least a page built from these components can do.
//
//   node e2e/keystroke-floor.mjs OUT DIST

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [out, dist] = process.argv.slice(2);
if (!out || !dist) throw new Error('usage: node e2e/keystroke-floor.mjs OUT DIST');

const shipped = readFileSync(join(dist, 'index.html'), 'utf8');
const styles = shipped.match(/<style>[\s\S]*?<\/style>/g);
if (!styles) throw new Error(`no <style> in ${dist}/index.html`);

const head = `<!doctype html><html data-ready="false" lang="en"><meta charset="utf-8">
<meta content="width=device-width,initial-scale=1" name="viewport"><title>keystroke floor</title>
${styles.join('')}`;
const wasm = (name) =>
  `<script type="module">import init from './${name}.js'; await init({ module_or_path: './${name}_bg.wasm' });</script>`;

// The origins the benchmark's typing starts from are filled in by it; these are the page's own.
function page(script) {
  return `${head}
<main class="layout"><form class="config"><div class="field"><label for="origins">Allowed origins</label>
<textarea id="origins" data-testid="origins" rows="3" spellcheck="false" autocomplete="off">https://app.example.com
http://localhost:3000</textarea>
<p class="used">Used: <code data-testid="origins-used" id="origins-used"></code></p></div></form>
<div class="results"><section class="outputs"><div class="tool-panel" id="panels"></div></section></div></main>
${script}
`;
}

const trivial = `<script>
const area = document.getElementById('origins');
const used = document.getElementById('origins-used');
const show = () => { used.textContent = area.value.split('\\n').join(', '); };
show();
area.addEventListener('input', show);
document.documentElement.setAttribute('data-ready', 'true');
</script>`;
mkdirSync(join(out, 'trivial'), { recursive: true });
writeFileSync(join(out, 'trivial', 'index.html'), page(trivial));
writeFileSync(join(out, 'floor', 'index.html'), page(wasm('floor')));
// The components render the whole layout themselves.
writeFileSync(join(out, 'components', 'index.html'), `${head}<body>${wasm('components')}`);
