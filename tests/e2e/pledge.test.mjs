// Pledge cards in headless Chromium against the release build: one card from the form (a wrong
// NIP is named part by part and blocks nothing else; the fixed NIP, a drawn signature, PNG and
// A4 PDF downloads, the PNG pixel for pixel the CLI's card), a PPPK's NI PPPK recognised as such (and its wrong parts named), and a batch from a small CSV with one bad row (the invalid-row table, the
// ZIP unzipped here: one PNG per good row at 1080×1350 and laporan.csv naming the bad one; the
// PDF with one page per card), cancelling a running batch, and axe on every state of the page.
//
// PLEDGE_ROWS=1000 adds a timed batch of that many generated rows (for the README's figures).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serveDist, launch, openApp, decodeInPage, downloadFrom, recordCspViolations, runAxe, layoutProblems, artifacts, fixtures, root } from './harness.mjs';

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

const NAME = 'Dr. Siti Rahmawati, S.Sos., M.Si.';
const GOOD_NIP = '19850412 201001 2 003';
// Month 13 in the birth date (digits 1–8).
const BAD_NIP = '19851312 201001 2 003';

/** The app with the pledge page open; CSP violations recorded. */
async function openPledge(contextOptions = {}) {
  const opened = await openApp(browser, served.origin, {
    contextOptions,
    init: (context) => recordCspViolations(context),
  });
  await opened.page.click('#tab-pledge');
  await opened.page.waitForSelector('#pledge-preview');
  return opened;
}

/** Draw a stroke across the signature pad with the mouse (pointer events). */
async function drawStroke(page, from, to) {
  await page.locator('#signature-pad').scrollIntoViewIfNeeded();
  const box = await page.locator('#signature-pad').boundingBox();
  const at = ([x, y]) => [box.x + box.width * x, box.y + box.height * y];
  await page.mouse.move(...at(from));
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    const t = i / 12;
    const x = from[0] + (to[0] - from[0]) * t;
    const y = from[1] + (to[1] - from[1]) * t + Math.sin(t * Math.PI * 3) * 0.15;
    await page.mouse.move(...at([x, y]));
  }
  await page.mouse.up();
}

