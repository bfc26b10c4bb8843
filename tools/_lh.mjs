// Lighthouse against the release build in dist/, served gzip-compressed on 127.0.0.1 (as any
// static host would), with Debian's Chromium headless and Lighthouse's default mobile settings
// (Moto G Power emulation, simulated slow 4G, 4× CPU slowdown). Prints the category scores and
// the main metrics; never fails on scores (`cargo xtask test` runs it last, for the figures).
// Exits non-zero only if Lighthouse cannot run at all. Reports: target/lighthouse/.
//
// lighthouse is pinned to 11.7.1: the last version with the PWA category (12 removed it, and
// 13 needs Node ≥ 22).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { serveDist, root } from '../tests/e2e/harness.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'pwa'];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive', 'total-byte-weight'];

/** Start Chromium with a DevTools port; resolves to { port, stop }. */
function startChromium() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-kit-lighthouse-'));
  const chrome = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--mute-audio', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => chrome.once('exit', resolve));
  const stop = async () => {
    chrome.kill();
    await exited;
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => { stop().catch(() => {}); reject(new Error(`Chromium did not start:\n${err}`)); }, 30_000);
    chrome.stderr.on('data', (chunk) => {
      err += chunk;
      const m = err.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
      if (m) { clearTimeout(timer); resolve({ port: Number(m[1]), stop }); }
    });
    chrome.on('exit', (code) => { clearTimeout(timer); reject(new Error(`Chromium exited (${code}):\n${err}`)); });
  });
}

const served = await serveDist({ gzip: true });
const chrome = await startChromium();
const started = Date.now();
try {
  const result = await lighthouse(`${served.origin}/`, {
    port: chrome.port, output: ['json', 'html'], logLevel: 'error', onlyCategories: CATEGORIES,
  });
  const { lhr } = result;
  const out = path.join(root, 'target', 'lighthouse');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'report.json'), result.report[0]);
  fs.writeFileSync(path.join(out, "report.html"), result.report[1]); const tr = result.artifacts.Trace?.traceEvents ?? result.artifacts.traces?.defaultPass?.traceEvents ?? []; const ls = tr.filter((e) => e.name === "LayoutShift"); console.log(JSON.stringify(ls.map((e) => ({ts: e.ts, d: e.args?.data, })), null, 0).slice(0, 4000)); console.log("shifts", ls.length);

  console.log(`Lighthouse ${lhr.lighthouseVersion}, ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? ''}, mobile, simulated slow 4G (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (lhr.runtimeError) console.log(`  runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  for (const warning of lhr.runWarnings) console.log(`  warning: ${warning}`);
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    const score = category?.score == null ? 'n/a' : String(Math.round(category.score * 100));
    console.log(`  ${(category?.title ?? id).padEnd(16)} ${score.padStart(3)}`);
  }
  for (const id of METRICS) {
    const audit = lhr.audits[id];
    if (audit) console.log(`    ${audit.title.padEnd(28)} ${audit.displayValue ?? ''}`);
  }
  // What cost points, to act on.
  for (const category of Object.values(lhr.categories)) {
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 0.9) {
        console.log(`    below 90 in ${category.id}: ${audit.id} ${audit.displayValue ?? ''} (${Math.round(audit.score * 100)})`);
      }
    }
  }
  console.log(`  full report: ${path.relative(root, path.join(out, 'report.html'))}`);
} finally {
  await chrome.stop();
  served.server.close();
}
