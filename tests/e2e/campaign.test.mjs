// Agency twibbon campaigns, tried as a new user would: an agency brands a design with its kit,
// edits the texts and makes a campaign link, its QR code and a campaign file; a second browser
// opening the link gets that frame (without touching its own kit), downloads its twibbon — the
// same pixels as the CLI's `twibbon --campaign` — and can go back. A campaign file opens from the
// picker; a broken link says so and changes nothing; sizes; the circle note for own frames.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serveDist, launch, openApp, loadPhoto, downloadFrom, decodeInPage, artifacts, fixtures, root, differingShare } from './harness.mjs';

const KIT = {
  version: 1,
  agency: 'Badan Kepegawaian dan Pengembangan SDM Kabupaten Sleman',
  primary: '#006B3F',
  secondary: '#F2B705',
  hashtags: ['NetralitasASN', 'SlemanNetral'],
};
const SLOGAN = 'SLEMAN NETRAL 2029';
const CAPTION = 'Pasang twibbon netralitas hari ini!';

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

const cli = path.join(root, 'target', 'debug', 'campaign-kit');
function ensureCli() {
  if (!fs.existsSync(cli)) execFileSync('cargo', ['build', '--quiet', '--bin', 'campaign-kit'], { cwd: root });
}

async function openWithKit(kit, url = served.origin) {
  const { context, page, errors } = await openApp(browser, served.origin);
  await page.evaluate((json) => localStorage.setItem('campaign-kit.brand', json), JSON.stringify(kit));
  // A new page load, as opening a link from a chat does (a fragment-only change would not reload).
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector('.frame-option');
  return { context, page, errors };
}

test('an agency makes a campaign link from its kit; a second browser opens it, downloads the twibbon and can go back', async () => {
  // The agency: its kit is stored, it picks a design, edits the slogan and a caption.
  const agency = await openWithKit(KIT);
  const a = agency.page;
  await a.click('.frame-option[data-frame-id="merah-putih"]');
  await a.fill('#twibbon-text-slogan', SLOGAN);
  await a.fill('#campaign-caption', CAPTION);
  await a.click('#campaign-make');
  const link = await a.inputValue('#campaign-link-output');
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#campaign=[A-Za-z0-9_-]+$/);
  // The QR code of the link, drawn by the core and saved by the browser as a PNG.
  await a.waitForSelector('#campaign-qr', { state: 'visible' });
  const qr = await downloadFrom(a, '#campaign-qr-download');
  assert.equal(qr.name, 'qr-kampanye-twibbon.png');
  const qrImage = await decodeInPage(a, qr.bytes);
  assert.ok(qrImage.width >= 200 && qrImage.width === qrImage.height, `QR ${qrImage.width}×${qrImage.height}`);
  assert.deepEqual(qrImage.pixel(2, 2).slice(0, 3), [255, 255, 255], 'the quiet zone is white');
  // The campaign file, as the agency would mail it or give it to `xtask dist --campaign`.
  const file = await downloadFrom(a, '#campaign-save');
  const campaign = JSON.parse(file.bytes.toString('utf8'));
  assert.equal(campaign.design, 'merah-putih');
  assert.equal(campaign.texts.slogan, SLOGAN);
  assert.equal(campaign.kit.agency, KIT.agency);
  assert.equal(campaign.caption, CAPTION);
  const campaignFile = path.join(artifacts, 'kampanye.json');
  fs.writeFileSync(campaignFile, file.bytes);
  await a.screenshot({ path: path.join(artifacts, 'campaign-agency-360x800.png'), fullPage: true });
  assert.deepEqual(agency.errors, []);
  await agency.context.close();

  // A civil servant with a kit of their own opens the link in another browser.
  const ownKit = { version: 1, agency: 'Kit saya sendiri', hashtags: [] };
  const staff = await openWithKit(ownKit, link);
  const b = staff.page;
  await b.waitForSelector('#campaign-banner');
  assert.match(await b.textContent('#campaign-banner'), /Badan Kepegawaian dan Pengembangan SDM Kabupaten Sleman/);
  assert.equal(await b.getAttribute('.frame-option[aria-pressed="true"]', 'data-frame-id'), 'merah-putih');
  assert.equal(await b.inputValue('#twibbon-text-slogan'), SLOGAN);
  const caption = await b.inputValue('#caption');
  assert.ok(caption.startsWith(CAPTION) && caption.includes('#SlemanNetral'), caption);
  // Their own kit is untouched.
  const stored = JSON.parse(await b.evaluate(() => localStorage.getItem('campaign-kit.brand')));
  assert.equal(stored.agency, 'Kit saya sendiri');

  await loadPhoto(b);
  await b.click('#circle-toggle');
  await b.screenshot({ path: path.join(artifacts, 'campaign-staff-360x800.png') });
  const png = await downloadFrom(b, '#download-png');
  assert.deepEqual(png.longTasks, []);
  assert.equal(png.name, 'twibbon-asn-pilih-netral-merah-putih.png');
  const fromApp = await decodeInPage(b, png.bytes);
  assert.equal(fromApp.width, 1080);

  // The same campaign through the CLI gives the same twibbon.
  ensureCli();
  const out = path.join(artifacts, 'cli-campaign.png');
  execFileSync(cli, ['twibbon', '--campaign', campaignFile, '--photo', path.join(fixtures, 'astronaut.jpg'), '--out', out]);
  const fromCli = await decodeInPage(b, fs.readFileSync(out));
  const diff = differingShare(fromApp, fromCli);
  assert.ok(diff < 0.005, `app and CLI differ in ${(diff * 100).toFixed(2)} % of sampled pixels`);

  // Back to their own choices: the default design, and the link no longer in the address.
  await b.click('#campaign-leave');
  await b.waitForSelector('#campaign-banner', { state: 'detached' });
  assert.equal(await b.getAttribute('.frame-option[aria-pressed="true"]', 'data-frame-id'), 'lingkar-oranye');
  assert.equal(await b.evaluate(() => location.hash), '');
  assert.deepEqual(staff.errors, []);
  await staff.context.close();
});

