// The results screen against the production build, in Chromium: the demo round's standings and
// judge consistency (accessibility, touch targets), the .xlsx export downloaded and read back,
// and the official sheets printed to PDF with the print CSS (page.pdf), turned into PNG pages
// with pdftoppm (poppler-utils) and saved as test-results/results-*.png to be looked at.

import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RESULTS_DIR, startHarness } from './harness';

let h: Harness;
let page: Page;
let roundAddress: string;

beforeAll(async () => {
  h = await startHarness();
  page = await h.newPage({ width: 1280, height: 900 });
  await page.goto('/organizer');
  await page.getByRole('button', { name: '载入示例赛事' }).click();
  await page.getByRole('heading', { level: 1, name: '2026年昌吉市村党组织书记“擂台比武”（示例）' }).waitFor();
  await page.goto('/results');
  await page.getByRole('heading', { level: 2, name: '市级决赛 · 排名' }).waitFor();
  roundAddress = new URL(page.url()).search;
});

afterAll(async () => {
  await h?.close();
});

/** Prints the page to PDF as the browser would (print CSS, @page sizes), then to PNG pages. */
async function printToPng(address: string, name: string): Promise<string[]> {
  await page.goto(address);
  await page.locator('.print-sheets').waitFor();
  await page.evaluate(() => document.fonts.ready);
  await mkdir(RESULTS_DIR, { recursive: true });
  const pdf = join(RESULTS_DIR, `${name}.pdf`);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  for (const old of (await readdir(RESULTS_DIR)).filter((file) => file.startsWith(`${name}-`))) {
    await rm(join(RESULTS_DIR, old));
  }
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(RESULTS_DIR, name)]);
  const pages = (await readdir(RESULTS_DIR)).filter(
    (file) => file.startsWith(`${name}-`) && file.endsWith('.png'),
  );
  return pages.sort().map((file) => join(RESULTS_DIR, file));
}

function pdfText(name: string): string {
  return execFileSync('pdftotext', ['-layout', join(RESULTS_DIR, `${name}.pdf`), '-'], { encoding: 'utf8' });
}

describe('the results screen', () => {
  it('shows the standings, the consistency charts and the exports, accessibly', async () => {
    await page.goto(`/results${roundAddress}`);
    const ranked = page.getByRole('table', { name: '市级决赛的排名与评分明细' });
    await expect.poll(() => ranked.locator('tbody tr').count()).toBe(10);
    await page.getByRole('img', { name: /各评委打分分布/ }).waitFor();
    await h.screenshot(page, 'results-screen');
    await page.screenshot({ path: join(RESULTS_DIR, 'results-screen-window.png') });
    await page
      .locator('section', { has: page.getByRole('heading', { name: '评委一致性' }) })
      .screenshot({ path: join(RESULTS_DIR, 'results-consistency.png') });
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(
      axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`),
    ).toEqual([]);
    for (const target of await page
      .locator('main button:visible, main a.button:visible, main select')
      .all()) {
      const box = await target.boundingBox();
      expect(box?.height, (await target.textContent()) ?? '').toBeGreaterThanOrEqual(48);
    }
    expect(h.errors(page)).toEqual([]);
  });

  it('opens the print view from the results screen', async () => {
    await page.goto(`/results${roundAddress}`);
    await page.getByRole('link', { name: '打印成绩表和奖状…' }).click();
    await page.getByRole('heading', { level: 1, name: '打印：市级决赛' }).waitFor();
    expect(await page.getByRole('checkbox', { name: '成绩汇总表' }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: '公示名单' }).check();
    await expect.poll(() => page.locator('.print-doc').count()).toBe(2);
    // Certificates print on their own (landscape): choosing them clears the sheets.
    await page.getByRole('checkbox', { name: '奖状' }).check();
    await expect.poll(() => page.locator('.print-doc').count()).toBe(0);
    // Nobody of the demo is revealed: its certificates wait for the organizer's explicit word.
    const warning = page.getByRole('alert');
    await warning.getByText(/成绩暂定：本轮只公布了 0\/\d+ 位选手/).waitFor();
    expect(await page.locator('.certificate').count()).toBe(0);
    await warning.getByRole('button', { name: '仍要打印（暂定）' }).click();
    await expect.poll(() => page.locator('.certificate').count()).toBeGreaterThan(0);
    expect(await page.locator('.certificate__provisional').count()).toBe(
      await page.locator('.certificate').count(),
    );
    await h.screenshot(page, 'results-certificates-provisional');
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(
      axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`),
    ).toEqual([]);
    expect(h.errors(page)).toEqual([]);
  });

  it('exports the .xlsx workbook in the browser', async () => {
    await page.goto(`/results${roundAddress}`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel 成绩册（.xlsx）' }).click();
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file)).buffer as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('成绩汇总表');
    expect(workbook.worksheets.filter((sheet) => sheet.name.startsWith('评分明细表'))).toHaveLength(7);
    const footer = workbook.getWorksheet('成绩汇总表')?.headerFooter.oddFooter ?? '';
    expect(footer).toMatch(/校验码（链头）：[0-9a-f]{64}/);
    await page.getByRole('status').filter({ hasText: '已导出' }).waitFor();
  });
});

