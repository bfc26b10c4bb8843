// Browser benchmark (run by `cargo xtask bench`, never by CI): the release build in headless
// Chromium against the browser's own canvas path doing the same job, on the same photos, in one
// run. Prints medians of ≥ 7 alternating runs and WASM/canvas ratios. See BENCHMARKS.md.
import fs from 'node:fs';
import path from 'node:path';
import { launch, root } from '../e2e/harness.mjs';
import { serve, median, phoneLike } from './common.mjs';

const RUNS = Number(process.env.RUNS ?? 7);

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const ms = (x) => (x === undefined ? '   n/a' : `${x.toFixed(1).padStart(7)} ms`);

// In-page helpers: make test photos, and the canvas path peers use (createImageBitmap +
// drawImage + toBlob), with the frame overlay already decoded as they would have it.
const PAGE_HELPERS = () => {
  window.__bench = {
    async photoJpeg(w, h, exif6) {
      // Stored portrait when exif6 (a phone held upright), gradients + shapes so it is photo-like.
      const [cw, ch] = exif6 ? [h, w] : [w, h];
      const c = new OffscreenCanvas(cw, ch);
      const x = c.getContext('2d');
      const g = x.createLinearGradient(0, 0, cw, ch);
      g.addColorStop(0, '#3a6ea5'); g.addColorStop(0.5, '#f2c14e'); g.addColorStop(1, '#c2412d');
      x.fillStyle = g; x.fillRect(0, 0, cw, ch);
      for (let i = 0; i < 6000; i++) {
        x.fillStyle = `hsl(${(i * 37) % 360} 55% ${30 + (i % 40)}% / 0.45)`;
        x.beginPath(); x.arc((i * 7919) % cw, (i * 104729) % ch, 8 + (i % 60), 0, 7); x.fill();
      }
      let bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
      if (exif6) {
        const tiff = [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x12, 1, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0];
        const payload = [...new TextEncoder().encode('Exif'), 0, 0, ...tiff];
        const app1 = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255, ...payload];
        const out = new Uint8Array(bytes.length + app1.length);
        out.set(bytes.subarray(0, 2)); out.set(app1, 2); out.set(bytes.subarray(2), 2 + app1.length);
        bytes = out;
      }
      return bytes;
    },
    async photoPng(w, h) {
      const c = new OffscreenCanvas(w, h);
      const x = c.getContext('2d');
      const g = x.createRadialGradient(w / 2, h / 2, 10, w / 2, h / 2, w);
      g.addColorStop(0, '#fff0c0'); g.addColorStop(1, '#20407a');
      x.fillStyle = g; x.fillRect(0, 0, w, h);
      return new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
    },
    async overlay(size) {
      const c = new OffscreenCanvas(size, size);
      const x = c.getContext('2d');
      x.fillStyle = '#ff7a00'; x.fillRect(0, 0, size, size);
      x.globalCompositeOperation = 'destination-out';
      x.beginPath(); x.arc(size / 2, size * 0.43, size * 0.345, 0, 7); x.fill();
      return createImageBitmap(c);
    },
    // The peers' path: decode (EXIF-aware), cover-fit into the slot, frame on top, encode.
    async canvasPath(bytes, size, type, overlay) {
      const t0 = performance.now();
      const bmp = await createImageBitmap(new Blob([bytes]), { imageOrientation: 'from-image' });
      const t1 = performance.now();
      const c = new OffscreenCanvas(size, size);
      const x = c.getContext('2d');
      x.imageSmoothingQuality = 'high';
      const s = Math.max(size / bmp.width, size / bmp.height);
      x.drawImage(bmp, (size - bmp.width * s) / 2, (size - bmp.height * s) / 2, bmp.width * s, bmp.height * s);
      x.drawImage(overlay, 0, 0, size, size);
      const t2 = performance.now();
      let blob = null;
      if (type) blob = await c.convertToBlob(type === 'image/jpeg' ? { type, quality: 0.9 } : { type });
      const t3 = performance.now();
      bmp.close();
      return { decode: t1 - t0, draw: t2 - t1, encode: t3 - t2, total: t3 - t0, bytes: blob?.size ?? 0 };
    },
    // A poster at A4 300 dpi the canvas way: background, the photo cover-fitted into a band,
    // headline and body text with fillText, encoded as PNG — the same job as our A4 export.
    // The photo is decoded before the clock starts, as ours is (it was decoded when chosen).
    async canvasPoster(bmp) {
      const t0 = performance.now();
      const [w, h] = [2480, 3508];
      const c = new OffscreenCanvas(w, h);
      const x = c.getContext('2d');
      x.fillStyle = '#0B2D5B'; x.fillRect(0, 0, w, h);
      x.fillStyle = '#C8102E'; x.fillRect(0, h * 0.62, w, h * 0.06);
      const [sx, sy, sw, sh] = [w * 0.1, h * 0.2, w * 0.8, h * 0.38];
      const s = Math.max(sw / bmp.width, sh / bmp.height);
      x.save(); x.beginPath(); x.rect(sx, sy, sw, sh); x.clip();
      x.drawImage(bmp, sx + (sw - bmp.width * s) / 2, sy + (sh - bmp.height * s) / 2, bmp.width * s, bmp.height * s);
      x.restore();
      x.fillStyle = '#fff'; x.font = 'bold 220px sans-serif'; x.fillText('ASN PILIH NETRAL', w * 0.08, h * 0.14);
      x.font = '90px sans-serif';
      for (let i = 0; i < 6; i++) x.fillText('Netral, profesional, dan melayani semua golongan.', w * 0.08, h * 0.74 + i * 130);
      await c.convertToBlob({ type: 'image/png' });
      return performance.now() - t0;
    },
  };
};

