// Split by product (issue 14, direction 2): a first visit loads only the twibbon page's wasm;
// the poster and pledge pages (and the brand kit editor) are a second module, `studio`, that
// loads the first time one of them is opened, talks to the page in JSON (kit, language, tab)
// and is cached by the service worker from then on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, openApp, loadPhoto, downloadFrom, waitForServiceWorker, decodeInPage, dist, fixtures } from './harness.mjs';

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

const isStudio = (request) => /^GET \/studio(\.js|_bg\.wasm)\b/.test(request);
const pathsSince = (start) => served.requests.slice(start).map((r) => r.replace(/\?.*$/, ''));

test('a first visit loads only the twibbon page; the poster and pledge pages load once, on first use', async () => {
  const start = served.requests.length;
  const { context, page, errors } = await openApp(browser, served.origin);
  await waitForServiceWorker(page);
  await loadPhoto(page);
  assert.deepEqual(pathsSince(start).filter(isStudio), [], 'the twibbon page never asks for the studio module');

  const beforePoster = served.requests.length;
  await page.click('#tab-poster');
  await page.waitForSelector('#poster-preview');
  assert.deepEqual(pathsSince(beforePoster).filter(isStudio).sort(), ['GET /studio.js', 'GET /studio_bg.wasm']);

  // The pledge page is in the same module: nothing more to fetch.
  const beforePledge = served.requests.length;
  await page.click('#tab-pledge');
  await page.waitForSelector('#pledge-page:not([hidden])');
  assert.deepEqual(pathsSince(beforePledge).filter(isStudio), []);

  // Back on the twibbon page, its photo is still there (the page's app was never replaced).
  await page.click('#tab-twibbon');
  assert.equal(await page.getAttribute('main[data-photo]', 'data-photo'), 'loaded');
  assert.equal(await page.isVisible('#poster-page'), false);
  assert.equal(await page.isVisible('#pledge-page'), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the kit and the language cross between the page and the studio; studio clicks stay in the studio', async () => {
  const { context, page, errors } = await openApp(browser, served.origin);
  await page.click('#tab-poster');
  await page.waitForSelector('#poster-preview');

  // An edit in the studio's kit editor reaches the page, which stores the kit.
  await page.fill('#brand-agency', 'Badan Kepegawaian dan Pengembangan SDM Kota Ambon');
  await page.waitForFunction(() => (localStorage.getItem('campaign-kit.brand') ?? '').includes('Kota Ambon'));

  // The page's language switch re-renders the studio's pages.
  assert.equal(await page.textContent('#posters-title'), 'Pilih desain poster');
  await page.click('#lang-en');
  await page.waitForFunction(() => document.querySelector('#posters-title')?.textContent === 'Choose a poster design');

  // Two Yew apps on one page: a click in the studio must never fire one of the page's
  // handlers (each app numbers its listeners from 1). Downloading stays on the poster page.
  const png = await downloadFrom(page, '#poster-png');
  assert.match(png.name, /^poster-asn-pilih-netral-.*\.png$/);
  assert.equal(await page.getAttribute('#tab-poster', 'aria-pressed'), 'true');
  assert.equal(await page.isVisible('#poster-page'), true);

  // The pledge page's "edit the kit" button asks the page to show the poster page.
  await page.click('#tab-pledge');
  await page.waitForSelector('#pledge-page:not([hidden])');
  await page.click('#pledge-open-kit');
  await page.waitForSelector('#poster-page:not([hidden])');
  assert.equal(await page.getAttribute('#tab-poster', 'aria-pressed'), 'true');

  // A reload reads the kit the studio edited, from the page's storage.
  await page.reload();
  await page.click('#tab-poster');
  await page.waitForSelector('#poster-preview');
  assert.equal(await page.inputValue('#brand-agency'), 'Badan Kepegawaian dan Pengembangan SDM Kota Ambon');
  assert.deepEqual(errors, []);
  await context.close();
});

test('offline before the studio ever loaded: a clear message, the twibbon still works, "try again" loads it', async () => {
  const { context, page } = await openApp(browser, served.origin);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.click('#tab-poster');
  await page.waitForSelector('#studio-failed');
  assert.match(await page.textContent('#studio-failed'), /belum bisa dimuat/);
  assert.equal(await page.getAttribute('#studio-failed', 'role'), 'alert');

  // The twibbon page is untouched and still makes a twibbon offline.
  await page.click('#tab-twibbon');
  await loadPhoto(page);
  const twibbon = await downloadFrom(page, '#download-png');
  assert.match(twibbon.name, /^twibbon-asn-pilih-netral/);

  await context.setOffline(false);
  await page.click('#tab-poster');
  await page.click('#studio-retry');
  await page.waitForSelector('#poster-preview');
  assert.equal(await page.locator('#studio-failed').count(), 0);
  await context.close();
});

test('once opened, the poster page opens and exports offline (the service worker cached the studio and its export worker)', async () => {
  const { context, page, errors } = await openApp(browser, served.origin);
  await waitForServiceWorker(page);
  await page.click('#tab-poster');
  await page.waitForSelector('#poster-preview');
  // Every studio file, the export worker's too although no export was made online: the service
  // worker caches them as one group (sw.js TOGETHER).
  const studioFiles = fs.readdirSync(dist)
    .filter((name) => name.startsWith('studio') && !/\.(br|gz)$/.test(name));
  assert.ok(studioFiles.some((name) => name.startsWith('studio_export_worker')), `${studioFiles}`);
  await page.waitForFunction(async (files) => {
    const [name] = await caches.keys();
    const cache = await caches.open(name);
    const hits = await Promise.all(files.map((f) => cache.match(f)));
    return hits.every(Boolean);
  }, studioFiles);

  await context.setOffline(true);
  const before = served.requests.length;
  await page.reload();
  await page.click('#tab-poster');
  await page.waitForSelector('#poster-preview');
  await page.click('.poster-option[data-poster-id="sosialisasi"]');
  await page.waitForSelector('#poster-page[data-poster="sosialisasi"]');
  await page.check('#size-1080x1080');
  const png = await downloadFrom(page, '#poster-png');
  assert.equal(png.name, 'poster-asn-pilih-netral-sosialisasi-1080x1080.png');
  const image = await decodeInPage(page, png.bytes);
  assert.deepEqual([image.width, image.height], [1080, 1080]);
  assert.deepEqual(served.requests.slice(before), [], 'nothing reached the server while offline');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the twibbon\'s worker (decode and draw) starts at the first tap or key, not at load; no decode worker for a JPEG', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  // The page's own requests (and its workers'), not the service worker's precache.
  const asked = [];
  context.on('request', (r) => { if (!r.serviceWorker()) asked.push(new URL(r.url()).pathname); });
  const previewWorker = () => asked.filter((p) => p.startsWith('/export_worker'));
  const decodeWorkers = () => asked.filter((p) => p.startsWith('/photo_worker') || p.startsWith('/worker'));
  await page.goto(served.origin + '/');
  await page.waitForSelector('#preview');
  await page.waitForTimeout(1000);
  assert.deepEqual(previewWorker(), [], 'not loaded with the page');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('export_worker_loader.js')));
  assert.ok(previewWorker().includes('/export_worker_loader.js'), `asked for: ${previewWorker()}`);
  // And a photo chosen then decodes there: no decode worker is fetched for a JPEG.
  await page.setInputFiles('#photo-input', `${fixtures}/astronaut.jpg`);
  await page.waitForSelector('main[data-photo="loaded"]');
  assert.deepEqual(decodeWorkers(), []);
  await context.close();
});
