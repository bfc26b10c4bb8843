// On an agency's own site: `cargo xtask dist`'s folder (target/site, written by `cargo xtask
// test` after the release build) served by the real nginx — Debian's package, installed by
// xtask like Chromium — with the generated server block, changed only in its port and root. The
// headers are checked on the wire (CSP and security headers, content types, caching, the
// precompressed .br/.gz sent for Accept-Encoding), then the app is used through it: a campaign
// link → photo → download → reload offline → download again. A second nginx serves
// target/site-campaign (`xtask dist --campaign tests/fixtures/campaign.json`): the site opens that
// campaign by default, offline too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, openApp, loadPhoto, downloadFrom, decodeInPage, waitForServiceWorker, root, fixtures, differingShare } from './harness.mjs';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const campaignFile = path.join(fixtures, 'campaign.json');
const campaign = JSON.parse(fs.readFileSync(campaignFile, 'utf8'));
const cli = path.join(root, 'target', 'debug', 'campaign-kit');

/** `xtask dist`'s folder `out` served by its own nginx: { site, origin, work, log(), stop() }. */
let plain;
/** The same with the test campaign built in. */
let withCampaign;
/** `#campaign=…` for the fixture's campaign, made by the CLI. */
let campaignLink;
let browser;
let scratch;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** GET `origin + pathname` with the given Accept-Encoding: { status, headers, body } (body as sent). */
function get(origin, pathname, encoding) {
  return new Promise((resolve, reject) => {
    const req = http.get(origin + pathname, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

/** Run Debian's nginx on a free loopback port with the server block generated beside `out/site`. */
async function startNginx(out) {
  const site = path.join(out, 'site');
  const name = path.relative(path.join(root, 'target'), out);
  assert.ok(fs.existsSync(path.join(out, 'nginx.conf')), `target/${name} is written by \`cargo xtask test\` (or \`cargo xtask dist\`)`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-kit-nginx-'));
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
  const nginx = spawn(NGINX, ['-p', work, '-e', path.join(work, 'error.log'), '-c', path.join(work, 'nginx.conf')], { stdio: 'pipe' });
  let stderr = '';
  nginx.stderr.on('data', (d) => { stderr += d; });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { await get(origin, '/'); break; } catch (e) {
      if (i > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    site,
    origin,
    get: (pathname, encoding) => get(origin, pathname, encoding),
    log: () => fs.readFileSync(path.join(work, 'error.log'), 'utf8'),
    stop: () => {
      nginx.kill();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

/** The fixture's campaign as a link fragment, made by the CLI from the fixture's own parts. */
function makeCampaignLink() {
  if (!fs.existsSync(cli)) execFileSync('cargo', ['build', '--quiet', '--bin', 'campaign-kit'], { cwd: root });
  const kit = path.join(scratch, 'kit.json');
  const remade = path.join(scratch, 'campaign.json');
  fs.writeFileSync(kit, JSON.stringify(campaign.kit));
  const texts = Object.entries(campaign.texts ?? {}).flatMap(([key, text]) => ['--text', `${key}=${text}`]);
  const link = execFileSync(cli, ['campaign', '--design', campaign.design, '--brand', kit, ...texts,
    '--caption', campaign.caption ?? '', '--link', '--out', remade], { encoding: 'utf8' }).trim();
  assert.match(link, /^#campaign=[A-Za-z0-9_-]+$/);
  assert.deepEqual(JSON.parse(fs.readFileSync(remade, 'utf8')), campaign, 'the link carries the fixture\'s campaign');
  return link;
}

before(async () => {
  assert.ok(fs.existsSync(NGINX), `nginx is installed (${NGINX}; xtask installs Debian's package)`);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-kit-nginx-test-'));
  assert.equal(campaign.design, 'pita-biru', 'the test campaign is a built-in design, not the default one');
  assert.ok(campaign.texts?.slogan, 'the test campaign has its own slogan');
  campaignLink = makeCampaignLink();
  plain = await startNginx(path.join(root, 'target', 'site'));
  withCampaign = await startNginx(path.join(root, 'target', 'site-campaign'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  plain?.stop();
  withCampaign?.stop();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** The CSP header the generated configuration must send for `site`'s index.html. */
function cspOf(site) {
  const meta = fs.readFileSync(path.join(site, 'index.html'), 'utf8').match(/content="(default-src[^"]*)"/)[1];
  return `${meta.trim().replace(/;$/, '')}; frame-ancestors 'none'`;
}

/** The twibbon page shows the test campaign: its design selected, its slogan in the text box. */
async function showsCampaign(page) {
  await page.waitForSelector(`.frame-option[data-frame-id="${campaign.design}"][aria-pressed="true"]`);
  assert.equal(await page.getAttribute('.frame-option[aria-pressed="true"]', 'data-frame-id'), campaign.design);
  await page.waitForFunction((slogan) => document.querySelector('#twibbon-text-slogan')?.value === slogan, campaign.texts.slogan);
  if (campaign.texts.subline !== undefined) assert.equal(await page.inputValue('#twibbon-text-subline'), campaign.texts.subline);
}

/**
 * The downloaded twibbon is the campaign's (design, texts, kit colours and name): the CLI renders
 * the same campaign file with the same photo and placement, and the two agree but for edge
 * rounding (as in twibbon.test.mjs).
 */
async function assertCampaignTwibbon(page, png) {
  const image = await decodeInPage(page, png.bytes);
  assert.deepEqual([image.width, image.height], [1080, 1080]);
  const attr = async (name) => Number(await page.getAttribute('#preview', name));
  const out = path.join(scratch, 'cli-campaign.png');
  execFileSync(cli, ['twibbon', '--campaign', campaignFile, '--photo', path.join(fixtures, 'astronaut.jpg'),
    '--zoom', String(await attr('data-zoom')),
    '--offset-x', String((await attr('data-offset-x')) * 1080),
    '--offset-y', String((await attr('data-offset-y')) * 1080),
    '--rotate', String(await attr('data-rotate')), '--out', out]);
  const fromCli = await decodeInPage(page, fs.readFileSync(out));
  const share = differingShare(image, fromCli);
  assert.ok(share < 0.005, `the app's twibbon and the CLI's of the campaign differ in ${(share * 100).toFixed(2)} % of sampled pixels`);
}

test('nginx: the generated configuration sends the CSP and security headers, the right types, caching and the precompressed files', async () => {
  const { site } = plain;
  const index = await plain.get('/', 'br, gzip');
  assert.equal(index.status, 200);
  assert.match(index.headers['content-type'], /^text\/html/);
  assert.equal(index.headers['cache-control'], 'no-cache', 'index.html is revalidated on every visit');
  assert.equal(index.headers['content-security-policy'], cspOf(site), 'the page\'s own CSP, as a header, with frame-ancestors');
  assert.equal(index.headers['x-content-type-options'], 'nosniff');
  assert.equal(index.headers['referrer-policy'], 'no-referrer');
  assert.equal(index.headers['x-frame-options'], 'DENY');
  assert.equal(index.headers['content-encoding'], 'br');
  assert.ok(zlib.brotliDecompressSync(index.body).equals(fs.readFileSync(path.join(site, 'index.html'))));
  assert.doesNotMatch(fs.readFileSync(path.join(site, 'index.html'), 'utf8'), /campaign-kit-campaign/,
    'without --campaign the site has no built-in campaign');
  assert.equal((await plain.get('/campaign.json')).status, 404);

  const wasmName = fs.readdirSync(site).find((f) => /^app-[0-9a-f]+_bg\.wasm$/.test(f));
  const wasmFile = fs.readFileSync(path.join(site, wasmName));
  const br = await plain.get(`/${wasmName}`, 'gzip, deflate, br');
  assert.equal(br.headers['content-type'], 'application/wasm');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable', 'hashed files are cached for good');
  assert.match(br.headers.vary ?? '', /accept-encoding/i);
  assert.ok(zlib.brotliDecompressSync(br.body).equals(wasmFile), 'the .br copy is the wasm');
  assert.ok(br.body.length < wasmFile.length * 0.4);
  const gz = await plain.get(`/${wasmName}`, 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(zlib.gunzipSync(gz.body).equals(wasmFile), 'the .gz copy is the wasm');
  const raw = await plain.get(`/${wasmName}`);
  assert.equal(raw.headers['content-encoding'], undefined);
  assert.ok(raw.body.equals(wasmFile));
  assert.match(raw.headers['content-security-policy'], /^default-src 'none'/, 'every response carries the headers');

  for (const [file, type] of [['worker_bg.wasm', 'application/wasm'], ['sw.js', /javascript/],
    ['manifest.webmanifest', 'application/manifest+json']]) {
    const r = await plain.get(`/${file}`);
    assert.equal(r.status, 200, file);
    if (typeof type === 'string') assert.equal(r.headers['content-type'], type, file);
    else assert.match(r.headers['content-type'], type, file);
    assert.equal(r.headers['cache-control'], 'no-cache', `${file}: a fixed name is revalidated`);
  }
  const css = fs.readdirSync(site).find((f) => /^style-[0-9a-f]+\.css$/.test(f));
  const style = await plain.get(`/${css}`);
  assert.match(style.headers['content-type'], /^text\/css/);
  assert.equal(style.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal((await plain.get('/no-such-file.js')).status, 404);
});

test('nginx, site with a campaign: campaign.json is sent as JSON, revalidated, precompressed, named by the page and precached', async () => {
  const { site } = withCampaign;
  const fixture = fs.readFileSync(campaignFile);
  assert.ok(fs.readFileSync(path.join(site, 'campaign.json')).equals(fixture), 'the site\'s campaign.json is the file given');

  const br = await withCampaign.get('/campaign.json', 'br, gzip');
  assert.equal(br.status, 200);
  assert.match(br.headers['content-type'], /^application\/json\b/);
  assert.equal(br.headers['cache-control'], 'no-cache', 'a new campaign reaches phones at their next visit');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.match(br.headers.vary ?? '', /accept-encoding/i);
  assert.ok(zlib.brotliDecompressSync(br.body).equals(fixture), 'the .br copy is the campaign');
  assert.equal(br.headers['content-security-policy'], cspOf(site));
  assert.equal(br.headers['x-content-type-options'], 'nosniff');
  const gz = await withCampaign.get('/campaign.json', 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(zlib.gunzipSync(gz.body).equals(fixture), 'the .gz copy is the campaign');
  const raw = await withCampaign.get('/campaign.json');
  assert.equal(raw.headers['content-encoding'], undefined);
  assert.ok(raw.body.equals(fixture));

  // The page names it in a <meta> (not a script: the CSP and its hashes are the plain build's),
  // and the copies sent of the changed page are of the changed page.
  const page = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
  assert.match(page, /<meta charset=[^>]*><meta name="campaign-kit-campaign" content="campaign.json">/);
  assert.equal(cspOf(site), cspOf(plain.site), 'the campaign leaves the CSP as built');
  const index = await withCampaign.get('/', 'br, gzip');
  assert.equal(index.headers['cache-control'], 'no-cache');
  assert.equal(index.headers['content-security-policy'], cspOf(site));
  assert.equal(index.headers['content-encoding'], 'br');
  assert.ok(zlib.brotliDecompressSync(index.body).equals(Buffer.from(page)), 'index.html.br is the page with its campaign');
  assert.ok(zlib.gunzipSync((await withCampaign.get('/', 'gzip')).body).equals(Buffer.from(page)), 'and index.html.gz');

  // The service worker precaches it (the app opens it offline) in a cache of its own version.
  const sw = await withCampaign.get('/sw.js');
  assert.equal(sw.headers['cache-control'], 'no-cache');
  const precache = JSON.parse(sw.body.toString().match(/const PRECACHE = (\[[^\]]*\]);/)[1]);
  assert.ok(precache.includes('campaign.json'), `precached: ${precache}`);
  const version = (text) => text.match(/const VERSION = '([0-9a-f]{16})'/)[1];
  assert.notEqual(version(sw.body.toString()), version(fs.readFileSync(path.join(plain.site, 'sw.js'), 'utf8')));
  assert.ok(zlib.brotliDecompressSync((await withCampaign.get('/sw.js', 'br')).body).equals(sw.body), 'sw.js.br is the new sw.js');
  // Netlify and Cloudflare Pages revalidate it too.
  assert.match(fs.readFileSync(path.join(site, '_headers'), 'utf8'), /^\/campaign\.json\n {2}Cache-Control: no-cache$/m);

  // The first screen (shown before the wasm has loaded) is the campaign's frame, as the CLI
  // draws it, not the default design.
  const firstScreen = (await withCampaign.get('/boot-preview.jpg')).body;
  const expected = path.join(scratch, 'first-screen.jpg');
  execFileSync(cli, ['first-screen', '--campaign', campaignFile, '--out', expected]);
  assert.ok(firstScreen.equals(fs.readFileSync(expected)), 'boot-preview.jpg is the campaign\'s first screen');
  assert.ok(!firstScreen.equals((await plain.get('/boot-preview.jpg')).body), 'and differs from the default one');
});

test('nginx: a campaign link → photo → download, then reload offline keeps the campaign, served by the real server', async () => {
  // openApp opens "/": open the link instead, in a context of the same kind.
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, acceptDownloads: true, hasTouch: false });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${plain.origin}/${campaignLink}`);
  await page.waitForSelector('#preview');
  await page.waitForSelector('#campaign-banner');
  assert.ok(await page.isVisible('#campaign-banner'), 'a campaign from a link is said in a banner');
  await showsCampaign(page);
  await page.click('#campaign-keep');
  await page.waitForSelector('#campaign-banner', { state: 'hidden' });

  await loadPhoto(page);
  const png = await downloadFrom(page, '#download-png');
  await assertCampaignTwibbon(page, png);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  const response = await page.reload();
  assert.equal(response.fromServiceWorker(), true, 'offline, the service worker serves the page');
  await page.waitForSelector('#preview');
  await showsCampaign(page);
  await loadPhoto(page);
  const again = await downloadFrom(page, '#download-jpeg');
  assert.equal(again.bytes[0], 0xff);
  assert.equal(again.bytes[1], 0xd8);
  assert.deepEqual(errors, []);
  assert.doesNotMatch(plain.log(), /\[(emerg|alert|crit|error)\]/, `nginx's error log: ${plain.log()}`);
  await context.close();
});

test('nginx, site with a campaign: "/" opens the built-in campaign → photo → download, then reload offline still has it', async () => {
  const { context, page, errors } = await openApp(browser, withCampaign.origin);
  await showsCampaign(page);
  assert.equal(await page.isVisible('#campaign-banner'), false, 'the site\'s own campaign needs no banner');

  await loadPhoto(page);
  const png = await downloadFrom(page, '#download-png');
  await assertCampaignTwibbon(page, png);
  const [cache] = await waitForServiceWorker(page);
  const cached = await page.evaluate(async (name) => {
    const c = await window.caches.open(name);
    return (await c.keys()).map((r) => new URL(r.url).pathname);
  }, cache);
  assert.ok(cached.includes('/campaign.json'), `the campaign is precached: ${cached}`);

  await context.setOffline(true);
  const response = await page.reload();
  assert.equal(response.fromServiceWorker(), true, 'offline, the service worker serves the page');
  await page.waitForSelector('#preview');
  await showsCampaign(page);
  await loadPhoto(page);
  const again = await downloadFrom(page, '#download-png');
  await assertCampaignTwibbon(page, again);
  assert.deepEqual(errors, []);
  assert.doesNotMatch(withCampaign.log(), /\[(emerg|alert|crit|error)\]/, `nginx's error log: ${withCampaign.log()}`);
  await context.close();
});
