// Every script drawn in the browser (issue 29): Aksara Bali, Jawa and Sunda, flags and ZWJ emoji
// need a shaper, which is a wasm of its own (harfrust, `shaper_bg.wasm`) fetched the first time
// a text needs it — not on the first visit. Typed in the page, each is drawn in the poster, the
// pledge card and the twibbon, and the downloads equal the CLI's render of the same inputs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serveDist, launch, decodeInPage, downloadFrom, previewDrawn, artifacts, root, pngFile } from './harness.mjs';

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

/** The texts: one per script that needs shaping, each with signs that stack or reorder. */
/** The texts: one per script that needs shaping, each with signs that stack or reorder, and the
 * fallback font each fetches. */
const TEXTS = [
  ['Aksara Bali', 'ᬒᬁᬲ᭄ᬯᬲ᭄ᬢ᭄ᬬᬲ᭄ᬢᬸ', 'NotoSansBalinese-'],
  ['Aksara Jawa', 'ꦲꦱꦤ꧀ ꦤꦼꦠꦿꦭ꧀', 'NotoSansJavanese-'],
  ['Aksara Sunda', 'ᮃᮞᮔ᮪ ᮔᮨᮒᮢᮜ᮪', 'NotoSansSundanese-'],
  ['a flag and a ZWJ emoji', 'ASN 🇮🇩 👩‍💻', 'NotoEmoji-'],
];

/** Type `text` into `field` and wait until it is drawn: its font (and the first time, the
 * shaper) fetched, the page's note naming nothing it cannot draw. */
async function typeAndWait(page, field, text, font, note) {
  const fetched = page.waitForResponse((r) => r.url().includes(`/fallback/${font}`));
  await page.fill(field, text);
  assert.equal((await fetched).status(), 200);
  await page.waitForTimeout(500);
  await noCannotDraw(page, note);
}

const shaperRequests = () => served.requests.filter((r) => r.includes('shaper'));

const cli = () => {
  const bin = path.join(root, 'target', 'debug', 'campaign-kit');
  if (!fs.existsSync(bin)) execFileSync('cargo', ['build', '--quiet', '--bin', 'campaign-kit'], { cwd: root });
  return bin;
};

/** Pixels (RGB) that differ by more than 4 levels, over every pixel of two decoded images. */
function differing(a, b) {
  assert.deepEqual([a.width, a.height], [b.width, b.height]);
  let n = 0;
  for (let y = 0; y < a.height; y += 1) {
    for (let x = 0; x < a.width; x += 1) {
      const [p, q] = [a.pixel(x, y), b.pixel(x, y)];
      if (Math.max(...[0, 1, 2].map((i) => Math.abs(p[i] - q[i]))) > 4) n += 1;
    }
  }
  return n;
}

/** Wait until the page's note (selector) no longer names a character it cannot draw, after the
 * shaper and the font have arrived and the preview was drawn again. */
async function noCannotDraw(page, selector) {
  await page.waitForFunction((s) => {
    const note = document.querySelector(s);
    return !note || note.classList.contains('hidden') || !/U\+|tidak dapat digambar|Cannot draw/.test(note.textContent);
  }, selector, { timeout: 20000 });
}

async function open(tab) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(served.origin + '/');
  await page.waitForSelector(tab ? `#tab-${tab}` : '#preview');
  if (tab) await page.click(`#tab-${tab}`);
  return { context, page, errors };
}

test('the first visit does not fetch the shaper, service worker install included', async () => {
  const already = shaperRequests().length;
  const { context, page, errors } = await open();
  await page.evaluate(() => navigator.serviceWorker?.ready);
  await page.waitForTimeout(500);
  assert.deepEqual(shaperRequests().slice(already), [], 'no shaper on a first visit');
  assert.deepEqual(errors, []);
  await context.close();
});

