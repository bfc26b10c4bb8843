// Links and files from strangers (issue 28), tried as a hostile sender and as a new user would:
// a kit link never replaces the kit a user keeps until they accept it (and can undo); a
// campaign naming an agency says nobody has verified it; right-to-left overrides and control
// characters never reach the banner or the picture; an unusable logo or frame is refused (or
// left out, and said so); an oversized file gets the CLI's own message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serveDist, launch, openApp, loadPhoto, downloadFrom, linkFragment, artifacts, fixtures, root, pngFile as png } from './harness.mjs';

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

const tinyDeflate = zlib.deflateSync(Buffer.alloc(1));
const logoJson = (bytes) => ({ type: 'image/png', data: bytes.toString('base64') });

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('campaign-kit.brand') ?? '{}'));

/** A browser whose user keeps `kit`, opened at `hash` (a new page load, as from a chat). */
async function openKeeping(kit, hash) {
  const { context, page, errors } = await openApp(browser, served.origin);
  await page.evaluate((json) => localStorage.setItem('campaign-kit.brand', json), JSON.stringify(kit));
  await page.goto('about:blank');
  await page.goto(`${served.origin}/${hash}`);
  return { context, page, errors };
}

const KEPT = { version: 1, agency: 'Dinas Komunikasi dan Informatika Kabupaten Sleman', primary: '#006B3F', secondary: '#F2B705', hashtags: ['NetralitasASN'] };
const HOSTILE = { version: 1, agency: 'Relawan Paslon Nomor 2', primary: '#C00000', secondary: '#FFFFFF', hashtags: ['Coblos2'] };