describe('the printed sheets', () => {
  it('prints the 成绩汇总表 on A4 with title, rules, signatures, page numbers and the chain head', async () => {
    const pages = await printToPng(`/results${roundAddress}&print=summary`, 'results-summary');
    // 13 contestants, the rules and the signatures fit one page.
    expect(pages).toHaveLength(1);
    await page.screenshot({ path: join(RESULTS_DIR, 'results-print-view.png') });
    const text = pdfText('results-summary');
    expect(text).toContain('2026年昌吉市村党组织书记“擂台比武”（示例）');
    expect(text).toMatch(/市级决赛 · 成绩汇总表/);
    expect(text).toContain('日期：2026-06-18');
    expect(text).toContain('地点：昌吉市委党校报告厅');
    expect(text).toContain('去掉一个最高分和一个最低分');
    expect(text).toMatch(/评委签字：/);
    expect(text).toMatch(/记分员：/);
    expect(text).toMatch(/监督：/);
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/);
    expect(text).toMatch(/校验码（链头）：[0-9a-f]{8}( [0-9a-f]{8}){7}/);
    expect(text).not.toContain('选择要打印的文件');
  });

  it("prints each judge's 评分明细表 on its own page", async () => {
    const pages = await printToPng(`/results${roundAddress}&print=judges`, 'results-judge');
    expect(pages).toHaveLength(7);
    const text = pdfText('results-judge');
    expect(text.split('\f').filter((sheet) => sheet.includes('评分明细表'))).toHaveLength(7);
    expect(text).toContain('评委：王建国（市委组织部副部长）');
    expect(text).toContain('回避');
  });

  it('prints the 公示 list', async () => {
    const pages = await printToPng(`/results${roundAddress}&print=public`, 'results-public');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pdfText('results-public')).toContain('现予公示');
  });

  it('prints a landscape 奖状 for every contestant with an award once the round is closed, with its 落款', async () => {
    await page.goto('/organizer');
    const card = page.getByRole('listitem').filter({
      has: page.getByRole('link', { name: '2026年昌吉市村党组织书记“擂台比武”（示例）' }),
    });
    await card.getByRole('button', { name: '编辑' }).click();
    await page.getByLabel('颁奖单位（落款，选填）').fill('中共昌吉市委组织部');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText(/^已保存/).waitFor();
    await page.goto(`/results${roundAddress}`);
    const closure = page.getByRole('region', { name: '成绩是否定稿' });
    await closure.getByRole('button', { name: '结束本轮，成绩定稿' }).click();
    await closure.getByRole('button', { name: '确认结束本轮' }).click();
    await closure.getByText('成绩已定稿：组织者已结束本轮。').waitFor();
    const pages = await printToPng(`/results${roundAddress}&print=certificates`, 'results-certificate');
    const awards = await page.locator('.certificate').count();
    expect(awards).toBeGreaterThan(0);
    expect(pages).toHaveLength(awards);
    const info = execFileSync('pdfinfo', [join(RESULTS_DIR, 'results-certificate.pdf')], {
      encoding: 'utf8',
    });
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
    const text = pdfText('results-certificate');
    expect(text).toMatch(/奖\s*状/);
    expect(text).toContain('2026年6月18日');
    expect(text).not.toMatch(/第\s*\d+\s*页/);
    expect(text).not.toContain('暂定');
    expect(text).toContain('中共昌吉市委组织部');
  });
});
