// Writes a post through the browser editor (Sveltia CMS at /admin/), as a
// village writer would, for tests/testsuite/cms.rs.
//
//   node cms.mjs PUBLIC_DIR SITE_DIR SHOTS_DIR PHOTO
//
// Serves PUBLIC_DIR (a `warta build` of SITE_DIR, with static/admin/) on
// 127.0.0.1, opens /admin/ in headless Chromium and signs in with Sveltia's
// "Local Repository" mode. That mode reads and writes a folder through the
// File System Access API, whose folder picker no automation can answer, so
// `showDirectoryPicker` is replaced by one returning a folder of the
// browser's own (origin-private) file system holding a copy of SITE_DIR;
// everything after the picker is Sveltia's real code. The form is filled
// (title, date, category, tag, author, summary, PHOTO through the upload
// button, its description, text) and saved; then a product is added in the
// village profile form and saved. The files the editor wrote (content/ and
// profile.toml) are copied back into SITE_DIR. Screenshots go to SHOTS_DIR.
//
// Only loopback is contacted: Sveltia's two UI fonts, which it loads from
// cdn.jsdelivr.net, are answered from their npm packages; every other
// request away from 127.0.0.1 is refused and listed in the report.
// Prints a JSON report: { chromium, written: [paths], refused: [urls] }.
// Exit code 0 when the post was saved, 2 when the browser could not be
// driven (stderr says why).

import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.WARTA_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
const FONTS = {
  'material-symbols-outlined': 'material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2',
  'source-sans-3': 'source-sans-3/files/source-sans-3-latin-wght-normal.woff2',
};
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.yml': 'text/yaml',
  '.css': 'text/css', '.json': 'application/json', '.jpg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };

