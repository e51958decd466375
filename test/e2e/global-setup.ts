// Global setup of the 'e2e' vitest project: a Chinese font present, then one `vite build` per
// run, only when dist/ is stale.
import { execFileSync } from 'node:child_process';
import { buildIfStale } from '../../src/server/build-if-stale.mjs';

/**
 * The layout matrix and the printed PDFs measure Chinese text. Without a CJK font Chromium draws
 * boxes of other sizes and the PDFs hold no text, so every such test would fail for a reason it
 * does not name: say it once, here.
 */
function requireChineseFont(): void {
  let fonts = '';
  try {
    fonts = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  } catch {
    // No fontconfig: Chromium has no font list either; the message below says what to install.
  }
  if (fonts.trim() === '') {
    throw new Error(
      'e2e: no Chinese font on this machine (fc-list :lang=zh is empty). Install one: apt-get install -y fonts-noto-cjk',
    );
  }
}

export default async function setup(): Promise<void> {
  requireChineseFont();
  await buildIfStale({ log: (message) => console.log(`[e2e] ${message}`) });
}
