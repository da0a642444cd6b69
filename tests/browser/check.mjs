#!/usr/bin/env node
// Looks at pages of a built warta site in headless Chromium, the way a
// reader's phone would, and prints what it found as one JSON document.
//
// usage: node tests/browser/check.mjs BASE_URL OUT_DIR [--print=PATH] PATH...
//
// For every PATH (e.g. `/`, `/berita/posyandu-krajan/`):
//   - axe-core, WCAG 2.0/2.1 A and AA plus best practices, at 360 x 800;
//   - horizontal overflow at 360 px (and at 1280 px): the document wider
//     than the screen, or any element reaching past the right edge outside
//     a scroll box (so `overflow-x: hidden` on <body> cannot hide a bug);
//   - what the page loaded: failed requests, scripts, fonts, bytes by type;
//   - images without width and height attributes;
//   - full-page screenshots at 360 and 1280 px into OUT_DIR (the same
//     loaded page, widened: one load per path).
// For each --print=PATH, the page as printed (print media, A4 width): a
// screenshot, a PDF, and which parts are visible on paper.
//
// The checks are judged by tests/testsuite/browser.rs; this script only
// reports. Exit code 0 when every page was looked at, 2 when the browser
// could not be driven (the message on stderr says why).

import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = require.resolve('axe-core/axe.min.js');

const CHROMIUM = process.env.WARTA_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const A4 = { width: 794, height: 1123 };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

function parseArgs(argv) {
  const positional = argv.filter(a => !a.startsWith('--'));
  const print = argv.filter(a => a.startsWith('--print=')).map(a => a.slice('--print='.length));
  const [base, out, ...paths] = positional;
  if (!base || !out || paths.length === 0) {
    throw new Error('usage: node check.mjs BASE_URL OUT_DIR [--print=PATH] PATH...');
  }
  return { base: base.replace(/\/$/, ''), out, paths, print };
}

/** `/berita/posyandu-krajan/` -> `berita_posyandu-krajan`; `/` -> `home`. */
function shotName(p) {
  const s = p.replace(/^\/+|\/+$/g, '').replace(/\.html$/, '').replace(/[^A-Za-z0-9._-]+/g, '_');
  return s || 'home';
}

/** Loads `url` in a fresh page and records every response on the way. */
async function open(context, url) {
  const page = await context.newPage();
  const responses = [];
  const failed = [];
  const consoleErrors = [];
  // The page's own status is reported apart (a 404 page is one on purpose).
  page.on('console', m => {
    if (m.type() === 'error' && m.location().url !== url) consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', e => consoleErrors.push(String(e)));
  page.on('requestfailed', r => failed.push({ url: r.url(), error: r.failure()?.errorText ?? '' }));
  page.on('response', r => responses.push(r));
  const main = await page.goto(url, { waitUntil: 'load' });
  // Load the lazy images now, as scrolling would, so the screenshot shows
  // them and the byte counts include them.
  await settle(page);
  return { page, main, responses, failed, consoleErrors };
}

/** Bytes by resource type (document, stylesheet, image, font, script, …). */
async function weigh(responses, mainUrl) {
  const byType = {};
  const bad = [];
  for (const r of responses) {
    const type = r.request().resourceType();
    let size = 0;
    try { size = (await r.body()).length; } catch { /* redirects have no body */ }
    byType[type] = (byType[type] || 0) + size;
    // The page itself may be the 404 page on purpose; its subresources may not.
    if (r.status() >= 400 && r.url() !== mainUrl) bad.push({ url: r.url(), status: r.status() });
  }
  return { byType, bad };
}

/** Horizontal overflow: the document, and the elements that cause it. */
function measureOverflow() {
  const doc = document.documentElement;
  const vw = doc.clientWidth;
  const scrolls = el => {
    for (let a = el.parentElement; a && a !== document.body && a !== doc; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  };
  const describe = el => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    return s;
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > vw + 0.5 && !scrolls(el)) {
      offenders.push({ element: describe(el), right: Math.round(r.right), text: (el.textContent || '').trim().slice(0, 60) });
    }
  }
  return {
    scrollWidth: doc.scrollWidth,
    clientWidth: vw,
    bodyOverflowX: getComputedStyle(document.body).overflowX,
    offenders: offenders.slice(0, 10),
  };
}

/** Facts about the document that do not need the network. */
function inspect() {
  const meta = n => document.querySelector(`meta[property="${n}"], meta[name="${n}"]`)?.content ?? null;
  return {
    title: document.title,
    lang: document.documentElement.lang,
    h1: [...document.querySelectorAll('h1')].map(h => h.textContent.trim()),
    // Scripts that run (JSON-LD data is not one).
    scripts: [...document.scripts].filter(s => !s.type || /javascript|module/i.test(s.type)).length,
    // Where each image without width and height sits: photos in a post's
    // body, its main figure or the org chart have sizes only the image
    // pipeline knows (issue 7); everything else the theme must size.
    unsizedImages: [...document.images]
      .filter(i => !i.getAttribute('width') || !i.getAttribute('height'))
      .map(i => ({ src: i.getAttribute('src'), in: i.closest('.content, .post-figure, .chart')?.className ?? null })),
    head: {
      description: meta('description'),
      canonical: document.querySelector('link[rel=canonical]')?.href ?? null,
      ogTitle: meta('og:title'),
      ogDescription: meta('og:description'),
      ogType: meta('og:type'),
      ogUrl: meta('og:url'),
      ogImage: meta('og:image'),
      ogLocale: meta('og:locale'),
      ogSiteName: meta('og:site_name'),
      twitterCard: meta('twitter:card'),
    },
  };
}

async function axe(page) {
  await page.addScriptTag({ path: axeSource });
  return page.evaluate(async tags => {
    const res = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return {
      version: res.testEngine.version,
      violations: res.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
      })),
    };
  }, AXE_TAGS);
}

