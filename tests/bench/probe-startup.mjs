// Probe (not a test, not part of `cargo xtask bench`): where the twibbon page's start-up
// main-thread time goes, at 4× CPU, by function, from a sampled CPU profile. Prints the long
// tasks, the heaviest functions, and each task of > 40 ms with the functions that fill it
// (PICK: a regex of the names to show; TOP: how many).
//
// The release wasm has no names. For a copy of dist/ with a named app wasm:
//   cp -r dist /tmp/prof && wasm-bindgen --target web --keep-debug --out-dir /tmp/named \
//     target/wasm32-unknown-unknown/release/app.wasm &&
//   cp /tmp/named/app_bg.wasm /tmp/prof/$(basename dist/app-*_bg.wasm) && rm /tmp/prof/*.br /tmp/prof/*.gz
//   DIST=/tmp/prof node tests/bench/probe-startup.mjs
// (wasm-bindgen is the pinned one; the glue it writes is the build's, so the copy runs.)
import { serveDist, launch } from '../e2e/harness.mjs';
const { server, origin } = await serveDist({ gzip: true });
const browser = await launch();
const ctx = await browser.newContext({ viewport: { width: 412, height: 900 } });
const page = await ctx.newPage();
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
});
const cdp = await ctx.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.CPU ?? 4) });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
await cdp.send('Profiler.start');
await page.goto(origin + '/');
await page.waitForSelector('#preview');
await page.waitForTimeout(Number(process.env.WAIT ?? 4000));
const { profile } = await cdp.send('Profiler.stop');
console.log('long tasks [start, ms]:', JSON.stringify(await page.evaluate(() => window.__long)));
console.log('measures:', JSON.stringify(await page.evaluate(() => performance.getEntriesByType('measure').map((m) => [m.name, Math.round(m.startTime), Math.round(m.duration)]))));
// Self time per function, and inclusive time for named roots.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(); const incl = new Map();
const dt = profile.timeDeltas; let i = 0;
for (const s of profile.samples) {
  const d = (dt[++i] ?? 0) / 1000;
  const n = byId.get(s); const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
  self.set(name, (self.get(name) ?? 0) + d);
  const seen = new Set();
  for (let id = s; id !== undefined; id = parent.get(id)) {
    const f = byId.get(id).callFrame; const nm = f.functionName || '(anon)';
    if (!seen.has(nm)) { seen.add(nm); incl.set(nm, (incl.get(nm) ?? 0) + d); }
  }
}
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, t]) => `${t.toFixed(0).padStart(6)} ms  ${n.slice(0, 140)}`).join('\n');
console.log('--- self\n' + top(self, 30));
const filt = new Map([...incl].filter(([n]) => /campaign_kit|yew|serde|ttf|ab_glyph|tiny_skia|image::|fontdb|miniz|zlib|png|render|resolve|builtin|parse/.test(n)));
console.log('--- inclusive (ours & crates)\n' + top(filt, 45));
// Tasks: runs of non-idle samples; for each long one, its heaviest named frames.
const tasks = []; let cur = null; let t = 0; i = 0;
for (const s of profile.samples) {
  t += (dt[i++] ?? 0) / 1000;
  const name = byId.get(s).callFrame.functionName;
  if (name === '(idle)') { if (cur) { tasks.push(cur); cur = null; } continue; }
  if (!cur) cur = { start: t, end: t, ids: [] };
  cur.end = t; cur.ids.push(s);
}
if (cur) tasks.push(cur);
for (const task of tasks.filter((x) => x.end - x.start > 40)) {
  const per = new Map();
  for (const s of task.ids) {
    const seen = new Set();
    for (let id = s; id !== undefined; id = parent.get(id)) {
      const nm = byId.get(id).callFrame.functionName || '(anon)';
      if (!seen.has(nm)) { seen.add(nm); per.set(nm, (per.get(nm) ?? 0) + 1); }
    }
  }
  const n = task.ids.length;
  const names = [...per].filter(([nm]) => new RegExp(process.env.PICK ?? 'campaign_kit|yew::|serde|render|(program)|garbage|wasm-to-js|^[a-z_]+$').test(nm) && !/closure|run_scheduler|Runnable|^\(root\)/.test(nm))
      .sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 10)).map(([nm, c]) => `${Math.round(100 * c / n)}% ${nm.replace(/::h[0-9a-f]{16}$/, '').slice(0, 90)}`);
  console.log(`task @${task.start.toFixed(0)} ${(task.end - task.start).toFixed(0)} ms:\n    ${names.join('\n    ')}`);
}
await browser.close(); server.close();
