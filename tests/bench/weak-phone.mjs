// Benchmark (not a test: it prints figures and never passes or fails on time): an ASN's first
// twibbon on a weak phone, measured as the user does it. A first visit (a fresh browser context
// each run: no service worker, no HTTP cache) over DevTools' "Fast 3G" with the CPU slowed 4×
// on a 360×800 screen; the user picks a 12 MP phone photo on the static first screen the moment
// its file input exists (www/index.html's `#boot-photo`, before the app's wasm has loaded; the
// app picks the file up when it starts, src/ui/boot.rs), waits for the twibbon with the photo,
// and downloads the 1080² JPEG. Prints, per run and as the median: navigation start → the
// photo in the twibbon painted, and → the download handed to the browser; then every file the
// journey fetched, gzip -9 as served and brotli as a host serving the build's .br copies sends,
// against the 450 KiB brotli bar.
//
//   CHROMIUM=/usr/bin/chromium [DIST=/tmp/dist] [RUNS=3] [PHOTO=/path.jpg] node tests/bench/weak-phone.mjs
//
// What it cannot slow down: DevTools' CPU throttling (Emulation.setCPUThrottlingRate) slows a
// page's main thread only; Chromium refuses it for worker targets ("only supported for pages,
// not workers"). The photo's decode, the preview's draw and the export run in workers, at this
// machine's full speed: on a real weak phone they are slower too. The network throttling does
// apply to the page's dedicated workers (their wasm downloads are throttled).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, dist, root } from '../e2e/harness.mjs';
import { serve, median, phoneLike, fileFor, wireSizes } from './common.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
// DevTools' "Fast 3G" preset (its throughputs are in bytes per second).
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180 * 1024, uploadThroughput: 84.375 * 1024 };
const CPU_SLOWDOWN = 4;
const BAR_KIB = 450;
// Generous: a few MB of wasm at 180 KiB/s is tens of seconds.
const TIMEOUT = 300_000;

// Runs in the page before its own scripts. Records, in page time (ms since navigation start,
// performance.now()), when the photo was chosen, when the app mounted, when the photo was
// decoded, and resolves `window.__painted` once the twibbon with the photo is on the screen.
//
// "Painted with the photo" is the first moment all of these hold:
//  - `main[data-photo="loaded"]`: the twibbon page's state has the decoded photo
//    (src/ui/twibbon/mod.rs). From that render on, the preview's inputs include the photo, and
//    the draw they start is the one that shows it.
//  - a `preview-render` measure newer than that moment: the preview hook
//    (src/ui/hooks/preview.rs, `use_canvas`) records it right after it has put a picture the
//    preview worker drew on `#preview`. The first screen's picture (drawn at build time, no
//    photo) is painted as `Picture::Built` and records a `preview-render-built` mark instead, so
//    it never counts; a worker draw from before the photo (if the first screen's picture could
//    not be used) was counted before data-photo flipped, so it does not count either. The
//    photo's draw is answered by the worker in a later task than the render that flipped
//    data-photo, so the count taken when the flip is first seen (a microtask after it) cannot
//    already include it.
//  - `#preview` not `aria-busy` and no `.busy` spinner: the hook keeps the canvas aria-busy
//    until the newest draw asked of it is painted (an overtaken older draw may paint, but leaves
//    it busy), so a stale picture landing late is not taken for the photo's.
// Then one requestAnimationFrame: its callback runs as the frame that presents the canvas is
// produced, which is when the user sees it. The check runs on DOM mutations (data-photo,
// aria-busy, the spinner) and on new measures: no polling on the throttled main thread.
const WATCH = () => {
  const t = (window.__milestones = {});
  const at = (name) => { if (t[name] === undefined) t[name] = performance.now(); };
  document.addEventListener('change', (e) => { if (e.target?.id === 'boot-photo') at('chosen'); }, true);
  document.addEventListener('click', (e) => { if (e.target?.closest?.('#download-jpeg')) at('click'); }, true);
  let before = null;
  window.__painted = new Promise((resolve) => {
    const check = () => {
      if (document.getElementById('preview')) at('mounted');
      if (!document.querySelector('main[data-photo="loaded"]')) return;
      at('decoded');
      const renders = performance.getEntriesByName('preview-render').length;
      if (before === null) before = renders;
      if (renders <= before || document.querySelector('.busy') || document.querySelector('#preview[aria-busy]')) return;
      dom.disconnect();
      measures.disconnect();
      requestAnimationFrame(() => { at('painted'); resolve(t.painted); });
    };
    const dom = new MutationObserver(check);
    dom.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-photo', 'aria-busy', 'hidden'] });
    const measures = new PerformanceObserver(check);
    measures.observe({ type: 'measure' });
  });
};

