// Rasterizes public/icons/*.svg into the PNG icons of the web manifest with headless Chromium.
// The SVGs are the source; run this after changing them: `node scripts/render-icons.mjs`.
// Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const iconsDir = fileURLToPath(new URL('../public/icons/', import.meta.url));
const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

/** [source svg, output png, size in px] */
const targets = [
  ['icon.svg', `${iconsDir}icon-192.png`, 192],
  ['icon.svg', `${iconsDir}icon-512.png`, 512],
  ['icon-maskable.svg', `${iconsDir}icon-maskable-512.png`, 512],
  // iOS puts its own rounded mask on the touch icon, so it gets the full-bleed artwork.
  ['icon-maskable.svg', `${publicDir}apple-touch-icon.png`, 180],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const [svgName, out, size] of targets) {
    const svg = await readFile(`${iconsDir}${svgName}`, 'utf8');
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">` +
        `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" ` +
        `width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: out, omitBackground: true });
    await page.close();
    console.log(`wrote ${out}`);
  }
} finally {
  await browser.close();
}
