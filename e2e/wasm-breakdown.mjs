// Where the page's wasm goes, by crate (a benchmark aid, not a test): reads the code and data
// sections and the function names of a module that still has them, and prints each crate's share
// of the code, the largest functions and the data (string) bytes. wasm-opt drops the names, so
// scripts/bench-web.sh runs it on wasm-bindgen's output of cargo's build; the shares, not the
// bytes, carry over to the shipped file.
//
//   node e2e/wasm-breakdown.mjs FILE.wasm
//
// A generic function counts for the crate that defines it, so the code tachys makes for each of
// the page's view types shows under tachys; `drop_in_place<T>` counts for T's crate.

import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) throw new Error('usage: node e2e/wasm-breakdown.mjs FILE.wasm');
const bytes = readFileSync(file);

/** A reader of LEB128 numbers and byte runs over `bytes`. */
function reader(at) {
  return {
    at,
    u32() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const byte = bytes[this.at++];
        result += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) return result;
        shift += 7;
      }
    },
    name() {
      const length = this.u32();
      const text = bytes.toString('utf8', this.at, this.at + length);
      this.at += length;
      return text;
    },
  };
}

/** The module's sections: { id, start, end, name? }. */
function sections() {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${file} is not a wasm module`);
  const list = [];
  const r = reader(8);
  while (r.at < bytes.length) {
    const id = bytes[r.at++];
    const size = r.u32();
    const start = r.at;
    const section = { id, start, end: start + size };
    if (id === 0) section.name = r.name();
    list.push(section);
    r.at = section.end;
  }
  return list;
}

/** How many functions are imported (they come first in the function index space). */
function importedFunctions(section) {
  const r = reader(section.start);
  let functions = 0;
  for (let n = r.u32(); n > 0; n--) {
    r.name();
    r.name();
    const kind = bytes[r.at++];
    if (kind === 0) {
      functions++;
      r.u32();
    } else if (kind === 1) {
      r.at++;
      const flags = r.u32();
      r.u32();
      if (flags & 1) r.u32();
    } else if (kind === 2) {
      const flags = r.u32();
      r.u32();
      if (flags & 1) r.u32();
    } else if (kind === 3) {
      r.at += 2;
    } else {
      throw new Error(`unknown import kind ${kind}`);
    }
  }
  return functions;
}

/** Function index → name, from the name section's function names. */
function functionNames(section) {
  const names = new Map();
  const r = reader(section.start);
  r.name();
  while (r.at < section.end) {
    const id = bytes[r.at++];
    const size = r.u32();
    const end = r.at + size;
    if (id === 1) {
      for (let n = r.u32(); n > 0; n--) names.set(r.u32(), r.name());
    }
    r.at = end;
  }
  return names;
}

/** Body sizes, in function index order after the imports. */
function bodySizes(section) {
  const r = reader(section.start);
  const sizes = [];
  for (let n = r.u32(); n > 0; n--) {
    const size = r.u32();
    sizes.push(size);
    r.at += size;
  }
  return sizes;
}

// rustc's legacy mangling escapes (`_ZN…E`); `..` is `::`.
const ESCAPES = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };

/** A readable name: legacy `_ZN` names demangled, v0 `_R` names reduced to their crate. */
export function demangle(symbol) {
  if (symbol.startsWith('_R')) {
    const crate = symbol.match(/C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/);
    return crate ? `${crate[2].slice(0, Number(crate[1]))}::${symbol}` : symbol;
  }
  if (!symbol.startsWith('_ZN')) return symbol;
  const parts = [];
  let at = 3;
  while (at < symbol.length && symbol[at] !== 'E') {
    const digits = symbol.slice(at).match(/^\d+/);
    if (!digits) return symbol;
    at += digits[0].length;
    const part = symbol.slice(at, at + Number(digits[0]));
    at += Number(digits[0]);
    parts.push(
      part
        .replace(/^_\$/, '$')
        .replace(/\.\./g, '::')
        .replace(/\$u([0-9a-f]+)\$/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
        .replace(/\$([A-Z]+)\$/g, (whole, code) => ESCAPES[code] ?? whole),
    );
  }
  return parts.join('::');
}

/** The crate a (demangled) function name belongs to, per the rule in the header. */
export function crateOf(name) {
  let text = name.replace(/::h[0-9a-f]{16}$/, '');
  const dropped = text.match(/^core::ptr::drop_in_place<(.*)>$/);
  if (dropped) text = dropped[1];
  const implFor = text.match(/^<(.+?) as (.+?)>::/);
  if (implFor) {
    // `<T as reactive_graph::traits::Read>::try_read`: a type parameter has no crate; the trait does.
    const self = implFor[1].replace(/^(&|\*|mut |const |dyn )+/, '');
    text = /^([A-Z][A-Za-z0-9]*|\(.*|\[.*)$/.test(self) ? implFor[2] : self;
  }
  text = text.replace(/^(<|&|\*|\(|mut |const |dyn )+/, '');
  const crate = text.match(/^([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/);
  if (crate) return crate[1];
  // wasm-bindgen's exports and shims, `main`.
  return '(glue)';
}

const list = sections();
const imports = list.find((s) => s.id === 2);
const code = list.find((s) => s.id === 10);
const data = list.find((s) => s.id === 11);
const names = list.find((s) => s.id === 0 && s.name === 'name');
if (!names) throw new Error(`${file} has no function names (build with strip = false)`);

const offset = imports ? importedFunctions(imports) : 0;
const nameOf = functionNames(names);
const functions = bodySizes(code).map((size, i) => ({ size, name: demangle(nameOf.get(offset + i) ?? `#${offset + i}`) }));
const codeBytes = functions.reduce((sum, f) => sum + f.size, 0);
const byCrate = new Map();
for (const f of functions) {
  const crate = crateOf(f.name);
  const row = byCrate.get(crate) ?? { bytes: 0, count: 0 };
  row.bytes += f.size;
  row.count += 1;
  byCrate.set(crate, row);
}

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
const pct = (n) => `${((100 * n) / codeBytes).toFixed(1).padStart(5)}%`;
console.log(`${file}: code ${kb(codeBytes)} KB in ${functions.length} functions, data ${kb(data ? data.end - data.start : 0)} KB (before wasm-opt)`);
console.log('By crate (code)          KB    share  functions');
for (const [crate, row] of [...byCrate].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 16)) {
  console.log(`  ${crate.padEnd(18)} ${kb(row.bytes)}  ${pct(row.bytes)}  ${String(row.count).padStart(6)}`);
}
console.log('Largest functions        KB');
for (const f of [...functions].sort((a, b) => b.size - a.size).slice(0, 10)) {
  console.log(`  ${kb(f.size)}  ${f.name.length > 110 ? f.name.slice(0, 107) + '...' : f.name}`);
}