/** A PNG of grey-white paper, with a dark-blue scribble on it if `ink`. */
async function paperPhoto(page, ink) {
  const b64 = await page.evaluate(async (ink) => {
    const canvas = new OffscreenCanvas(800, 400);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#e8e6e0';
    ctx.fillRect(0, 0, 800, 400);
    if (ink) {
      ctx.strokeStyle = '#1b2a6b';
      ctx.lineWidth = 7;
      ctx.beginPath();
      ctx.moveTo(100, 250);
      ctx.bezierCurveTo(200, 50, 300, 350, 420, 180);
      ctx.bezierCurveTo(500, 80, 600, 300, 700, 200);
      ctx.stroke();
    }
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, ink);
  return Buffer.from(b64, 'base64');
}

/**
 * A JPEG "phone photo" of a signature on paper (1200×900): warm grey paper, a strong shadow
 * across the top-right corner (the light down to 40 %, soft edge), a vignette, and — if `ink` —
 * a scribble whose ink spans x 200–1000, y 330–600, partly in the shadow.
 */
async function shadowedPaperPhoto(page, ink) {
  const b64 = await page.evaluate(async (ink) => {
    const canvas = new OffscreenCanvas(1200, 900);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#d6cec0';
    ctx.fillRect(0, 0, 1200, 900);
    if (ink) {
      ctx.strokeStyle = '#19204a';
      ctx.lineWidth = 8;
      ctx.lineCap = 'round';
      ctx.beginPath();
      ctx.moveTo(204, 560);
      ctx.bezierCurveTo(300, 300, 420, 640, 560, 420);
      ctx.bezierCurveTo(700, 250, 820, 620, 996, 334);
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(220, 596);
      ctx.lineTo(980, 560);
      ctx.stroke();
    }
    // The shadow: a multiply layer, 40 % light beyond a soft diagonal edge near the top right.
    ctx.globalCompositeOperation = 'multiply';
    const shadow = ctx.createLinearGradient(700, 300, 780, 220);
    shadow.addColorStop(0, 'rgb(255,255,255)');
    shadow.addColorStop(1, 'rgb(102,102,102)');
    ctx.fillStyle = shadow;
    ctx.fillRect(0, 0, 1200, 900);
    // The vignette: 75 % light in the corners.
    const vignette = ctx.createRadialGradient(600, 450, 200, 600, 450, 750);
    vignette.addColorStop(0, 'rgb(255,255,255)');
    vignette.addColorStop(1, 'rgb(191,191,191)');
    ctx.fillStyle = vignette;
    ctx.fillRect(0, 0, 1200, 900);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, ink);
  return Buffer.from(b64, 'base64');
}

async function assertNoViolations(page, state) {
  const violations = await runAxe(page);
  assert.deepEqual(violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe on "${state}"`);
}

/** The entries of a ZIP (stored or deflated), read through its central directory. */
function unzip(buffer) {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'ZIP end record');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buffer.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(dataAt, dataAt + compressed);
    entries.set(name, method === 0 ? raw : zlib.inflateRawSync(raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A ZIP of stored entries ({ name: text }), as a minimal writer would make it. */
function zipStored(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A minimal .xlsx (one sheet, inline strings) of `rows`. */
function xlsx(rows) {
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const cells = rows.map((row, r) => `<row r="${r + 1}">${row.map((cell, c) =>
    `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${esc(cell)}</t></is></c>`).join('')}</row>`).join('');
  const ns = 'http://schemas.openxmlformats.org';
  return zipStored({
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>${cells}</sheetData></worksheet>`,
  });
}

/** Width and height from a PNG's IHDR. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

function pdfPages(bytes) {
  const text = bytes.toString('latin1');
  assert.ok(text.startsWith('%PDF-'), 'a PDF');
  return (text.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

test('one card: a wrong NIP is named, fixed, signed, downloaded as PNG and A4 PDF', async () => {
  const { context, page, errors } = await openPledge();
  assert.equal(await page.isVisible('#preview'), false, 'the twibbon page is hidden');
  assert.equal(await page.getAttribute('#tab-pledge', 'aria-pressed'), 'true');
  // The date defaults to today on this device.
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  assert.equal(await page.inputValue('#pledge-date'), today);
  assert.equal((await page.inputValue('#pledge-point-1')).slice(0, 22), 'Menjaga dan menegakkan');

  await page.fill('#pledge-name', NAME);
  await page.fill('#pledge-position', 'Analis Kebijakan Ahli Muda');
  await page.fill('#pledge-agency', 'Badan Kesatuan Bangsa dan Politik Kabupaten Kepulauan Sangihe');
  await page.fill('#pledge-place', 'Tahuna');
  await page.fill('#pledge-date', '2026-11-23');

  // A wrong NIP: the message names the part, live, and the download says so too.
  await page.fill('#pledge-nip', BAD_NIP);
  assert.match(await page.textContent('#pledge-nip-status'), /Tanggal lahir pada NIP tidak valid/);
  assert.equal(await page.getAttribute('#pledge-nip', 'aria-invalid'), 'true');
  await page.click('#pledge-png');
  await page.waitForSelector('#pledge-error:not(.hidden)');
  assert.match(await page.textContent('#pledge-error'), /Tanggal lahir pada NIP/);
  assert.equal(await page.inputValue('#pledge-name'), NAME, 'nothing typed is lost');
  await page.click('#pledge-error button');

  // Other wrong parts are named too.
  await page.fill('#pledge-nip', '19850412 201001 3 003');
  assert.match(await page.textContent('#pledge-nip-status'), /jenis kelamin/);
  await page.fill('#pledge-nip', '1985041220100');
  assert.match(await page.textContent('#pledge-nip-status'), /18 digit/);

  await page.fill('#pledge-nip', GOOD_NIP);
  assert.match(await page.textContent('#pledge-nip-status'), /NIP PNS valid: 19850412 201001 2 003/);
  assert.equal(await page.getAttribute('#pledge-nip', 'aria-invalid'), 'false');

  // The signature pad: draw, undo, draw again (buttons work from the keyboard).
  await drawStroke(page, [0.1, 0.6], [0.5, 0.4]);
  await page.waitForSelector('#signature-pad[data-strokes="1"]');
  await page.focus('#signature-undo');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#signature-pad[data-strokes="0"]');
  await drawStroke(page, [0.1, 0.6], [0.5, 0.4]);
  await drawStroke(page, [0.5, 0.5], [0.9, 0.55]);
  await page.waitForSelector('#signature-pad[data-strokes="2"]');
  // Ink on the pad, drawn by the core.
  const ink = await page.$eval('#signature-pad', (c) => {
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] > 128) n += 1;
    return n;
  });
  assert.ok(ink > 500, `ink pixels on the pad: ${ink}`);

  // Emptying every pledge point: the page says why no card can be drawn; reset brings them back.
  for (const i of [1, 2, 3, 4]) await page.fill(`#pledge-point-${i}`, '');
  await page.waitForSelector('#pledge-note:not(.hidden)');
  assert.match(await page.textContent('#pledge-note'), /Ikrar harus berisi 1 sampai/);
  await page.click('#pledge-points-reset');
  await page.waitForSelector('#pledge-note.hidden', { state: 'attached' });
  assert.equal((await page.inputValue('#pledge-point-4')).slice(0, 14), 'Menolak politi');

  // Usable at 360 px: nothing wider than the screen.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
  await page.screenshot({ path: path.join(artifacts, 'pledge-360x800.png'), fullPage: true });

  const png = await downloadFrom(page, '#pledge-png');
  assert.deepEqual(png.longTasks, [], 'png: no main-thread task over 50 ms while exporting (the export worker does it)');
  assert.equal(png.name, 'ikrar-dr-siti-rahmawati-s-sos-m-si-198504122010012003.png');
  const image = await decodeInPage(page, png.bytes);
  assert.deepEqual([image.width, image.height], [1080, 1350]);
  fs.writeFileSync(path.join(artifacts, 'pledge-card.png'), png.bytes);

  // Share: without Web Share (as in this headless browser, made sure of here) the same PNG is
  // downloaded, and the page says so.
  await page.evaluate(() => { delete Navigator.prototype.share; delete Navigator.prototype.canShare; });
  const shared = await downloadFrom(page, '#pledge-share');
  assert.deepEqual(shared.longTasks, [], 'shared: no main-thread task over 50 ms while exporting (the export worker does it)');
  assert.equal(shared.name, png.name);
  assert.ok(shared.bytes.equals(png.bytes), 'share and download make the same file');
  assert.match(await page.textContent('#pledge-share-status'), /diunduh/);

  const pdf = await downloadFrom(page, '#pledge-pdf');
  assert.deepEqual(pdf.longTasks, [], 'pdf: no main-thread task over 50 ms while exporting (the export worker does it)');
  assert.match(pdf.name, /^ikrar-.*\.pdf$/);
  assert.equal(pdfPages(pdf.bytes), 1);
  assert.match(pdf.bytes.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);

  // English: the labels change, nothing typed or drawn does.
  await page.click('#lang-en');
  assert.match(await page.textContent('label[for="pledge-name"]'), /Name/);
  assert.equal(await page.inputValue('#pledge-name'), NAME);
  assert.equal(await page.getAttribute('#signature-pad', 'data-strokes'), '2');
  // Clear removes the signature; a card can still be made without one.
  await page.click('#signature-clear');
  await page.waitForSelector('#signature-pad[data-strokes="0"]');
  const unsigned = await downloadFrom(page, '#pledge-png');
  const fromApp = await decodeInPage(page, unsigned.bytes);
  assert.equal(fromApp.height, 1350);

  // The same card through the CLI, with the same fields, language and (default) brand kit:
  // the same pixels, every one of them (one core render, lossless PNG on both sides).
  const cli = path.join(root, 'target', 'debug', 'campaign-kit');
  if (!fs.existsSync(cli)) execFileSync('cargo', ['build', '--quiet', '--bin', 'campaign-kit'], { cwd: root });
  const cliOut = path.join(artifacts, 'cli-pledge.png');
  execFileSync(cli, ['pledge', '--name', NAME, '--nip', GOOD_NIP, '--position', 'Analis Kebijakan Ahli Muda',
    '--agency', 'Badan Kesatuan Bangsa dan Politik Kabupaten Kepulauan Sangihe', '--place', 'Tahuna',
    '--date', '2026-11-23', '--lang', 'en', '--out', cliOut]);
  const fromCli = await decodeInPage(page, fs.readFileSync(cliOut));
  assert.deepEqual([fromCli.width, fromCli.height], [fromApp.width, fromApp.height]);
  let differing = 0;
  for (let y = 0; y < fromApp.height; y += 1) {
    for (let x = 0; x < fromApp.width; x += 1) {
      const [a, b] = [fromApp.pixel(x, y), fromCli.pixel(x, y)];
      if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2]) differing += 1;
    }
  }
  assert.equal(differing, 0, `app and CLI pledge cards differ in ${differing} pixels`);

  // A photo, and a signature photographed on paper (a blank page is refused with a reason).
  await page.setInputFiles('#pledge-photo-input', path.join(fixtures, 'astronaut.jpg'));
  await page.waitForSelector('#pledge-photo-remove');
  await page.setInputFiles('#signature-input', { name: 'kosong.png', mimeType: 'image/png', buffer: await paperPhoto(page, false) });
  await page.waitForSelector('#pledge-error:not(.hidden)');
  assert.match(await page.textContent('#pledge-error'), /No signature shows/);
  await page.click('#pledge-error button');
  await page.setInputFiles('#signature-input', { name: 'ttd.png', mimeType: 'image/png', buffer: await paperPhoto(page, true) });
  await page.waitForSelector('#signature-upload');
  assert.match(await page.textContent('#signature-status'), /from the photo/);
  const withPhoto = await downloadFrom(page, '#pledge-png');
  assert.equal((await decodeInPage(page, withPhoto.bytes)).width, 1080);

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Wait until the NIP status line matches `re` (the form re-renders after each keystroke). */
async function nipStatus(page, re) {
  await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('#pledge-nip-status')?.textContent ?? ''), re.source, { timeout: 5000 })
    .catch(() => {});
  const text = await page.textContent('#pledge-nip-status');
  assert.match(text, re);
  return text;
}

