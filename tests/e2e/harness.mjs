// Shared set-up for the browser tests: a static server for dist/ on a free loopback port and
// headless Debian Chromium driven by playwright-core (no browser download).
import http from 'node:http';
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
// DIST=/some/dir serves another build (the benchmark of a build made beside a busy tree).
export const dist = process.env.DIST ? path.resolve(process.env.DIST) : path.join(root, 'dist');
export const fixtures = path.join(root, 'tests', 'fixtures');
export const artifacts = path.join(here, 'artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon', '.ttf': 'font/ttf',
};

/**
 * Serve dist/ on 127.0.0.1 (port 0 = any free port). Resolves to { server, origin, requests,
 * overrides }. Options: `gzip` compresses responses for clients that accept it (as any real
 * static host does; used for Lighthouse). `overrides` (also settable later on the result)
 * maps a path such as '/sw.js' to a function (text of the file in dist) => new text: a test
 * can "deploy" a new version without touching dist/.
 */
export function serveDist({ gzip = false, overrides = new Map() } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url, 'http://localhost');
    const override = overrides.get(url.pathname);
    if (override) {
      fs.readFile(path.join(dist, url.pathname), 'utf8', (err, text) => {
        if (err) { res.writeHead(404).end('not found'); return; }
        res.writeHead(200, { 'content-type': TYPES[path.extname(url.pathname)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(override(text));
      });
      return;
    }
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = zlib.gzipSync(body, { level: 9 });
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      res.writeHead(200, headers);
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, origin: `http://127.0.0.1:${server.address().port}`, requests, overrides });
  }));
}

const CHROMIUM = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

/** Launch Debian's Chromium headless with the flags that keep it off the network. */
export function launch() {
  return chromium.launch(CHROMIUM);
}

/**
 * A Chromium with a real (temporary) profile instead of an incognito-like context: what a
 * browser's "install app" check needs. Resolves to the context; close it when done.
 */
export function launchWithProfile(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, { ...CHROMIUM, viewport: { width: 360, height: 800 }, ...options });
}

/**
 * Open the app in a phone-sized page and wait until Yew has mounted. `contextOptions` are
 * merged into the new context's options (e.g. userAgent, bypassCSP); `init(context)` runs
 * before the first navigation (init scripts, routes, listeners).
 */
export async function openApp(browser, origin, { width = 360, height = 800, contextOptions = {}, init } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, hasTouch: false, ...contextOptions });
  if (init) await init(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(origin + '/');
  await page.waitForSelector('#preview');
  return { context, page, errors };
}

/** Decode image bytes in the page and return { width, height, pixel(x, y) -> [r, g, b, a] }. */
export async function decodeInPage(page, bytes) {
  const b64 = Buffer.from(bytes).toString('base64');
  const result = await page.evaluate(async (data) => {
    const bin = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bin]));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const px = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    // Base64 in chunks: far faster across the protocol than an array of numbers.
    let s = '';
    for (let i = 0; i < px.length; i += 0x8000) s += String.fromCharCode(...px.subarray(i, i + 0x8000));
    return { width: bitmap.width, height: bitmap.height, data: btoa(s) };
  }, b64);
  const data = Buffer.from(result.data, 'base64');
  return {
    width: result.width,
    height: result.height,
    pixel: (x, y) => [...data.subarray((y * result.width + x) * 4, (y * result.width + x) * 4 + 4)],
  };
}

/** In-app browser user agents (Android WebViews) for the share tests. */
export const IN_APP_UA = {
  instagram: 'Mozilla/5.0 (Linux; Android 13; SM-A145F Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 307.0.0.34.111 Android (33/13; 450dpi; 1080x2194; samsung; SM-A145F; a14; mt6769; id_ID; 531386946)',
  facebook: 'Mozilla/5.0 (Linux; Android 12; SM-A125F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0.5993.111 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/438.0.0.33.118;]',
};

/**
 * Collect Content-Security-Policy violations of every page of a context into
 * `window.__cspViolations` (an init script: runs before the page's own scripts).
 */
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
}

/**
 * Wait until the canvas shows what was last asked of it: the twibbon page's previews are drawn
 * in a worker, and a canvas is `aria-busy` while its picture is on the way.
 */
export async function previewDrawn(page, selector = '#preview') {
  await page.waitForSelector(`${selector}:not([aria-busy])`);
}

