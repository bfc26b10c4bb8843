// Sharing the finished twibbon: Web Share with the file as the only key, the download fallback,
// the long-press image in in-app browsers (Instagram, Facebook) and the ready caption.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  serveDist, launch, openApp, loadPhoto, decodeInPage, downloadFrom, IN_APP_UA, artifacts,
} from './harness.mjs';

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

/**
 * Replace navigator.share/canShare with recorders. `outcome`: undefined (shared), or a
 * DOMException name to reject with ('AbortError' = the user closed the sheet).
 */
function stubWebShare(outcome) {
  return (context) => context.addInitScript((outcome) => {
    window.__shares = [];
    window.__canShare = [];
    const toBase64 = async (file) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    };
    Object.defineProperty(Navigator.prototype, 'canShare', {
      configurable: true,
      value(data) {
        window.__canShare.push(Object.keys(data ?? {}));
        return Array.isArray(data?.files) && data.files.length > 0;
      },
    });
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      async value(data) {
        const files = await Promise.all((data.files ?? []).map(async (f) => ({
          isFile: f instanceof File, name: f.name, type: f.type, size: f.size, base64: await toBase64(f),
        })));
        window.__shares.push({ keys: Object.keys(data), files, activation: navigator.userActivation?.isActive ?? null });
        if (outcome) throw new DOMException('stub', outcome);
      },
    });
  }, outcome);
}

test('share: navigator.share gets exactly { files: [one 1080×1080 PNG] }, the same bytes as the download', async () => {
  const { context, page, errors } = await openApp(browser, served.origin, { init: stubWebShare() });
  assert.equal(await page.isDisabled('#share'), true, 'nothing to share before a photo');
  await loadPhoto(page);
  await page.click('#share');
  await page.waitForFunction(() => window.__shares.length === 1);
  const [shared] = await page.evaluate(() => window.__shares);
  assert.deepEqual(shared.keys, ['files'], 'files must be the only key (WhatsApp on iOS)');
  assert.deepEqual(await page.evaluate(() => window.__canShare), [['files']], 'canShare checked first, with the same data');
  assert.equal(shared.activation, true, 'share() is called while the click still counts as user activation');
  assert.equal(shared.files.length, 1);
  const [file] = shared.files;
  assert.equal(file.isFile, true);
  assert.equal(file.type, 'image/png');
  assert.match(file.name, /^twibbon-asn-pilih-netral-[a-z-]+\.png$/);
  assert.ok(file.size > 0);
  const bytes = Buffer.from(file.base64, 'base64');
  assert.equal(bytes.length, file.size);
  const image = await decodeInPage(page, bytes);
  assert.deepEqual([image.width, image.height], [1080, 1080]);
  await page.waitForSelector('#share-status:has-text("dikirim")');

  // One code path: the shared file is byte-for-byte what "Download PNG" saves.
  const png = await downloadFrom(page, '#download-png');
  assert.equal(png.name, file.name);
  assert.ok(png.bytes.equals(bytes), 'shared and downloaded PNGs differ');
  assert.deepEqual(errors, []);
  await context.close();
});

