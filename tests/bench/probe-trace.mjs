// Probe (not a test, not part of `cargo xtask bench`): the twibbon page's start-up tasks at 4×
// CPU from a Chromium trace, each long one with the events that fill it (layout, a timer, a
// function call, wasm compiled lazily on first call). RUNS=5 loads the page five times and
// prints, per load, the tasks over 40 ms and their time over 50 ms summed (what Total Blocking
// Time counts), then the median. Playwright's own injected script is left out.
//   [DIST=…] [RUNS=5] [CPU=4] node tests/bench/probe-trace.mjs
import { serveDist, launch } from '../e2e/harness.mjs';
const { server, origin } = await serveDist({ gzip: true });
const browser = await launch();
const RUNS = Number(process.env.RUNS ?? 1);
const summary = [];
for (let run = 0; run < RUNS; run++) {
const ctx = await browser.newContext({ viewport: { width: 412, height: 823 } });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.CPU ?? 4) });
await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.wasm', 'blink', 'loading', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.compile'] });
await page.goto(origin + '/');
await page.waitForSelector('#preview');
await page.waitForTimeout(3000);
const trace = JSON.parse((await browser.stopTracing()).toString());
const events = trace.traceEvents ?? trace;
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
const tasks = mine.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur > 40000).sort((a, b) => a.ts - b.ts);
const t0 = tasks[0]?.ts ?? 0;
const labelled = [];
for (const task of tasks) {
  const inside = mine.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur > 3000);
  const by = new Map();
  for (const e of inside) { const k = e.name + (e.args?.data?.url ? ' ' + e.args.data.url.split('/').pop() : '') + (e.args?.data?.stackTrace?.[0]?.url ? ' from ' + e.args.data.stackTrace[0].url.split('/').pop() : '') + (e.args?.data?.functionName ? ' ' + e.args.data.functionName : ''); by.set(k, Math.max(by.get(k) ?? 0, e.dur)); }
  const top = [...by].sort((a, b) => b[1] - a[1]);
  // Wasm functions compiled on first call (lazily, on the main thread), summed per task.
  const lazy = mine.filter((e) => e.name === 'wasm.CompileLazy' && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
  if (lazy.length) top.push([`lazy wasm compile: ${lazy.length} functions, ${(lazy.reduce((a, e) => a + e.dur, 0) / 1000).toFixed(0)} ms in all`, 0]);
  // Playwright's own injected script (EvaluateScript with no URL) is not the page's.
  if (top[0]?.[0] === 'EvaluateScript') continue;
  labelled.push(`${(task.dur / 1000).toFixed(0)} ${top.find(([k]) => /FunctionCall|TimerFire|Layout|ParseHTML|Commit|compile|Navigation/.test(k))?.[0].split(' ')[0] ?? top[0]?.[0]}`);
  if (RUNS === 1) {
    console.log(`task +${((task.ts - t0) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(0)} ms`);
    for (const [k, d] of top.slice(0, 8)) console.log(`    ${(d / 1000).toFixed(0).padStart(5)} ms  ${k.slice(0, 110)}`);
  }
}
const blocking = labelled.map((l) => Math.max(0, Number(l.split(' ')[0]) - 50)).reduce((a, b) => a + b, 0);
summary.push(blocking);
console.log(`load ${run + 1}: blocking ${blocking} ms; tasks: ${labelled.join(', ')}`);
await ctx.close();
}
summary.sort((a, b) => a - b);
console.log(`median blocking (sum of task time over 50 ms, at ${process.env.CPU ?? 4}x CPU): ${summary[Math.floor(summary.length / 2)]} ms`);
await browser.close(); server.close();
