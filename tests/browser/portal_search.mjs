#!/usr/bin/env node
// Opens a built network's portal search page (public/cari/index.html)
// from file:// in headless Chromium, types QUERY as a reader would, and
// reports the results: title, link and the line naming the village.
// Follows the result of the Wonoasri village, if any, to its post.
//
// usage: node tests/browser/portal_search.mjs PUBLIC_DIR QUERY
//
// Prints one JSON document {found: [{title, href, meta}], opened, failed};
// exit code 2 when the browser could not be driven. The judging is done
// by tests/testsuite/network_search.rs.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.WARTA_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

const [dir, query] = process.argv.slice(2);
if (!dir || !query) {
  console.error('usage: node portal_search.mjs PUBLIC_DIR QUERY');
  process.exit(2);
}
const page_url = pathToFileURL(path.join(path.resolve(dir), 'cari', 'index.html')).href;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS }).catch(e => {
  console.error(`cannot start Chromium at ${CHROMIUM}: ${e.message}`);
  process.exit(2);
});
try {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  const failed = [];
  // The portal's and the villages' stylesheets and icons are named from
  // the site root (/style.css), which file:// cannot reach: only the
  // search's own requests (cari.js, cari/…) count.
  page.on('requestfailed', r => { if (r.url().includes('/cari')) failed.push(r.url()); });
  page.on('pageerror', e => failed.push(`script error: ${e.message}`));
  await page.goto(page_url, { waitUntil: 'load' });
  await page.locator('#q').pressSequentially(query, { delay: 30 });
  const items = page.locator('#cari-hasil li');
  await items.first().waitFor({ timeout: 10000 }).catch(() => {});
  await page.waitForFunction(() => !document.getElementById('cari-hasil').hasAttribute('aria-busy'),
    null, { timeout: 10000 }).catch(() => {});
  const found = [];
  for (const li of await items.all()) {
    const a = li.locator('h2 a');
    found.push({
      title: (await a.textContent()).trim(),
      href: await a.getAttribute('href'),
      meta: ((await li.locator('.card-meta').textContent().catch(() => '')) || '').trim(),
    });
  }
  const report = { query, found, opened: null, failed };
  const target = found.find(r => r.href && r.href.includes('/wonoasri/'));
  if (target) {
    await page.goto(target.href, { waitUntil: 'load' });
    report.opened = (await page.locator('h1').first().textContent({ timeout: 5000 }).catch(() => null))?.trim() ?? null;
  }
  console.log(JSON.stringify(report, null, 1));
} catch (e) {
  console.error(e.stack || String(e));
  process.exitCode = 2;
} finally {
  await browser.close();
}
