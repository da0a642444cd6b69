#!/usr/bin/env node
// How fast /cari/ answers, on a phone-like CPU, and how big its index is.
//
// usage: node bench/search.mjs BUILT_SITE_DIR [--throttle=4] [--runs=15]
//
// Serves BUILT_SITE_DIR (the output of `warta build`) on 127.0.0.1, opens
// /cari/ in headless Chromium (Debian's, through tests/browser's
// playwright-core) with the CPU slowed down by Chrome DevTools'
// Emulation.setCPUThrottlingRate (4 = a mid-range phone, as Lighthouse's
// mobile profile), and times, inside the page:
//
//   - search: wartaCari.search(q), finding and ranking the documents;
//   - answer: wartaCari.run(q), the same plus loading the parts of the
//     index the query needs (src/search/files.rs) and putting the results
//     on the page, which is what one keystroke costs the reader;
//   - typing: run() for every prefix of a word, as typed letter by letter;
//
// for queries of one and two words, full words and stems, each first on
// a freshly loaded page (cold: only index.js loaded, none of the parts
// the query needs; cari.js has only warmed itself up once while idle, as
// it does while a reader moves to the box) and then --runs times (warm).
// Also reports the index's size against all the site's HTML, raw and
// gzipped, how long the page took to load, and the first result from an
// empty cache: its time and every byte it took.
// bench/search.sh builds the 1,000-post corpus and runs this on it.

import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');
const CHROMIUM = process.env.WARTA_CHROMIUM || '/usr/bin/chromium';

const args = process.argv.slice(2);
const dir = args.find(a => !a.startsWith('--'));
const opt = (name, dflt) => Number(args.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
if (!dir || !existsSync(path.join(dir, 'cari', 'index.js'))) {
  console.error('usage: node bench/search.mjs BUILT_SITE_DIR [--throttle=4] [--runs=15]\n(the folder must hold cari/index.js: build the site with warta first)');
  process.exit(2);
}
const THROTTLE = opt('throttle', 4);
const RUNS = opt('runs', 15);

// Queries: a word as written in posts, its stem, a word the stemmer must
// undo, two words, a word that is nowhere, a prefix being typed.
const QUERIES = ['pembangunan', 'bangun', 'membangun jalan', 'kesehatan', 'posyandu balita',
  'desa', 'warga desa', 'kegiatan', 'pertanian', 'zzzz tidak ada', 'pemb', 'keseh'];
const TYPED = ['pembangunan', 'kesehatan masyarakat'];

function sizes(root) {
  let html = 0, htmlGz = 0, files = 0;
  const walk = d => {
    for (const name of readdirSync(d)) {
      const f = path.join(d, name);
      const st = statSync(f);
      if (st.isDirectory()) walk(f);
      else if (name.endsWith('.html')) {
        html += st.size;
        htmlGz += gzipSync(readFileSync(f)).length;
        files++;
      }
    }
  };
  walk(root);
  const index = readFileSync(path.join(root, 'cari', 'index.js'));
  const script = readFileSync(path.join(root, 'cari.js'));
  let parts = 0, partsRaw = 0, partsGz = 0;
  for (const sub of ['kata', 'dok', 'kosakata']) {
    for (const name of readdirSync(path.join(root, 'cari', sub))) {
      const b = readFileSync(path.join(root, 'cari', sub, name));
      parts++; partsRaw += b.length; partsGz += gzipSync(b).length;
    }
  }
  return { files, html, htmlGz, index: index.length, indexGz: gzipSync(index).length,
    script: script.length, scriptGz: gzipSync(script).length, parts, partsRaw, partsGz };
}

function serve(root) {
  const types = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css' };
  const server = createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.includes('..')) { res.writeHead(400); return res.end(); }
    let f = path.join(root, p);
    if (existsSync(f) && statSync(f).isDirectory()) f = path.join(f, 'index.html');
    if (!existsSync(f)) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'Content-Type': types[f.split('.').pop()] || 'application/octet-stream' });
    res.end(readFileSync(f));
  });
  return new Promise(ok => server.listen(0, '127.0.0.1', () => ok(server)));
}

const median = xs => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const ms = x => x.toFixed(2);

