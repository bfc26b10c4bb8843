// Probe (not a test, not part of `cargo xtask bench`): where a chosen photo's time goes, from a
// Chromium trace. Loads PHOTO (a JPEG; e.g. the bench's phone-like photo) into the twibbon page
// RUNS times and prints, per thread (the page, the photo worker, the preview worker), the tasks
// over 1 ms between the input's change event and the painted preview, with what fills them.
//   PHOTOS_OUT=/tmp node tests/bench/browser.mjs   # writes /tmp/phone.jpg and /tmp/synthetic.jpg
//   PHOTO=/tmp/phone.jpg [DIST=…] [RUNS=3] node tests/bench/probe-photo.mjs
import fs from 'node:fs';
import { serveDist, launch, openApp } from '../e2e/harness.mjs';
const { server, origin } = await serveDist({ gzip: true });
const browser = await launch();
const photo = fs.readFileSync(process.env.PHOTO ?? '/tmp/phone.jpg');
const RUNS = Number(process.env.RUNS ?? 3);
const { context, page } = await openApp(browser, origin, { width: 412, height: 900 });
const load = async (name) => {
  await page.evaluate(() => {
    window.__done = new Promise((resolve) => {
      const input = document.querySelector('#photo-input');
      input.addEventListener('change', () => { window.__t0 = performance.now(); performance.mark('probe-change'); }, { once: true, capture: true });
      const obs = new MutationObserver(() => {
        if (window.__t0 && !document.querySelector('.busy') && !document.querySelector('#preview[aria-busy]')) {
          obs.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - window.__t0));
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  });
  await page.setInputFiles('#photo-input', { name, mimeType: 'image/jpeg', buffer: photo });
  return page.evaluate(() => window.__done);
};
await load('warm.jpg');
for (let run = 0; run < RUNS; run++) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.wasm', 'blink', 'blink.user_timing', 'disabled-by-default-devtools.timeline'] });
  const total = await load(`p${run}.jpg`);
  await page.waitForTimeout(200);
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const events = trace.traceEvents ?? trace;
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const change = events.find((e) => e.name === 'probe-change');
  const t0 = change?.ts ?? 0;
  console.log(`\nrun ${run}: change → painted ${total.toFixed(1)} ms`);
  const tasks = events.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ts >= t0 - 1000 && e.dur > 1000);
  const byThread = new Map();
  for (const t of tasks) {
    const key = `${t.pid}:${t.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(t);
  }
  for (const [key, list] of byThread) {
    const name = names.get(key) ?? key;
    if (!/CrRendererMain|Worker/.test(name)) continue;
    console.log(`  ${name}`);
    for (const t of list.sort((a, b) => a.ts - b.ts)) {
      const inside = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === key && e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > 700 && !/RunTask/.test(e.name));
      const what = inside.sort((a, b) => b.dur - a.dur).slice(0, 4).map((e) => `${e.name}${e.args?.data?.functionName ? '(' + e.args.data.functionName + ')' : ''} ${(e.dur / 1000).toFixed(1)}`).join(', ');
      console.log(`    +${((t.ts - t0) / 1000).toFixed(1).padStart(6)} ms  ${(t.dur / 1000).toFixed(1).padStart(6)} ms  ${what}`);
    }
  }
}
await context.close();
await browser.close();
server.close();
