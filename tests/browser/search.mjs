#!/usr/bin/env node
// Uses a built site's search page, /cari/, in headless Chromium at phone
// width, the way a reader would:
//
//   1. opens /cari/?q=QUERY (as a search form elsewhere would submit it);
//   2. types TYPED into the box letter by letter, recording after each
//      letter what the results are;
//   3. runs axe-core (WCAG 2.1 AA) with the results on the page;
//   4. follows the first result;
//   5. opens /cari/ with JavaScript turned off and reads what it says;
//   6. asks each of the QUERIES (comma-separated) and records the answer;
//   7. types SPELLED letter by letter, recording how many results each
//      keystroke shows;
//   8. with PORTABLE (the folder of a `--portable` build), opens its
//      search page from disk, file://, asks QUERY, types a typo and
//      follows the first result.
//
// Step 1 also records every file the page took until its first result
// (its path, kind and gzip size). cari.js loads the parts of the index a
// query needs when it needs them, marking the list aria-busy meanwhile:
// every step waits for that to end before it reads the page.
//
// usage: node tests/browser/search.mjs BASE_URL QUERY TYPED [QUERIES SPELLED [PORTABLE]]
//
// Prints one JSON document; tests/testsuite/search.rs judges it. Exit code
// 0 when every step could be taken, 2 when the browser could not be driven.

import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = require.resolve('axe-core/axe.min.js');

const CHROMIUM = process.env.WARTA_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
const PHONE = { width: 360, height: 800 };

const [base, query, typed, queries, spelled, portable] = process.argv.slice(2);
if (!base || !query || !typed) {
  console.error('usage: node search.mjs BASE_URL QUERY TYPED');
  process.exit(2);
}

/** Until the results of what was typed are on the page. */
const settled = page => page.waitForFunction(
  () => !document.getElementById('cari-hasil')?.hasAttribute('aria-busy'), null, { timeout: 10000 });

/** The results and the status line as a reader sees them. */
function shown() {
  return {
    status: document.getElementById('cari-status')?.textContent ?? null,
    input: document.getElementById('q')?.value ?? null,
    results: [...document.querySelectorAll('#cari-hasil li')].map(li => ({
      title: li.querySelector('h2')?.textContent ?? '',
      href: li.querySelector('a')?.getAttribute('href') ?? '',
      meta: li.querySelector('.card-meta')?.textContent ?? '',
      marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
    })),
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  };
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS }).catch(e => {
  console.error(`cannot start Chromium at ${CHROMIUM}: ${e.message}`);
  process.exit(2);
});
try {
  const report = {};
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('requestfailed', r => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
  const took = [];
  const taking = async r => {
    const body = await r.body().catch(() => null);
    if (body) took.push({ path: new URL(r.url()).pathname, kind: r.request().resourceType(), gzip: gzipSync(body).length });
  };
  page.on('response', taking);

  await page.goto(`${base}/cari/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('#cari-hasil li').length > 0, null, { timeout: 5000 })
    .catch(() => {});
  page.off('response', taking);
  report.fromUrl = await page.evaluate(shown);
  report.firstResult = took;

  const input = page.locator('#q');
  await input.fill('');
  report.typing = [];
  for (const ch of typed) {
    await input.press(ch === ' ' ? 'Space' : ch);
    await settled(page);
    report.typing.push({ typed: await input.inputValue(), ...(await page.evaluate(shown)) });
  }
  report.address = page.url();

  await page.addScriptTag({ path: axeSource });
  report.axe = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
  });

  const first = page.locator('#cari-hasil a').first();
  if (await first.count()) {
    await Promise.all([page.waitForLoadState('load'), first.click()]);
    report.opened = { url: page.url(), h1: (await page.locator('h1').first().textContent())?.trim() };
  }
  report.errors = errors;
  await context.close();

  const noJs = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const quiet = await noJs.newPage();
  await quiet.goto(`${base}/cari/`, { waitUntil: 'load' });
  report.noScript = await quiet.evaluate(() => {
    const box = [...document.querySelectorAll('main p')]
      .find(p => p.getClientRects().length > 0 && p.querySelector('a[href*="arsip"]'));
    return box ? { text: box.textContent.trim(), href: box.querySelector('a').getAttribute('href') } : null;
  });
  await noJs.close();

  const again = await browser.newContext({ viewport: PHONE });
  const asking = await again.newPage();
  asking.on('pageerror', e => errors.push(String(e)));
  await asking.goto(`${base}/cari/`, { waitUntil: 'load' });
  await asking.waitForFunction(() => window.wartaCari && window.wartaCari.run);
  report.queries = {};
  for (const q of (queries || '').split(',').filter(Boolean)) {
    await asking.fill('#q', q);
    await settled(asking);
    report.queries[q] = await asking.evaluate(shown);
  }
  report.spelled = [];
  await asking.fill('#q', '');
  for (const ch of spelled || '') {
    await asking.locator('#q').press(ch === ' ' ? 'Space' : ch);
    await settled(asking);
    const s = await asking.evaluate(shown);
    report.spelled.push({ typed: s.input, count: s.results.length, first: s.results[0]?.title ?? null });
  }
  await again.close();

  if (portable) {
    const disk = await browser.newContext({ viewport: PHONE });
    const page = await disk.newPage();
    const diskErrors = [];
    page.on('pageerror', e => diskErrors.push(String(e)));
    await page.goto(`file://${portable}/cari/index.html?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('#cari-hasil li').length > 0, null, { timeout: 5000 })
      .catch(() => {});
    report.onDisk = await page.evaluate(shown);
    // A typo, typed: more parts of the index, loaded from disk.
    await page.fill('#q', 'puskemas ');
    await settled(page);
    report.onDisk.typo = await page.evaluate(shown);
    const link = page.locator('#cari-hasil a').first();
    if (await link.count()) {
      await Promise.all([page.waitForLoadState('load'), link.click()]);
      report.onDisk.opened = { url: page.url(), h1: (await page.locator('h1').first().textContent())?.trim() };
    }
    report.onDisk.errors = diskErrors;
    await disk.close();
  }
  console.log(JSON.stringify(report, null, 1));
} catch (e) {
  console.error(e.stack || String(e));
  process.exitCode = 2;
} finally {
  await browser.close();
}