/** A promise, or an error after `ms` (page.evaluate has no timeout of its own). */
const within = (promise, ms, what) => Promise.race([promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms).unref())]);

/** Width and height of a JPEG, from its first start-of-frame marker. */
function jpegSize(bytes) {
  for (let i = 2; i + 9 < bytes.length;) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    const len = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return [bytes.readUInt16BE(i + 7), bytes.readUInt16BE(i + 5)];
    }
    i += 2 + len;
  }
  return null;
}

/** One first visit, photo to download. Returns its times (ms since navigation start) and requests. */
async function journey(browser, served, photoFile) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // The service worker is a target of its own, which the page's network conditions do not
  // reach: unthrottled, its precache would fetch the app's workers at loopback speed and then
  // answer the page's requests for them from its cache, hiding their download from the journey.
  // Throttle it too, as DevTools does for every target it is attached to (attached from the
  // page's session; Playwright's sessions are flat, this one uses the older nested messages).
  // Each target gets its own "Fast 3G" link: the page's and the service worker's downloads do
  // not share one (a real phone has one), so concurrent downloads are still optimistic.
  //
  // Holding the worker at its start does not work: Playwright attaches to it too and lets it
  // run at once, and its first precache fetches went out before the conditions had arrived.
  // The worker's target exists before its script is fetched, though, and it does nothing
  // before it has its script: the server holds the answer to /sw.js until the conditions are
  // set (so sw.js itself, 2 KiB, crosses unthrottled). `unthrottled()` checks every run.
  //
  // The browser answers sendMessageToTarget once it has dispatched the message, which sets the
  // conditions (the browser's part of Network.emulateNetworkConditions); the worker's own
  // answer would only come once it runs, which it cannot before it has its script.
  let message = 0;
  const inWorker = (sessionId, method, params = {}) => cdp.send('Target.sendMessageToTarget',
    { sessionId, message: JSON.stringify({ id: ++message, method, params }) }).catch(() => {});
  let swThrottled;
  const swReady = new Promise((resolve) => { swThrottled = resolve; });
  // (Never more than 30 s: then the run's check reports the worker's fetches unthrottled.)
  served.hold = (url) => (url === '/sw.js' ? Promise.race([swReady, new Promise((r) => setTimeout(r, 30_000).unref())]) : null);
  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo }) => {
    if (targetInfo.type !== 'service_worker') return;
    await inWorker(sessionId, 'Network.enable');
    await inWorker(sessionId, 'Network.emulateNetworkConditions', FAST_3G);
    swThrottled();
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false,
    filter: [{ type: 'service_worker', exclude: false }, { exclude: true }] });
  await page.addInitScript(WATCH);
  // Every request of the page, its dedicated workers and its service worker, as the browser
  // saw it (wall clock: made comparable with the page's clock through performance.timeOrigin).
  // The server's log says who asked (the referrer) and what each file weighs.
  const requests = [];
  context.on('request', (r) => {
    const entry = { r, start: Date.now(), end: undefined, fromSw: false };
    // Who asked: the page (no referrer: index.html sets no-referrer), a dedicated worker (its
    // script's address) or the service worker.
    r.headerValue('referer').then((v) => { entry.referer = v ? new URL(v).pathname : ''; }, () => {});
    requests.push(entry);
  });
  const finished = (failed) => async (r) => {
    const entry = requests.find((e) => e.r === r);
    if (!entry) return;
    entry.end = Date.now();
    entry.failed = failed;
    // The browser's own times for the page's and its workers' requests: the events reach node
    // a little late. (Not the service worker's: their times are on some other clock.)
    const timing = r.timing();
    if (!r.serviceWorker() && timing.startTime > 0 && timing.responseEnd >= 0) {
      Object.assign(entry, { start: timing.startTime, end: timing.startTime + timing.responseEnd });
    }
    // Answered by the service worker (from its precache, or its own fetch).
    if (!failed) entry.fromSw = (await r.response().catch(() => null))?.fromServiceWorker() ?? false;
  };
  context.on('requestfinished', finished(false));
  context.on('requestfailed', finished(true));
  const firstLogged = served.loaded.length;
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto(served.origin + '/', { waitUntil: 'commit', timeout: TIMEOUT });
  // The user taps "Pilih foto" as soon as the first screen has its input.
  await page.waitForSelector('#boot-photo', { state: 'attached', timeout: TIMEOUT });
  // By path: the browser reads the file itself (DOM.setFileInputFiles), as from a phone's
  // gallery; a buffer would be built into a File by script on the throttled main thread.
  await page.setInputFiles('#boot-photo', photoFile);
  const painted = await within(page.evaluate(() => window.__painted), TIMEOUT, 'photo painted');

  // The download, as the user makes it: the JPEG button under the preview.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: TIMEOUT }),
    page.click('#download-jpeg', { timeout: TIMEOUT }),
  ]);
  const downloadAt = Date.now();
  const file = fs.readFileSync(await download.path());
  const doneAt = Date.now();
  const timeOrigin = await page.evaluate(() => performance.timeOrigin);
  const milestones = await page.evaluate(() => ({
    ...window.__milestones,
    handedOver: performance.getEntriesByName('download').at(-1)?.startTime,
    decodedBy: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('decoded-by-')).at(-1)?.name.slice(11),
  }));
  // A check, off the clock: the preview no longer shows the first screen's picture.
  const diff = await page.evaluate(() => {
    const small = (source) => {
      const c = new OffscreenCanvas(90, 90);
      const x = c.getContext('2d');
      x.drawImage(source, 0, 0, 90, 90);
      return x.getImageData(0, 0, 90, 90).data;
    };
    const [a, b] = [small(document.getElementById('preview')), small(document.getElementById('boot-preview'))];
    let sum = 0;
    for (let i = 0; i < a.length; i += 4) sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
    return sum / (a.length / 4) / 3;
  });
  await context.close();
  served.hold = () => null;

  const rel = (wall) => (wall === undefined ? undefined : wall - timeOrigin);
  return {
    painted,
    download: rel(downloadAt),
    done: rel(doneAt),
    milestones,
    diff,
    errors,
    jpeg: { bytes: file.length, size: jpegSize(file), name: download.suggestedFilename() },
    // Until the download was on disk; later ones (the service worker's precache goes on) are
    // counted apart.
    requests: requests.map((e) => ({
      url: new URL(e.r.url()).pathname, origin: new URL(e.r.url()).origin,
      sw: e.r.serviceWorker() !== null, fromSw: e.fromSw, failed: e.failed, referer: e.referer,
      start: rel(e.start), end: rel(e.end),
    })),
    logged: served.loaded.slice(firstLogged).map((l) => ({ ...l, at: rel(l.at) })),
  };
}

