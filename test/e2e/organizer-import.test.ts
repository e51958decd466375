// The organizer's import and draw in Chromium against the production build: create a
// competition from the first template, import 19 contestants from an .xlsx, draw the order,
// reload, and find everything still there. Screenshots: test-results/organizer-*.png.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawOrder } from '../../src/domain/draw';
import { type Harness, startHarness } from './harness';

const TOWNSHIPS = [
  '三工镇',
  '榆树沟镇',
  '佃坝镇',
  '二六工镇',
  '大西渠镇',
  '六工镇',
  '滨湖镇',
  '庙尔沟乡',
  '阿什里乡',
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马';

/** 19 contestants as a township office sends them: a title line, then the header row. */
const CONTESTANTS = Array.from({ length: 19 }, (_, index) => ({
  name: `${SURNAMES[index]}${index % 2 === 0 ? '建国' : '桂芳'}`,
  unit: `${TOWNSHIPS[index % TOWNSHIPS.length]}第${index + 1}村`,
  topic: `强村富民的第${index + 1}个故事`,
}));

let h: Harness;
let folder: string;

async function workbook(rows: (string | number)[][], name: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('报名表');
  for (const row of rows) sheet.addRow(row);
  const path = join(folder, name);
  await writeFile(path, new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer));
  return path;
}

const header = ['序号', '姓名', '单位', '演讲题目'];
const title = ['2026年昌吉市村党组织书记“擂台比武”报名汇总表'];

beforeAll(async () => {
  h = await startHarness();
  folder = await mkdtemp(join(tmpdir(), 'leitai-import-'));
});

