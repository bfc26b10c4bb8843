// Shared by the browser benchmarks (browser.mjs, weak-phone.mjs): the static server that serves
// the build as a CDN would, and the phone-like test photo.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist } from '../e2e/harness.mjs';

export const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.ttf': 'font/ttf', '.txt': 'text/plain' };

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

// gzip -9 of a file, made once per version of it (dist/ may be rebuilt under a running bench:
// keyed by size and mtime). Compressing a few MB of wasm at level 9 on every request would add
// the server's time to the throttled loads.
const gzipped = new Map();
function gzipOf(file) {
  const st = fs.statSync(file);
  const key = `${file}:${st.size}:${st.mtimeMs}`;
  if (!gzipped.has(key)) gzipped.set(key, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
  return gzipped.get(key);
}

/**
 * What a file of the build costs on the wire: `gz` = gzip -9 as served here; `br` = brotli 11,
 * what a host serving the build's precompressed .br copies sends (Chromium asks for br over
 * HTTPS only, so it is counted here, not served). The build writes a .br copy only where it is
 * smaller than gzip, so without one the gzip size counts.
 */
export function wireSizes(file) {
  const gz = gzipOf(file).length;
  const br = fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`).size : gz;
  return { gz, br };
}

/** The file in `dir` a request path names ('/' and folders: their index.html), or null. */
export function fileFor(dir, pathname) {
  let file = path.join(dir, decodeURIComponent(pathname));
  if (!file.startsWith(dir)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return fs.existsSync(file) ? file : null;
}

/**
 * Serve `dir` (default: dist/, or DIST) like a CDN: gzip on the wire, so a throttled load
 * measures what users download, and `cache-control: no-store`, so every run is a first visit.
 * Resolves to { server, origin, loaded, hold }: `loaded` gets one entry per request answered,
 * { url, gz, br, sw, referer, at } (`referer`: the path of the page or worker that asked, '' for
 * the page; `at`: Date.now() when it arrived). `hold`, settable on the result: a function
 * (path) => a promise to wait for before answering, or null to answer at once.
 */
export function serve(dir = dist) {
  const loaded = [];
  const served = { loaded, hold: () => null };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const at = Date.now();
    await served.hold(url.pathname);
    let file;
    let body;
    let sizes;
    try {
      file = fileFor(dir, url.pathname);
      if (!file) return res.writeHead(404).end();
      body = gzipOf(file);
      sizes = wireSizes(file);
    } catch (e) { // dist/ being rebuilt under the bench
      return res.writeHead(500).end(String(e));
    }
    // The service worker's own fetches (its precache) carry its address as the referrer; the
    // page's carry none (index.html sets no-referrer). A dedicated worker's carry the worker's
    // script (its own referrer policy is the default one).
    const referer = req.headers.referer ? new URL(req.headers.referer).pathname : '';
    loaded.push({ url: url.pathname, ...sizes, sw: /\/sw\.js$/.test(referer), referer, at });
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-encoding': 'gzip', 'cache-control': 'no-store' });
    res.end(body);
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(Object.assign(served, { server, origin: `http://127.0.0.1:${server.address().port}` }))));
}

/**
 * A phone-like photo (issue 14), made in `page` (any page: it only needs OffscreenCanvas): a
 * real photo (`fixture`, the bytes of tests/fixtures/astronaut.jpg) cover-scaled to w×h, with
 * deterministic sensor-like noise (seeded, per pixel, luminance and chroma) so its JPEG has a
 * phone's entropy — a smooth synthetic image decodes far faster and flatters a decoder —
 * stored as a phone held upright stores it (landscape pixels, EXIF 6), q94. Resolves to a
 * Buffer (the bytes cross the protocol as base64, far faster than an array of numbers).
 */
export async function phoneLike(page, fixture, w, h) {
  const b64 = await page.evaluate(async ([data, w, h]) => {
    const bmp = await createImageBitmap(new Blob([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))]));
    const [cw, ch] = [h, w]; // stored sideways, shown upright by EXIF 6
    const c = new OffscreenCanvas(cw, ch);
    const x = c.getContext('2d');
    const scale = Math.max(cw / bmp.width, ch / bmp.height);
    x.imageSmoothingQuality = 'high';
    x.drawImage(bmp, (cw - bmp.width * scale) / 2, (ch - bmp.height * scale) / 2, bmp.width * scale, bmp.height * scale);
    const img = x.getImageData(0, 0, cw, ch);
    const d = img.data;
    let seed = 12345;
    const rnd = () => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed / 4294967296; };
    for (let i = 0; i < d.length; i += 4) {
      const luma = (rnd() + rnd() - 1) * 14;
      d[i] += luma + (rnd() - 0.5) * 6; d[i + 1] += luma + (rnd() - 0.5) * 6; d[i + 2] += luma + (rnd() - 0.5) * 6;
    }
    x.putImageData(img, 0, 0);
    const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.94 })).arrayBuffer());
    // APP1 "Exif" with a little-endian TIFF header and one IFD0 entry: Orientation (0x0112) = 6.
    const tiff = [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x12, 1, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0];
    const payload = [...new TextEncoder().encode('Exif'), 0, 0, ...tiff];
    const app1 = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255, ...payload];
    const out = new Uint8Array(bytes.length + app1.length);
    out.set(bytes.subarray(0, 2)); out.set(app1, 2); out.set(bytes.subarray(2), 2 + app1.length);
    let s = '';
    for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
    return btoa(s);
  }, [Buffer.from(fixture).toString('base64'), w, h]);
  return Buffer.from(b64, 'base64');
}
