#!/usr/bin/env node
// How well /cari/ answers village queries, beside Pagefind on the same
// built HTML: recall@5 and MRR over bench/search/queries.json.
//
// usage: node bench/search-eval.mjs --example=BUILT_DIR --corpus=BUILT_DIR --pagefind=BIN
//
// BUILT_DIR is a site warta built (content-example; the 1,000-post
// corpus). Pagefind (npm `pagefind`) is run on each with its defaults,
// writing BUILT_DIR/pagefind/. Both searches run in headless Chromium on
// a local server: warta's `wartaCari.search(q)` as the page answers what
// was typed, Pagefind's `search(q)` as its UI does. For each query:
//
//   recall@5 = relevant pages in the top 5 / min(5, relevant pages)
//   MRR      = mean of 1 / rank of the first relevant page (0 if none in the top 10)
//
// Pagefind indexes every page of the site, lists (home, sections, tags,
// archive) included, as it does when a site is given to it; "Pagefind
// (pages only)" also scores it with those dropped from its results, a
// fairer comparison of ranking alone. bench/search-eval.sh builds and
// runs it all; the figures are recorded in bench/search.md.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');
const CHROMIUM = process.env.WARTA_CHROMIUM || '/usr/bin/chromium';

function opt(name) {
  const a = process.argv.find(x => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : null;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.wasm': 'application/wasm' };

function serve(root) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(root, path.normalize(p));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Every document of a built site's index (cari/dok/*.js), in order. */
function documents(root) {
  const context = { window: { WARTA_CARI: {} } };
  vm.createContext(context);
  const blocks = readdirSync(path.join(root, 'cari', 'dok')).map(f => Number(f.replace('.js', '')));
  blocks.sort((a, b) => a - b).forEach(i => {
    vm.runInContext(readFileSync(path.join(root, 'cari', 'dok', `${i}.js`), 'utf8'), context);
  });
  return blocks.flatMap(i => context.window.WARTA_CARI[`dok/${i}`].d);
}

/** The top 10 paths (below the root, no leading slash) each engine gives. */
async function answers(page, q) {
  return page.evaluate(async q => {
    const c = window.wartaCari;
    await c.run(q); // loads the parts of the index the query needs
    const r = c.search(q);
    const warta = c.documents(r.ids.slice(0, 10)).docs.map(d => d[0]);
    const pf = await window.pagefindLoaded;
    const found = await pf.search(q);
    const data = await Promise.all(found.results.slice(0, 30).map(x => x.data()));
    const pagefind = data.map(d => d.url.replace(/^\//, '').replace(/index\.html$/, ''));
    return { warta, pagefind };
  }, q);
}

/** `list` with each path once (the potentials share /potensi/). */
function unique(list) {
  return list.filter((p, i) => list.indexOf(p) === i);
}

function score(list, relevantOf, relevantCount) {
  list = unique(list);
  const found = new Set(list.slice(0, 5).map(relevantOf).filter(r => r !== null));
  const first = list.slice(0, 10).findIndex(p => relevantOf(p) !== null);
  return { recall: found.size / Math.min(5, relevantCount), rr: first < 0 ? 0 : 1 / (first + 1) };
}

async function evaluate(browser, root, queries, relevance) {
  execFileSync(opt('pagefind'), ['--site', root], { stdio: 'ignore' });
  const server = await serve(root);
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/cari/`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.wartaCari && window.wartaCari.search);
  await page.evaluate(() => {
    window.pagefindLoaded = import('/pagefind/pagefind.js').then(async pf => { await pf.init(); return pf; });
  });
  const docs = new Set(documents(root).map(d => d[0]));
  const rows = [];
  for (const item of queries) {
    const { relevantOf, count } = relevance(item, docs);
    const a = await answers(page, item.q);
    const pagesOnly = a.pagefind.filter(p => docs.has(p));
    rows.push({
      q: item.q, count,
      warta: score(a.warta, relevantOf, count),
      pagefind: score(a.pagefind, relevantOf, count),
      pagesOnly: score(pagesOnly, relevantOf, count),
      top: { warta: a.warta.slice(0, 3), pagefind: a.pagefind.slice(0, 3) },
    });
  }
  await page.close();
  server.close();
  return rows;
}

/** Relevance by path fragments (content-example): which fragment a path
 * answers, or null. */
function byPath(item) {
  return { relevantOf: p => item.relevant.find(r => p.includes(r)) ?? null, count: item.relevant.length };
}

/** Relevance by title (the corpus): the titles are read from the built pages' index. */
function byTitle(titles) {
  return (item, docs) => {
    const re = new RegExp(item.title, 'i');
    const relevant = new Set([...docs].filter(p => re.test(titles.get(p) || '')));
    return { relevantOf: p => (relevant.has(p) ? p : null), count: Math.max(1, relevant.size) };
  };
}

function mean(rows, engine, key) {
  return rows.reduce((s, r) => s + r[engine][key], 0) / rows.length;
}

function report(name, rows) {
  const f = x => x.toFixed(3);
  console.log(`\n### ${name}: ${rows.length} queries\n`);
  console.log('| engine | mean recall@5 | MRR | queries with a relevant page in the top 5 |');
  console.log('|---|---:|---:|---:|');
  for (const [engine, label] of [['warta', 'warta'], ['pagefind', 'Pagefind'], ['pagesOnly', 'Pagefind (pages only)']]) {
    const hits = rows.filter(r => r[engine].recall > 0).length;
    console.log(`| ${label} | ${f(mean(rows, engine, 'recall'))} | ${f(mean(rows, engine, 'rr'))} | ${hits}/${rows.length} |`);
  }
  console.log('\n<details><summary>per query (recall@5 / reciprocal rank)</summary>\n');
  console.log('| query | warta | Pagefind | Pagefind (pages only) |\n|---|---|---|---|');
  for (const r of rows) {
    const c = e => `${f(r[e].recall)} / ${f(r[e].rr)}`;
    console.log(`| ${r.q} | ${c('warta')} | ${c('pagefind')} | ${c('pagesOnly')} |`);
  }
  console.log('\n</details>');
}

async function main() {
  const set = JSON.parse(readFileSync(path.join(here, 'search', 'queries.json'), 'utf8'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
  try {
    const all = [];
    if (opt('example')) {
      const rows = await evaluate(browser, opt('example'), set.example, byPath);
      report('content-example', rows);
      all.push(...rows);
    }
    if (opt('corpus')) {
      const titles = new Map(documents(opt('corpus')).map(d => [d[0], d[1]]));
      const rows = await evaluate(browser, opt('corpus'), set.corpus, byTitle(titles));
      report('corpus, 1,000 posts', rows);
      all.push(...rows);
    }
    if (all.length) report('all', all);
  } finally {
    await browser.close();
  }
}

main().catch(e => { console.error(e.stack || String(e)); process.exit(1); });
