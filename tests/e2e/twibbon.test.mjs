// End to end in headless Chromium against the release build in dist/: a user picks a photo,
// zooms and pans, picks a frame, downloads PNG and JPEG, switches language; a bad file shows an
// error and loses nothing. Screenshots go to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serveDist, launch, openApp, decodeInPage, downloadFrom, previewDrawn, artifacts, root } from './harness.mjs';

let served;
let browser;
before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  served = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  served?.server.close();
});

// Upright, the test photo is 400×300 with four quadrants: red, green / blue, yellow. It is
// stored rotated a quarter turn with EXIF orientation 6, as phones do, so it only comes out
// right if the app applies the orientation.
const QUADRANTS = { tl: [230, 20, 20], tr: [20, 200, 40], bl: [30, 40, 220], br: [240, 220, 20] };

async function makeRotatedJpeg(page) {
  const b64 = await page.evaluate(async (q) => {
    const canvas = new OffscreenCanvas(300, 400); // stored portrait
    const ctx = canvas.getContext('2d');
    // Stored = upright turned 90° counter-clockwise; orientation 6 turns it back clockwise.
    ctx.translate(0, 400);
    ctx.rotate(-Math.PI / 2);
    const fill = (c, x, y) => { ctx.fillStyle = `rgb(${c.join(',')})`; ctx.fillRect(x, y, 200, 150); };
    fill(q.tl, 0, 0); fill(q.tr, 200, 0); fill(q.bl, 0, 150); fill(q.br, 200, 150);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = ''; for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, QUADRANTS);
  const jpeg = Buffer.from(b64, 'base64');
  // APP1 "Exif" with a little-endian TIFF header and one IFD0 entry: Orientation (0x0112) = 6.
  const tiff = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

function near(actual, expected, tolerance = 60) {
  return expected.every((v, i) => Math.abs(actual[i] - v) <= tolerance);
}

/** A download from the app, checked to have made no long task on the page (exports run in the export worker). */
async function download(page, selector) {
  const file = await downloadFrom(page, selector);
  assert.deepEqual(file.longTasks, [], `${selector}: main-thread tasks over 50 ms during the export`);
  return file;
}

test('photo → zoom and pan → download a 1080×1080 twibbon made from the photo', async () => {
  const { context, page, errors } = await openApp(browser, served.origin);
  await page.screenshot({ path: path.join(artifacts, 'start-360x800.png') });

  const photo = await makeRotatedJpeg(page);
  await page.setInputFiles('#photo-input', { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.waitForSelector('main[data-photo="loaded"]');

  // A full-bleed frame, so the photo area is the whole canvas above the bottom band.
  await page.click('.frame-option[data-frame-id="pita-biru"]');
  assert.equal(await page.getAttribute('.frame-option[data-frame-id="pita-biru"]', 'aria-pressed'), 'true');

  // Zoom from the keyboard (+ three times) and pan by dragging right by 20% of the canvas.
  await page.focus('#preview');
  for (let i = 0; i < 3; i++) await page.keyboard.press('+');
  const zoom = Number(await page.getAttribute('#preview', 'data-zoom'));
  assert.ok(Math.abs(zoom - 1.1 ** 3) < 1e-3, `zoom after three + presses: ${zoom}`);
  const box = await page.locator('#preview').boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(cx + (box.width * 0.2 * i) / 10, cy);
  // While the photo is dragged the preview is drawn at half size (it keeps up with a finger on
  // a phone), and at full size once the pointer lifts.
  await previewDrawn(page);
  assert.equal(await page.$eval('#preview', (c) => c.width), 360, 'half size while dragging');
  await page.mouse.up();
  await previewDrawn(page);
  assert.equal(await page.$eval('#preview', (c) => c.width), 720, 'full size once let go');
  const offsetX = Number(await page.getAttribute('#preview', 'data-offset-x'));
  assert.ok(Math.abs(offsetX - 0.2) < 0.01, `pan after dragging 20% right: ${offsetX}`);
  await previewDrawn(page);
  await page.screenshot({ path: path.join(artifacts, 'twibbon-360x800.png') });

  const png = await download(page, '#download-png');
  assert.match(png.name, /^twibbon-asn-pilih-netral-pita-biru\.png$/);
  assert.deepEqual([...png.bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
  const image = await decodeInPage(page, png.bytes);
  assert.equal(image.width, 1080);
  assert.equal(image.height, 1080);
  // The quadrants' vertical edge sits at the centre plus the pan (0.2 × 1080 = 216 px), and the
  // horizontal edge at the centre: so these pixels must come from the photo's quadrants, upright.
  const checks = [[650, 300, 'tl'], [900, 300, 'tr'], [650, 470, 'tl'], [900, 470, 'tr'], [400, 200, 'tl']];
  for (const [x, y, q] of checks) {
    const px = image.pixel(x, y);
    assert.ok(near(px, QUADRANTS[q]), `pixel (${x},${y}) = ${px} should be the photo's ${q} colour ${QUADRANTS[q]}`);
  }

  // The same settings through the CLI give the same image (same core, native vs wasm).
  const cli = path.join(root, 'target', 'debug', 'campaign-kit');
  if (!fs.existsSync(cli)) execFileSync('cargo', ['build', '--quiet', '--bin', 'campaign-kit'], { cwd: root });
  const photoFile = path.join(artifacts, 'quadrants-exif6.jpg');
  const cliOut = path.join(artifacts, 'cli-twibbon.png');
  fs.writeFileSync(photoFile, photo);
  const attr = async (name) => Number(await page.getAttribute('#preview', name));
  execFileSync(cli, ['twibbon', '--photo', photoFile, '--frame', 'pita-biru',
    '--zoom', String(await attr('data-zoom')),
    '--offset-x', String((await attr('data-offset-x')) * 1080),
    '--offset-y', String((await attr('data-offset-y')) * 1080),
    '--rotate', String(await attr('data-rotate')), '--out', cliOut]);
  const fromCli = await decodeInPage(page, fs.readFileSync(cliOut));
  let differing = 0;
  let total = 0;
  for (let y = 0; y < 1080; y += 3) {
    for (let x = 0; x < 1080; x += 3) {
      const a = image.pixel(x, y);
      const b = fromCli.pixel(x, y);
      const d = Math.max(...[0, 1, 2].map((i) => Math.abs(a[i] - b[i])));
      total += 1;
      if (d > 4) differing += 1;
    }
  }
  // Tolerance: float rounding may differ between wasm32+simd128 and x86_64 at edges only.
  assert.ok(differing / total < 0.005, `app and CLI differ in ${differing} of ${total} sampled pixels`);

  const jpeg = await download(page, '#download-jpeg');
  assert.match(jpeg.name, /\.jpg$/);
  assert.equal(jpeg.bytes[0], 0xff);
  assert.equal(jpeg.bytes[1], 0xd8);
  const jpegImage = await decodeInPage(page, jpeg.bytes);
  assert.equal(jpegImage.width, 1080);
  assert.equal(jpegImage.height, 1080);

  assert.deepEqual(errors, []);
  await context.close();
});

test('language switch: Bahasa Indonesia by default, English on demand, remembered', async () => {
  const { context, page } = await openApp(browser, served.origin);
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.match(await page.textContent('#download-png'), /Unduh PNG/);
  assert.match(await page.textContent('#privacy-note'), /tidak pernah meninggalkan perangkat/);
  await page.click('#lang-en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('#download-png'), /Download PNG/);
  assert.match(await page.textContent('h1'), /Twibbon/);
  await page.screenshot({ path: path.join(artifacts, 'english-360x800.png') });
  await page.reload();
  await page.waitForSelector('#preview');
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'language is remembered');
  await page.click('#lang-id');
  assert.match(await page.textContent('#download-png'), /Unduh PNG/);
  await context.close();
});

test('a bad file shows a clear message and keeps the photo, frame and placement', async () => {
  const { context, page, errors } = await openApp(browser, served.origin);
  await page.setInputFiles('#photo-input', path.join(root, 'tests', 'fixtures', 'astronaut.jpg'));
  await page.waitForSelector('main[data-photo="loaded"]');
  await page.click('.frame-option[data-frame-id="merah-putih"]');
  await page.focus('#preview');
  await page.keyboard.press('+');
  const zoomBefore = await page.getAttribute('#preview', 'data-zoom');

  await page.setInputFiles('#photo-input', { name: 'foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('bukan gambar') });
  await page.waitForSelector('#error:not(.hidden)');
  assert.match(await page.textContent('#error'), /bukan gambar yang bisa dibaca/);
  assert.equal(await page.getAttribute('main', 'data-photo'), 'loaded');
  assert.equal(await page.getAttribute('.frame-option[data-frame-id="merah-putih"]', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute('#preview', 'data-zoom'), zoomBefore);
  await page.screenshot({ path: path.join(artifacts, 'error-360x800.png') });

  // The next good file works at once.
  await page.setInputFiles('#photo-input', path.join(root, 'tests', 'fixtures', 'coffee.jpg'));
  await page.waitForSelector('#error.hidden', { state: 'attached' });
  await page.waitForSelector('main[data-photo="loaded"]');
  assert.deepEqual(errors, []);
  await context.close();
});

test('profile circle: the toggle darkens what a circular profile photo hides, the photo still moves, and the share panel says why', async () => {
  const { context, page, errors } = await openApp(browser, served.origin);
  await page.setInputFiles('#photo-input', path.join(root, 'tests', 'fixtures', 'astronaut.jpg'));
  await page.waitForSelector('main[data-photo="loaded"]');
  await previewDrawn(page);
  assert.equal(await page.getAttribute('#circle-toggle', 'aria-pressed'), 'false');
  assert.equal(await page.locator('#circle-guide').count(), 0);
  const box = await page.locator('#preview').boundingBox();
  const shot = async () => decodeInPage(page, await page.screenshot({ clip: box }));
  const before = await shot();

  await page.click('#circle-toggle');
  assert.equal(await page.getAttribute('#circle-toggle', 'aria-pressed'), 'true');
  const guide = await page.locator('#circle-guide').boundingBox();
  for (const k of ['x', 'y', 'width', 'height']) {
    assert.ok(Math.abs(guide[k] - box[k]) <= 1, `the circle guide covers the preview exactly (${k}: ${guide[k]} vs ${box[k]})`);
  }
  const after = await shot();
  const lum = (p) => p[0] * 0.2126 + p[1] * 0.7152 + p[2] * 0.0722;
  const [w, h] = [after.width, after.height];
  // A corner (outside the circle) is darkened; the centre (inside) is untouched.
  const corner = [Math.round(w * 0.04), Math.round(h * 0.04)];
  assert.ok(lum(after.pixel(...corner)) < lum(before.pixel(...corner)) * 0.6, 'the corner is darkened');
  const centre = [Math.round(w / 2), Math.round(h / 2)];
  assert.ok(Math.abs(lum(after.pixel(...centre)) - lum(before.pixel(...centre))) < 3, 'the centre is as it was');

  // The guide lets the pointer through: dragging still moves the photo.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(box.x + box.width / 2 + i * 10, box.y + box.height / 2);
  await page.mouse.up();
  assert.ok(Number(await page.getAttribute('#preview', 'data-offset-x')) > 0, 'the photo moved under the guide');

  assert.match(await page.textContent('#share-note'), /lingkaran/);
  await page.click('#circle-toggle');
  assert.equal(await page.locator('#circle-guide').count(), 0);
  // Not part of the image: the download is the full square.
  const png = await downloadFrom(page, '#download-png');
  const image = await decodeInPage(page, png.bytes);
  assert.deepEqual([image.width, image.height], [1080, 1080]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the preview is drawn in a worker: one that crashes is started again, and the photo is shown', async () => {
  // The preview worker's first draw traps, as a panic or out-of-memory would. Every instance of
  // the script is wrapped (downloads use another one); only the page's first preview request
  // (id 2: the photo's decode is request 1) traps, so the draw tried again in a fresh worker
  // comes through. The crashed worker had decoded the photo itself: the fresh one is sent the
  // photo's file again.
  const { context, page, errors } = await openApp(browser, served.origin, {
    init: (c) => c.route('**/export_worker_loader.js', (route) => route.fulfill({
        contentType: 'text/javascript',
        body: `importScripts("./export_worker.js");
          wasm_bindgen("./export_worker_bg.wasm").then(() => {
            const real = self.onmessage;
            self.onmessage = (e) => {
              const head = JSON.parse(e.data[0]);
              if (head.type === "preview" && head.id === 2) throw new Error("simulated crash");
              real(e);
            };
          });`,
    })),
  });
  // The export worker instances the page starts, and which of them have been stopped.
  const workers = [];
  page.on('worker', (w) => {
    if (!w.url().includes('export_worker')) return;
    const entry = { closed: false };
    w.on('close', () => { entry.closed = true; });
    workers.push(entry);
  });
  const shown = () => page.$eval('#preview', (c) => c.toDataURL());
  const before = await shown();
  await page.setInputFiles('#photo-input', path.join(root, 'tests', 'fixtures', 'astronaut.jpg'));
  await page.waitForSelector('main[data-photo="loaded"]');
  await previewDrawn(page);
  assert.notEqual(await shown(), before, 'the photo is in the preview');
  assert.ok(workers.some((w) => w.closed), 'the crashed worker was stopped');
  assert.ok(workers.some((w) => !w.closed), 'a fresh one runs');
  // And it keeps drawing: a move is drawn too.
  const drawn = await shown();
  await page.focus('#preview');
  await page.keyboard.press('+');
  await previewDrawn(page);
  assert.notEqual(await shown(), drawn, 'the zoomed photo is drawn');
  assert.deepEqual(errors, []);
  await context.close();
});
