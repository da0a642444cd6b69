#!/usr/bin/env node
// Opens a `warta build --portable` folder from file:// in headless
// Chromium, as someone would who got the site on a USB stick or in a zip:
// no server, no internet. Follows links from the home page to a post, a
// category and the profile, then searches for a word stem.
//
// usage: node tests/browser/portable.mjs SITE_DIR QUERY EXPECTED_TITLE
//
// Prints one JSON document: for each step, the file reached, its <h1>,
// whether the stylesheet applied, and which requests failed; for the
// search, the result titles and their links (followed to the first). Exit
// code 0 when every step could be taken, 2 when the browser could not be
// driven; the judging is done by tests/testsuite/portable.rs.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.WARTA_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

const [dir, query, expected] = process.argv.slice(2);
if (!dir || !query || !expected) {
  console.error('usage: node portable.mjs SITE_DIR QUERY EXPECTED_TITLE');
  process.exit(2);
}
const home = pathToFileURL(path.join(path.resolve(dir), 'index.html')).href;

/** What a reader sees on the current page. */
async function state(page, failed) {
  return {
    url: page.url(),
    h1: (await page.locator('h1').first().textContent({ timeout: 5000 }).catch(() => null))?.trim() ?? null,
    // The stylesheet applied: the skip link is moved off screen by style.css.
    styled: await page.evaluate(() => {
      const s = document.querySelector('.skip');
      return !!s && getComputedStyle(s).position === 'absolute';
    }),
    // Lazy images are made eager, so every image of the page is tried.
    images: await page.evaluate(async () => {
      const imgs = [...document.images];
      for (const i of imgs) i.loading = 'eager';
      await Promise.all(imgs.map(i => i.decode().catch(() => {})));
      return imgs.map(i => ({ src: i.currentSrc || i.src, loaded: i.complete && i.naturalWidth > 0 }));
    }),
    failed: failed.splice(0),
  };
}

async function step(page, failed, selector) {
  await page.goto(home);
  const link = page.locator(selector).first();
  const href = await link.getAttribute('href');
  await Promise.all([page.waitForLoadState('load'), link.click()]);
  return { selector, href, ...(await state(page, failed)) };
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS }).catch(e => {
  console.error(`cannot start Chromium at ${CHROMIUM}: ${e.message}`);
  process.exit(2);
});
try {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  const failed = [];
  page.on('requestfailed', r => failed.push(r.url()));
  page.on('pageerror', e => failed.push(`script error: ${e.message}`));
  await page.goto(home);
  const report = { home: await state(page, failed), steps: [] };
  // A post from the home page's lists, a category, the profile.
  report.steps.push(await step(page, failed, 'main a[href*="berita/"][href$="index.html"]:not([href$="berita/index.html"])'));
  report.steps.push(await step(page, failed, 'a[href*="kategori/"][href$="index.html"]:not([href$="kategori/index.html"])'));
  report.steps.push(await step(page, failed, 'a[href$="profil/index.html"]'));
  // Search: reached from the header, answered as the user types.
  report.steps.push(await step(page, failed, 'a[href$="cari/index.html"]'));
  await page.locator('input[type="search"]').fill(query);
  const results = page.locator('#cari-hasil a');
  await results.first().waitFor({ timeout: 10000 }).catch(() => {});
  const found = [];
  for (const a of await results.all()) {
    found.push({ title: (await a.textContent()).trim(), href: await a.getAttribute('href') });
  }
  report.search = { query, found };
  if (found.length > 0) {
    await Promise.all([page.waitForLoadState('load'), results.first().click()]);
    report.search.opened = await state(page, failed);
  }
  console.log(JSON.stringify(report, null, 1));
} catch (e) {
  console.error(e.stack || String(e));
  process.exitCode = 2;
} finally {
  await browser.close();
}