test('share: a closed share sheet changes nothing; a refused share shows the image to save', async () => {
  {
    const { context, page, errors } = await openApp(browser, served.origin, { init: stubWebShare('AbortError') });
    await loadPhoto(page);
    await page.click('#share');
    await page.waitForFunction(() => window.__shares.length === 1);
    await page.waitForTimeout(200);
    assert.equal(await page.locator('#share-image').count(), 0);
    assert.equal((await page.textContent('#share-status')).trim(), '');
    assert.deepEqual(errors, []);
    await context.close();
  }
  {
    const { context, page, errors } = await openApp(browser, served.origin, { init: stubWebShare('NotAllowedError') });
    await loadPhoto(page);
    await page.click('#share');
    await page.waitForSelector('#share-image');
    assert.match(await page.getAttribute('#share-image', 'src'), /^data:image\/png;base64,/);
    assert.match(await page.textContent('#share-status'), /tidak bisa dibagikan langsung/);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('share: without Web Share the same PNG is downloaded instead', async () => {
  const noShare = (context) => context.addInitScript(() => {
    delete Navigator.prototype.share;
    delete Navigator.prototype.canShare;
  });
  const { context, page, errors } = await openApp(browser, served.origin, { init: noShare });
  await loadPhoto(page);
  const viaShare = await downloadFrom(page, '#share');
  assert.match(viaShare.name, /^twibbon-asn-pilih-netral-[a-z-]+\.png$/);
  const image = await decodeInPage(page, viaShare.bytes);
  assert.deepEqual([image.width, image.height], [1080, 1080]);
  assert.match(await page.textContent('#share-status'), /gambar diunduh/);
  const direct = await downloadFrom(page, '#download-png');
  assert.ok(direct.bytes.equals(viaShare.bytes));
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [app, ua, shown] of [['Instagram', IN_APP_UA.instagram, 'Instagram'], ['Facebook (FB_IAB/FBAV)', IN_APP_UA.facebook, 'Facebook']]) {
  test(`in-app browser, ${app}: how to open the real browser, and the image as a plain <img> to long-press`, async () => {
    const { context, page, errors } = await openApp(browser, served.origin, {
      contextOptions: { userAgent: ua },
      // Even where an in-app browser exposes navigator.share, it must not be relied on.
      init: stubWebShare(),
    });
    const notice = await page.textContent('#in-app-notice');
    assert.ok(notice.includes(shown), notice);
    assert.match(notice, /Buka di browser/);
    assert.match(notice, /⋮|…/);
    assert.equal(await page.inputValue('#page-link'), `${served.origin}/`);
    assert.match(await page.textContent('#share'), /Tampilkan gambar untuk disimpan/);

    await loadPhoto(page);
    let downloaded = false;
    page.on('download', () => { downloaded = true; });
    await page.click('#share');
    await page.waitForSelector('#share-view img#share-image');
    assert.equal(await page.evaluate(() => window.__shares.length), 0, 'no Web Share in an in-app browser');
    assert.equal(downloaded, false, 'no blob download in an in-app browser');
    const src = await page.getAttribute('#share-image', 'src');
    assert.match(src, /^data:image\/png;base64,/);
    const image = await decodeInPage(page, Buffer.from(src.split(',')[1], 'base64'));
    assert.deepEqual([image.width, image.height], [1080, 1080]);
    assert.equal(await page.evaluate(() => document.querySelector('#share-image').naturalWidth), 1080);
    assert.match(await page.textContent('#share-view figcaption'), /Tekan lama/);
    // Nothing may sit on top of the image, or long-press would hit that instead.
    const box = await page.locator('#share-image').boundingBox();
    const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.id,
      { x: box.x + box.width / 2, y: Math.min(box.y + box.height / 2, 790) });
    assert.equal(onTop, 'share-image');
    await page.screenshot({ path: path.join(artifacts, `in-app-${shown.toLowerCase()}-360x800.png`), fullPage: true });

    // In English, the same instructions in English.
    await page.click('#lang-en');
    assert.match(await page.textContent('#in-app-notice'), /Open in browser/);
    assert.match(await page.textContent('#share-view figcaption'), /Long-press/);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('caption: neutral, Indonesian by default, English in English, editable, copied with one tap', async () => {
  const { context, page, errors } = await openApp(browser, served.origin, {
    init: (context) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin }),
  });
  const id = await page.inputValue('#caption');
  assert.match(id, /ASN Pilih Netral/);
  assert.match(id, /memilih netral/);
  assert.match(id, /#ASNPilihNetral/);
  assert.match(await page.textContent('#caption-hint'), /bukan tagar resmi/);
  assert.equal(await page.textContent('label[for="caption"]').then((t) => t.trim().length > 0), true);

  await page.click('#lang-en');
  const en = await page.inputValue('#caption');
  assert.match(en, /stay neutral/);
  assert.match(en, /ASN Pilih Netral/);

  // Edit the hashtags; the edit stays across a language switch.
  const edited = en.replace('#ASNNetral', '#NetralitasASNKabupatenContoh');
  await page.fill('#caption', edited);
  await page.click('#lang-id');
  assert.equal(await page.inputValue('#caption'), edited);
  await page.click('#copy-caption');
  await page.waitForSelector('#caption-status:has-text("disalin")');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), edited);
  await page.click('#reset-caption');
  assert.equal(await page.inputValue('#caption'), id);
  assert.deepEqual(errors, []);
  await context.close();
});

test('caption: without the clipboard API the text is selected for copying by hand', async () => {
  const noClipboard = (context) => context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });
    // As in WebViews that refuse it too.
    document.execCommand = () => false;
  });
  const { context, page, errors } = await openApp(browser, served.origin, { init: noClipboard });
  await page.click('#copy-caption');
  await page.waitForSelector('#caption-status:has-text("sudah dipilih")');
  const selection = await page.evaluate(() => {
    const el = document.querySelector('#caption');
    return { focused: document.activeElement === el, start: el.selectionStart, end: el.selectionEnd, length: el.value.length };
  });
  assert.deepEqual(selection, { focused: true, start: 0, end: selection.length, length: selection.length });
  assert.ok(selection.length > 50);
  assert.deepEqual(errors, []);
  await context.close();
});