afterAll(async () => {
  await h?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function expectAxeClean(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).include('main').analyze();
  expect(result.violations.map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
}

/** The contestants' records, read straight from the page's IndexedDB. */
function storedContestants(page: Page): Promise<{ id: string; name: string; draw: number | null }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('leitai');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('contestants').objectStore('contestants').getAll();
          request.onsuccess = () => {
            resolve(request.result);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

const lineupNames = (page: Page) =>
  page
    .locator('.draw-lineup__item .draw-lineup__name')
    .evaluateAll((names) => names.map((name) => name.firstChild?.textContent ?? ''));

describe('organizer: import and draw', () => {
  it('imports 19 contestants from an .xlsx, draws their order, and keeps it all after a reload', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await page.goto('/organizer');

    // A competition from the first template (村党组织书记擂台比武).
    await page.getByRole('button', { name: '新建赛事' }).first().click();
    await page.getByLabel('赛事名称').fill('2026年昌吉市村党组织书记“擂台比武”');
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: '创建赛事' }).click();
    await page.getByRole('link', { name: '乡镇初赛' }).click();
    await page.getByRole('link', { name: '选手', exact: true }).click();
    await page.getByRole('heading', { name: '选手（0 位）' }).waitFor();
    await h.screenshot(page, 'organizer-contestants-empty');

    // A file with mistakes first: every problem on its row, nothing imported.
    await page.getByRole('button', { name: '从 Excel/CSV 导入' }).click();
    const importer = page.getByRole('region', { name: '从 Excel/CSV 导入选手' });
    const broken = await workbook(
      [
        title,
        header,
        ...CONTESTANTS.slice(0, 6).map((c, index) => [index + 1, index === 2 ? '' : c.name, c.unit, c.topic]),
        ['七', CONTESTANTS[6]?.name ?? '', '三工镇', '题目'],
        [8, CONTESTANTS[0]?.name ?? '', '三工镇', '同名'],
      ],
      '有错误的报名表.xlsx',
    );
    await importer.getByLabel('选择文件（.xlsx 或 .csv）').setInputFiles(broken);
    // 序号 is the row number, not the order of appearance: only the missing name is an error.
    await importer.getByText('发现 1 处错误', { exact: false }).waitFor();
    expect(await importer.getByLabel('出场顺序').inputValue()).toBe('');
    expect(await importer.getByRole('button', { name: '导入 8 位选手' }).isDisabled()).toBe(true);
    await h.screenshot(page, 'organizer-import-errors');

    const good = await workbook(
      [title, header, ...CONTESTANTS.map((c, index) => [index + 1, c.name, c.unit, c.topic])],
      '报名表.xlsx',
    );
    await importer.getByLabel('选择文件（.xlsx 或 .csv）').setInputFiles(good);
    await importer.getByText('文件：报名表.xlsx · 编码：Excel 工作簿（.xlsx） · 19 行数据').waitFor();
    expect(await importer.getByLabel('标题行').inputValue()).toBe('1');
    await h.screenshot(page, 'organizer-import-preview');
    await expectAxeClean(page, 'import preview');
    await importer.getByRole('button', { name: '导入 19 位选手' }).click();
    await page.getByText('已导入 19 位选手').waitFor();
    await page.getByRole('heading', { name: '选手（19 位）' }).waitFor();
    expect(await page.locator('.people-table tbody tr').count()).toBe(19);
    await h.screenshot(page, 'organizer-contestants');
    await expectAxeClean(page, 'contestants');

    // 抽签 with the app's seed: the fingerprint first, fixed once shown; the seed after.
    await page.getByRole('link', { name: '抽签', exact: true }).click();
    await page.getByRole('heading', { name: '选手名单（尚未排出场顺序）' }).waitFor();
    expect(await page.locator('.draw-fingerprint__short').count()).toBe(0);
    await page.getByRole('button', { name: '固定种子并公布指纹' }).click();
    await page.locator('.draw-fingerprint__short').waitFor();
    const fingerprint = (await page.locator('.draw-fingerprint__short').textContent()) ?? '';
    expect(fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    // Leaving the tab and reloading show the same fingerprint.
    await page.getByRole('link', { name: '选手', exact: true }).click();
    await page.getByRole('heading', { name: '选手（19 位）' }).waitFor();
    await page.getByRole('link', { name: '抽签', exact: true }).click();
    await page.locator('.draw-fingerprint__short').waitFor();
    expect(await page.locator('.draw-fingerprint__short').textContent()).toBe(fingerprint);
    await page.reload();
    await page.locator('.draw-fingerprint__short').waitFor();
    expect(await page.locator('.draw-fingerprint__short').textContent()).toBe(fingerprint);
    expect(await page.locator('.draw-record').count()).toBe(0);
    await h.screenshot(page, 'organizer-draw-before');
    await expectAxeClean(page, 'draw before');
    await page.getByRole('button', { name: '开始抽签' }).click();
    await page.getByText('抽签完成，已记录：19 位选手的出场顺序').waitFor();
    const seed = (await page.locator('.draw-record__seed').textContent()) ?? '';
    // Checked as anyone would: SHA-256 of the seed, by another implementation.
    const digest = createHash('sha256').update(seed, 'utf8').digest('hex');
    expect(digest.slice(0, 16).match(/.{4}/g)?.join(' ')).toBe(fingerprint);
    const contestants = await storedContestants(page);
    const expected = drawOrder(
      contestants.map((c) => c.id),
      seed,
    );
    const nameOf = new Map(contestants.map((c) => [c.id, c.name]));
    const drawnNames = expected.map((id) => nameOf.get(id));
    expect(await lineupNames(page)).toEqual(drawnNames);
    await page.getByRole('button', { name: '用种子重算核对' }).click();
    await page.getByText('核对一致', { exact: false }).waitFor();
    await h.screenshot(page, 'organizer-draw-after');
    await expectAxeClean(page, 'draw after');

    // A reload reads everything back from IndexedDB.
    await page.reload();
    await page.locator('.draw-record__seed').waitFor();
    expect(await page.locator('.draw-record__seed').textContent()).toBe(seed);
    expect(await page.locator('.draw-record').textContent()).toContain(digest.match(/.{8}/g)?.join(' '));
    expect(await lineupNames(page)).toEqual(drawnNames);
    await page.getByRole('link', { name: '选手', exact: true }).click();
    await page.getByRole('heading', { name: '选手（19 位）' }).waitFor();
    const draws = await page.locator('.people-table tbody tr td:nth-child(2)').allTextContents();
    expect(draws.map(Number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 19 }, (_, index) => index + 1),
    );
    expect(h.errors(page)).toEqual([]);
  });

  it('shows the judges with their join codes, and the form’s checks', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await page.goto('/organizer');
    await page.getByRole('button', { name: '新建赛事' }).first().click();
    await page.getByLabel('赛事名称').fill('评委码测试赛');
    await page.getByRole('button', { name: '创建赛事' }).click();
    await page.getByRole('link', { name: '乡镇初赛' }).click();
    await page.getByRole('link', { name: '评委', exact: true }).click();

    await page.getByRole('button', { name: '从 Excel/CSV 导入' }).click();
    const csv = join(folder, '评委.csv');
    const judges = [
      ['姓名', '职务', '单位', '权重'],
      ['王建华', '市委组织部副部长', '市委组织部', '2'],
      ['李秀兰', '市委党校教授', '市委党校', '1'],
      ['赵德明', '三工镇党委书记', '三工镇', '1'],
      ['孙丽', '市融媒体中心主任', '市融媒体中心', '1'],
      ['周强', '榆树沟镇党委副书记', '榆树沟镇', '1'],
    ];
    await writeFile(csv, `\uFEFF${judges.map((row) => row.join(',')).join('\r\n')}\r\n`);
    await page.getByLabel('选择文件（.xlsx 或 .csv）').setInputFiles(csv);
    // The unit column becomes each judge's 回避单位: shown, and imported once ticked.
    const recusalCheck = page.getByRole('region', { name: '请核对回避单位' });
    await recusalCheck.getByRole('row', { name: '赵德明 三工镇' }).waitFor();
    expect(await page.getByRole('button', { name: '导入 5 位评委' }).isDisabled()).toBe(true);
    await recusalCheck.getByRole('checkbox', { name: '已核对：按上表导入回避单位' }).check();
    await h.screenshot(page, 'organizer-judges-recusal-units');
    await expectAxeClean(page, 'judges recusal units');
    await page.getByRole('button', { name: '导入 5 位评委' }).click();
    await page.getByRole('heading', { name: '评委（5 位）' }).waitFor();
    const codes = await page.locator('.join-code').allTextContents();
    expect(codes).toHaveLength(5);
    for (const code of codes) expect(code).toMatch(/^\d{4} \d{4}$/);
    await h.screenshot(page, 'organizer-judges');
    await expectAxeClean(page, 'judges');

    await page.getByRole('button', { name: '添加评委' }).click();
    await page.getByLabel('权重').fill('0');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('请填写姓名').waitFor();
    await h.screenshot(page, 'organizer-judge-form');
    await expectAxeClean(page, 'judge form');
    expect(h.errors(page)).toEqual([]);
  });
});
