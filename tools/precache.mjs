// Trunk post-build hook (Trunk.toml [[hooks]] stage = "post_build"): runs after Trunk has
// written the finished index.html and every asset into TRUNK_STAGING_DIR, before the staging
// directory replaces dist/.
//
// 1. CSP: Trunk injects an inline <script type="module"> loader whose text names the hashed
//    files, so its hash changes every build. Hash every inline script of the staged
//    index.html and write the sources into the CSP <meta> in place of __INLINE_SCRIPT_HASHES__.
// 2. Service worker: write the list of built files (Trunk's hashed names and the worker's)
//    and a version derived from all of their content into sw.js, so every deploy precaches
//    exactly its own files in a cache of its own.
// 3. Precompressed `.br` and `.gz` copies beside every file, for hosts that serve them.
//
// PRECACHE_SITE=<dir> instead redoes steps 2 and 3 for a finished site folder whose files were
// changed after the build (`cargo xtask dist --campaign` adds campaign.json and a <meta> to
// index.html): the CSP hashes are already in, so step 1 only checks that they still match the
// inline scripts; sw.js is filled afresh from its unfilled template www/sw.js; copies that still
// match their file are kept (brotli 11 on the wasm takes seconds), the others are rewritten.
//
// Fails the build loudly if a marker is missing, so a broken CSP or an empty precache list can
// never ship silently.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const siteMode = Boolean(process.env.PRECACHE_SITE);
const staging = process.env.PRECACHE_SITE || process.env.TRUNK_STAGING_DIR;
function fail(message) {
  console.error(`precache.mjs: ${message}`);
  process.exit(1);
}
if (!staging) fail('TRUNK_STAGING_DIR is not set: run me as a Trunk post_build hook (or set PRECACHE_SITE=<dir>)');
if (!fs.existsSync(path.join(staging, 'index.html'))) fail(`${staging} has no index.html`);

const HASH_MARKER = '__INLINE_SCRIPT_HASHES__';
const indexPath = path.join(staging, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

// Inline scripts: <script …> without src; CSP hashes their exact text (UTF-8).
const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
  .filter((m) => !/\bsrc\s*=/i.test(m[1]));
if (inline.length === 0) fail('no inline script in index.html: did Trunk change its loader?');
const sources = inline.map((m) => `'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
// Release builds are minified, which may drop the attribute's quotes.
const cspAt = html.search(/http-equiv=["']?Content-Security-Policy/i);
if (siteMode) {
  // The build filled the hashes in; a change since must have left every inline script as it was.
  if (cspAt < 0 || html.includes(HASH_MARKER)) fail('index.html has no filled-in CSP meta: build it with Trunk first');
  const meta = html.slice(html.lastIndexOf('<meta', cspAt), html.indexOf('>', cspAt));
  const missing = sources.filter((s) => !meta.includes(s));
  if (missing.length > 0) fail(`the CSP no longer allows the page's inline script (${missing.join(' ')}): was a script changed?`);
} else {
  if (cspAt < 0 || !html.includes(HASH_MARKER)) fail(`index.html has no CSP meta with ${HASH_MARKER}`);
  if (inline.some((m) => m.index < cspAt)) fail('the CSP meta must come before every script');
  html = html.replace(HASH_MARKER, sources.join(' '));
  fs.writeFileSync(indexPath, html);
}

// Every built file but the worker itself, in a stable order; "./" stands for index.html.
function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}
// Not the precompressed copies nor a host's `_headers` (a finished site folder has them).
const files = walk(staging)
  .map((full) => path.relative(staging, full).split(path.sep).join('/'))
  .filter((name) => name !== 'sw.js' && name !== '_headers' && !/\.(br|gz)$/.test(name))
  .sort();
const version = createHash('sha256');
for (const name of files) {
  version.update(name).update('\0').update(fs.readFileSync(path.join(staging, name))).update('\0');
}
const swPath = path.join(staging, 'sw.js');
// A finished site's sw.js is filled in already: start again from the template Trunk copied.
const swTemplate = siteMode
  ? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'www', 'sw.js')
  : swPath;