test('a campaign file opens from the picker, a broken link says so and changes nothing, and a link opened in the open tab works', async () => {
  ensureCli();
  const kit = path.join(artifacts, 'kit-for-campaign.json');
  fs.writeFileSync(kit, JSON.stringify(KIT));
  const file = path.join(artifacts, 'kampanye-cli.json');
  const fragment = execFileSync(cli, ['campaign', '--brand', kit, '--design', 'pita-biru', '--text', `slogan=${SLOGAN}`,
    '--link', '--out', file], { encoding: 'utf8' }).trim();

  const { context, page, errors } = await openApp(browser, served.origin);
  await page.setInputFiles('#campaign-input', file);
  await page.waitForSelector('#campaign-banner');
  assert.match(await page.textContent('#campaign-banner'), /Berkas kampanye dibuka/);
  assert.equal(await page.getAttribute('.frame-option[aria-pressed="true"]', 'data-frame-id'), 'pita-biru');
  assert.equal(await page.inputValue('#twibbon-text-slogan'), SLOGAN);
  await page.click('#campaign-keep');
  await page.waitForSelector('#campaign-banner', { state: 'detached' });
  assert.equal(await page.inputValue('#twibbon-text-slogan'), SLOGAN);

  // A file that is not a campaign: a message in Bahasa Indonesia, the campaign stays.
  await page.setInputFiles('#campaign-input', { name: 'bukan.json', mimeType: 'application/json', buffer: Buffer.from('{"halo": 1}') });
  await page.waitForSelector('.error-banner:not(.hidden) .error-text');
  assert.match(await page.textContent('.error-banner:not(.hidden) .error-text'), /bukan berkas kampanye/);
  assert.equal(await page.getAttribute('.frame-option[aria-pressed="true"]', 'data-frame-id'), 'pita-biru');
  assert.deepEqual(errors, []);
  await context.close();

  // A link cut short (as chat apps sometimes do).
  const broken = await openApp(browser, served.origin);
  await broken.page.goto('about:blank');
  await broken.page.goto(`${served.origin}/#campaign=eJyrVkpJLU4tUrJSSs`);
  await broken.page.waitForSelector('.error-banner:not(.hidden) .error-text');
  assert.match(await broken.page.textContent('.error-banner:not(.hidden) .error-text'), /Tautan kampanye rusak/);
  assert.equal(await broken.page.getAttribute('.frame-option[aria-pressed="true"]', 'data-frame-id'), 'lingkar-oranye');
  await loadPhoto(broken.page);
  const png = await downloadFrom(broken.page, '#download-png');
  assert.equal(png.name, 'twibbon-asn-pilih-netral-lingkar-oranye.png');
  // A good link opened in the same tab later (only the fragment changes: no reload).
  await broken.page.evaluate((f) => { location.hash = f; }, fragment);
  await broken.page.waitForSelector('#campaign-banner');
  assert.equal(await broken.page.getAttribute('.frame-option[aria-pressed="true"]', 'data-frame-id'), 'pita-biru');
  assert.equal(await broken.page.getAttribute('main', 'data-photo'), 'loaded', 'the photo stays');
  assert.deepEqual(broken.errors, []);
  await broken.context.close();
});

test('a twibbon in the story size, and an own frame the circle would cut gets a note', async () => {
  const { context, page, errors } = await openApp(browser, served.origin);
  await loadPhoto(page);
  await page.check('#twibbon-size-1080x1920');
  await page.click('#circle-toggle');
  await page.screenshot({ path: path.join(artifacts, 'twibbon-story-360x800.png') });
  const story = await downloadFrom(page, '#download-png');
  assert.equal(story.name, 'twibbon-asn-pilih-netral-lingkar-oranye-1080x1920.png');
  const image = await decodeInPage(page, story.bytes);
  assert.deepEqual([image.width, image.height], [1080, 1920]);

  // An own frame with art in its corners: the circle cuts it, and the page says so.
  const frames = await page.evaluate(async () => {
    const make = async (corners) => {
      const c = new OffscreenCanvas(400, 400);
      const ctx = c.getContext('2d');
      if (corners) { ctx.fillStyle = '#c8102e'; ctx.fillRect(0, 0, 400, 400); ctx.globalCompositeOperation = 'destination-out'; }
      else ctx.strokeStyle = '#c8102e';
      ctx.beginPath(); ctx.arc(200, 200, 150, 0, Math.PI * 2);
      if (corners) ctx.fill(); else { ctx.lineWidth = 20; ctx.stroke(); }
      const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let s = ''; for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    };
    return { square: await make(true), round: await make(false) };
  });
  await page.setInputFiles('#frame-input', { name: 'bingkai.png', mimeType: 'image/png', buffer: Buffer.from(frames.square, 'base64') });
  await page.waitForSelector('#frame-circle-note');
  await page.setInputFiles('#frame-input', { name: 'bulat.png', mimeType: 'image/png', buffer: Buffer.from(frames.round, 'base64') });
  await page.waitForSelector('#frame-circle-note', { state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});
