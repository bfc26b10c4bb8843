// The first screen before the wasm: on a weak connection the page shows the twibbon (a picture
// the core rendered at build time) and a real file input while the app's wasm is still on its
// way. Here the wasm is held back until the test lets it through: the picture is the largest
// paint, the input works, and a photo chosen then is in the twibbon once the app has started.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serveDist, launch, openApp, fixtures, artifacts } from './harness.mjs';

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

/**
 * A fresh page whose requests for `url` are held until `release()` is called; `held()` says how
 * many have been asked for.
 */
async function pageHolding(url) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  let count = 0;
  await page.route(url, async (route) => {
    count += 1;
    await gate;
    await route.continue();
  });
  return { context, page, errors, release, held: () => count };
}

test('before the wasm arrives: the twibbon picture is the largest paint and a photo chosen then is used', async () => {
  const { context, page, errors, release, held: asked } = await pageHolding(/\/app-[0-9a-f]{12,20}_bg\.wasm$/);
  await page.addInitScript(() => {
    window.__lcp = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lcp.push(e.element?.id ?? e.element?.tagName ?? '');
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(served.origin + '/', { waitUntil: 'domcontentloaded' });

  // The wasm is held: the first screen is all there is, and it is complete.
  await page.waitForFunction(() => {
    const img = document.getElementById('boot-preview');
    return img && img.complete && img.naturalWidth === 720;
  });
  await page.waitForFunction(() => window.__lcp.length > 0);
  // The wasm is requested once the loader script has arrived, which may be after the picture.
  for (let i = 0; i < 100 && asked() < 1; i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(asked() >= 1, 'the app wasm was requested and held');
  assert.equal(await page.locator('#preview').count(), 0, 'the app has not started');
  assert.equal((await page.evaluate(() => window.__lcp)).at(-1), 'boot-preview');
  await page.screenshot({ path: path.join(artifacts, 'first-screen-360x800.png') });

  // The file input works before the app does, and the twibbon's worker (decode, draw and
  // download in one) starts at once: its wasm is on its way while the app's is still held.
  const requestsBefore = served.requests.length;
  const since = () => served.requests.slice(requestsBefore);
  // The page's own requests and its workers' (not the service worker's precache).
  const own = [];
  context.on('request', (r) => { if (!r.serviceWorker()) own.push(new URL(r.url()).pathname); });
  await page.setInputFiles('#boot-photo', path.join(fixtures, 'astronaut.jpg'));
  const wasm = '/export_worker_bg.wasm';
  for (let i = 0; i < 200 && !since().some((r) => r.endsWith(wasm)); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(since().some((r) => r.endsWith(wasm)), `${wasm} asked for before the app's wasm arrived`);
  assert.equal(await page.locator('#preview').count(), 0, 'the app has still not started');
  release();
  await page.waitForSelector('main[data-photo="loaded"]');
  await page.waitForSelector('#preview:not([aria-busy])');
  // The app took that worker over rather than starting its own, and no other worker was
  // needed for the photo: it was decoded where it is drawn.
  const workers = page.workers().map((w) => w.url());
  assert.equal(workers.filter((u) => u.endsWith('/export_worker_loader.js')).length, 1, `one preview worker: ${workers}`);
  assert.deepEqual(own.filter((r) => /photo_worker|^\/worker/.test(r)), [], 'no decode worker fetched');
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
  assert.equal(marks.filter((m) => m.startsWith('decoded-by-')).join(), 'decoded-by-browser', 'decoded once, by the browser');
  assert.ok(marks.includes('decoded-early'), 'the decode the first screen asked for is the one the app took');
  assert.ok(await page.locator('#boot').isHidden(), 'the first screen is hidden once the app has drawn');
  assert.equal(await page.locator('label[for="photo-input"]:visible, label[for="boot-photo"]:visible').count(), 1,
    'one photo picker on screen');
  // Still the largest paint: the app's canvas replaced the picture without a larger one.
  assert.equal((await page.evaluate(() => window.__lcp)).at(-1), 'boot-preview');
  assert.deepEqual(errors, []);
  await context.close();
});

/** The twibbon preview's pixels and the first screen's picture's, as PNG data URLs. */
const previewAndPicture = (page) => page.evaluate(() => {
  const img = document.getElementById('boot-preview');
  const c = document.createElement('canvas');
  [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
  c.getContext('2d').drawImage(img, 0, 0);
  return [document.getElementById('preview').toDataURL(), c.toDataURL()];
});
/** Whether the first preview was the picture (a mark) or a draw by the core (a measure). */
const firstPreview = (page) => page.evaluate(() => ({
  built: performance.getEntriesByName('preview-render-built').length,
  rendered: performance.getEntriesByName('preview-render').length,
}));

test('the app\'s first preview is the first screen\'s picture, not drawn again; a kit of the user\'s own is drawn', async () => {
  const { context, page, errors } = await openApp(browser, served.origin);
  await page.waitForFunction(() => performance.getEntriesByName('preview-render-built').length > 0);
  assert.deepEqual(await firstPreview(page), { built: 1, rendered: 0 }, 'no core draw at start-up');
  const [preview, picture] = await previewAndPicture(page);
  assert.equal(preview, picture, 'the preview shows the picture');

  // A typed text is another template: the core draws it, and the picture is not used.
  await page.fill('#twibbon-text-slogan', 'NETRAL ITU KEREN');
  await page.waitForFunction(() => performance.getEntriesByName('preview-render').length > 0);
  const [typed] = await previewAndPicture(page);
  assert.notEqual(typed, picture);

  // A brand kit of the user's own (stored, as after a visit to the kit editor): the designs take
  // its colour and name, so the first preview is the core's draw, not the default design's picture.
  await page.evaluate(() => localStorage.setItem('campaign-kit.brand', JSON.stringify({ version: 1, agency: 'Pemerintah Kota Ambon', primary: '#006B3F' })));
  await page.reload();
  await page.waitForSelector('#preview');
  await page.waitForFunction(() => performance.getEntriesByName('preview-render').length > 0);
  assert.deepEqual(await firstPreview(page), { built: 0, rendered: 1 });
  const [withKit, pictureNow] = await previewAndPicture(page);
  assert.notEqual(withKit, pictureNow, 'the kit\'s twibbon, not the default picture');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a picture still loading when the app mounts is waited for: no preview worker before a photo', async () => {
  // On a fast connection the app's script is asked for before the picture, and the app can be
  // up before the picture has arrived. Here the picture is held until the app has mounted.
  const { context, page, errors, release } = await pageHolding('**/boot-preview.jpg');
  await page.goto(served.origin + '/', { waitUntil: 'commit' });
  await page.waitForSelector('#preview');
  await page.waitForTimeout(500);
  assert.ok(await page.locator('#preview[aria-busy]').count() === 1, 'the preview waits for the picture');
  release();
  await page.waitForFunction(() => performance.getEntriesByName('preview-render-built').length > 0);
  await page.waitForTimeout(300);
  assert.deepEqual(await firstPreview(page), { built: 1, rendered: 0 }, 'the picture, not a draw');
  const [preview, picture] = await previewAndPicture(page);
  assert.equal(preview, picture, 'the preview shows the picture');
  assert.equal(await page.locator('#preview[aria-busy]').count(), 0);
  const workers = page.workers().map((w) => w.url());
  assert.ok(!workers.some((u) => u.includes('export_worker')), `no preview worker started: ${workers}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a first-screen picture that fails to load is drawn by the core instead', async () => {
  const { context, page, errors } = await openApp(browser, served.origin, {
    init: (c) => c.route('**/boot-preview.jpg', (route) => route.fulfill({ status: 404, body: '' })),
  });
  await page.waitForFunction(() => performance.getEntriesByName('preview-render').length > 0);
  assert.deepEqual(await firstPreview(page), { built: 0, rendered: 1 });
  const drawn = await page.evaluate(() => {
    const c = document.getElementById('preview');
    return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v) => v !== 0);
  });
  assert.ok(drawn, 'the preview has a picture');
  assert.deepEqual(errors.filter((e) => !/404|Failed to load resource/.test(e)), []);
  await context.close();
});

test('the gallery\'s thumbnails are drawn when scrolled to, not at start-up', async () => {
  const { context, page, errors } = await openApp(browser, served.origin, { width: 360, height: 640 });
  const drawn = () => page.$$eval('.frame-option canvas.thumb', (cs) => cs.map((c) => {
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    return px.some((v) => v !== 0);
  }));
  await page.waitForTimeout(500);
  const before = await drawn();
  assert.ok(before.length >= 3, `${before.length} thumbnails`);
  assert.ok(before.every((d) => !d), `below the fold, none drawn yet: ${before}`);
  await page.locator('.frame-option').first().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('.frame-option canvas.thumb')]
    .every((c) => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v) => v !== 0)));
  assert.deepEqual(errors, []);
  await context.close();
});