/** Pick a photo and wait until it is decoded and shown. */
export async function loadPhoto(page, file = path.join(fixtures, 'astronaut.jpg')) {
  await page.setInputFiles('#photo-input', file);
  await page.waitForSelector('main[data-photo="loaded"]');
  await previewDrawn(page);
}

/**
 * Wait until the service worker is active and controls the page (the first visit is not
 * controlled until the worker claims it). Returns the worker's cache names.
 */
export async function waitForServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page.evaluate(() => caches.keys());
}

/**
 * Click and return the download it starts: { name, bytes, longTasks }. `longTasks` are the
 * durations (ms) of the page's main-thread tasks over 50 ms (the Long Tasks API) from the click
 * until the file arrived: exports run in a worker, so an export should leave it empty.
 */
export async function downloadFrom(page, selector) {
  await page.evaluate(() => {
    window.__longTasks = [];
    if (!window.__longTaskObserver) {
      window.__longTaskObserver = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
      });
      window.__longTaskObserver.observe({ type: 'longtask' });
    }
  });
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const bytes = fs.readFileSync(await dl.path());
  // Entries are delivered after their task ends: give the observer a moment.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  const longTasks = await page.evaluate(() => window.__longTasks);
  return { name: dl.suggestedFilename(), bytes, longTasks };
}

/**
 * Run axe-core (from node_modules) on the page as it is now. The page's CSP forbids injected
 * scripts, so the context must be created with `bypassCSP: true`. Returns the violations.
 */
export async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: path.join(root, 'node_modules', 'axe-core', 'axe.min.js') });
  }
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    resultTypes: ['violations'],
  }));
  return result.violations;
}

/**
 * Text boxes that are clipped, cut off at the viewport or overlap other text: run in the page
 * with `page.evaluate(layoutProblems)` (shared by the a11y and pledge tests).
 */
export function layoutProblems() {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw + 1) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('.visually-hidden, .hidden, noscript, textarea')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      boxes.push({ el, r, text: node.textContent.trim().slice(0, 30) });
      if (r.left < -1 || r.right > vw + 1) problems.push(`"${node.textContent.trim().slice(0, 30)}" runs off the screen (${Math.round(r.left)}…${Math.round(r.right)})`);
    }
    // Clipped: a box that hides what does not fit.
    for (let box = el; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
      if (clips && (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1)) {
        problems.push(`"${node.textContent.trim().slice(0, 30)}" is clipped by <${box.tagName.toLowerCase()} class="${box.className}">`);
      }
    }
    // Sticking out of its own control (e.g. a nowrap label wider than its button).
    const control = el.closest('button, .button, label, output');
    if (control) {
      const c = control.getBoundingClientRect();
      const rects = [...range.getClientRects()];
      if (rects.some((r) => r.left < c.left - 1 || r.right > c.right + 1)) problems.push(`"${node.textContent.trim().slice(0, 30)}" sticks out of its ${control.tagName.toLowerCase()}`);
    }
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.el === b.el) continue;
      const overlapX = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const overlapY = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (overlapX > 2 && overlapY > 2) problems.push(`"${a.text}" overlaps "${b.text}"`);
    }
  }
  return [...new Set(problems)];
}

/**
 * Share of sampled pixels (every 3rd in both directions) of two decoded images (see
 * `decodeInPage`) that differ by more than 4 levels in any channel: the tolerance between the
 * app's wasm and the native CLI (float rounding at edges only).
 */
export function differingShare(a, b) {
  let differing = 0;
  let total = 0;
  for (let y = 0; y < a.height; y += 3) {
    for (let x = 0; x < a.width; x += 3) {
      const p = a.pixel(x, y);
      const q = b.pixel(x, y);
      total += 1;
      if (Math.max(...[0, 1, 2].map((i) => Math.abs(p[i] - q[i]))) > 4) differing += 1;
    }
  }
  return differing / total;
}

/** `#key=<base64url(deflate(json))>`, as the app makes its kit and campaign links (raw deflate,
 * no padding): a test can write a link the app would never make (a stranger's). */
export function linkFragment(key, value) {
  return `#${key}=${zlib.deflateRawSync(Buffer.from(JSON.stringify(value))).toString('base64url')}`;
}

function crc32(bytes) {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i += 1) crc = (crc >>> 1) ^ (0xEDB88320 & -(crc & 1));
  }
  return (~crc) >>> 0;
}

/** A PNG from its IHDR fields (8 bits per sample) and IDAT bytes, which may be nonsense: a
 * hostile file, or a real zlib stream of filtered rows for a test photo. */
export function pngFile(width, height, colourType, idat) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = colourType;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
