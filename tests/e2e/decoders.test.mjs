// The photo worker (issue 14, direction 3): a JPEG photo is decoded by the browser's own decoder
// (WebCodecs ImageDecoder, at the core's 1/2^n DCT scale) and finished by the core (halving,
// EXIF orientation); CMYK JPEGs, anything the browser fails on and browsers without
// ImageDecoder use our wasm decoder — the CLI's; other formats go on to the full decode worker.
// Whichever decoder ran, the pixels must be the CLI's: the same size and orientation, and the
// same colours up to the two JPEG decoders' rounding (IDCT and chroma upsampling).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serveDist, launch, openApp, loadPhoto, downloadFrom, decodeInPage, differingShare, artifacts, fixtures, root } from './harness.mjs';

let served;
let browser;
let page;
let context;
before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  served = await serveDist();
  browser = await launch();
  ({ context, page } = await openApp(browser, served.origin, {
    // No service worker: it would answer the route below from its cache.
    contextOptions: { serviceWorkers: 'block' },
    // The photo worker as Safari runs it: no WebCodecs ImageDecoder.
    init: (c) => c.route(/\/photo_worker_loader\.js\?safari$/, (route) => route.fulfill({
      contentType: 'text/javascript',
      body: 'delete self.ImageDecoder; importScripts("./photo_worker.js"); wasm_bindgen("./photo_worker_bg.wasm");',
    })),
  }));
});
after(async () => {
  await context?.close();
  await browser?.close();
  served?.server.close();
});

/**
 * The tolerance between the browser's JPEG decoder (libjpeg-turbo) and ours (jpeg-decoder), per
 * channel: at most `mean` levels on average, no more than `share` of pixels off by more than 8
 * levels in a channel, and the mean signed difference of each channel within `bias` levels. A
 * colour shift (wrong YCbCr matrix or range, an ICC profile applied) moves a whole channel's
 * mean; a wrong turn or mirror moves most pixels by tens of levels (measured below: mean 36,
 * 82 % of pixels). Measured with Chromium 156:
 * - full size (createImageBitmap): mean ≤ 0.11, none off by more than 3 levels, bias ≤ 0.1;
 * - at 1/2 and 1/4 scale (ImageDecoder, DCT-scaled): the two reduced-size IDCTs round
 *   differently, most at sharp edges: mean ≤ 1.42, ≤ 4.7 % of pixels off by more than 8 levels,
 *   bias ≤ 0.1.
 */
const FULL_SIZE = { mean: 0.5, share: 0.001, bias: 0.5 };
const SCALED = { mean: 2.5, share: 0.07, bias: 0.5 };

/** EXIF orientation `o` spliced into a JPEG (an APP1 right after SOI, as cameras write it). */
function withOrientation(jpeg, o) {
  const tiff = [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x12, 1, 3, 0, 1, 0, 0, 0, o, 0, 0, 0, 0, 0, 0, 0];
  const payload = [...Buffer.from('Exif'), 0, 0, ...tiff];
  const app1 = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255, ...payload]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

/**
 * Decode `bytes` as a photo in the worker at `script` (the page's own protocol: a request
 * `[json, buffer]`, a reply `[json, pixels]`). `hideImageDecoder` removes WebCodecs' decoder
 * from the worker first, as in Safari. Resolves to { reply, width, height, data }.
 */
async function decodeIn(script, bytes, { hideImageDecoder = false } = {}) {
  const result = await page.evaluate(async ([script, b64, hide]) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    // `?safari` is answered by the route below (a blob: worker would break the page's CSP).
    const worker = new Worker(hide ? `${script}?safari` : script);
    const reply = await new Promise((resolve, reject) => {
      worker.onerror = (e) => reject(new Error(e.message));
      worker.onmessage = (e) => {
        const head = JSON.parse(e.data[0]);
        if (head.type === 'ready') {
          worker.postMessage([JSON.stringify({ type: 'decode', id: 1, kind: 'photo' }), bin.buffer], [bin.buffer]);
        } else {
          resolve([head, e.data[1]]);
        }
      };
    });
    worker.terminate();
    const [head, buffer] = reply;
    if (head.type !== 'decoded') return { reply: head };
    const px = new Uint8Array(buffer);
    let s = '';
    for (let i = 0; i < px.length; i += 0x8000) s += String.fromCharCode(...px.subarray(i, i + 0x8000));
    return { reply: head, data: s ? btoa(s) : '' };
  }, [script, Buffer.from(bytes).toString('base64'), hideImageDecoder]);
  return { ...result, width: result.reply.width, height: result.reply.height, data: result.data && Buffer.from(result.data, 'base64') };
}