let sw = fs.readFileSync(swTemplate, 'utf8');
version.update(sw);
const digest = version.digest('hex').slice(0, 16);
// The pledge batch worker (~1.2 MB gzipped: spreadsheet reader, ZIP and PDF writers) is for
// agencies at a desk, not for the ASN on a phone making a twibbon: it is not precached, so a
// first visit downloads only what the twibbon needs. The service worker caches it the first
// time the batch panel loads it, and from then on it works offline too.
// The SVG logo worker (resvg) likewise: only kits with an SVG logo need it.
// The studio module (the poster and pledge pages, the kit editor: src/ui/studio/) and its export
// worker likewise: they load the first time one of those pages is opened or exports.
// The fallback fonts (fallback/: Vietnamese, Aksara Jawa/Sunda/Bali, symbols, emoji; ~2 MB in all)
// likewise: fetched only when a text needs one (src/ui/fonts.rs), and the shaper (harfrust, for
// Aksara, flags and ZWJ emoji) with them when the text needs shaping (src/ui/shaper.rs).
const isLazy = (name) => name.startsWith('batch_worker') || name.startsWith('svg_worker')
  || name.startsWith('studio')
  || name.startsWith('shaper')
  || name.startsWith('fallback/');
const list = ['./', ...files.filter((name) => name !== 'index.html' && !isLazy(name))];
const lazy = files.filter(isLazy);
// The studio module and its export worker are cached as one group (see sw.js's TOGETHER).
const together = lazy.filter((name) => name.startsWith('studio'));
if (together.length === 0) fail('no studio* file in the build: did a Trunk entry change its name?');

const LIST_MARKER = '/* __PRECACHE_LIST__ */';
const LAZY_MARKER = '/* __LAZY_LIST__ */';
const TOGETHER_MARKER = '/* __TOGETHER_LIST__ */';
const VERSION_MARKER = '__PRECACHE_VERSION__';
if (![LIST_MARKER, LAZY_MARKER, TOGETHER_MARKER, VERSION_MARKER].every((m) => sw.includes(m))) fail('sw.js lacks its markers');
sw = sw.replace(LIST_MARKER, list.map((name) => JSON.stringify(name)).join(', '))
  .replace(LAZY_MARKER, lazy.map((name) => JSON.stringify(name)).join(', '))
  .replace(TOGETHER_MARKER, together.map((name) => JSON.stringify(name)).join(', '))
  .replace(VERSION_MARKER, digest);
fs.writeFileSync(swPath, sw);

console.log(`precache.mjs: ${siteMode ? `${staging}: CSP kept` : `CSP ${sources.join(' ')}`}; sw.js version ${digest}, ${list.length} files precached, ${lazy.length} cached on first use`);

// 3. Precompressed copies, for hosts that serve them as they are (nginx `gzip_static` /
//    `brotli_static`, Netlify, Cloudflare Pages): `NAME.br` (brotli, quality 11) and `NAME.gz`
//    (gzip -9) beside every file where they are smaller. Brotli is about a quarter smaller than
//    gzip on our wasm; compressing once at build time lets a host send it at its best quality
//    without compressing per request. (sw.js and index.html too: they change every deploy.)
const compressed = { raw: 0, gz: 0, br: 0 };
// In a finished site: does the copy `file` exist and still hold exactly `raw`?
function current(file, raw, decompress) {
  try {
    return decompress(fs.readFileSync(file)).equals(raw);
  } catch {
    return false;
  }
}
let kept = 0;
for (const name of [...files, 'sw.js']) {
  const full = path.join(staging, name);
  const raw = fs.readFileSync(full);
  const copies = [
    [`${full}.gz`, () => zlib.gzipSync(raw, { level: 9 }), zlib.gunzipSync],
    [`${full}.br`, () => zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }), zlib.brotliDecompressSync],
  ];
  const sizes = copies.map(([file, compress, decompress]) => {
    if (siteMode && current(file, raw, decompress)) {
      kept++;
      return fs.statSync(file).size;
    }
    const packed = compress();
    // Already-compressed files (PNG icons) gain nothing: a host then sends them as they are.
    if (packed.length < raw.length * 0.95) fs.writeFileSync(file, packed);
    else fs.rmSync(file, { force: true }); // a stale copy of a file that changed
    return Math.min(packed.length, raw.length);
  });
  compressed.raw += raw.length;
  compressed.gz += sizes[0];
  compressed.br += sizes[1];
}
const kib = (n) => `${Math.round(n / 1024)} KiB`;
console.log(`precache.mjs: precompressed ${kib(compressed.raw)} → gzip ${kib(compressed.gz)}, brotli ${kib(compressed.br)}${siteMode ? ` (${kept} current copies kept)` : ''}`);
