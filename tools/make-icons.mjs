// Render the app icons (PNG) from www/icon.svg with headless Debian Chromium. Run once after
// changing the SVG: `node tools/make-icons.mjs`; the PNGs are committed.
//   icon-192.png, icon-512.png: the SVG as is ("any" purpose, transparent corners);
//   icon-maskable-512.png: full-bleed navy with the artwork inside the 80 % safe zone.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/harness.mjs';

const www = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'www');
const svg = fs.readFileSync(path.join(www, 'icon.svg'), 'utf8');
const uri = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const browser = await launch();
const page = await browser.newPage();
async function render(file, size, maskable) {
  const inner = maskable ? Math.round(size * 0.78) : size;
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0;background:${maskable ? '#0B2D5B' : 'transparent'}">
    <div style="width:${size}px;height:${size}px;display:grid;place-items:center">
    <img src="${uri}" width="${inner}" height="${inner}"></div></body>`);
  await page.waitForFunction(() => document.images[0].complete);
  await page.screenshot({ path: path.join(www, file), omitBackground: !maskable });
  console.log(`wrote www/${file}`);
}
await render('icon-192.png', 192, false);
await render('icon-512.png', 512, false);
await render('icon-maskable-512.png', 512, true);
await browser.close();