/** How far apart two RGBA images of the same size are (see the constants above). */
function compare(a, b) {
  let sum = 0;
  let over = 0;
  let over16 = 0;
  let max = 0;
  const bias = [0, 0, 0];
  const n = a.data.length / 4;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      const d = a.data[i + c] - b.data[i + c];
      sum += Math.abs(d);
      bias[c] += d;
      if (Math.abs(d) > 8) over += 1 / 3;
      if (Math.abs(d) > 16) over16 += 1 / 3;
      max = Math.max(max, Math.abs(d));
    }
  }
  return { mean: sum / (n * 3), share: over / n, share16: over16 / n, max, bias: bias.map((x) => x / n) };
}

function assertClose(browserSide, wasmSide, what, { mean, share, bias } = FULL_SIZE) {
  assert.equal(browserSide.width, wasmSide.width, `${what}: width`);
  assert.equal(browserSide.height, wasmSide.height, `${what}: height`);
  const d = compare(browserSide, wasmSide);
  const shown = `mean ${d.mean.toFixed(2)}, share ${(d.share * 100).toFixed(2)} % (>16: ${(d.share16 * 100).toFixed(2)} %, max ${d.max}), bias ${d.bias.map((b) => b.toFixed(2)).join('/')}`;
  console.log(`${what}: ${browserSide.reply.decoder} vs wasm: ${shown}`);
  assert.ok(d.mean <= mean && d.share <= share && d.bias.every((b) => Math.abs(b) <= bias), `${what}: ${shown}`);
}

/** A large photo-like JPEG made in the page (gradient, shapes and noise), `w`×`h` stored. */
async function bigJpeg(w, h) {
  const b64 = await page.evaluate(async ([w, h]) => {
    const c = new OffscreenCanvas(w, h);
    const x = c.getContext('2d');
    const g = x.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, '#3a6ea5'); g.addColorStop(0.5, '#f2c14e'); g.addColorStop(1, '#c2412d');
    x.fillStyle = g; x.fillRect(0, 0, w, h);
    for (let i = 0; i < 3000; i++) {
      x.fillStyle = `hsl(${(i * 37) % 360} 60% ${30 + (i % 40)}% / 0.5)`;
      x.beginPath(); x.arc((i * 7919) % w, (i * 104729) % h, 8 + (i % 60), 0, 7); x.fill();
    }
    const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, [w, h]);
  return Buffer.from(b64, 'base64');
}

const PHOTO = './photo_worker_loader.js';
const FULL = './worker_loader.js';

test('the 8 EXIF orientations: the browser decoder\'s pixels, turned by the core, are the wasm decoder\'s', async () => {
  const stored = fs.readFileSync(path.join(fixtures, 'chelsea.jpg')); // 451×300, odd width
  for (let o = 1; o <= 8; o++) {
    const bytes = withOrientation(stored, o);
    const fromBrowser = await decodeIn(PHOTO, bytes);
    const fromWasm = await decodeIn(FULL, bytes);
    assert.equal(fromBrowser.reply.decoder, 'browser', `orientation ${o}`);
    assert.equal(fromWasm.reply.decoder, 'wasm', `orientation ${o}`);
    assert.deepEqual([fromBrowser.width, fromBrowser.height], o >= 5 ? [300, 451] : [451, 300], `orientation ${o}`);
    assertClose(fromBrowser, fromWasm, `orientation ${o}`);
  }
  // A wrong turn or mirror would not pass: orientation 2 (mirrored) against 1.
  const plain = await decodeIn(PHOTO, withOrientation(stored, 1));
  const mirrored = await decodeIn(PHOTO, withOrientation(stored, 2));
  const d = compare(plain, mirrored);
  console.log(`orientation 2 vs 1: mean ${d.mean.toFixed(2)}, share ${(d.share * 100).toFixed(2)} %`);
  assert.ok(d.mean > 10 * SCALED.mean, `a mirror is far outside the tolerance (mean ${d.mean.toFixed(1)})`);
});

test('the corpus and fixture JPEGs: CMYK/YCCK by our decoder, the rest by the browser\'s, all the wasm path\'s pixels', async () => {
  const files = ['astronaut.jpg', 'coffee.jpg', 'corpus/baseline-420.jpg', 'corpus/gray.jpg', 'corpus/progressive.jpg',
    'corpus/yuv444.jpg', 'corpus/cmyk.jpg', 'corpus/ycck.jpg'];
  for (const name of files) {
    const bytes = fs.readFileSync(path.join(fixtures, name));
    const fromPhoto = await decodeIn(PHOTO, bytes);
    const fromWasm = await decodeIn(FULL, bytes);
    const expected = /cmyk|ycck/.test(name) ? 'wasm' : 'browser';
    assert.equal(fromPhoto.reply.decoder, expected, name);
    if (expected === 'wasm') {
      assert.ok(fromPhoto.data.equals(fromWasm.data), `${name}: the same decoder gives the same pixels`);
    } else {
      assertClose(fromPhoto, fromWasm, name);
    }
  }
});

