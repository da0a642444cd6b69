#!/usr/bin/env node
// Runs the search of a built site's cari.js in Node.js the way its page
// does (src/search/files.rs): only cari/index.js at first, then the parts
// each search says it needs, until it answers. For every query read from
// stdin (one a line) it prints:
//
//   - lazy: the answer of a fresh search that started from index.js alone,
//     the parts it loaded, in how many rounds, and the gzip bytes of
//     everything a first result took (page, cari.js, index.js, parts);
//   - full: the answer of a search with every part loaded beforehand.
//
// and, over the whole vocabulary (cari/kosakata/*.js), every stem whose
// search did not find exactly the documents the vocabulary says it is
// on: a stem that is not in the chunk index.js sends a search to.
// tests/testsuite/search.rs judges the JSON this prints.
//
// usage: node tests/search/parts.mjs BUILT_SITE_DIR < queries.txt

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tests/search/parts.mjs BUILT_SITE_DIR < queries.txt');
  process.exit(2);
}
const LIMIT = 20; // results cari.js shows
const read = f => readFileSync(path.join(dir, f), 'utf8');
const gz = f => gzipSync(readFileSync(path.join(dir, f))).length;
const cari = read('cari.js');

/** A search as the page starts it: cari.js and index.js, nothing else. */
function engine() {
  const context = { window: {} };
  vm.createContext(context);
  vm.runInContext(cari, context, { filename: 'cari.js' });
  vm.runInContext(read('cari/index.js'), context, { filename: 'cari/index.js' });
  const data = context.window.WARTA_CARI;
  const loaded = [];
  const load = name => {
    vm.runInContext(read(`cari/${name}.js`), context, { filename: `cari/${name}.js` });
    if (!data[name] || data[name].h !== data.h) throw new Error(`cari/${name}.js is of another build`);
    loaded.push(name);
  };
  return { index: context.window.wartaCari.Index(data), loaded, load };
}

/** What a search answers once it has every part it asked for. */
function answer(e, q) {
  for (let rounds = 0; rounds < 10; rounds++) {
    const r = e.index.search(q);
    const got = r.need ? r : e.index.documents(r.ids.slice(0, LIMIT));
    if (!got.need) {
      return {
        total: r.total, words: r.words, partial: r.partial,
        fixed: r.fixed ? r.fixed.map(f => [...f]) : null,
        results: got.docs.map(d => d[0]), rounds,
      };
    }
    got.need.forEach(name => e.load(name));
  }
  throw new Error(`${JSON.stringify(q)}: still lacking parts after 10 rounds`);
}

/** Every part of the index, as names ("kata/3"). */
function parts() {
  const out = [];
  for (const sub of ['kosakata', 'kata', 'dok']) {
    for (const f of readdirSync(path.join(dir, 'cari', sub))) out.push(`${sub}/${f.replace(/\.js$/, '')}`);
  }
  return out;
}

const first = gz('cari/index.html') + gz('cari.js') + gz('cari/index.js');
const full = engine();
parts().forEach(name => full.load(name));
const queries = readFileSync(0, 'utf8').split('\n').filter(q => q.trim());
const report = { sizes: { page: gz('cari/index.html'), script: gz('cari.js'), index: gz('cari/index.js') }, queries: [] };
for (const q of queries) {
  const lazy = engine();
  const got = answer(lazy, q);
  const bytes = first + lazy.loaded.reduce((n, name) => n + gz(`cari/${name}.js`), 0);
  report.queries.push({ q, lazy: got, full: answer(full, q), loaded: lazy.loaded, bytes });
}

// Every stem of the vocabulary, searched on its own: exactly its documents.
const vocabulary = engine();
const api = (() => {
  const c = { window: {} };
  vm.createContext(c);
  vm.runInContext(cari, c);
  vm.runInContext(read('cari/index.js'), c);
  c.window.wartaCari.Index(c.window.WARTA_CARI); // the site's readings
  return c.window.wartaCari;
})();
report.stems = { checked: 0, wrong: [] };
for (const name of parts().filter(p => p.startsWith('kosakata/'))) {
  const c = { window: { WARTA_CARI: {} } };
  vm.createContext(c);
  vm.runInContext(read(`cari/${name}.js`), c);
  const { w, f } = c.window.WARTA_CARI[name];
  const counts = api.numbers(f);
  w.split(' ').filter(Boolean).forEach((s, i) => {
    // Searched as typed, a stem is stemmed again: only those that stay.
    if (api.stem(s) !== s || api.words(s).join(' ') !== s) return;
    const got = answer(vocabulary, `${s} `);
    if (!got.words) return; // a stopword, which a search leaves out
    report.stems.checked++;
    if (got.total !== counts[i] || got.fixed) report.stems.wrong.push({ stem: s, documents: counts[i], found: got.total });
  });
}
console.log(JSON.stringify(report));