async function checkPage(browser, base, out, p) {
  const url = base + p;
  // One page, looked at as a phone first, then widened to a desktop
  // screen: the same document, so one load serves both widths.
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, hasTouch: true });
  try {
    const { page, main, responses, failed, consoleErrors } = await open(context, url);
    const facts = await page.evaluate(inspect);
    const overflow = await page.evaluate(measureOverflow);
    const name = shotName(p);
    const shots = [path.join(out, `${name}-360.png`), path.join(out, `${name}-1280.png`)];
    await page.screenshot({ path: shots[0], fullPage: true });
    const a = await axe(page);
    await page.setViewportSize(DESKTOP);
    // A wider screen picks larger srcset candidates: let them arrive.
    await settle(page);
    const overflowDesktop = await page.evaluate(measureOverflow);
    await page.screenshot({ path: shots[1], fullPage: true });
    const { byType, bad } = await weigh(responses, main?.url());
    return {
      path: p,
      status: main ? main.status() : 0,
      ...facts,
      axe: a.violations,
      axeVersion: a.version,
      overflow,
      overflowDesktop,
      bytes: byType,
      failedRequests: [...failed, ...bad],
      consoleErrors,
      shots,
    };
  } finally {
    await context.close();
  }
}

// Loads every image now, as scrolling would, and waits for them, so a
// screenshot shows them and no request is left in flight to be aborted.
async function settle(page) {
  await page.evaluate(async () => {
    for (const img of document.querySelectorAll('img[loading="lazy"]')) img.loading = 'eager';
    await Promise.all([...document.images].map(i => i.decode().catch(() => null)));
  });
}

async function checkPrint(browser, base, out, p) {
  const context = await browser.newContext({ viewport: A4, deviceScaleFactor: 1 });
  try {
    const { page } = await open(context, base + p);
    await page.emulateMedia({ media: 'print' });
    const name = shotName(p);
    const shot = path.join(out, `${name}-print.png`);
    const pdf = path.join(out, `${name}-print.pdf`);
    await page.screenshot({ path: shot, fullPage: true });
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    const visible = await page.evaluate(() => {
      const shown = sel => [...document.querySelectorAll(sel)]
        .some(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
      return {
        title: shown('h1'),
        permalink: shown('.permalink-print'),
        permalinkText: document.querySelector('.permalink-print')?.textContent.trim() ?? null,
        nav: shown('.site-nav'),
        footer: shown('.site-foot'),
        share: shown('.share'),
        prevnext: shown('.prevnext'),
      };
    });
    return { path: p, shot, pdf, visible };
  } finally {
    await context.close();
  }
}

/** Runs `work` over `items`, a few at a time, keeping the order. */
async function pool(items, work, width = Math.min(4, Math.max(2, cpus().length))) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

async function main() {
  const { base, out, paths, print } = parseArgs(process.argv.slice(2));
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const pages = await pool(paths, p => checkPage(browser, base, out, p));
    const prints = await pool(print, p => checkPrint(browser, base, out, p));
    const result = { chromium: browser.version(), out, pages, prints };
    process.stdout.write(JSON.stringify(result, null, 1) + '\n');
  } finally {
    await browser.close();
  }
}

main().catch(e => {
  process.stderr.write(`check.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(2);
});