test('large photos: the browser decodes at the same 1/2 and 1/4 DCT scale, with EXIF, as ours', async () => {
  for (const [w, h, o] of [[4000, 3000, 6], [7001, 5001, 3]]) {
    const bytes = withOrientation(await bigJpeg(w, h), o);
    const fromBrowser = await decodeIn(PHOTO, bytes);
    const fromWasm = await decodeIn(FULL, bytes);
    assert.equal(fromBrowser.reply.decoder, 'browser', `${w}×${h}`);
    assert.ok(Math.max(fromBrowser.width, fromBrowser.height) <= 3072, `${w}×${h}: ${fromBrowser.width}×${fromBrowser.height}`);
    assertClose(fromBrowser, fromWasm, `${w}×${h}, orientation ${o}`, SCALED);
  }
});

test('without ImageDecoder (Safari): createImageBitmap at full size, our decoder for a photo that needs halving', async () => {
  const small = withOrientation(fs.readFileSync(path.join(fixtures, 'chelsea.jpg')), 6);
  const fromBitmap = await decodeIn(PHOTO, small, { hideImageDecoder: true });
  assert.equal(fromBitmap.reply.decoder, 'browser');
  assertClose(fromBitmap, await decodeIn(FULL, small), 'no ImageDecoder, full size, orientation 6');
  const large = withOrientation(await bigJpeg(4000, 3000), 6);
  const fromPhoto = await decodeIn(PHOTO, large, { hideImageDecoder: true });
  assert.equal(fromPhoto.reply.decoder, 'wasm');
  assert.ok(fromPhoto.data.equals((await decodeIn(FULL, large)).data), 'the same decoder gives the same pixels');
});

test('errors are the core\'s, typed, from the photo worker as from the full one; other formats are handed back', async () => {
  const jpeg = fs.readFileSync(path.join(fixtures, 'coffee.jpg'));
  for (const [what, bytes] of [['truncated', jpeg.subarray(0, jpeg.length / 2)], ['heic', fs.readFileSync(path.join(fixtures, 'corpus', 'photo.heic'))], ['empty', Buffer.alloc(0)]]) {
    const a = await decodeIn(PHOTO, bytes);
    const b = await decodeIn(FULL, bytes);
    assert.equal(a.reply.type, 'failed', what);
    assert.deepEqual(a.reply.error, b.reply.error, what);
  }
  const webp = await decodeIn(PHOTO, fs.readFileSync(path.join(fixtures, 'corpus', 'lossy.webp')));
  assert.deepEqual(webp.reply, { type: 'elsewhere', id: 1 });
});

test('through the app: a JPEG takes the browser path in the twibbon\'s worker, a PNG the full worker, and the twibbon matches the CLI\'s', async () => {
  const decodedBy = () => page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('decoded-by-')).at(-1)?.name);
  const photo = withOrientation(fs.readFileSync(path.join(fixtures, 'chelsea.jpg')), 6);
  const photoFile = path.join(artifacts, 'chelsea-exif6.jpg');
  fs.writeFileSync(photoFile, photo);
  await loadPhoto(page, photoFile);
  assert.equal(await decodedBy(), 'decoded-by-browser');
  const png = await downloadFrom(page, '#download-png');
  const fromApp = await decodeInPage(page, png.bytes);

  const cli = path.join(root, 'target', 'debug', 'campaign-kit');
  if (!fs.existsSync(cli)) execFileSync('cargo', ['build', '--quiet', '--bin', 'campaign-kit'], { cwd: root });
  const cliOut = path.join(artifacts, 'cli-decoders-twibbon.png');
  const frame = await page.getAttribute('.frame-option[aria-pressed="true"]', 'data-frame-id');
  execFileSync(cli, ['twibbon', '--photo', photoFile, '--frame', frame, '--out', cliOut]);
  const fromCli = await decodeInPage(page, fs.readFileSync(cliOut));
  const diff = differingShare(fromApp, fromCli);
  assert.ok(diff < 0.005, `app and CLI differ in ${(diff * 100).toFixed(2)} % of sampled pixels`);

  const pngPhoto = await page.evaluate(async () => {
    const c = new OffscreenCanvas(300, 200);
    const x = c.getContext('2d');
    x.fillStyle = '#2a6'; x.fillRect(0, 0, 300, 200);
    const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
    return Array.from(bytes);
  });
  await page.setInputFiles('#photo-input', { name: 'foto.png', mimeType: 'image/png', buffer: Buffer.from(pngPhoto) });
  await page.waitForFunction(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('decoded-by-')).length >= 2);
  assert.equal(await decodedBy(), 'decoded-by-wasm');
  await page.waitForSelector('main[data-photo="loaded"]');
});