async function main() {
  const s = sizes(dir);
  const server = await serve(dir);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  const load = async () => {
    await page.goto(`${base}/cari/`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.wartaCari && window.wartaCari.run);
    return page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return nav.loadEventEnd - nav.startTime;
    });
  };
  const loads = [];
  const rows = [];
  for (const q of QUERIES) {
    loads.push(await load());
    const r = await page.evaluate(async ({ q, runs }) => {
      const c = window.wartaCari;
      const before = performance.getEntriesByType('resource').length;
      let t = performance.now();
      const found = await c.run(q);
      const cold = performance.now() - t;
      const parts = performance.getEntriesByType('resource').length - before;
      t = performance.now();
      c.search(q);
      const coldSearch = performance.now() - t;
      const search = [], answer = [];
      for (let i = 0; i < runs; i++) {
        t = performance.now(); c.search(q); search.push(performance.now() - t);
        t = performance.now(); await c.run(q); answer.push(performance.now() - t);
      }
      return { found, cold, parts, coldSearch, search, answer };
    }, { q, runs: RUNS });
    rows.push({ q, found: r.found, parts: r.parts, coldSearch: r.coldSearch, cold: r.cold, search: median(r.search), answer: median(r.answer), worst: Math.max(...r.answer) });
  }
  // The first result from nothing: /cari/?q= opened with an empty cache,
  // the time from navigation to the first result on the page, and every
  // file it took, as gzip would send it.
  const first = [];
  for (const q of ['kesehatan', 'pembangunan jalan']) {
    const fresh = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const fcdp = await fresh.context().newCDPSession(fresh);
    await fcdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await fresh.addInitScript(() => {
      new MutationObserver((_, obs) => {
        const l = document.getElementById('cari-hasil');
        if (l && l.children.length) { window.firstResultAt = performance.now(); obs.disconnect(); }
      }).observe(document, { childList: true, subtree: true });
    });
    const got = [];
    fresh.on('response', r => got.push(new URL(r.url()).pathname));
    await fresh.goto(`${base}/cari/?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
    await fresh.waitForFunction(() => window.firstResultAt, null, { timeout: 60000 });
    const at = await fresh.evaluate(() => window.firstResultAt);
    let bytes = 0;
    for (const u of got) {
      let f = path.join(dir, decodeURIComponent(u));
      if (existsSync(f) && statSync(f).isDirectory()) f = path.join(f, 'index.html');
      if (existsSync(f)) bytes += gzipSync(readFileSync(f)).length;
    }
    first.push({ q, at, bytes, files: got.length });
    await fresh.close();
  }
  const typing = [];
  for (const q of TYPED) {
    await load();
    const times = await page.evaluate(async q => {
      const c = window.wartaCari;
      const out = [];
      for (let n = 1; n <= q.length; n++) {
        const t = performance.now();
        await c.run(q.slice(0, n));
        out.push(performance.now() - t);
      }
      return out;
    }, q);
    const worstAt = times.indexOf(Math.max(...times));
    typing.push({ q, worst: times[worstAt], at: q.slice(0, worstAt + 1), mean: times.reduce((a, b) => a + b, 0) / times.length });
  }
  await browser.close();
  server.close();

  const docs = Number(readFileSync(path.join(dir, 'cari', 'index.js'), 'utf8').match(/"n":(\d+)/)[1]);
  console.log(`# /cari/ on ${dir}: ${docs} documents, CPU throttled ${THROTTLE}x, Chromium headless\n`);
  console.log(`| | bytes | gzip |\n|---|---:|---:|`);
  console.log(`| cari/index.js (with the page) | ${s.index} | ${s.indexGz} |`);
  console.log(`| its ${s.parts} parts (loaded as queries need them) | ${s.partsRaw} | ${s.partsGz} |`);
  console.log(`| cari.js | ${s.script} | ${s.scriptGz} |`);
  console.log(`| all HTML (${s.files} files) | ${s.html} | ${s.htmlGz} |`);
  const all = s.index + s.partsRaw, allGz = s.indexGz + s.partsGz;
  console.log(`| **whole index / HTML** | **${(100 * all / s.html).toFixed(1)} %** | ${(100 * allGz / s.htmlGz).toFixed(1)} % |\n`);
  console.log(`Page load with index.js (median of ${loads.length}): ${ms(median(loads))} ms\n`);
  console.log(`| query | found | parts loaded | first answer ms (loads included) | first search ms, loaded | search ms (median) | answer ms (median) | answer ms (worst of ${RUNS}) |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.q} | ${r.found} | ${r.parts} | ${ms(r.cold)} | ${ms(r.coldSearch)} | ${ms(r.search)} | ${ms(r.answer)} | ${ms(r.worst)} |`);
  console.log(`\n| typed letter by letter | worst keystroke ms | at | mean keystroke ms |\n|---|---:|---|---:|`);
  for (const t of typing) console.log(`| ${t.q} | ${ms(t.worst)} | ${t.at} | ${ms(t.mean)} |`);
  console.log(`\n| first result from an empty cache | ms to first result | files | bytes (gzip) |\n|---|---:|---:|---:|`);
  for (const f of first) console.log(`| ${f.q} | ${ms(f.at)} | ${f.files} | ${(f.bytes / 1024).toFixed(1)} KiB |`);
  const worst = Math.max(...rows.map(r => Math.max(r.cold, r.worst)), ...typing.map(t => t.worst));
  console.log(`\nSlowest answer of all: ${ms(worst)} ms (goal: under 50 ms).`);
}

main().catch(e => { console.error(e); process.exit(1); });
