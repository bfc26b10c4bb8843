// Privacy, proven: from the first byte to a shared twibbon every request goes to the page's own
// origin; once the app has loaded (compose, export, share, caption) the page asks only for files
// of the build itself (GET, no query, no body: the twibbon page's worker, which draws its
// previews and makes its downloads, is started at the first tap or key, so a first visit does
// not wait for it), the service worker answers them from its
// cache and the server hears nothing at all; and the strict CSP holds with no violation.
//
// Service workers stay enabled (as for real users). Per Playwright's service-worker guide, in
// Chromium the context sees both the page's requests (also those the worker answers from its
// cache) and the worker's own network requests (context.on('request'), with
// request.serviceWorker() set), and context.route intercepts every request that would reach the
// network, the worker's included; page.route would miss the worker's. The static server's log
// is a third witness.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  serveDist, launch, openApp, loadPhoto, downloadFrom, recordCspViolations, waitForServiceWorker, dist,
} from './harness.mjs';

/** Is `url` one of the build's own files, asked for plainly (no query, no fragment)? */
function isBuiltFile(origin, url) {
  if (!url.startsWith(origin + '/') || /[?#]/.test(url)) return false;
  const name = decodeURIComponent(url.slice(origin.length + 1));
  const file = path.join(dist, name);
  return name !== '' && !name.includes('..') && fs.existsSync(file) && fs.statSync(file).isFile();
}

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

test('privacy: same-origin only, nothing after load through compose/export/share, no CSP violation', async () => {
  let phase = 'load';
  const seen = [];
  const routed = [];
  const init = async (context) => {
    await recordCspViolations(context);
    // Web Share stubbed (headless Linux has none) so the share path runs to the end.
    await context.addInitScript(() => {
      window.__shares = 0;
      Object.defineProperty(Navigator.prototype, 'canShare', { configurable: true, value: () => true });
      Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: async () => { window.__shares += 1; } });
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
    context.on('request', (r) => seen.push({
      phase, method: r.method(), url: r.url(), postData: r.postData(), by: r.serviceWorker() ? 'service worker' : 'page', type: r.resourceType(),
    }));
    await context.route('**/*', (route) => {
      const url = route.request().url();
      routed.push({ phase, url });
      return url.startsWith(served.origin + '/') ? route.continue() : route.abort('blockedbyclient');
    });
  };
  const { context, page, errors } = await openApp(browser, served.origin, { init });
  await waitForServiceWorker(page);
  await page.waitForLoadState('networkidle');
  const loadCount = served.requests.length;

  phase = 'compose';
  await loadPhoto(page);
  await page.click('.frame-option[data-frame-id="pita-biru"]');
  await page.focus('#preview');
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowLeft');
  await page.fill('#zoom', '1.5');
  phase = 'export';
  await downloadFrom(page, '#download-png');
  await downloadFrom(page, '#download-jpeg');
  phase = 'share';
  await page.click('#share');
  await page.waitForFunction(() => window.__shares === 1);
  await page.click('#copy-caption');
  await page.waitForSelector('#caption-status:has-text("disalin")');
  await page.click('#lang-en');
  await page.waitForTimeout(500);

  console.log('requests from first byte to a shared twibbon:');
  for (const r of seen) console.log(`  [${r.phase}] ${r.by.padEnd(14)} ${r.method} ${r.url.replace(served.origin, '')} (${r.type})`);

  const network = seen.filter((r) => /^(https?|wss?):/.test(r.url));
  const foreign = network.filter((r) => !r.url.startsWith(served.origin + '/'));
  assert.deepEqual(foreign, [], 'every request goes to the page\'s own origin');
  assert.deepEqual(routed.filter((r) => !r.url.startsWith(served.origin + '/')), []);
  assert.ok(seen.some((r) => r.by === 'service worker'), 'the service worker\'s requests are seen too');
  const afterLoad = network.filter((r) => r.phase !== 'load');
  assert.deepEqual(afterLoad.filter((r) => r.method !== 'GET' || r.postData || !isBuiltFile(served.origin, r.url)), [],
    'after load, nothing but the build\'s own files is asked for');
  assert.deepEqual(routed.filter((r) => r.phase !== 'load' && !isBuiltFile(served.origin, r.url)), []);
  assert.deepEqual(served.requests.slice(loadCount), [], 'the server heard nothing after load');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  assert.match(await page.textContent('#privacy-note'), /never leaves this device/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('CSP: the policy in the page is strict, and it is enforced', async () => {
  const { context, page, errors } = await openApp(browser, served.origin, { init: recordCspViolations });
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['script-src'].slice(0, 2), ["'self'", "'wasm-unsafe-eval'"]);
  // The hashes of the page's two inline scripts, filled in at build time: Trunk's loader and
  // the first screen's (which starts the twibbon's workers when a photo is chosen there).
  assert.equal(directives['script-src'].length, 4);
  for (const hash of directives['script-src'].slice(2)) assert.match(hash, /^'sha256-[A-Za-z0-9+/]{43}='$/);
  const inline = await page.$$eval('script:not([src])', (scripts) => scripts.length);
  assert.equal(inline, 2, 'one hash per inline script');
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['img-src'], ["'self'", 'blob:', 'data:']);
  assert.deepEqual(directives['style-src'], ["'self'"]);
  for (const [k, v] of [['worker-src', "'self'"], ['manifest-src', "'self'"], ['font-src', "'self'"], ['base-uri', "'none'"], ['form-action', "'none'"]]) {
    assert.deepEqual(directives[k], [v], k);
  }
  assert.ok(!csp.includes('unsafe-inline') && !/https?:/.test(csp), 'no inline allowance, no other origin');
  // The UI styles with classes only: an inline style attribute would need 'unsafe-inline'.
  assert.equal(await page.locator('[style]').count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);

  // Enforced: injected inline code and another origin's image are refused.
  const blocked = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.head.append(script);
    const img = new Image();
    img.src = 'http://203.0.113.9/pixel.png';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 300));
    img.remove();
    return { injected: window.__injected ?? false, violations: window.__cspViolations.map((v) => v.directive).sort() };
  });
  assert.deepEqual(blocked, { injected: false, violations: ['img-src', 'script-src-elem'] });
  assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await context.close();
});