test('poster headlines in Aksara Bali, Jawa, Sunda, a flag and a ZWJ emoji: drawn, and the PNG is the CLI\'s', async () => {
  const already = shaperRequests().length;
  const { context, page, errors } = await open('poster');
  await page.waitForSelector('#poster-preview');
  await page.click('.poster-option[data-poster-id="slogan"]');
  await page.check('#size-1080x1080');
  const bin = cli();
  for (const [what, headline, font] of TEXTS) {
    await typeAndWait(page, '#field-headline', headline, font, '#poster-cut');
    const file = await downloadFrom(page, '#poster-png');
    const fromApp = await decodeInPage(page, file.bytes);
    const out = path.join(artifacts, `cli-script-poster-${TEXTS.findIndex((t) => t[0] === what)}.png`);
    execFileSync(bin, ['poster', '--template', 'slogan', '--size', '1080x1080', '--headline', headline, '--out', out]);
    const n = differing(fromApp, await decodeInPage(page, fs.readFileSync(out)));
    assert.equal(n, 0, `${what}: app and CLI posters differ in ${n} pixels`);
  }
  const note = await page.textContent('#poster-cut');
  assert.ok(!/U\+|tidak dapat digambar|Cannot draw/.test(note), `note: ${note}`);
  assert.equal(shaperRequests().slice(already).length, 1, 'the shaper is fetched once');
  assert.deepEqual(errors, []);
  await context.close();
});

test('pledge card names in Aksara Bali, Jawa, Sunda, a flag and a ZWJ emoji: drawn, and the PNG is the CLI\'s', async () => {
  const { context, page, errors } = await open('pledge');
  await page.waitForSelector('#pledge-name');
  // A fixed date: the page's default is the device's day, the CLI's the day in WIB.
  await page.fill('#pledge-date', '2026-11-23');
  const bin = cli();
  for (const [what, name, font] of TEXTS) {
    await typeAndWait(page, '#pledge-name', name, font, '#pledge-note');
    const file = await downloadFrom(page, '#pledge-png');
    const fromApp = await decodeInPage(page, file.bytes);
    const out = path.join(artifacts, `cli-script-pledge-${TEXTS.findIndex((t) => t[0] === what)}.png`);
    execFileSync(bin, ['pledge', '--name', name, '--date', '2026-11-23', '--out', out]);
    const n = differing(fromApp, await decodeInPage(page, fs.readFileSync(out)));
    assert.equal(n, 0, `${what}: app and CLI cards differ in ${n} pixels`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

/** A lossless photo (decoded the same by the browser and the CLI), 1200×900, photo-like. */
function photoPng() {
  const [w, h] = [1200, 900];
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y += 1) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x += 1) {
      const at = y * (w * 3 + 1) + 1 + x * 3;
      raw[at] = (x * 255) / w;
      raw[at + 1] = (y * 255) / h;
      raw[at + 2] = ((x ^ y) & 255);
    }
  }
  return pngFile(w, h, 2, zlib.deflateSync(raw));
}

test('a twibbon slogan in Aksara Jawa: the preview\'s worker fetches the shaper, and the download is the CLI\'s', async () => {
  const { context, page, errors } = await open();
  const photo = path.join(artifacts, 'script-photo.png');
  fs.writeFileSync(photo, photoPng());
  await page.setInputFiles('#photo-input', photo);
  await page.waitForSelector('main[data-photo="loaded"]');
  await previewDrawn(page);
  const slogan = TEXTS[1][1];
  const response = page.waitForResponse((r) => r.url().endsWith('/shaper_bg.wasm'));
  await page.fill('#twibbon-text-slogan', slogan);
  assert.equal((await response).status(), 200);
  await page.waitForTimeout(500);
  await previewDrawn(page);
  const file = await downloadFrom(page, '#download-png');
  const fromApp = await decodeInPage(page, file.bytes);
  const out = path.join(artifacts, 'cli-script-twibbon.png');
  execFileSync(cli(), ['twibbon', '--photo', photo, '--text', `slogan=${slogan}`, '--out', out]);
  const n = differing(fromApp, await decodeInPage(page, fs.readFileSync(out)));
  assert.equal(n, 0, `app and CLI twibbons differ in ${n} pixels`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a batch whose names are in Aksara Bali, Jawa and Sunda: the batch worker fetches the shaper, and every card is drawn', async () => {
  const { context, page, errors } = await open('pledge');
  await page.waitForSelector('#batch-input');
  const csv = ['Nama;Jabatan', ...TEXTS.slice(0, 3).map(([, name]) => `${name};Analis`)].join('\r\n');
  const fetched = page.waitForResponse((r) => r.url().endsWith('/shaper_bg.wasm'));
  await page.setInputFiles('#batch-input', { name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#batch[data-state="ready"]');
  await page.click('#batch-make');
  assert.equal((await fetched).status(), 200);
  await page.waitForSelector('#batch[data-state="done"]', { timeout: 120_000 });
  assert.match(await page.textContent('#batch-status'), /3 kartu dibuat/);
  assert.equal(await page.locator('#batch-missing').count(), 0, 'no character is reported as not drawn');
  assert.deepEqual(errors, []);
  await context.close();
});