test('a second kit link leaves the kept kit alone until the user accepts it, and accepting can be undone', async () => {
  const link = linkFragment('kit', HOSTILE);
  const { context, page, errors } = await openKeeping(KEPT, link);
  await page.waitForSelector('#kit-offer');
  // Both kits side by side, as text; who vouches for the new one: nobody.
  assert.equal(await page.textContent('#kit-offer-new .kit-offer-agency'), HOSTILE.agency);
  assert.equal(await page.textContent('#kit-offer-kept .kit-offer-agency'), KEPT.agency);
  assert.equal(await page.textContent('#kit-offer-new .kit-offer-hashtags'), '#Coblos2');
  assert.equal(await page.inputValue('#kit-offer-new .kit-offer-colours input >> nth=0'), '#c00000');
  assert.match(await page.textContent('#kit-offer-unverified'), /Belum ada yang memverifikasi/);
  assert.equal((await stored(page)).agency, KEPT.agency, 'nothing stored before the choice');
  await page.screenshot({ path: path.join(artifacts, 'kit-offer-360x800.png') });

  // A reload (the link is gone from the address): the kept kit, no offer.
  await page.reload();
  await page.waitForSelector('.frame-option');
  assert.equal(await page.locator('#kit-offer').count(), 0);
  assert.equal((await stored(page)).agency, KEPT.agency);

  // "Keep my kit".
  await page.goto('about:blank');
  await page.goto(`${served.origin}/${link}`);
  await page.click('#kit-offer-decline');
  await page.waitForSelector('#kit-offer', { state: 'detached' });
  await page.waitForSelector('#brand-agency');
  assert.equal(await page.inputValue('#brand-agency'), KEPT.agency);
  assert.equal((await stored(page)).agency, KEPT.agency);

  // The link opened again in this tab (only the fragment changes): offered again, and this
  // time "Use this kit", then undo.
  await page.evaluate((f) => { location.hash = f; }, link);
  await page.waitForSelector('#kit-offer');
  assert.equal(await page.inputValue('#brand-agency'), KEPT.agency, 'not applied before the choice');
  await page.click('#kit-offer-accept');
  await page.waitForSelector('#kit-change');
  await page.waitForFunction((a) => document.querySelector('#brand-agency')?.value === a, HOSTILE.agency);
  assert.equal((await stored(page)).agency, HOSTILE.agency);
  await page.click('#kit-undo');
  await page.waitForFunction((a) => document.querySelector('#brand-agency')?.value === a, KEPT.agency);
  assert.equal((await stored(page)).agency, KEPT.agency);
  assert.deepEqual((await stored(page)).hashtags, KEPT.hashtags);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a campaign naming an agency is shown as unverified, and spoofing characters reach neither the banner nor the picture', async () => {
  const spoofed = {
    version: 1, design: 'lingkar-oranye',
    texts: { slogan: '\u202eLARTEN\u202c\u0007' },
    kit: { version: 1, agency: '\u202eNKB\u202c Badan Kepegawaian Negara\u001b[2J' },
    caption: 'Instruksi resmi\u0000 BKN\u2066',
  };
  const plain = {
    version: 1, design: 'lingkar-oranye',
    texts: { slogan: 'LARTEN' },
    kit: { version: 1, agency: 'NKB Badan Kepegawaian Negara[2J' },
    caption: 'Instruksi resmi BKN',
  };
  const pictures = [];
  for (const [name, campaign] of [['spoofed', spoofed], ['plain', plain]]) {
    const { context, page, errors } = await openKeeping(KEPT, linkFragment('campaign', campaign));
    await page.waitForSelector('#campaign-banner');
    const banner = await page.textContent('#campaign-banner');
    assert.ok(banner.includes('NKB Badan Kepegawaian Negara[2J'), banner);
    assert.doesNotMatch(banner, /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
    assert.match(await page.textContent('#campaign-unverified'), /ditulis oleh pengirimnya/);
    assert.equal(await page.inputValue('#twibbon-text-slogan'), 'LARTEN');
    assert.doesNotMatch(await page.inputValue('#caption'), /[\u0000\u2066]/u);
    if (name === 'spoofed') await page.screenshot({ path: path.join(artifacts, 'campaign-unverified-360x800.png') });
    await loadPhoto(page);
    pictures.push((await downloadFrom(page, '#download-png')).bytes);
    assert.deepEqual(errors, []);
    await context.close();
  }
  assert.ok(pictures[0].equals(pictures[1]), 'the marks are removed, not drawn as boxes');
});

test('an unusable logo is refused or left out (and said so), an unusable frame is refused, and an oversized file gets the CLI\'s message', async () => {
  // A ~1 KB link whose logo claims 10000×10000 pixels: refused before anyone decodes it.
  const bomb = { version: 1, design: 'pita-biru', kit: { version: 1, agency: 'Inspektorat', logo: logoJson(png(10000, 10000, 6, tinyDeflate)) } };
  const one = await openKeeping(KEPT, linkFragment('campaign', bomb));
  const { page } = one;
  await page.waitForSelector('.error-banner:not(.hidden) .error-text');
  assert.match(await page.textContent('.error-banner:not(.hidden) .error-text'), /Logo terlalu besar \(10000×10000 piksel/);
  assert.equal(await page.getAttribute('.frame-option[aria-pressed="true"]', 'data-frame-id'), 'lingkar-oranye');
  await page.click('.error-banner:not(.hidden) button');

  // A logo whose header is fine and whose pixels are not: the campaign opens without it, and
  // the banner says the logo was left out instead of claiming it.
  const broken = { version: 1, design: 'pita-biru', kit: { version: 1, agency: 'Inspektorat', logo: logoJson(png(64, 64, 6, tinyDeflate)) } };
  await page.evaluate((f) => { location.hash = f; }, linkFragment('campaign', broken));
  await page.waitForSelector('#campaign-banner');
  assert.match(await page.textContent('#campaign-applied'), /Logonya tidak bisa dibaca/);
  assert.equal(await page.getAttribute('.frame-option[aria-pressed="true"]', 'data-frame-id'), 'pita-biru');

  // Own frames: more pixels than a twibbon can use; no transparent area for the photo.
  await page.setInputFiles('#frame-input', { name: 'besar.png', mimeType: 'image/png', buffer: png(20000, 20000, 6, tinyDeflate) });
  await page.waitForFunction(() => /Bingkai PNG terlalu besar \(20000×20000/.test(document.querySelector('.error-banner:not(.hidden) .error-text')?.textContent ?? ''));
  await page.click('.error-banner:not(.hidden) button');
  await page.setInputFiles('#frame-input', { name: 'tertutup.png', mimeType: 'image/png', buffer: png(8, 8, 2, zlib.deflateSync(Buffer.alloc(8 * 25))) });
  await page.waitForFunction(() => /tidak punya bagian transparan/.test(document.querySelector('.error-banner:not(.hidden) .error-text')?.textContent ?? ''));
  await page.click('.error-banner:not(.hidden) button');

  // A campaign file over the limit: refused before it is read, in the words the CLI uses.
  const huge = path.join(artifacts, 'kampanye-besar.json');
  fs.writeFileSync(huge, Buffer.alloc(3_400_000, 0x20));
  await page.setInputFiles('#campaign-input', huge);
  await page.waitForSelector('.error-banner:not(.hidden) .error-text');
  const inApp = await page.textContent('.error-banner:not(.hidden) .error-text');
  assert.match(inApp, /Berkas kampanye terlalu besar \(maksimal 3,1 MB\)/);
  const cli = path.join(root, 'target', 'debug', 'campaign-kit');
  if (!fs.existsSync(cli)) execFileSync('cargo', ['build', '--quiet', '--bin', 'campaign-kit'], { cwd: root });
  let stderr = '';
  try {
    execFileSync(cli, ['twibbon', '--campaign', huge, '--photo', path.join(fixtures, 'astronaut.jpg'), '--out', path.join(artifacts, 'x.png')],
      { env: { ...process.env, LANG: '' }, stdio: 'pipe' });
  } catch (e) {
    stderr = e.stderr.toString();
  }
  assert.ok(stderr.trim().endsWith(inApp.trim()), `CLI: ${stderr} / app: ${inApp}`);
  assert.equal(await page.getAttribute('.frame-option[aria-pressed="true"]', 'data-frame-id'), 'pita-biru', 'nothing lost');
  assert.deepEqual(one.errors, []);
  await one.context.close();
});
