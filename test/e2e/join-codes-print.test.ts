// The judges' code sheet printed to PDF with the print CSS (page.pdf), as the organizer prints it
// from the judges panel of the demo competition: one card per judge of the competition, and no
// blank page after them (issue 12: it printed a blank third page, the app's own height kept
// behind the hidden content). Pages are turned into PNGs (pdftoppm) in test-results/.

import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RESULTS_DIR, startHarness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

function pageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

function pageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], {
    encoding: 'utf8',
  });
}

describe('the judges’ code sheet', () => {
  it('prints every judge’s card of the competition and no blank page', async () => {
    const page = await h.newPage({ width: 1280, height: 900 });
    await page.goto('/organizer');
    await page.getByRole('button', { name: '载入示例赛事' }).click();
    await page.getByRole('link', { name: '市级决赛' }).click();
    await page.getByRole('link', { name: '评委', exact: true }).click();
    await page.getByRole('button', { name: '打印评委码' }).waitFor();
    await page.getByRole('checkbox', { name: '王建国 为“市级决赛”评分' }).waitFor();
    await h.screenshot(page, 'judges-panel');
    // What printJoinCodes does before window.print(), which a headless page cannot show.
    await page.evaluate(() => document.body.classList.add('print-join-codes'));
    await page.evaluate(() => document.fonts.ready);
    // The QR codes are drawn once their library has loaded.
    await expect.poll(() => page.locator('.join-code-sheet svg path').count()).toBe(7);

    await mkdir(RESULTS_DIR, { recursive: true });
    const pdf = join(RESULTS_DIR, 'join-codes.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    for (const old of (await readdir(RESULTS_DIR)).filter((file) => file.startsWith('join-codes-'))) {
      await rm(join(RESULTS_DIR, old));
    }
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(RESULTS_DIR, 'join-codes')]);

    const pages = pageCount(pdf);
    const texts = Array.from({ length: pages }, (_, index) => pageText(pdf, index + 1));
    const blank = texts.flatMap((text, index) => (text.trim() === '' ? [index + 1] : []));
    expect(blank, `blank pages of ${pages}`).toEqual([]);
    const all = texts.join('\n');
    expect(all).toContain('评委码');
    expect(all.match(/code=\d{8}/g)).toHaveLength(7);
    expect(h.errors(page)).toEqual([]);
  });
});