const s = (x) => (x === undefined ? '     —' : `${(x / 1000).toFixed(2).padStart(6)}`);
const kib = (n) => (n / 1024).toFixed(1).padStart(8);
const sizeOf = (url) => { const file = fileFor(dist, url); return file ? wireSizes(file) : { gz: 0, br: 0 }; };

/**
 * One run's files, navigation → download on disk. `journey`: what the page and its dedicated
 * workers asked for (and sw.js, which the browser fetches for the page's registration), one row
 * per file in the order first asked for: who asked, start and end, how often it crossed the
 * network for them (the server's log; 0 when the service worker answered from its precache)
 * and how often the service worker fetched it for its precache. `precache`: the service
 * worker's own fetches (the server's log tells them by their referrer, sw.js).
 */
function files(run) {
  const until = run.done;
  const log = run.logged.filter((l) => l.at <= until);
  const count = (url, sw) => log.filter((l) => l.url === url && l.sw === sw).length;
  const asked = run.requests.filter((q) => q.start <= until && q.origin !== 'null');
  const rows = (list, by) => {
    const out = new Map();
    for (const q of list) {
      if (!out.has(q.url)) out.set(q.url, { url: q.url, by: by(q), start: q.start, end: q.end, fromSw: false, asked: 0, ...sizeOf(q.url) });
      const r = out.get(q.url);
      r.asked += 1;
      r.end = q.end === undefined || r.end === undefined ? undefined : Math.max(r.end, q.end);
      r.fromSw ||= q.fromSw;
    }
    for (const r of out.values()) Object.assign(r, { fetched: count(r.url, false), precached: count(r.url, true) });
    return [...out.values()].sort((a, b) => a.start - b.start);
  };
  const journey = rows(asked.filter((q) => !q.sw || q.url === '/sw.js'),
    (q) => (q.sw ? 'page (registration)' : q.referer ? path.basename(q.referer) : 'page'));
  const precached = new Set(log.filter((l) => l.sw).map((l) => l.url));
  const precache = rows(asked.filter((q) => q.sw && precached.has(q.url)), () => 'service worker');
  return { journey, precache };
}

