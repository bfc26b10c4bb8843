// The build writes precompressed copies for hosts that serve them as they are (nginx
// gzip_static / brotli_static, Netlify, Cloudflare Pages): NAME.br and NAME.gz beside every file
// of dist/ where they are smaller. A host sends them in place of the file, so each must be
// exactly the file, compressed: decompressed here and compared byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist } from './harness.mjs';

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

test('precompressed: .br and .gz beside the files decompress to exactly the files; every script and wasm has both', () => {
  const all = walk(dist);
  const files = all.filter((f) => !/\.(br|gz)$/.test(f));
  let checked = 0;
  for (const file of files) {
    const raw = fs.readFileSync(file);
    for (const [ext, decompress] of [['.br', zlib.brotliDecompressSync], ['.gz', zlib.gunzipSync]]) {
      if (!fs.existsSync(file + ext)) continue;
      const packed = fs.readFileSync(file + ext);
      assert.ok(packed.length < raw.length, `${file}${ext} is smaller than the file`);
      assert.ok(decompress(packed).equals(raw), `${file}${ext} is the file, compressed`);
      checked += 1;
    }
    // Tiny files (the workers' few-line loaders) may not shrink enough to be worth a copy.
    if (/\.(wasm|js|html|css)$/.test(file) && raw.length > 1024) {
      assert.ok(fs.existsSync(`${file}.br`) && fs.existsSync(`${file}.gz`), `${file} has .br and .gz`);
    }
  }
  // No stray copies: every .br/.gz has its file.
  for (const packed of all.filter((f) => /\.(br|gz)$/.test(f))) {
    assert.ok(fs.existsSync(packed.replace(/\.(br|gz)$/, '')), `${packed} has its file`);
  }
  assert.ok(checked > 20, `copies checked: ${checked}`);
  // Brotli is the smaller of the two on the app's wasm (the reason to ship it).
  const wasm = files.find((f) => /\/app-[0-9a-f]+_bg\.wasm$/.test(f));
  assert.ok(fs.statSync(`${wasm}.br`).size < fs.statSync(`${wasm}.gz`).size, 'brotli beats gzip on the app wasm');
});