async function pageFor(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 412, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(PAGE_HELPERS);
  await page.goto(origin + '/');
  await page.waitForSelector('#preview');
  return { context, page };
}

/** Choose a file in the app: time from the input's change event to the preview painted. */
async function wasmLoad(page, bytes, name) {
  await page.evaluate(() => {
    performance.clearMeasures(); performance.clearMarks();
    window.__loaded = new Promise((resolve) => {
      const input = document.querySelector('#photo-input');
      input.addEventListener('change', () => { window.__t0 = performance.now(); }, { once: true, capture: true });
      const main = document.querySelector('main');
      const seen = main.dataset.photoSeq ?? '';
      // Shown: decoded (no spinner) and painted (the twibbon preview is drawn in a worker; its
      // canvas is aria-busy until the picture is on it).
      const obs = new MutationObserver(() => {
        if (!document.querySelector('.busy') && !document.querySelector('#preview[aria-busy]')
          && performance.getEntriesByName('preview-render').length > 0) {
          obs.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - window.__t0));
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true });
      void seen;
    });
  });
  await page.setInputFiles('#photo-input', { name, mimeType: name.endsWith('.png') ? 'image/png' : 'image/jpeg', buffer: Buffer.from(bytes) });
  return page.evaluate(() => window.__loaded);
}

/** Whose decoder made the last photo's pixels: "browser" (WebCodecs) or "wasm" (ours). */
const decodedBy = (page) => page.evaluate(() => performance.getEntriesByType('mark')
  .filter((m) => m.name.startsWith('decoded-by-')).at(-1)?.name.slice('decoded-by-'.length) ?? 'n/a');

/** Click a download button: time from the click to the file handed to the browser. */
async function wasmExport(page, selector) {
  await page.evaluate((sel) => {
    performance.clearMarks('download');
    document.querySelector(sel).addEventListener('click', () => { window.__c0 = performance.now(); }, { once: true, capture: true });
  }, selector);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  await dl.path();
  return page.evaluate(() => performance.getEntriesByName('download').at(-1).startTime - window.__c0);
}