/** Requests that crossed the network faster than Fast 3G's latency allows: not throttled (but
 * sw.js, which the browser fetches before the worker's conditions can be set). Unthrottled, a
 * request to this loopback server takes a few ms, throttled at least the latency (562.5 ms; the
 * margin is for the service worker's times, which are node's). */
const unthrottled = (run) => run.requests.filter((q) => q.start <= run.done && q.origin !== 'null' && !q.fromSw && q.url !== '/sw.js'
  && q.end !== undefined && q.end - q.start < 0.5 * FAST_3G.latency);

async function main() {
  const served = await serve(dist);
  const browser = await launch();
  // The photo: PHOTO, or the phone-like 12 MP JPEG made once in an unthrottled page and kept
  // here as bytes, so making it costs none of the measured time.
  let photo;
  let photoName;
  if (process.env.PHOTO) {
    photo = fs.readFileSync(process.env.PHOTO);
    photoName = path.basename(process.env.PHOTO);
  } else {
    const maker = await browser.newContext();
    const fixture = fs.readFileSync(path.join(root, 'tests', 'fixtures', 'astronaut.jpg'));
    photo = await phoneLike(await maker.newPage(), fixture, 4000, 3000);
    await maker.close();
    photoName = 'PXL_20240214_081530123.jpg';
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'weak-phone-'));
  const photoFile = path.join(tmp, photoName);
  fs.writeFileSync(photoFile, photo);

  console.log(`weak phone, first visit: "Fast 3G" (${FAST_3G.latency} ms RTT, ${FAST_3G.downloadThroughput / 1024} KiB/s down, `
    + `${FAST_3G.uploadThroughput / 1024} KiB/s up; page and service worker each on their own link), `
    + `${CPU_SLOWDOWN}× CPU (page main thread only: workers run at this machine's speed), 360×800, fresh context per run`);
  console.log(`build: ${dist}`);
  console.log(`photo: ${photoName}, ${(photo.length / 1e6).toFixed(1)} MB${process.env.PHOTO ? '' : ' (12 MP phone-like JPEG: real photo + sensor noise, EXIF 6, q94)'}`);
  console.log('times in s from navigation start');

  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const run = await journey(browser, served, photoFile);
      runs.push(run);
      const m = run.milestones;
      const [w, h] = run.jpeg.size ?? ['?', '?'];
      console.log(`run ${i + 1}: photo painted ${s(run.painted)}   download ${s(run.download)}   `
        + `(photo chosen ${s(m.chosen)}, app mounted ${s(m.mounted)}, photo decoded ${s(m.decoded)} by ${m.decodedBy ?? '?'}, `
        + `click ${s(m.click)}, file handed over ${s(m.handedOver)}; ${run.jpeg.name} ${w}×${h} ${(run.jpeg.bytes / 1024).toFixed(0)} KiB)`);
      if (run.diff < 3) console.log(`  WARNING: the preview looks like the first screen's picture (mean difference ${run.diff.toFixed(1)} levels)`);
      for (const q of unthrottled(run)) console.log(`  WARNING: not throttled: ${q.url}${q.sw ? ' (service worker)' : ''} took ${(q.end - q.start).toFixed(0)} ms`);
      for (const e of run.errors) console.log(`  page error: ${e}`);
    }
  } finally {
    await browser.close();
    served.server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const dl = runs.map((r) => r.download);
  console.log(`median of ${RUNS}: photo painted ${s(median(runs.map((r) => r.painted)))} s, download ${s(median(dl))} s`);

  // The files of the median run (by time to download); other runs' file lists are checked to
  // be the same (the order and timing of requests is not).
  const mid = dl.indexOf(median(dl));
  const f = files(runs[mid]);
  const list = (run) => files(run).journey.map((r) => r.url).sort().join(' ');
  for (const [i, r] of runs.entries()) if (list(r) !== list(runs[mid])) console.log(`run ${i + 1} fetched other files: ${list(r)}`);

  console.log(`\nwhat the journey fetched (run ${mid + 1}: the page and its workers, navigation → download on disk; `
    + 'KiB: gzip -9 as served here, brotli 11 as a host serving the .br copies sends):');
  const header = (first) => console.log(`  ${'file'.padEnd(50)} ${first.padEnd(24)} ${'start'.padStart(6)} ${'end'.padStart(6)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)}`);
  const line = (name, by, start, end, gz, br, notes = '') => console.log(`  ${name.padEnd(50)} ${by.padEnd(24)} ${s(start)} ${s(end)} ${kib(gz)} ${kib(br)}${notes ? '  ' + notes : ''}`);
  console.log('  (start: when asked for, end: when it had arrived, in s from navigation start; a request may wait for one of the\n'
    + '  browser\'s 6 connections to the host, which the page, its workers and the service worker share)');
  header('asked by');
  const sum = { gz: 0, br: 0 };
  for (const r of f.journey) {
    // Each file counts once: the bytes a first visit must bring over (a file the service worker
    // answered from its precache crossed the network in its fetch).
    sum.gz += r.gz; sum.br += r.br;
    const notes = [
      r.fetched > 1 ? `downloaded ${r.fetched}×` : '',
      r.fromSw && r.fetched === 0 ? 'answered from the service worker\'s precache' : '',
      r.precached ? 'the service worker downloaded it too' : '',
    ].filter(Boolean).join('; ');
    line(r.url, r.by, r.start, r.end, r.gz, r.br, notes);
  }
  line('journey total', '', undefined, undefined, sum.gz, sum.br);
  console.log(`  journey: ${(sum.br / 1024).toFixed(1)} KiB brotli; bar ${BAR_KIB} KiB brotli `
    + `(${sum.br / 1024 <= BAR_KIB ? 'under' : 'over'} it by ${Math.abs(BAR_KIB - sum.br / 1024).toFixed(1)} KiB)`);

  // The service worker's precache, in the background (what works offline afterwards): not the
  // journey's, but on a phone it shares the one slow link with it.
  console.log('\nthe service worker\'s own fetches, navigation → download on disk (its precache, in the background; not in the journey total):');
  header('');
  const swSum = { gz: 0, br: 0, again: 0 };
  for (const r of f.precache) {
    swSum.gz += r.gz; swSum.br += r.br;
    if (r.fetched) swSum.again += r.br;
    line(r.url, '', r.start, r.end, r.gz, r.br, [r.end === undefined ? 'still loading when the download was on disk' : '',
      r.fetched ? 'the journey downloaded it too' : ''].filter(Boolean).join('; '));
  }
  line('total', '', undefined, undefined, swSum.gz, swSum.br);
  if (swSum.again) console.log(`  of which the journey downloaded as well (served with cache-control: no-store here): ${(swSum.again / 1024).toFixed(1)} KiB brotli`);
  if (process.env.DEBUG) console.log(JSON.stringify(runs[mid], null, 1));
}

main().catch((e) => { console.error(e); process.exit(1); });
