// Photo intake in the browser: decoding runs in a Web Worker, so the page stays interactive
// while a large photo decodes; a crashed worker is restarted and the user sees an error; a
// decode can be cancelled. Nothing the user chose is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openApp, root, previewDrawn } from './harness.mjs';

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

/** A large photo-like JPEG (gradients + noise, so it does not compress to nothing). */
async function bigJpeg(page, width, height) {
  const b64 = await page.evaluate(async ([w, h]) => {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    const g = ctx.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, '#3a6ea5'); g.addColorStop(0.5, '#f2c14e'); g.addColorStop(1, '#c2412d');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    for (let i = 0; i < 4000; i++) {
      ctx.fillStyle = `hsl(${(i * 37) % 360} 60% 50% / 0.5)`;
      ctx.fillRect((i * 7919) % w, (i * 104729) % h, 40 + (i % 90), 40 + (i % 70));
    }
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, [width, height]);
  return Buffer.from(b64, 'base64');
}

test('the page stays interactive while a large photo decodes in the worker', async () => {
  const { context, page, errors } = await openApp(browser, served.origin);
  const photo = await bigJpeg(page, 6000, 4500); // 27 MP
  await page.setInputFiles('#photo-input', { name: 'besar.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.waitForSelector('.busy');
  // A click while decoding is handled at once (the main thread is free)…
  await page.click('#lang-en', { timeout: 2000 });
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  // …and the decode was indeed still running when it was handled.
  assert.ok(await page.isVisible('.busy'), 'the language switched while the photo was still decoding');
  await page.waitForSelector('main[data-photo="loaded"]', { timeout: 60000 });
  assert.ok(!(await page.isVisible('.busy')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a decode can be cancelled, keeping the previous photo', async () => {
  const { context, page } = await openApp(browser, served.origin);
  const previewPixels = () => page.$eval('#preview', (c) => c.toDataURL());
  await page.setInputFiles('#photo-input', path.join(root, 'tests', 'fixtures', 'astronaut.jpg'));
  await page.waitForSelector('main[data-photo="loaded"]');
  await page.waitForSelector('.busy', { state: 'detached' });
  await previewDrawn(page);
  const previous = await previewPixels();

  const photo = await bigJpeg(page, 6000, 4500);
  // Cancel the moment the button appears, from inside the page: a click from the test could
  // arrive after the decode has finished on a busy machine (it did, once, with the other core
  // loaded), which would test nothing. At that moment the file is still being read: the read
  // must be dropped too (it was not: the photo then arrived after the cancel).
  await page.evaluate(() => {
    new MutationObserver((_, observer) => {
      const cancel = document.querySelector('#cancel-photo');
      if (cancel) { observer.disconnect(); cancel.click(); }
    }).observe(document.body, { childList: true, subtree: true });
  });
  const decodes = () => page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('decoded-by-')).length);
  const decodedBefore = await decodes();
  const started = Date.now();
  await page.setInputFiles('#photo-input', { name: 'besar.jpg', mimeType: 'image/jpeg', buffer: photo });
  // Cancel ends the wait at once, not when the decode would have ended…
  await page.waitForSelector('.busy', { state: 'detached', timeout: 2000 });
  // …and the photo is dropped: still being read, it never reaches a worker; already there, the
  // worker decoding it is stopped (a worker cannot be interrupted mid-decode). Either way no
  // decode of it is taken.
  // The big photo never arrives: give it longer than its decode takes, the preview keeps the
  // previous photo and no error is shown.
  await page.waitForTimeout(Math.max(0, 6000 - (Date.now() - started)));
  assert.equal(await previewPixels(), previous, 'the preview still shows the previous photo');
  assert.equal(await decodes(), decodedBefore, 'no decode of the cancelled photo was taken');
  assert.equal(await page.getAttribute('main', 'data-photo'), 'loaded');
  assert.ok(await page.isHidden('#error'));
  assert.ok(await page.isHidden('.busy'));
  // The next photo still works (a fresh worker was started).
  await page.setInputFiles('#photo-input', path.join(root, 'tests', 'fixtures', 'coffee.jpg'));
  await page.waitForFunction((p) => document.querySelector('#preview').toDataURL() !== p, previous);
  await page.waitForSelector('.busy', { state: 'detached' });
  assert.ok(await page.isHidden('#error'));
  await context.close();
});

test('a crashed worker gives a clear error, is restarted, and the next photo works', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  // Wrap the real worker that JPEG photos go to (the twibbon's preview worker, which decodes
  // and draws them) so that decoding the second photo (known by its size) traps, as a panic or
  // out-of-memory would. The first photo is decoded again in the fresh worker (the page keeps
  // its file), so the trap is by photo, not by count.
  let crashing = true;
  const second = fs.statSync(path.join(root, 'tests', 'fixtures', 'coffee.jpg')).size;
  await context.route('**/export_worker_loader.js', (route) => (crashing ? route.fulfill({
    contentType: 'text/javascript',
    body: `importScripts("./export_worker.js");
      wasm_bindgen("./export_worker_bg.wasm").then(() => {
        const real = self.onmessage;
        self.onmessage = (e) => {
          if (String(e.data[0]).includes('"decode_photo"') && e.data[1].byteLength === ${second}) throw new Error("simulated crash");
          real(e);
        };
      });`,
  }) : route.continue()));
  const page = await context.newPage();
  await page.goto(served.origin + '/');
  await page.setInputFiles('#photo-input', path.join(root, 'tests', 'fixtures', 'chelsea.jpg'));
  await page.waitForSelector('main[data-photo="loaded"]');
  await page.click('.frame-option[data-frame-id="merah-putih"]');

  await page.setInputFiles('#photo-input', path.join(root, 'tests', 'fixtures', 'coffee.jpg'));
  await page.waitForSelector('#error:not(.hidden)');
  assert.match(await page.textContent('#error'), /tidak bisa diproses di perangkat ini/);
  assert.equal(await page.getAttribute('main', 'data-photo'), 'loaded', 'the previous photo stays');
  assert.equal(await page.getAttribute('.frame-option[data-frame-id="merah-putih"]', 'aria-pressed'), 'true');
  assert.ok(await page.isVisible('#lang-en'), 'the page is alive');

  // A fresh, real worker is started for the next photo, and it works.
  crashing = false;
  await page.setInputFiles('#photo-input', path.join(root, 'tests', 'fixtures', 'astronaut.jpg'));
  await page.waitForSelector('#error.hidden', { state: 'attached' });
  await page.waitForSelector('.busy', { state: 'detached' });
  await context.close();
});