async function main() {
  const { server, origin, loaded } = await serve();
  const browser = await launch();
  const { context, page } = await pageFor(browser, origin);
  // The service worker installed (its precache fetched) before the files are counted.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Each file once (the service worker fetches some a second time to precache them).
  // The page's own requests first; a file the service worker also fetched counts once, as the
  // page's.
  const pageFirst = [...loaded.filter((l) => !l.sw), ...loaded.filter((l) => l.sw)];
  const sizes = [...new Map(pageFirst.reverse().map((l) => [l.url, l])).values()].reverse();

  const jpeg = Buffer.from(Object.values(await page.evaluate(() => window.__bench.photoJpeg(4000, 3000, true))));
  const png = Buffer.from(Object.values(await page.evaluate(() => window.__bench.photoPng(2400, 1800))));
  const fixture = fs.readFileSync(path.join(root, 'tests', 'fixtures', 'astronaut.jpg'));
  const phone = await phoneLike(page, fixture, 4000, 3000);
  // The photos, for the probes (tests/bench/probe-photo.mjs): PHOTOS_OUT=/tmp.
  if (process.env.PHOTOS_OUT) {
    fs.writeFileSync(path.join(process.env.PHOTOS_OUT, 'phone.jpg'), phone);
    fs.writeFileSync(path.join(process.env.PHOTOS_OUT, 'synthetic.jpg'), jpeg);
  }
  console.log(`photos: 12 MP synthetic JPEG with EXIF orientation 6 (${(jpeg.length / 1e6).toFixed(1)} MB), 12 MP phone-like JPEG (real photo + sensor noise, EXIF 6, q94: ${(phone.length / 1e6).toFixed(1)} MB), 4.3 MP PNG (${(png.length / 1e6).toFixed(1)} MB)`);
  await page.evaluate(async () => { window.__overlay = await window.__bench.overlay(1080); });
  const inPage = (bytes, size, type) => page.evaluate(async ([b, s, t]) => {
    const bytes = Uint8Array.from(atob(b), (c) => c.charCodeAt(0));
    return window.__bench.canvasPath(bytes, s, t, window.__overlay);
  }, [bytes.toString('base64'), size, type]);

  const r = { jpegLoad: [], canvasJpegPreview: [], pngLoad: [], canvasPngPreview: [], exportPng: [], exportJpeg: [],
    canvasPng: [], canvasJpeg: [], renders: [], longTasks: [],
    phoneLoad: [], canvasPhonePreview: [], phoneExportJpeg: [], canvasPhoneJpeg: [] };
  const decoders = { jpeg: new Set(), phone: new Set(), png: new Set() };
  // Warm up once (first calls compile and allocate), then alternate WASM and canvas runs.
  await wasmLoad(page, jpeg, 'warm.jpg');
  await wasmExport(page, '#download-png');
  await inPage(jpeg, 1080, 'image/png');
  for (let i = 0; i < RUNS; i++) {
    r.jpegLoad.push(await wasmLoad(page, jpeg, `IMG_${i}.jpg`));
    decoders.jpeg.add(await decodedBy(page));
    r.canvasJpegPreview.push((await inPage(jpeg, 720, null)).total);
    r.exportJpeg.push(await wasmExport(page, '#download-jpeg'));
    r.canvasJpeg.push((await inPage(jpeg, 1080, 'image/jpeg')).total);
    r.exportPng.push(await wasmExport(page, '#download-png'));
    r.canvasPng.push((await inPage(jpeg, 1080, 'image/png')).total);
    r.phoneLoad.push(await wasmLoad(page, phone, `PXL_${i}.jpg`));
    decoders.phone.add(await decodedBy(page));
    r.canvasPhonePreview.push((await inPage(phone, 720, null)).total);
    r.phoneExportJpeg.push(await wasmExport(page, '#download-jpeg'));
    r.canvasPhoneJpeg.push((await inPage(phone, 1080, 'image/jpeg')).total);
    r.pngLoad.push(await wasmLoad(page, png, `shot_${i}.png`));
    decoders.png.add(await decodedBy(page));
    r.canvasPngPreview.push((await inPage(png, 720, null)).total);
  }

  // Pan/zoom re-render while dragging: every preview render is a User Timing measure; long
  // tasks (> 50 ms) on the main thread are counted by a PerformanceObserver.
  await wasmLoad(page, jpeg, 'drag.jpg');
  await page.evaluate(() => {
    performance.clearMeasures(); performance.clearMarks('preview-draw');
    window.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask' });
  });
  await page.locator('#preview').scrollIntoViewIfNeeded();
  const box = await page.locator('#preview').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i < 120; i++) {
    await page.mouse.move(box.x + box.width / 2 + 60 * Math.sin(i / 10), box.y + box.height / 2 + 40 * Math.cos(i / 13));
    if (i % 30 === 29) await page.keyboard.press('+');
  }
  await page.mouse.up();
  await page.waitForTimeout(300);
  const drag = await page.evaluate(() => ({
    renders: performance.getEntriesByName('preview-render').map((e) => e.duration),
    draws: performance.getEntriesByName('preview-draw').map((e) => e.detail),
    long: window.__long,
  }));

  // Poster at A4 300 dpi (2480×3508) with the 12 MP photo: click "PNG" → file, beside canvas.
  r.posterA4 = []; r.canvasPosterA4 = [];
  await page.click('#tab-poster');
  await page.waitForSelector('#poster-preview');
  await page.click('.poster-option[data-poster-id="ikrar"]');
  await page.check('#size-a4');
  await page.waitForSelector('#poster-page[data-poster="ikrar"][data-size="a4"]');
  await page.setInputFiles('#poster-photo-input', { name: 'IMG_poster.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.waitForFunction(() => !document.querySelector('.poster-preview .busy'));
  await wasmExport(page, '#poster-png');
  await page.evaluate(async (b) => {
    const bytes = Uint8Array.from(atob(b), (c) => c.charCodeAt(0));
    window.__posterBmp = await createImageBitmap(new Blob([bytes]), { imageOrientation: 'from-image' });
  }, jpeg.toString('base64'));
  for (let i = 0; i < RUNS; i++) {
    r.posterA4.push(await wasmExport(page, '#poster-png'));
    r.canvasPosterA4.push(await page.evaluate(() => window.__bench.canvasPoster(window.__posterBmp)));
  }
  await context.close();

  // A 48 MP photo: no crash, and the decode worker's wasm memory after it (= its peak).
  const big = await pageFor(browser, origin);
  const jpeg48 = Buffer.from(Object.values(await big.page.evaluate(() => window.__bench.photoJpeg(8000, 6000, false))));
  const t48 = await wasmLoad(big.page, jpeg48, 'IMG_48MP.jpg');
  const ok48 = (await big.page.getAttribute('main', 'data-photo')) === 'loaded' && await big.page.isHidden('#error');
  const mem48 = await big.page.evaluate(() => performance.getEntriesByName('decode-worker-memory').at(-1)?.detail);
  const decoder48 = await decodedBy(big.page);
  await big.context.close();

  // First visit on "Fast 3G" (DevTools preset: 562.5 ms RTT, 180 KB/s down) with 4× CPU slowdown:
  // navigation start → the app mounted and its preview painted.
  const cold = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const coldPage = await cold.newPage();
  const cdp = await cold.newCDPSession(coldPage);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: 180 * 1024, uploadThroughput: 84.375 * 1024 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await coldPage.addInitScript(() => {
    window.__lcp = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lcp.push({ t: e.startTime, id: e.element?.id ?? '' });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await coldPage.goto(origin + '/', { waitUntil: 'commit' });
  // The static first screen: its twibbon picture painted and its photo input in the page.
  await coldPage.waitForFunction(() => window.__lcp.some((e) => e.id === 'boot-preview'), null, { timeout: 60000 });
  const firstScreen = await coldPage.evaluate(() => window.__lcp.find((e) => e.id === 'boot-preview').t);
  await coldPage.waitForSelector('#preview', { timeout: 60000 });
  const interactive = await coldPage.evaluate(() => new Promise((res) => requestAnimationFrame(() => res(performance.now()))));
  await cold.close();
  await browser.close();
  server.close();

  const ratio = (a, b) => (median(a) / median(b)).toFixed(2);
  const row = (name, wasm, canvas) => console.log(`${name.padEnd(44)} ${ms(median(wasm))} ${canvas ? ms(median(canvas)) : '         —'} ${canvas ? ratio(wasm, canvas).padStart(7) : '      —'}`);
  console.log(`\nmedians of ${RUNS} alternating runs (headless Chromium, this machine)`);
  console.log(`${'step'.padEnd(44)} ${'WASM'.padStart(10)} ${'canvas'.padStart(10)} ${'ratio'.padStart(7)}`);
  row('12 MP JPEG chosen → preview shown', r.jpegLoad, r.canvasJpegPreview);
  row('4.3 MP PNG chosen → preview shown', r.pngLoad, r.canvasPngPreview);
  row('export 1080² PNG (click → file)', r.exportPng, undefined);
  row('export 1080² JPEG (click → file)', r.exportJpeg, undefined);
  const total = r.jpegLoad.map((x, i) => x + r.exportJpeg[i]);
  row('12 MP JPEG file → downloadable 1080² JPEG', total, r.canvasJpeg);
  const totalPng = r.jpegLoad.map((x, i) => x + r.exportPng[i]);
  row('12 MP JPEG file → downloadable 1080² PNG', totalPng, r.canvasPng);
  row('12 MP phone-like JPEG chosen → preview shown', r.phoneLoad, r.canvasPhonePreview);
  const phoneTotal = r.phoneLoad.map((x, i) => x + r.phoneExportJpeg[i]);
  row('12 MP phone-like JPEG → downloadable 1080² JPEG', phoneTotal, r.canvasPhoneJpeg);
  row('poster A4 300 dpi PNG (click → file)', r.posterA4, r.canvasPosterA4);
  console.log(`pan/zoom re-render (${drag.renders.length} renders), move → painted: p50 ${ms(pct(drag.renders, 0.5))}, p95 ${ms(pct(drag.renders, 0.95))}; main-thread tasks > 50 ms while dragging: ${drag.long.length}${drag.long.length ? ` (max ${Math.max(...drag.long).toFixed(0)} ms)` : ''}`);
  // The twibbon page's previews are drawn in a worker: its own time per draw, without the wait
  // for the draw before it or the trip to the page.
  if (drag.draws.length) console.log(`pan/zoom draw in the preview worker (${drag.draws.length} draws): p50 ${ms(pct(drag.draws, 0.5))}, p95 ${ms(pct(drag.draws, 0.95))}`);
  console.log(`photo decoders used: synthetic JPEG ${[...decoders.jpeg]}, phone-like JPEG ${[...decoders.phone]}, PNG ${[...decoders.png]}, 48 MP JPEG ${decoder48}`);
  console.log(`48 MP JPEG: ${ok48 ? 'loaded' : 'FAILED'} in ${ms(t48)}; decode worker wasm memory after it: ${mem48 ? (mem48 / 1048576).toFixed(0) + ' MB' : 'n/a'}`);
  console.log(`first visit, Fast 3G + 4× CPU: first screen (twibbon picture + photo input) after ${ms(firstScreen)}, app interactive after ${ms(interactive)}`);
  console.log('\neverything the first visit loads (KiB; gzip -9 as served here, brotli 11 as a host serving the .br copies sends):');
  const kib = (n) => (n / 1024).toFixed(1).padStart(8);
  const list = (title, files) => {
    const sum = { gz: 0, br: 0 };
    console.log(`${title}\n  ${''.padEnd(48)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)}`);
    for (const s of files) {
      sum.gz += s.gz; sum.br += s.br;
      console.log(`  ${s.url.padEnd(48)} ${kib(s.gz)} ${kib(s.br)}`);
    }
    console.log(`  ${'total'.padEnd(48)} ${kib(sum.gz)} ${kib(sum.br)}`);
    return sum;
  };
  const byPage = list(' the page (what it fetches to show and run the twibbon page):', sizes.filter((s) => !s.sw));
  const bySw = list(' then the service worker, in the background (what works offline afterwards):', sizes.filter((s) => s.sw));
  console.log(`  ${'first visit in all'.padEnd(48)} ${kib(byPage.gz + bySw.gz)} ${kib(byPage.br + bySw.br)}`);
  console.log('1,000 pledge cards in the browser batch: the next step of `cargo xtask bench` (tests/e2e/pledge.test.mjs, PLEDGE_ROWS=1000)');
}

main().catch((e) => { console.error(e); process.exit(1); });
