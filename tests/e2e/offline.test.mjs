// Offline and installable: after one visit the app loads and works with no network; a new
// deploy installs in the background and replaces the old version cleanly; Chromium finds the
// app installable (manifest, icons, service worker).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  serveDist, launch, launchWithProfile, openApp, loadPhoto, decodeInPage, downloadFrom, waitForServiceWorker, dist,
} from './harness.mjs';

let served;
let browser;
before(async () => {
  served = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  served?.server.close();
});

const builtVersion = () => fs.readFileSync(path.join(dist, 'sw.js'), 'utf8').match(/const VERSION = '([0-9a-f]{16})'/)[1];

test('offline: after one visit the app reloads with no network and makes a twibbon', async () => {
  const { context, page, errors } = await openApp(browser, served.origin);
  const caches = await waitForServiceWorker(page);
  assert.deepEqual(caches, [`campaign-kit-${builtVersion()}`]);
  // Every built file is precached, under "./" for the page itself, but the batch and SVG
  // workers, the studio module (poster and pledge pages) and the fallback fonts in fallback/
  // (cached when first used, so a phone's first visit does not download them).
  const cached = await page.evaluate(async (name) => {
    const cache = await window.caches.open(name);
    return (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
  }, caches[0]);
  // The precompressed .br/.gz copies are for hosts to send, not files of their own.
  const built = fs.readdirSync(dist, { recursive: true })
    .filter((f) => fs.statSync(path.join(dist, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f !== 'sw.js' && f !== 'index.html' && !/^(batch_worker|svg_worker|studio|shaper|fallback\/)/.test(f) && !/\.(br|gz)$/.test(f))
    .map((f) => `/${f}`);
  assert.ok(built.some((f) => f.startsWith('/snippets/')), 'the page module\'s JS snippet is precached too');
  assert.deepEqual(cached, ['/', ...built].sort());

  await context.setOffline(true);
  const before = served.requests.length;
  const response = await page.reload();
  assert.equal(response.fromServiceWorker(), true);
  await page.waitForSelector('#preview');
  await loadPhoto(page);
  await page.click('.frame-option[data-frame-id="merah-putih"]');
  await page.focus('#preview');
  await page.keyboard.press('+');
  const png = await downloadFrom(page, '#download-png');
  assert.equal(png.name, 'twibbon-asn-pilih-netral-merah-putih.png');
  const image = await decodeInPage(page, png.bytes);
  assert.deepEqual([image.width, image.height], [1080, 1080]);
  assert.deepEqual(served.requests.slice(before), [], 'nothing reached the server while offline');
  assert.deepEqual(errors, []);
  await context.close();
});

test('offline after a first use: the shaper and an Aksara font, fetched once online, draw offline too', async () => {
  const { context, page, errors } = await openApp(browser, served.origin);
  await waitForServiceWorker(page);
  await page.click('#tab-poster');
  await page.waitForSelector('#poster-preview');
  const note = () => page.textContent('#poster-cut');
  // Every lazy file the page fetches online (the shaper; a Javanese weight for the headline,
  // maybe another for a gallery thumbnail): all must be in the cache before going offline.
  const lazy = new Set();
  page.on('response', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/fallback/') || p === '/shaper_bg.wasm') lazy.add(p);
  });
  const fetched = page.waitForResponse((r) => r.url().endsWith('/shaper_bg.wasm'));
  await page.fill('#field-headline', 'ꦲꦱꦤ꧀ ꦤꦼꦠꦿꦭ꧀');
  assert.equal((await fetched).status(), 200);
  await page.waitForFunction(() => !/U\+/.test(document.querySelector('#poster-cut').textContent));
  await page.waitForTimeout(1000);
  assert.ok([...lazy].some((p) => p.startsWith('/fallback/NotoSansJavanese-')), [...lazy].join(' '));
  // Cached on first use (the service worker stores a lazy file after answering the page).
  await page.waitForFunction(async (paths) => {
    const cache = await caches.open((await caches.keys())[0]);
    const cached = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
    return paths.every((p) => cached.has(p));
  }, [...lazy]);

  await context.setOffline(true);
  const before = served.requests.length;
  await page.reload();
  await page.waitForSelector('#tab-poster');
  await page.click('#tab-poster');
  await page.waitForSelector('#poster-preview');
  const fromCache = page.waitForResponse((r) => r.url().endsWith('/shaper_bg.wasm'));
  await page.fill('#field-headline', 'ꦲꦱꦤ꧀ ꦤꦼꦠꦿꦭ꧀');
  assert.equal((await fromCache).fromServiceWorker(), true, 'the shaper came from the cache');
  await page.waitForTimeout(1000);
  assert.ok(!/U\+|tidak dapat digambar|Cannot draw|koneksi|connection/.test(await note()), `offline: ${await note()}`);
  assert.deepEqual(served.requests.slice(before), [], 'nothing reached the server while offline');
  assert.deepEqual(errors, []);
  await context.close();
});

test('update: a new deploy installs in the background, the page offers a reload, only the new cache stays', async () => {
  const { context, page, errors } = await openApp(browser, served.origin);
  const old = builtVersion();
  assert.deepEqual(await waitForServiceWorker(page), [`campaign-kit-${old}`]);
  await loadPhoto(page);

  // "Deploy" a new version: same files, a different sw.js (as any rebuild gives).
  const next = 'feedfacecafebeef';
  served.overrides.set('/sw.js', (text) => text.replace(`const VERSION = '${old}'`, `const VERSION = '${next}'`));
  try {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    // It waits: the running page keeps its version and its photo until the user chooses.
    await page.waitForSelector('#reload-update');
    assert.match(await page.textContent('#update-banner'), /Versi baru/);
    assert.equal(await page.getAttribute('main', 'data-photo'), 'loaded');
    assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), [`campaign-kit-${next}`, `campaign-kit-${old}`].sort());

    await Promise.all([page.waitForEvent('load'), page.click('#reload-update')]);
    await page.waitForSelector('#preview');
    assert.deepEqual(await waitForServiceWorker(page), [`campaign-kit-${next}`], 'old caches are deleted');
    assert.match(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), /\/sw\.js$/);
    assert.equal(await page.locator('#reload-update').count(), 0);
  } finally {
    served.overrides.delete('/sw.js');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('installable: manifest with name, standalone display, theme colour and 192/512 PNG icons', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.start_url, '.');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.theme_color.toLowerCase(), '#0b2d5b');
  assert.match(manifest.name, /ASN Pilih Netral/);
  assert.ok(manifest.short_name.length <= 12, 'short_name fits under a home-screen icon');

  // A real profile: Chromium never offers to install from an incognito-like context.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-kit-profile-'));
  const context = await launchWithProfile(profile);
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(served.origin + '/');
  await page.waitForSelector('#preview');
  for (const icon of manifest.icons) {
    const [w, h] = icon.sizes.split('x').map(Number);
    const decoded = await decodeInPage(page, fs.readFileSync(path.join(dist, icon.src)));
    assert.deepEqual([decoded.width, decoded.height], [w, h], icon.src);
    assert.equal(icon.type, 'image/png');
  }
  const sizes = manifest.icons.filter((i) => i.purpose !== 'maskable').map((i) => i.sizes);
  assert.deepEqual(sizes.sort(), ['192x192', '512x512']);
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));

  // Chromium's own verdict, once the service worker controls the page.
  await waitForServiceWorker(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const { url, data } = await cdp.send('Page.getAppManifest');
  assert.equal(url, `${served.origin}/manifest.webmanifest`);
  assert.equal(JSON.parse(data).name, manifest.name);
  assert.deepEqual(errors, []);
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
});
