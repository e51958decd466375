// The season 积分制 against the production build, in Chromium: a season built from two
// competitions' backup files (written as the laptops write them, test/unit/domain/season-backups.ts),
// imported through the screen; the same backups imported again leave the ledger in IndexedDB
// byte-identical; the 公示 printed to PDF with its print CSS, turned into PNG pages with pdftoppm
// (test-results/season-notice-*.png, to be looked at), and its ranking equal, name for name and
// total for total, to what `leitai season … --json` prints for the same files and period.

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { competitionBackup, NOVEMBER_CONTEST, NOVEMBER_SPEECH } from '../unit/domain/season-backups';
import { type Harness, RESULTS_DIR, startHarness } from './harness';

const projectRoot = resolve(import.meta.dirname, '../..');

let h: Harness;
let page: Page;
let folder: string;
let backups: string[];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'leitai-season-'));
  backups = [];
  for (const description of [NOVEMBER_CONTEST, NOVEMBER_SPEECH]) {
    const file = join(folder, `${description.id}.json`);
    await writeFile(file, JSON.stringify(competitionBackup(description), null, 2));
    backups.push(file);
  }
  h = await startHarness();
  page = await h.newPage({ width: 1280, height: 900 });
});

afterAll(async () => {
  await h?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** The season's ledger as IndexedDB holds it: its members and entries, in key order, as JSON. */
function ledgerBytes(): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolveLedger, reject) => {
        const opening = indexedDB.open('leitai');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const database = opening.result;
          const tx = database.transaction(['seasonMembers', 'seasonEntries'], 'readonly');
          const members = tx.objectStore('seasonMembers').getAll();
          const entries = tx.objectStore('seasonEntries').getAll();
          tx.oncomplete = () => {
            database.close();
            resolveLedger(JSON.stringify({ members: members.result, entries: entries.result }));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

interface CliStanding {
  rank: number;
  name: string;
  unit: string;
  points: string;
  competitionPoints: string;
  tied: boolean;
}

describe('the season', () => {
  it('is built from two competitions’ backups; importing them again changes nothing', async () => {
    await page.goto('/season');
    await page.getByLabel('名称').fill('2026年度村书记积分');
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByRole('heading', { level: 1, name: '2026年度村书记积分' }).waitFor();
    await page.getByRole('link', { name: '导入备份' }).click();

    const input = page.getByLabel('选择备份文件');
    await input.setInputFiles(backups);
    const result = page.getByRole('status', { name: '导入结果' });
    await result.getByText('已导入：6 条积分，新增 4 名成员').waitFor();
    const ledger = await ledgerBytes();
    expect(JSON.parse(ledger).entries).toHaveLength(6);

    await input.setInputFiles([...backups].reverse());
    await result.getByText('没有变化：这 2 份备份的成绩已全部记入').waitFor();
    expect(await ledgerBytes()).toBe(ledger);
    expect(h.errors(page)).toEqual([]);
  });

  it('prints the 公示 of November as A4, its totals those of leitai season', async () => {
    await page.getByRole('link', { name: '积分榜' }).click();
    await page.getByLabel('统计时段').fill('2026-11');
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByRole('table', { name: '积分榜 · 2026-11' }).waitFor();
    await h.screenshot(page, 'season-standings');
    await page.getByRole('link', { name: '公示' }).click();
    await page.locator('.print-sheets').waitFor();
    await page.evaluate(() => document.fonts.ready);

    await mkdir(RESULTS_DIR, { recursive: true });
    const pdf = join(RESULTS_DIR, 'season-notice.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    for (const old of (await readdir(RESULTS_DIR)).filter((file) => file.startsWith('season-notice-'))) {
      await rm(join(RESULTS_DIR, old));
    }
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(RESULTS_DIR, 'season-notice')]);
    const pages = (await readdir(RESULTS_DIR)).filter(
      (file) => file.startsWith('season-notice-') && file.endsWith('.png'),
    );
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('2026年11月积分公示');
    for (const words of ['统计时段：2026-11', '公示日期：', '公示单位：', '日期：', '签字：', '现予公示'])
      expect(text).toContain(words);

    const cli = JSON.parse(
      execFileSync(
        process.execPath,
        [join(projectRoot, 'src/cli/leitai.mjs'), 'season', ...backups, '--period', '2026-11', '--json'],
        { encoding: 'utf8', cwd: projectRoot },
      ),
    ) as { standings: CliStanding[] };
    expect(cli.standings).toHaveLength(4);

    // The ranking's rows as printed: 名次 姓名 单位 积分 其中赛事积分.
    const printed = text
      .split('\n')
      .map((line) => /^\s*(并列)?(\d+)\s+(\S+)\s+\S+\s+(-?\d+\.\d\d)\s+(-?\d+\.\d\d)\s*$/.exec(line))
      .flatMap((match) =>
        match
          ? [
              {
                rank: Number(match[2]),
                tied: match[1] !== undefined,
                name: match[3],
                points: match[4],
                competitionPoints: match[5],
              },
            ]
          : [],
      );
    expect(printed).toEqual(
      cli.standings.map(({ rank, tied, name, points, competitionPoints }) => ({
        rank,
        tied,
        name,
        points,
        competitionPoints,
      })),
    );
    // Each person's entries follow, headed by the person and the same total.
    for (const standing of cli.standings)
      expect(text).toContain(`${standing.name}（${standing.unit}）：${standing.points} 分`);
    expect(text).toContain('十一月擂台比武 · 决赛');
    expect(text).toContain('十一月演讲比赛 · 演讲');
    expect(h.errors(page)).toEqual([]);
  });
});