test('NI PPPK: a PPPK number is recognised as such, its wrong parts are named, and it makes a card', async () => {
  const { context, page, errors } = await openPledge();
  // The field is for both numbers; the hint no longer sends PPPK staff away.
  assert.match(await page.textContent('label[for="pledge-nip"]'), /NI PPPK/);
  const hint = await page.textContent('#pledge-nip-hint');
  assert.match(hint, /NI PPPK untuk PPPK/);
  assert.doesNotMatch(hint, /PPPK atau non-PNS: kosongkan/);

  await page.fill('#pledge-name', 'Sri Wahyuni, S.Pd.');
  // The issue's PPPK teacher, as printed and as typed without spaces.
  await page.fill('#pledge-nip', '19850703 202321 2 012');
  await nipStatus(page, /NI PPPK valid: 19850703 202321 2 012/);
  assert.equal(await page.getAttribute('#pledge-nip', 'aria-invalid'), 'false');
  assert.equal(await page.getAttribute('#pledge-nip-status', 'data-kind'), 'pppk');
  await page.fill('#pledge-nip', '198507032023212012');
  await nipStatus(page, /NI PPPK valid: 19850703 202321 2 012/);

  // Wrong parts of a PPPK number are named, in Indonesian, as parts of the NI PPPK.
  await page.fill('#pledge-nip', '19850703 201821 2 012');
  await nipStatus(page, /Tahun pengangkatan pada NI PPPK harus 2019 atau sesudahnya \(digit 9–12\)/);
  assert.equal(await page.getAttribute('#pledge-nip', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#pledge-nip-status', 'data-kind'), 'pppk');
  await page.fill('#pledge-nip', '19850703 202321 3 012');
  await nipStatus(page, /Kode jenis kelamin pada NI PPPK harus 1 atau 2/);
  await page.fill('#pledge-nip', '19850703 209921 2 012');
  await nipStatus(page, /Tahun pengangkatan pada NI PPPK ada di masa depan/);
  await page.fill('#pledge-nip', '20060101 202321 2 001');
  await nipStatus(page, /NI PPPK lebih awal dari ulang tahun ke-18/);
  await page.fill('#pledge-nip', '19851312 202321 2 012');
  await nipStatus(page, /Tanggal lahir pada NI PPPK tidak valid/);
  // The download says what is wrong, and keeps what was typed.
  await page.click('#pledge-png');
  await page.waitForSelector('#pledge-error:not(.hidden)');
  assert.match(await page.textContent('#pledge-error'), /Tanggal lahir pada NI PPPK/);
  assert.equal(await page.inputValue('#pledge-nip'), '19851312 202321 2 012', 'nothing typed is lost');
  await page.click('#pledge-error button');

  // A PNS's NIP is still a PNS's.
  await page.fill('#pledge-nip', '19850412 201001 2 003');
  await nipStatus(page, /NIP PNS valid: 19850412 201001 2 003/);
  assert.equal(await page.getAttribute('#pledge-nip-status', 'data-kind'), 'pns');

  // The fixed PPPK number makes a card, named after it.
  await page.fill('#pledge-nip', '19850703 202321 2 012');
  await nipStatus(page, /NI PPPK valid/);
  const png = await downloadFrom(page, '#pledge-png');
  assert.equal(png.name, 'ikrar-sri-wahyuni-s-pd-198507032023212012.png');
  const image = await decodeInPage(page, png.bytes);
  assert.deepEqual([image.width, image.height], [1080, 1350]);
  fs.writeFileSync(path.join(artifacts, 'pledge-card-pppk.png'), png.bytes);

  // English names the kind too.
  await page.click('#lang-en');
  await nipStatus(page, /Valid NI PPPK: 19850703 202321 2 012/);
  await page.fill('#pledge-nip', '19850703 201821 2 012');
  await nipStatus(page, /year of appointment in the NI PPPK must be 2019 or later/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('design: the landscape certificate is chosen on the page; preview, PNG and PDF follow it, as the CLI makes it', async () => {
  const { context, page, errors } = await openPledge();
  assert.equal(await page.isChecked('#pledge-design-potret'), true, 'the portrait card by default');
  await page.fill('#pledge-name', 'Yosef Manu');
  await page.fill('#pledge-position', 'Perawat Terampil');
  await page.fill('#pledge-agency', 'Dinas Kesehatan');
  await page.fill('#pledge-place', 'Kupang');
  await page.fill('#pledge-date', '2026-11-23');
  // The preview's draw is debounced (ui/pledge/preview.rs): let the typing's draw happen first,
  // so that the next one is the certificate's.
  const typed = await page.evaluate(() => performance.now());
  await page.waitForFunction((t) => performance.getEntriesByName('pledge-preview-render').some((e) => e.startTime > t), typed);
  const drawsBefore = await page.evaluate(() => performance.getEntriesByName('pledge-preview-render').length);
  await page.check('#pledge-design-sertifikat');
  // The preview takes the certificate's shape (1754×1240 at 540 px wide) and is drawn (after the
  // canvas is sized): that draw is the preview's work, not the export's, and must be done before
  // the export's long tasks are counted below.
  await page.waitForFunction((before) => Math.abs(document.querySelector('#pledge-preview').height - 382) <= 1
    && performance.getEntriesByName('pledge-preview-render').length > before, drawsBefore);
  assert.equal(await page.inputValue('#pledge-name'), 'Yosef Manu', 'nothing typed is lost');

  const png = await downloadFrom(page, '#pledge-png');
  assert.deepEqual(png.longTasks, [], 'no main-thread task over 50 ms while exporting');
  const fromApp = await decodeInPage(page, png.bytes);
  assert.deepEqual([fromApp.width, fromApp.height], [1754, 1240]);
  const pdf = await downloadFrom(page, '#pledge-pdf');
  assert.match(pdf.bytes.toString('latin1'), /\/MediaBox \[0 0 841\.89 595\.28\]/, 'a landscape A4 page');

  const cli = path.join(root, 'target', 'debug', 'campaign-kit');
  if (!fs.existsSync(cli)) execFileSync('cargo', ['build', '--quiet', '--bin', 'campaign-kit'], { cwd: root });
  const cliOut = path.join(artifacts, 'cli-sertifikat.png');
  execFileSync(cli, ['pledge', '--name', 'Yosef Manu', '--position', 'Perawat Terampil', '--agency', 'Dinas Kesehatan',
    '--place', 'Kupang', '--date', '2026-11-23', '--design', 'sertifikat', '--out', cliOut]);
  const fromCli = await decodeInPage(page, fs.readFileSync(cliOut));
  let differing = 0;
  for (let y = 0; y < fromApp.height; y += 2) {
    for (let x = 0; x < fromApp.width; x += 2) {
      const [a, b] = [fromApp.pixel(x, y), fromCli.pixel(x, y)];
      if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2]) differing += 1;
    }
  }
  assert.equal(differing, 0, `app and CLI certificates differ in ${differing} sampled pixels`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a signature photographed with a corner in shadow is cropped to its ink, not to the shadow', async () => {
  const { context, page, errors } = await openPledge();
  // A blank page in the same light: no ink, refused with the usual reason.
  await page.setInputFiles('#signature-input', { name: 'kosong.jpg', mimeType: 'image/jpeg', buffer: await shadowedPaperPhoto(page, false) });
  await page.waitForSelector('#pledge-error:not(.hidden)');
  // The page speaks Bahasa Indonesia unless asked otherwise.
  assert.match(await page.textContent('#pledge-error'), /Tidak ada tanda tangan yang terlihat/);
  await page.click('#pledge-error button');

  await page.setInputFiles('#signature-input', { name: 'ttd.jpg', mimeType: 'image/jpeg', buffer: await shadowedPaperPhoto(page, true) });
  await page.waitForSelector('#signature-upload');
  assert.match(await page.textContent('#signature-status'), /Tanda tangan dari foto terpasang/);
  // The cleaned signature (the canvas holds it at its own size): about the scribble's box
  // (800×270 plus pen and a small margin), not the shadowed corner; its corners are clear and
  // most of it is transparent.
  const sig = await page.$eval('#signature-upload', (c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let clear = 0;
    let solid = 0;
    for (let i = 3; i < data.length; i += 4) {
      if (data[i] === 0) clear++;
      if (data[i] > 200) solid++;
    }
    const alpha = (x, y) => data[(y * c.width + x) * 4 + 3];
    return {
      width: c.width, height: c.height, clear, solid,
      corners: [alpha(0, 0), alpha(c.width - 1, 0), alpha(0, c.height - 1), alpha(c.width - 1, c.height - 1)],
    };
  });
  assert.ok(sig.width >= 790 && sig.width <= 880, `width ${sig.width}`);
  assert.ok(sig.height >= 260 && sig.height <= 330, `height ${sig.height}`);
  assert.deepEqual(sig.corners, [0, 0, 0, 0]);
  assert.ok(sig.clear > sig.width * sig.height * 0.7, `clear ${sig.clear}`);
  assert.ok(sig.solid > 5000, `ink ${sig.solid}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a finger on a touch screen signs on the pad without scrolling the page', async () => {
  const { context, page, errors } = await openPledge({ hasTouch: true, isMobile: true });
  await page.locator('#signature-pad').scrollIntoViewIfNeeded();
  const box = await page.locator('#signature-pad').boundingBox();
  const scrollBefore = await page.evaluate(() => window.scrollY);
  const cdp = await context.newCDPSession(page);
  const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x: box.x + box.width * x, y: box.y + box.height * y }],
  });
  // A mostly vertical stroke: the kind that would scroll the page without touch-action: none.
  await touch('touchStart', 0.3, 0.1);
  for (let i = 1; i <= 15; i++) await touch('touchMove', 0.3 + i * 0.02, 0.1 + i * 0.05);
  await touch('touchEnd');
  await page.waitForSelector('#signature-pad[data-strokes="1"]');
  assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, 'the page did not scroll');
  assert.deepEqual(errors, []);
  await context.close();
});

const CSV = [
  'Nama;NIP;Jabatan;Unit Kerja',
  'Budi Santoso, S.E.;19850412 201001 1 003;Analis Kepegawaian;Bagian Umum',
  'Dr. Siti Rahmawati, S.Sos., M.Si.;19790225 200501 2 004;Kepala Bidang;Badan Kesbangpol',
  'Rina Marlina;19850412 201001 3 003;Pengadministrasi;Bagian Umum',
  'Andi Pratama;;Pranata Komputer (PPPK);Dinas Kominfo',
  'Yohanes Manopo, S.T.;19900101 201503 1 002;Perencana;Bappeda',
].join('\r\n'); // as Excel saves it

test('batch: a CSV with one bad row becomes a ZIP of PNGs with a report, and a print PDF', async () => {
  const { context, page, errors } = await openPledge();
  await page.fill('#pledge-place', 'Tahuna');
  await page.setInputFiles('#batch-input', { name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]) });
  await page.waitForSelector('#batch[data-state="ready"]');
  // Columns found by their Indonesian names; the first rows; the invalid row and why.
  assert.equal(await page.textContent('#batch-columns li[data-field="name"] strong'), 'Nama');
  assert.equal(await page.textContent('#batch-columns li[data-field="agency"] strong'), 'Unit Kerja');
  assert.equal(await page.locator('#batch-columns li[data-field="place"] strong').count(), 0);
  assert.equal(await page.locator('#batch-preview tbody tr').count(), 5);
  const invalid = await page.$$eval('#batch-invalid tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.equal(invalid.length, 1);
  assert.deepEqual(invalid[0].slice(0, 2), ['4', 'Rina Marlina']);
  assert.match(invalid[0][2], /jenis kelamin/);
  assert.equal((await page.textContent('#batch-make')).trim(), 'Buat 4 kartu');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');

  await page.click('#batch-make');
  await page.waitForSelector('#batch[data-state="done"]', { timeout: 120_000 });
  assert.match(await page.textContent('#batch-status'), /4 kartu dibuat, 1 baris dilewati/);
  await page.screenshot({ path: path.join(artifacts, 'pledge-batch-360x800.png'), fullPage: true });

  const zip = await downloadFrom(page, '#batch-zip');
  assert.equal(zip.name, 'kartu-ikrar.zip');
  const entries = unzip(zip.bytes);
  const pngs = [...entries.keys()].filter((n) => n.startsWith('kartu/') && n.endsWith('.png'));
  assert.equal(pngs.length, 4, `PNGs in the ZIP: ${[...entries.keys()].join(', ')}`);
  assert.ok(pngs.includes('kartu/ikrar-budi-santoso-s-e-198504122010011003.png'), pngs.join(', '));
  assert.ok(pngs.some((n) => n.startsWith('kartu/ikrar-andi-pratama')), 'a row without a NIP makes a card');
  for (const name of pngs) assert.deepEqual(pngSize(entries.get(name)), [1080, 1350], name);
  const report = entries.get('laporan.csv').toString('utf8');
  assert.match(report, /Rina Marlina/);
  assert.match(report, /\b4\b/);
  assert.doesNotMatch(report, /Budi Santoso/);

  const pdf = await downloadFrom(page, '#batch-pdf');
  assert.equal(pdf.name, 'kartu-ikrar-cetak.pdf');
  assert.equal(pdfPages(pdf.bytes), 4);

  // The card in the ZIP is the card the form makes for the same row.
  const card = await decodeInPage(page, entries.get(pngs[0]));
  assert.deepEqual([card.width, card.height], [1080, 1350]);

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  assert.deepEqual(errors, []);
  await context.close();
});

test('batch: an Excel .xlsx with English headers', async () => {
  const { context, page, errors } = await openPledge();
  const book = xlsx([
    ['Name', 'NIP', 'Position', 'Agency', 'Place'],
    ['Siti Aminah', '197805212002122004', 'Auditor', 'Inspektorat', 'Kendari'],
    ['Joko Widodo', '19850412 201001 1 003', 'Analis', 'Bappeda', ''],
    // A PPPK teacher's NI PPPK: a card like any other.
    ['Sri Wahyuni', '19850703 202321 2 012', 'Guru Ahli Pertama', 'SMP Negeri 1 Kupang', 'Kupang'],
  ]);
  await page.setInputFiles('#batch-input', { name: 'pegawai.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: book });
  await page.waitForSelector('#batch[data-state="ready"]');
  assert.equal(await page.textContent('#batch-columns li[data-field="position"] strong'), 'Position');
  assert.equal(await page.locator('#batch-invalid-none').count(), 1);
  await page.click('#batch-make');
  await page.waitForSelector('#batch[data-state="done"]', { timeout: 120_000 });
  const entries = unzip((await downloadFrom(page, '#batch-zip')).bytes);
  assert.deepEqual([...entries.keys()].filter((n) => n.endsWith('.png')).sort(),
    ['kartu/ikrar-joko-widodo-198504122010011003.png', 'kartu/ikrar-siti-aminah-197805212002122004.png', 'kartu/ikrar-sri-wahyuni-198507032023212012.png']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('batch: a bad file gives a clear message; a running batch can be cancelled', async () => {
  const { context, page, errors } = await openPledge();
  await page.setInputFiles('#batch-input', { name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from('NIP;Jabatan\r\n19850412 201001 1 003;Analis\r\n') });
  await page.waitForSelector('#batch[data-state="error"]');
  assert.match(await page.textContent('#batch-error'), /Nama/);

  const rows = ['Nama,NIP'];
  for (let i = 0; i < 60; i++) rows.push(`Pegawai ${i + 1},`);
  await page.setInputFiles('#batch-input', { name: 'banyak.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.waitForSelector('#batch[data-state="ready"]');
  await page.click('#batch-make');
  await page.waitForSelector('#batch[data-state="running"]');
  await page.waitForFunction(() => Number(document.querySelector('#batch-progress')?.value) >= 1);
  // The page stays responsive while the worker draws.
  const started = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  assert.ok(Date.now() - started < 1000, 'the page paints while the batch runs');
  await page.click('#batch-cancel');
  await page.waitForSelector('#batch[data-state="ready"]');
  assert.match(await page.textContent('#batch-status'), /Dibatalkan/);
  assert.equal(await page.locator('#batch-zip').count(), 0);
  // And it can start again.
  assert.equal(await page.isEnabled('#batch-make'), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('batch: when its worker cannot load (offline before first use) the page says so, and works once it can', async () => {
  let blocked = true;
  const { context, page, errors } = await openPledge();
  await context.route(/batch_worker/, (route) => (blocked ? route.abort() : route.continue()));
  await page.setInputFiles('#batch-input', { name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.waitForSelector('#batch[data-state="error"]');
  assert.match(await page.textContent('#batch-error'), /belum bisa dimuat/);
  blocked = false;
  await page.setInputFiles('#batch-input', { name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.waitForSelector('#batch[data-state="ready"]');
  // The failed load shows in the console as a network error; nothing else may.
  assert.deepEqual(errors.filter((e) => !/batch_worker|ERR_FAILED|Failed to load/.test(e)), []);
  await context.close();
});

test('axe: no violations on the pledge page, in both languages, with errors and tables', async () => {
  const { context, page } = await openPledge({ bypassCSP: true });
  await assertNoViolations(page, 'pledge start');
  await page.fill('#pledge-nip', BAD_NIP);
  await page.click('#pledge-png');
  await page.waitForSelector('#pledge-error:not(.hidden)');
  await assertNoViolations(page, 'NIP error');
  await page.setInputFiles('#batch-input', { name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.waitForSelector('#batch[data-state="ready"]');
  await assertNoViolations(page, 'batch parsed');
  await page.click('#lang-en');
  await assertNoViolations(page, 'English');
  // Every control of the page can be reached with Tab.
  await page.focus('#tab-pledge');
  const reached = new Set();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.id);
    if (id) reached.add(id);
  }
  for (const id of ['pledge-png', 'pledge-pdf', 'pledge-share', 'pledge-name', 'pledge-nip', 'pledge-date', 'signature-input', 'pledge-photo-input', 'pledge-point-1', 'batch-input', 'batch-make']) {
    assert.ok(reached.has(id), `${id} is reachable with Tab (reached: ${[...reached].join(', ')})`);
  }
  await context.close();
});

test('text at 200 % on a 360 px screen: nothing clipped, overlapping or off-screen on the pledge page', async () => {
  const { context, page, errors } = await openPledge();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
  await page.waitForFunction(() => parseFloat(getComputedStyle(document.documentElement).fontSize) === 32);
  assert.deepEqual(await page.evaluate(layoutProblems), [], 'start');
  await page.fill('#pledge-nip', BAD_NIP);
  await page.click('#pledge-png');
  await page.waitForSelector('#pledge-error:not(.hidden)');
  await page.setInputFiles('#batch-input', { name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.waitForSelector('#batch[data-state="ready"]');
  await page.click('#lang-en');
  assert.deepEqual(await page.evaluate(layoutProblems), [], 'NIP error, batch tables, English');
  await page.locator('#batch-invalid').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, 'pledge-text-200-360x800.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('batch timing: PLEDGE_ROWS generated rows (skipped unless set)', { skip: !process.env.PLEDGE_ROWS }, async () => {
  const n = Number(process.env.PLEDGE_ROWS);
  const { context, page, errors } = await openPledge();
  const rows = ['Nama,NIP,Jabatan,Instansi'];
  for (let i = 0; i < n; i++) {
    const serial = String((i % 999) + 1).padStart(3, '0');
    const nip = i % 50 === 49 ? '19851312 201001 1 003' : `19850412 201001 ${1 + (i % 2)} ${serial}`;
    rows.push(`Pegawai Nomor ${i + 1},${nip},Analis Kebijakan Ahli Muda,Badan Kesatuan Bangsa dan Politik`);
  }
  await page.setInputFiles('#batch-input', { name: 'seribu.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.waitForSelector('#batch[data-state="ready"]');
  const valid = n - Math.floor(n / 50);
  await page.click('#batch-make');
  // The page's JS heap while the chunks arrive (they become Blobs, which live outside it).
  let heapPeak = 0;
  while (await page.getAttribute('#batch', 'data-state') === 'running') {
    heapPeak = Math.max(heapPeak, await page.evaluate(() => performance.memory.usedJSHeapSize));
    await page.waitForTimeout(1000);
  }
  await page.waitForSelector('#batch[data-state="done"]');
  const millis = Number(await page.getAttribute('.batch-downloads', 'data-millis'));
  const memory = Number(await page.getAttribute('.batch-downloads', 'data-worker-memory'));
  const zip = await downloadFrom(page, '#batch-zip');
  const pdf = await downloadFrom(page, '#batch-pdf');
  const pngs = [...unzip(zip.bytes).keys()].filter((k) => k.endsWith('.png')).length;
  console.log(`batch of ${n} rows: ${pngs} cards in ${(millis / 1000).toFixed(1)} s, worker wasm memory ${(memory / 2 ** 20).toFixed(0)} MiB, page JS heap peak ${(heapPeak / 2 ** 20).toFixed(0)} MiB, ZIP ${(zip.bytes.length / 2 ** 20).toFixed(0)} MiB, PDF ${(pdf.bytes.length / 2 ** 20).toFixed(0)} MiB`);
  assert.equal(pngs, valid);
  assert.equal(pdfPages(pdf.bytes), valid);
  assert.deepEqual(errors, []);
  await context.close();
});
