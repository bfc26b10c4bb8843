// The first screen before the wasm: on a weak connection the page shows the twibbon (a picture
// the core rendered at build time) and a real file input while the app's wasm is still on its
// way. Here the wasm is held back until the test lets it through: the picture is the largest
// paint, the input works, and a photo chosen then is in the twibbon once the app has started.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serveDist, launch, fixtures, artifacts } from './harness.mjs';

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

test('before the wasm arrives: the twibbon picture is the largest paint and a photo chosen then is used', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  let held = 0;
  await page.route(/\/app-[0-9a-f]{16}_bg\.wasm$/, async (route) => {
    held += 1;
    await gate;
    await route.continue();
  });
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
  assert.ok(held >= 1, 'the app wasm was requested and held');
  assert.equal(await page.locator('#preview').count(), 0, 'the app has not started');
  assert.equal((await page.evaluate(() => window.__lcp)).at(-1), 'boot-preview');
  await page.screenshot({ path: path.join(artifacts, 'first-screen-360x800.png') });

  // The file input works before the app does.
  await page.setInputFiles('#boot-photo', path.join(fixtures, 'astronaut.jpg'));
  release();
  await page.waitForSelector('main[data-photo="loaded"]');
  assert.ok(await page.locator('#boot').isHidden(), 'the first screen is hidden once the app has drawn');
  assert.equal(await page.locator('label[for="photo-input"]:visible, label[for="boot-photo"]:visible').count(), 1,
    'one photo picker on screen');
  // Still the largest paint: the app's canvas replaced the picture without a larger one.
  assert.equal((await page.evaluate(() => window.__lcp)).at(-1), 'boot-preview');
  assert.deepEqual(errors, []);
  await context.close();
});