const [pub, site, shots, photo] = process.argv.slice(2);
if (!photo) {
  console.error('usage: node cms.mjs PUBLIC_DIR SITE_DIR SHOTS_DIR PHOTO');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
for (const f of ['failure.png', 'failure.txt']) fs.rmSync(path.join(shots, f), { force: true });

function serve(dir) {
  const server = http.createServer((req, res) => {
    let file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The site's sources (not its output), as [relative path, base64].
function sources(dir) {
  const out = [];
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (['public', '.warta-cache', 'static'].includes(r)) continue;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.push([r, fs.readFileSync(path.join(d, e.name)).toString('base64')]);
    }
  };
  walk(dir, '');
  return out;
}

async function main() {
  const server = await serve(path.resolve(pub));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const refused = [];
  let page;
  try {
    const context = await browser.newContext({
      viewport: { width: 1000, height: 760 }, timezoneId: 'Asia/Jakarta', locale: 'id-ID',
    });
    const fontDir = path.join(path.dirname(require.resolve('playwright-core/package.json')), '..', '@fontsource-variable');
    await context.route('**/*', route => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      const font = Object.keys(FONTS).find(f => url.hostname === 'cdn.jsdelivr.net' && url.pathname.includes(f));
      if (font) return route.fulfill({ path: path.join(fontDir, FONTS[font]), contentType: 'font/woff2' });
      refused.push(url.href);
      return route.abort();
    });
    await context.addInitScript(() => {
      window.showDirectoryPicker = async () =>
        (await navigator.storage.getDirectory()).getDirectoryHandle('site', { create: true });
    });
    page = await context.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(e.message));

    // The site's folder, copied into the browser's private file system.
    await page.goto(`${base}/`);
    await page.evaluate(async files => {
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('site', { create: true });
      await root.getDirectoryHandle('.git', { create: true });
      for (const [rel, b64] of files) {
        const parts = rel.split('/');
        let dir = root;
        for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, { create: true });
        const w = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
        await w.write(Uint8Array.from(atob(b64), c => c.charCodeAt(0)));
        await w.close();
      }
    }, sources(site));

    await page.goto(`${base}/admin/`);
    const local = page.getByRole('button', { name: /Local Repository/ });
    await local.waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(shots, 'cms-masuk.png') });
    await local.click();

    await page.getByRole('button', { name: 'Create New Entry' }).first().click({ timeout: 30000 });
    // Sveltia names each field's group “Label” Field.
    const field = label => page.getByRole('group', { name: new RegExp(`${label}\\u2069” Field`) });
    await field('Judul').getByRole('textbox').fill('Kerja Bakti Saluran Irigasi');
    // A few categories are radio buttons, more a drop-down list.
    const category = field('Kategori');
    if (await category.getByRole('radio').count()) {
      await category.getByRole('radio', { name: 'Berita Desa' }).check();
    } else {
      await category.getByRole('combobox').click();
      await page.getByRole('option', { name: 'Berita Desa' }).click();
    }
    await field('Tagar').getByRole('textbox', { name: 'Item Value' }).fill('gotong royong');
    await field('Penulis').getByRole('textbox').fill('Siti Aminah');
    await field('Ringkasan').getByRole('textbox').fill('Warga Dusun Krajan membersihkan saluran irigasi sebelum musim tanam.');
    // Browse opens the asset dialog; Upload takes a file from the phone.
    await field('Foto utama').getByRole('button', { name: 'Browse' }).click();
    const dialog = page.getByRole('dialog', { name: 'Select Image' });
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await (await chooser).setFiles(photo);
    await dialog.getByRole('button', { name: 'Insert' }).click({ timeout: 30000 });
    await field('Keterangan foto untuk tunanetra').getByRole('textbox').fill('Warga membersihkan saluran irigasi');
    // The form renders its lower fields once scrolled to.
    await page.mouse.move(500, 400);
    await page.mouse.wheel(0, 5000);
    await page.waitForTimeout(500);
    await field('Isi').getByRole('textbox').click();
    await page.keyboard.type('Sebanyak 40 warga ikut kerja bakti pada Minggu pagi.');
    await field('Judul').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'cms-formulir.png') });
    await page.getByRole('button', { name: /^Save$/ }).click();
    await page.waitForTimeout(1500);
    await page.goto(`${base}/admin/#/collections/berita`);
    await page.getByText('Kerja Bakti Saluran Irigasi').first().waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(shots, 'cms-daftar.png') });

    // The village profile: a new product, saved into profile.toml.
    await page.goto(`${base}/admin/#/collections/profil-desa/entries/profil`);
    const products = field('Produk desa');
    await products.getByRole('button', { name: /^Add/ }).last().click({ timeout: 30000 });
    await products.getByRole('group', { name: /Nama produk\u2069” Field/ }).last().getByRole('textbox').fill('Gula Aren Cair');
    const price = products.getByRole('group', { name: /Harga \(Rp\)\u2069” Field/ }).last();
    for (let i = 0; i < 10 && !(await price.count()); i++) {
      await page.mouse.wheel(0, 300); // the form renders fields once scrolled to
      await page.waitForTimeout(200);
    }
    await price.getByRole('spinbutton').fill('30000');
    await page.screenshot({ path: path.join(shots, 'cms-profil.png') });
    await page.getByRole('button', { name: /^Save$/ }).click();
    await page.getByText(/saved/i).first().waitFor({ timeout: 30000 });

    // What the editor wrote, back into the site folder.
    const written = await page.evaluate(async () => {
      const base64 = async handle => {
        const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
        let bin = '';
        for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(bin);
      };
      const out = [];
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('site');
      const walk = async (dir, rel) => {
        for await (const [name, h] of dir.entries()) {
          const r = `${rel}/${name}`;
          if (h.kind === 'directory') await walk(h, r);
          else out.push([r, await base64(h)]);
        }
      };
      await walk(await root.getDirectoryHandle('content'), 'content');
      out.push(['profile.toml', await base64(await root.getFileHandle('profile.toml'))]);
      return out;
    });
    const changed = [];
    for (const [rel, b64] of written) {
      const dest = path.join(site, rel);
      const bytes = Buffer.from(b64, 'base64');
      if (fs.existsSync(dest) && fs.readFileSync(dest).equals(bytes)) continue;
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, bytes);
      changed.push(rel);
    }
    process.stdout.write(JSON.stringify({ chromium: browser.version(), written: changed.sort(), refused, errors }, null, 1) + '\n');
  } catch (e) {
    // What the page showed when a step failed, for the person reading it.
    await page?.screenshot({ path: path.join(shots, 'failure.png') }).catch(() => {});
    await page?.locator('body').ariaSnapshot()
      .then(a => fs.writeFileSync(path.join(shots, 'failure.txt'), a)).catch(() => {});
    throw new Error(`${e.message}\n(the page at that moment: ${path.join(shots, 'failure.png')}, failure.txt)`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch(e => {
  console.error(`cms.mjs: ${e.stack || e}`);
  process.exit(2);
});
