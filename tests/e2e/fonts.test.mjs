// No character vanishes, in the browser: the fallback fonts are not part of the first visit (not
// loaded, not precached by the service worker), a headline that needs one fetches it and the
// preview is drawn again with it; a character no font has is named in the page's note; and
// offline before the first use, the note says a connection is needed once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, loadPhoto, previewDrawn, downloadFrom } from './harness.mjs';

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

const fontRequests = () => served.requests.filter((r) => r.includes('/fallback/'));

async function open(contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(served.origin + '/');
  await page.waitForSelector('#tab-poster');
  await page.click('#tab-poster');
  await page.waitForSelector('#poster-preview');
  return { context, page, errors };
}

const canvas = (page) => page.evaluate(() => document.querySelector('#poster-preview').toDataURL());

/** Poll until the preview differs from `before` (the page redraws after a font arrives). */
async function waitForChange(page, before, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const now = await canvas(page);
    if (now !== before) return now;
    await page.waitForTimeout(100);
  }
  assert.fail('the preview did not change');
}

test('a fallback font loads only when a text needs it, and the preview is redrawn with it', async () => {
  const already = fontRequests().length;
  const { context, page, errors } = await open();
  // The first visit, service worker install (precache) included, fetches no fallback font.
  await page.evaluate(() => navigator.serviceWorker?.ready);
  await page.waitForTimeout(500);
  assert.deepEqual(fontRequests().slice(already), [], 'no fallback font on the first visit');

  // Without its font, "Nguyễn Đức Anh" would look like this (missing characters take no space).
  await page.fill('#field-headline', 'Nguyn c Anh');
  await page.waitForTimeout(300);
  const without = await canvas(page);
  const response = page.waitForResponse((r) => r.url().includes('/fallback/NotoSans-'));
  await page.fill('#field-headline', 'Nguyễn Đức Anh');
  assert.equal((await response).status(), 200);
  await waitForChange(page, without);
  // Everything is drawn: no "cannot draw" note.
  await page.waitForTimeout(300);
  const note = await page.textContent('#poster-cut');
  assert.ok(!/U\+|tidak dapat digambar|Cannot draw/.test(note), `note: ${note}`);
  assert.ok(fontRequests().slice(already).every((r) => r.includes('NotoSans-')), 'only the Latin font');

  // A character no font has is named in the note.
  await page.fill('#field-headline', 'ASN Netral \uE000');
  await page.waitForFunction(() => document.querySelector('#poster-cut').textContent.includes('U+E000'));
  assert.ok(await page.isVisible('#poster-cut'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a twibbon design\'s text that needs a fallback font: its worker fetches it, and the preview and the download draw it', async () => {
  const already = fontRequests().length;
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(served.origin + '/');
  await page.waitForSelector('#preview');
  await loadPhoto(page);
  const preview = () => page.evaluate(() => document.querySelector('#preview').toDataURL());
  // Without its font, "Nguyễn Đức Anh" would be drawn as this (missing characters take no space).
  await page.fill('#twibbon-text-slogan', 'Nguyn c Anh');
  await page.waitForTimeout(300);
  await previewDrawn(page);
  const without = await preview();
  const withoutFile = await downloadFrom(page, '#download-png');
  assert.deepEqual(fontRequests().slice(already), [], 'no font for a text the built-in fonts draw');

  await page.fill('#twibbon-text-slogan', 'Nguyễn Đức Anh');
  const end = Date.now() + 15000;
  let drawn = without;
  while (drawn === without && Date.now() < end) {
    await page.waitForTimeout(100);
    await previewDrawn(page);
    drawn = await preview();
  }
  assert.notEqual(drawn, without, 'the preview is drawn again with the font');
  assert.ok(fontRequests().slice(already).some((r) => r.includes('NotoSans-')), `${fontRequests().slice(already)}`);
  const file = await downloadFrom(page, '#download-png');
  assert.ok(!file.bytes.equals(withoutFile.bytes), 'the download draws the characters too');
  assert.deepEqual(errors, []);
  await context.close();
});

test('offline before the first use: the note names the characters and asks for a connection once', async () => {
  // No service worker here, so the route below sees the page's own fetch.
  const { context, page, errors } = await open({ serviceWorkers: 'block' });
  await context.route('**/fallback/**', (route) => route.abort('internetdisconnected'));
  await page.fill('#field-headline', 'Nguyễn');
  await page.waitForFunction(() => /koneksi|connection/.test(document.querySelector('#poster-cut').textContent));
  const note = await page.textContent('#poster-cut');
  assert.ok(note.includes('U+1EC5'), `the note names ễ: ${note}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('offline before the shaper\'s first use: text that needs shaping (Aksara Jawa, a flag) is named, and the note asks for a connection once', async () => {
  // No service worker here, so the route below sees the page's own fetch.
  const { context, page, errors } = await open({ serviceWorkers: 'block' });
  await context.route('**/shaper_bg.wasm', (route) => route.abort('internetdisconnected'));
  await page.fill('#field-headline', 'ASN Netral ꦲꦤꦕꦫꦏ 🇮🇩');
  await page.waitForFunction(() => /koneksi|connection/.test(document.querySelector('#poster-cut').textContent));
  const note = await page.textContent('#poster-cut');
  assert.ok(note.includes('U+A9B2'), `the Javanese letters are named: ${note}`);
  assert.ok(note.includes('U+1F1EE'), `the flag is named too: ${note}`);
  assert.deepEqual(errors, []);
  await context.close();
});
