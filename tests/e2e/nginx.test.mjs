// On an agency's own site: `cargo xtask dist`'s folder (target/site, written by `cargo xtask
// test` after the release build) served by the real nginx — Debian's package, installed by
// xtask like Chromium — with the generated server block, changed only in its port and root. The
// headers are checked on the wire (CSP and security headers, content types, caching, the
// precompressed .br/.gz sent for Accept-Encoding), then the app is used through it: photo →
// download → reload offline → download again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, openApp, loadPhoto, downloadFrom, decodeInPage, waitForServiceWorker, root } from './harness.mjs';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const out = path.join(root, 'target', 'site');
const site = path.join(out, 'site');

let nginx;
let origin;
let browser;
let work;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** GET `pathname` with the given Accept-Encoding: { status, headers, body } (body as sent). */
function get(pathname, encoding) {
  return new Promise((resolve, reject) => {
    const req = http.get(origin + pathname, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

before(async () => {
  assert.ok(fs.existsSync(path.join(out, 'nginx.conf')), 'target/site is written by `cargo xtask test` (or `cargo xtask dist`)');
  assert.ok(fs.existsSync(NGINX), `nginx is installed (${NGINX}; xtask installs Debian's package)`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-kit-nginx-'));
  const port = await freePort();
  const generated = fs.readFileSync(path.join(out, 'nginx.conf'), 'utf8');
  const server = generated
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replace(/\n\s*listen \[::\]:8080;/, '')
    .replace('root /var/www/campaign-kit;', `root ${site};`);
  assert.notEqual(server, generated, 'port and root replaced');
  assert.ok(server.includes(`root ${site};`) && server.includes(`listen 127.0.0.1:${port};`));
  fs.writeFileSync(path.join(work, 'server.conf'), server);
  // A main configuration of our own around the generated server block: everything in `work`,
  // one process (no user switch), in the foreground; Debian's brotli_static module loaded.
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `${t}_temp_path ${path.join(work, t)};`).join(' ');
  fs.writeFileSync(path.join(work, 'nginx.conf'), `
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
daemon off;
master_process off;
pid ${path.join(work, 'nginx.pid')};
error_log ${path.join(work, 'error.log')} warn;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${path.join(work, 'access.log')};
  ${temp}
  include ${path.join(work, 'server.conf')};
}
`);
  nginx = spawn(NGINX, ['-p', work, '-e', path.join(work, 'error.log'), '-c', path.join(work, 'nginx.conf')], { stdio: 'pipe' });
  let stderr = '';
  nginx.stderr.on('data', (d) => { stderr += d; });
  origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { await get('/'); break; } catch (e) {
      if (i > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  nginx?.kill();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('nginx: the generated configuration sends the CSP and security headers, the right types, caching and the precompressed files', async () => {
  const index = await get('/', 'br, gzip');
  assert.equal(index.status, 200);
  assert.match(index.headers['content-type'], /^text\/html/);
  assert.equal(index.headers['cache-control'], 'no-cache', 'index.html is revalidated on every visit');
  const meta = fs.readFileSync(path.join(site, 'index.html'), 'utf8').match(/content="(default-src[^"]*)"/)[1];
  assert.equal(index.headers['content-security-policy'], `${meta.trim().replace(/;$/, '')}; frame-ancestors 'none'`,
    'the page\'s own CSP, as a header, with frame-ancestors');
  assert.equal(index.headers['x-content-type-options'], 'nosniff');
  assert.equal(index.headers['referrer-policy'], 'no-referrer');
  assert.equal(index.headers['x-frame-options'], 'DENY');
  assert.equal(index.headers['content-encoding'], 'br');
  assert.ok(zlib.brotliDecompressSync(index.body).equals(fs.readFileSync(path.join(site, 'index.html'))));

  const wasmName = fs.readdirSync(site).find((f) => /^app-[0-9a-f]+_bg\.wasm$/.test(f));
  const wasmFile = fs.readFileSync(path.join(site, wasmName));
  const br = await get(`/${wasmName}`, 'gzip, deflate, br');
  assert.equal(br.headers['content-type'], 'application/wasm');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable', 'hashed files are cached for good');
  assert.match(br.headers.vary ?? '', /accept-encoding/i);
  assert.ok(zlib.brotliDecompressSync(br.body).equals(wasmFile), 'the .br copy is the wasm');
  assert.ok(br.body.length < wasmFile.length * 0.4);
  const gz = await get(`/${wasmName}`, 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(zlib.gunzipSync(gz.body).equals(wasmFile), 'the .gz copy is the wasm');
  const plain = await get(`/${wasmName}`);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.equals(wasmFile));
  assert.match(plain.headers['content-security-policy'], /^default-src 'none'/, 'every response carries the headers');

  for (const [file, type] of [['worker_bg.wasm', 'application/wasm'], ['sw.js', /javascript/],
    ['manifest.webmanifest', 'application/manifest+json']]) {
    const r = await get(`/${file}`);
    assert.equal(r.status, 200, file);
    if (typeof type === 'string') assert.equal(r.headers['content-type'], type, file);
    else assert.match(r.headers['content-type'], type, file);
    assert.equal(r.headers['cache-control'], 'no-cache', `${file}: a fixed name is revalidated`);
  }
  const css = fs.readdirSync(site).find((f) => /^style-[0-9a-f]+\.css$/.test(f));
  const style = await get(`/${css}`);
  assert.match(style.headers['content-type'], /^text\/css/);
  assert.equal(style.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal((await get('/no-such-file.js')).status, 404);
});

test('nginx: photo → download, then reload offline → download again, served by the real server', async () => {
  const { context, page, errors } = await openApp(browser, origin);
  await loadPhoto(page);
  const png = await downloadFrom(page, '#download-png');
  const image = await decodeInPage(page, png.bytes);
  assert.deepEqual([image.width, image.height], [1080, 1080]);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  const response = await page.reload();
  assert.equal(response.fromServiceWorker(), true, 'offline, the service worker serves the page');
  await page.waitForSelector('#preview');
  await loadPhoto(page);
  const again = await downloadFrom(page, '#download-jpeg');
  assert.equal(again.bytes[0], 0xff);
  assert.equal(again.bytes[1], 0xd8);
  assert.deepEqual(errors, []);
  const log = fs.readFileSync(path.join(work, 'error.log'), 'utf8');
  assert.doesNotMatch(log, /\[(emerg|alert|crit|error)\]/, `nginx's error log: ${log}`);
  await context.close();
});
