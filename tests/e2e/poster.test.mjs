// Posters and the brand kit in headless Chromium against the release build: set the brand once,
// make the posters at every size (PNG/JPEG, and the A4 PDF), compare with the CLI, send the kit
// as a link that opens the same kit in a fresh browser, and bad kit data (a damaged link, an
// oversized or broken JSON file) gives a clear message without breaking the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serveDist, launch, decodeInPage, downloadFrom, artifacts, root, fixtures, differingShare } from './harness.mjs';

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

const AGENCY = 'Badan Kesatuan Bangsa dan Politik Kabupaten Kepulauan Sangihe';
const ISSUER = 'Badan Kepegawaian Negara';
const LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100"><circle cx="50" cy="50" r="46" fill="#FFC400"/><path d="M28 52 L44 68 L74 34" fill="none" stroke="#0B2D5B" stroke-width="11"/></svg>';

/** A fresh browser context (own storage), the app opened at `hash`, on the poster page. */
async function open(hash = '', { click = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(served.origin + '/' + hash);
  await page.waitForSelector('#tab-poster');
  if (click) await page.click('#tab-poster');
  await page.waitForSelector('#poster-preview');
  return { context, page, errors };
}

async function setKit(page) {
  await page.fill('#brand-agency', AGENCY);
  await page.fill('#brand-issuer', ISSUER);
  await page.fill('#brand-primary', '#7a1f2b');
  await page.fill('#brand-hashtags', '#NetralitasASN PemiluDamai');
  await page.press('#brand-hashtags', 'Tab');
  await page.setInputFiles('#brand-logo-input', { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(LOGO_SVG) });
  await page.waitForSelector('#brand-logo-status');
}

async function kitOnPage(page) {
  return {
    agency: await page.inputValue('#brand-agency'),
    issuer: await page.inputValue('#brand-issuer'),
    primary: await page.inputValue('#brand-primary'),
    secondary: await page.inputValue('#brand-secondary'),
    hashtags: await page.inputValue('#brand-hashtags'),
    logo: await page.locator('#brand-logo-status').count(),
  };
}

test('brand once, four posters at every size, A4 PDF, same pixels as the CLI', async () => {
  const { context, page, errors } = await open();
  assert.equal(await page.isVisible('#preview'), false, 'the twibbon page is hidden');
  await setKit(page);
  await page.screenshot({ path: path.join(artifacts, 'poster-360x800.png'), fullPage: true });
  // Usable at 360 px: nothing wider than the screen.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
  // Keyboard: the size switch is a radio group (arrow keys), designs are buttons (Enter).
  await page.focus('#size-1080x1080');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('#poster-page[data-size="1080x1350"]');
  await page.focus('.poster-option[data-poster-id="larangan"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#poster-page[data-poster="larangan"]');

  // The kit is remembered by this browser.
  await page.reload();
  await page.click('#tab-poster');
  await page.waitForSelector('#brand-logo-status');
  assert.equal(await page.inputValue('#brand-agency'), AGENCY);

  // Every design at every size: the preview follows the size's aspect ratio.
  const sizes = { '1080x1080': [1080, 1080], '1080x1350': [1080, 1350], '1080x1920': [1080, 1920], a4: [2480, 3508] };
  const ids = await page.$$eval('.poster-option', (els) => els.map((e) => e.dataset.posterId));
  assert.deepEqual(ids, ['slogan', 'larangan', 'ikrar', 'sosialisasi']);
  for (const id of ids) {
    await page.click(`.poster-option[data-poster-id="${id}"]`);
    for (const [key, [w, h]] of Object.entries(sizes)) {
      await page.check(`#size-${key}`);
      await page.waitForSelector(`#poster-page[data-poster="${id}"][data-size="${key}"]`);
      const dims = await page.$eval('#poster-preview', (c) => [c.width, c.height]);
      assert.equal(dims[0], 540);
      assert.ok(Math.abs(dims[1] - Math.round((540 * h) / w)) <= 1, `${id} ${key} preview ${dims}`);
    }
  }
  // The pledge poster takes a photo: it shows in the photo slot, where the empty slot was.
  await page.click('.poster-option[data-poster-id="ikrar"]');
  await page.waitForSelector('#poster-page[data-poster="ikrar"][data-size="a4"]');
  const emptySlot = await slotPixels(page, IKRAR_A4_SLOT);
  const beforePhoto = await previewPixels(page);
  await page.setInputFiles('#poster-photo-input', path.join(fixtures, 'astronaut.jpg'));
  await page.waitForFunction(() => !document.querySelector('.poster-preview .busy'));
  await previewChanged(page, beforePhoto);
  const photoSlot = await slotPixels(page, IKRAR_A4_SLOT);
  const changed = photoSlot.filter((p, i) => Math.max(...[0, 1, 2].map((c) => Math.abs(p[c] - emptySlot[i][c]))) > 16);
  assert.ok(changed.length > 0.5 * photoSlot.length,
    `the photo fills the slot: ${changed.length} of ${photoSlot.length} slot pixels changed`);

  // Downloads: PNG at a social size, JPEG at story size, PDF at A4.
  await page.click('.poster-option[data-poster-id="sosialisasi"]');
  await page.check('#size-1080x1080');
  await page.fill('#field-date', 'Senin, 7 Desember 2026');
  const png = await downloadFrom(page, '#poster-png');
  assert.deepEqual(png.longTasks, [], 'png: no main-thread task over 50 ms while exporting (the export worker does it)');
  assert.equal(png.name, 'poster-asn-pilih-netral-sosialisasi-1080x1080.png');
  const pngImage = await decodeInPage(page, png.bytes);
  assert.deepEqual([pngImage.width, pngImage.height], [1080, 1080]);
  // The brand primary fills the top band.
  const top = pngImage.pixel(20, 200);
  assert.ok(Math.abs(top[0] - 0x7a) < 30 && Math.abs(top[1] - 0x1f) < 30, `brand colour on the poster: ${top}`);

  await page.check('#size-1080x1920');
  const jpeg = await downloadFrom(page, '#poster-jpeg');
  assert.deepEqual(jpeg.longTasks, [], 'jpeg: no main-thread task over 50 ms while exporting (the export worker does it)');
  const jpegImage = await decodeInPage(page, jpeg.bytes);
  assert.deepEqual([jpegImage.width, jpegImage.height], [1080, 1920]);

  assert.equal(await page.locator('#poster-pdf').count(), 0, 'PDF only at A4');
  await page.check('#size-a4');
  const pdf = await downloadFrom(page, '#poster-pdf');
  assert.deepEqual(pdf.longTasks, [], 'pdf: no main-thread task over 50 ms while exporting (the export worker does it)');
  assert.match(pdf.name, /\.pdf$/);
  const pdfText = pdf.bytes.toString('latin1');
  assert.ok(pdfText.startsWith('%PDF-'));
  assert.match(pdfText, /\/MediaBox \[0 0 595\.28 841\.89\]/);
  assert.match(pdfText, /\/Width 2480/);
  assert.match(pdfText, /\/Height 3508/);
  const a4 = await downloadFrom(page, '#poster-png');
  assert.deepEqual(a4.longTasks, [], 'a4: no main-thread task over 50 ms while exporting (the export worker does it)');
  const a4Image = await decodeInPage(page, a4.bytes);
  assert.deepEqual([a4Image.width, a4Image.height], [2480, 3508]);

  // The same poster through the CLI, with the kit the app exports: the same pixels.
  const kit = await downloadFrom(page, '#brand-export');
  assert.match(kit.name, /\.json$/);
  const kitFile = path.join(artifacts, 'kit-merek.json');
  fs.writeFileSync(kitFile, kit.bytes);
  const parsed = JSON.parse(kit.bytes.toString('utf8'));
  assert.equal(parsed.agency, AGENCY);
  assert.equal(parsed.primary, '#7A1F2B');
  assert.deepEqual(parsed.hashtags, ['NetralitasASN', 'PemiluDamai']);
  const cli = path.join(root, 'target', 'debug', 'campaign-kit');
  if (!fs.existsSync(cli)) execFileSync('cargo', ['build', '--quiet', '--bin', 'campaign-kit'], { cwd: root });
  const cliOut = path.join(artifacts, 'cli-poster.png');
  execFileSync(cli, ['poster', '--template', 'sosialisasi', '--size', '1080x1080', '--brand', kitFile,
    '--field', 'date=Senin, 7 Desember 2026', '--out', cliOut]);
  const fromCli = await decodeInPage(page, fs.readFileSync(cliOut));
  let differing = 0;
  let total = 0;
  for (let y = 0; y < 1080; y += 3) {
    for (let x = 0; x < 1080; x += 3) {
      const a = pngImage.pixel(x, y);
      const b = fromCli.pixel(x, y);
      total += 1;
      if (Math.max(...[0, 1, 2].map((i) => Math.abs(a[i] - b[i]))) > 4) differing += 1;
    }
  }
  assert.ok(differing / total < 0.005, `app and CLI differ in ${differing} of ${total} sampled pixels`);

  // Too-long text is cut with "…" and the user is told which field.
  await page.check('#size-1080x1080');
  await page.fill('#field-place', 'Aula '.repeat(30));
  await page.waitForSelector('#poster-cut:not(.hidden)');
  assert.match(await page.textContent('#poster-cut'), /Tempat/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the kit link opens the same kit in a fresh browser', async () => {
  const first = await open();
  await setKit(first.page);
  const before = await kitOnPage(first.page);
  await first.page.click('#brand-link');
  const link = await first.page.inputValue('#brand-link-output');
  assert.ok(link.startsWith(served.origin + '/#kit='), link);
  assert.ok(link.length < 6100, `link length ${link.length}`);
  assert.equal(await first.page.locator('#brand-link-note').count(), 0, 'a small SVG logo fits in the link');
  await first.context.close();

  // A colleague's browser: nothing stored; the link brings the kit beside the (default) one
  // kept, and the poster page. Nothing is applied or stored until they accept it.
  const second = await open(link.slice(served.origin.length + 1), { click: false });
  await second.page.waitForSelector('#kit-offer');
  assert.match(await second.page.textContent('#kit-offer-title'), /tautan/);
  const storedBefore = JSON.parse(await second.page.evaluate(() => localStorage.getItem('campaign-kit.brand')) ?? '{}');
  assert.ok(!storedBefore.agency, 'the offered kit is not stored before the choice');
  await second.page.click('#kit-offer-accept');
  await second.page.waitForSelector('#kit-change');
  assert.deepEqual(await kitOnPage(second.page), before);
  assert.equal(new URL(second.page.url()).hash, '', 'the fragment is removed after reading');
  // And kept: a reload without the fragment shows the same kit.
  await second.page.reload();
  await second.page.click('#tab-poster');
  await second.page.waitForSelector('#brand-logo-status');
  assert.deepEqual(await kitOnPage(second.page), before);
  assert.deepEqual(second.errors, []);
  await second.context.close();
});

test('bad kit data: a damaged link, an oversized or broken file give a clear message', async () => {
  const { context, page, errors } = await open('#kit=eJzLSM3JyVcozy_KSQEAGgQEXQ-damaged', { click: false });
  await page.waitForSelector('#kit-link-message[role="alert"]');
  assert.match(await page.textContent('#kit-link-message'), /rusak atau terpotong/);
  // The page works: the default kit, editable, and a poster can be made.
  assert.equal(await page.inputValue('#brand-agency'), '');
  await page.fill('#brand-agency', 'Inspektorat Daerah');
  const png = await downloadFrom(page, '#poster-png');
  assert.equal((await decodeInPage(page, png.bytes)).width, 1080);

  // An oversized JSON file is refused before it is read.
  const huge = Buffer.alloc(600 * 1024, 0x20);
  await page.setInputFiles('#brand-import-input', { name: 'kit.json', mimeType: 'application/json', buffer: huge });
  await page.waitForSelector('#poster-error:not(.hidden)');
  assert.match(await page.textContent('#poster-error'), /terlalu besar/);
  await page.click('#poster-error button');

  // Not a kit, and a kit with a wrong field: clear messages, the kit unchanged.
  await page.setInputFiles('#brand-import-input', { name: 'kit.json', mimeType: 'application/json', buffer: Buffer.from('{"agency": 5}') });
  await page.waitForSelector('#poster-error:not(.hidden)');
  assert.match(await page.textContent('#poster-error'), /bukan kit merek/);
  await page.setInputFiles('#brand-import-input', { name: 'kit.json', mimeType: 'application/json', buffer: Buffer.from('{"hashtags": ["bukan tagar!"]}') });
  await page.waitForFunction(() => /Tagar/.test(document.querySelector('#poster-error').textContent));
  assert.equal(await page.inputValue('#brand-agency'), 'Inspektorat Daerah');

  // A file that is not a logo.
  await page.setInputFiles('#brand-logo-input', { name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('bukan gambar') });
  await page.waitForFunction(() => /Logo/.test(document.querySelector('#poster-error').textContent));

  // A good kit file still imports afterwards.
  await page.setInputFiles('#brand-import-input', { name: 'kit.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ agency: 'Dinas Kominfo', issuer: ISSUER })) });
  await page.waitForSelector('#kit-offer');
  assert.match(await page.textContent('#kit-offer-title'), /berkas/);
  assert.equal(await page.inputValue('#brand-agency'), 'Inspektorat Daerah', 'not applied before the choice');
  await page.click('#kit-offer-accept');
  await page.waitForFunction(() => document.querySelector('#brand-agency').value === 'Dinas Kominfo');
  assert.match(await page.textContent('#kit-change'), /dipakai/);
  await page.screenshot({ path: path.join(artifacts, 'poster-bad-kit-360x800.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

/** The ikrar design's photo slot at A4 (assets/templates/poster/ikrar.json): a circle at
 * (0.5, 0.28) of the canvas with a radius of 0.22 of its width. */
const IKRAR_A4_SLOT = { cx: 0.5, cy: 0.28, r: 0.22 };

/** The preview's pixels in a square inside the slot circle (side: the radius), as [r, g, b]. */
const slotPixels = (page, slot) => page.$eval('#poster-preview', (c, s) => {
  const half = Math.floor((s.r * c.width) / 2);
  const [x0, y0] = [Math.round(s.cx * c.width) - half, Math.round(s.cy * c.height) - half];
  const { data } = c.getContext('2d').getImageData(x0, y0, 2 * half, 2 * half);
  const out = [];
  for (let i = 0; i < data.length; i += 4) out.push([data[i], data[i + 1], data[i + 2]]);
  return out;
}, slot);

/** The poster preview's pixels, as a PNG data URL (equal strings = equal pixels). */
const previewPixels = (page) => page.$eval('#poster-preview', (c) => c.toDataURL());
/** Wait until the preview shows something other than `before`. */
const previewChanged = (page, before) => page.waitForFunction(
  (b) => document.querySelector('#poster-preview').toDataURL() !== b, before);

test('the poster photo moves like the twibbon: drag, keys, rotate, reset; the download equals the CLI', async () => {
  const { context, page, errors } = await open();
  await page.click('.poster-option[data-poster-id="ikrar"]');
  await page.waitForSelector('#poster-page[data-poster="ikrar"][data-size="1080x1080"]');
  // Before a photo: the controls are shown but off, and the canvas is no stop in the Tab order.
  assert.equal(await page.isDisabled('#poster-photo-zoom'), true);
  assert.equal(await page.getAttribute('#poster-preview', 'tabindex'), null);
  const blank = await previewPixels(page);

  await page.setInputFiles('#poster-photo-input', path.join(fixtures, 'astronaut.jpg'));
  await page.waitForSelector('#poster-preview.movable[tabindex="0"]');
  await previewChanged(page, blank);
  await page.waitForFunction(() => !document.querySelector('.poster-preview .busy'));
  const original = await previewPixels(page);
  assert.equal(await page.isDisabled('#poster-photo-zoom'), false);
  // The twibbon page's controls keep their own ids: one of each in the document.
  assert.equal(await page.locator('#zoom').count(), 1);
  assert.equal(await page.locator('#reset').count(), 1);

  // Drag right by 20 % of the canvas, as on the twibbon page.
  const canvas = page.locator('#poster-preview');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(cx + (box.width * 0.2 * i) / 10, cy);
  await page.mouse.up();
  const offsetX = Number(await page.getAttribute('#poster-preview', 'data-offset-x'));
  assert.ok(Math.abs(offsetX - 0.2) < 0.01, `pan after dragging 20% right: ${offsetX}`);
  await previewChanged(page, original);
  const dragged = await previewPixels(page);

  // Zoom from the keyboard on the focused canvas.
  await page.focus('#poster-preview');
  await page.keyboard.press('+');
  const zoom = Number(await page.getAttribute('#poster-preview', 'data-zoom'));
  assert.ok(Math.abs(zoom - 1.1) < 1e-3, `zoom after one + press: ${zoom}`);
  await previewChanged(page, dragged);
  await page.screenshot({ path: path.join(artifacts, 'poster-photo-moved-360x800.png') });

  // The download is the preview's placement: the same pixels as the CLI with the same flags,
  // and not those of the CLI's default placement.
  const png = await downloadFrom(page, '#poster-png');
  const fromApp = await decodeInPage(page, png.bytes);
  assert.deepEqual([fromApp.width, fromApp.height], [1080, 1080]);
  const cli = path.join(root, 'target', 'debug', 'campaign-kit');
  if (!fs.existsSync(cli)) execFileSync('cargo', ['build', '--quiet', '--bin', 'campaign-kit'], { cwd: root });
  const attr = async (name) => Number(await page.getAttribute('#poster-preview', name));
  const moved = path.join(artifacts, 'cli-poster-moved.png');
  const centred = path.join(artifacts, 'cli-poster-centred.png');
  const base = ['poster', '--template', 'ikrar', '--size', '1080x1080', '--photo', path.join(fixtures, 'astronaut.jpg')];
  execFileSync(cli, [...base,
    '--zoom', String(await attr('data-zoom')),
    '--offset-x', String((await attr('data-offset-x')) * 1080),
    '--offset-y', String((await attr('data-offset-y')) * 1080),
    '--rotate', String(await attr('data-rotate')), '--out', moved]);
  execFileSync(cli, [...base, '--out', centred]);
  const share = differingShare(fromApp, await decodeInPage(page, fs.readFileSync(moved)));
  assert.ok(share < 0.005, `app and CLI differ in ${(share * 100).toFixed(2)} % of sampled pixels`);
  const unmoved = differingShare(fromApp, await decodeInPage(page, fs.readFileSync(centred)));
  assert.ok(unmoved > 0.01, `the moved photo must differ from the centred one (${(unmoved * 100).toFixed(2)} %)`);

  // The quarter-turn button turns it; reset brings back the very first pixels.
  const zoomed = await previewPixels(page);
  await page.click('#poster-photo-rotate-right');
  assert.equal(await page.getAttribute('#poster-preview', 'data-rotate'), '90');
  await previewChanged(page, zoomed);
  await page.click('#poster-photo-reset');
  assert.equal(await page.getAttribute('#poster-preview', 'data-zoom'), '1');
  assert.equal(await page.getAttribute('#poster-preview', 'data-offset-x'), '0');
  assert.equal(await page.getAttribute('#poster-preview', 'data-rotate'), '0');
  await page.waitForFunction((o) => document.querySelector('#poster-preview').toDataURL() === o, original);

  // A design without a photo: the canvas is a plain picture again.
  await page.click('.poster-option[data-poster-id="slogan"]');
  await page.waitForSelector('#poster-preview:not(.movable)');
  assert.equal(await page.locator('#poster-photo-zoom').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the caption uses the brand kit\'s hashtags on every page that shares', async () => {
  const { context, page, errors } = await open();
  // Before a kit has hashtags: the suggestions, called suggestions.
  assert.match(await page.inputValue('#poster-caption'), /#ASNPilihNetral/);
  assert.match(await page.textContent('#poster-caption-hint'), /bukan tagar resmi/);
  await setKit(page);
  const tags = '#NetralitasASN #PemiluDamai';
  const poster = await page.inputValue('#poster-caption');
  assert.ok(poster.endsWith(tags), poster);
  assert.doesNotMatch(poster, /#ASNPilihNetral/);
  assert.match(await page.textContent('#poster-caption-hint'), /kit merek/);

  // The twibbon page and the pledge page use the same kit.
  await page.click('#tab-twibbon');
  const twibbon = await page.inputValue('#caption');
  assert.ok(twibbon.endsWith(tags), twibbon);
  assert.match(twibbon, /memilih netral/);
  await page.click('#tab-pledge');
  await page.waitForSelector('#pledge-caption');
  assert.ok((await page.inputValue('#pledge-caption')).endsWith(tags));

  // In English too.
  await page.click('#lang-en');
  const english = await page.inputValue('#pledge-caption');
  assert.match(english, /stay neutral/);
  assert.ok(english.endsWith(tags), english);
  assert.match(await page.textContent('#pledge-caption-hint'), /brand kit/);
  assert.deepEqual(errors, []);
  await context.close();
});
