// The judge's tablet screen in Chromium, landscape (1280x800) and portrait (800x1280): join
// with the judge code, score a contestant, reload in the middle of the sheet and find the draft,
// submit, see it locked. Screenshots in test-results/judge-*.png; axe on every state.
import AxeBuilder from '@axe-core/playwright';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeitaiDB } from '../../src/db/database';
import { createCompetition, createRound, importRoster } from '../../src/db/repository';
import { type Harness, startHarness, type Viewport } from './harness';
import { dumpTables, loadIntoPage, type TableRows } from './seed-browser-db';

let h: Harness;
let seed: TableRows;
let joinCode: string;

/** 村党组织书记擂台比武 决赛: the five-criterion sheet, six contestants, one recusal. */
async function seedRound(): Promise<{ rows: TableRows; joinCode: string }> {
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange });
  const competition = await createCompetition(db, { name: '2026年昌吉市村党组织书记“擂台比武”' });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: '市级决赛',
    criteria: [
      { label: '内容', max: 4000 },
      { label: '形象风采', max: 1500 },
      { label: '语言表达', max: 2000 },
      { label: 'PPT制作', max: 1500 },
      { label: '综合印象', max: 1000, step: 50 },
    ],
  });
  const { judges } = await importRoster(db, round.id, {
    judges: [
      { name: '王评委', title: '市委组织部', unit: '三工镇' },
      { name: '李评委', title: '市委党校' },
    ],
    contestants: [
      { name: '张建国', unit: '榆树沟镇', topic: '强村富民', draw: 1 },
      { name: '李秀兰', unit: '三工镇', topic: '乡村振兴', draw: 2 },
      { name: '马晓东', unit: '佃坝镇', topic: '基层治理', draw: 3 },
      { name: '古丽娜', unit: '六工镇', topic: '民族团结', draw: 4 },
      { name: '陈志强', unit: '大西渠镇', topic: '产业发展', draw: 5 },
      { name: '赵丽', unit: '滨湖镇', topic: '人居环境', draw: 6 },
    ],
  });
  const rows = await dumpTables(db);
  db.close();
  return { rows, joinCode: (judges[0] as { joinCode: string }).joinCode };
}

beforeAll(async () => {
  h = await startHarness();
  ({ rows: seed, joinCode } = await seedRound());
});

afterAll(async () => {
  await h?.close();
});

async function expectAxeClean(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`),
  ).toEqual([]);
}

/** Every visible button at least 48 x 48 px, and nothing wider than the screen. */
async function expectTouchFriendly(page: Page, where: string) {
  for (const target of await page.locator('main button:visible').all()) {
    const box = await target.boundingBox();
    const name = `${where}: ${(await target.textContent())?.trim() || (await target.getAttribute('aria-label'))}`;
    expect(box?.height, name).toBeGreaterThanOrEqual(48);
    expect(box?.width, name).toBeGreaterThanOrEqual(48);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, where).toBeLessThanOrEqual(0);
}

const key = (page: Page, name: string) =>
  page.getByRole('group', { name: '分数键盘' }).getByRole('button', { name, exact: true });

async function typeMark(page: Page, text: string) {
  for (const character of text) await key(page, character === '.' ? '小数点' : character).click();
}

const cellValue = (page: Page, label: string) =>
  page
    .locator('.crit', { has: page.getByRole('button', { name: new RegExp(`^${label}：`) }) })
    .locator('.crit__value');

const layouts: { name: string; viewport: Viewport; viaLink: boolean }[] = [
  { name: 'landscape', viewport: { width: 1280, height: 800 }, viaLink: false },
  { name: 'portrait', viewport: { width: 800, height: 1280 }, viaLink: true },
];

describe('judge screen', () => {
  it.each(layouts)(
    'joins, scores, survives a reload, submits and locks ($name)',
    async ({ name, viewport, viaLink }) => {
      const page = await h.newPage(viewport);
      await page.goto('/judge');
      await page.getByText('请输入您的 8 位评委码').waitFor();
      await loadIntoPage(page, seed);
      await page.goto(viaLink ? `/judge?code=${joinCode}` : '/judge');

      if (!viaLink) {
        const codePad = page.getByRole('group', { name: '评委码键盘' });
        for (const digit of joinCode.slice(0, 4))
          await codePad.getByRole('button', { name: digit, exact: true }).click();
        await expectTouchFriendly(page, `${name} join`);
        await expectAxeClean(page, `${name} join`);
        await h.screenshot(page, `judge-${name}-1-join`);
        for (const digit of joinCode.slice(4))
          await codePad.getByRole('button', { name: digit, exact: true }).click();
      }
      await page.getByText('您是 王评委（市委组织部）吗？').waitFor();
      await expectAxeClean(page, `${name} confirm`);
      await h.screenshot(page, `judge-${name}-2-confirm`);
      await page.getByRole('button', { name: '是我，开始评分' }).click();
      await page.getByRole('heading', { level: 1, name: '王评委' }).waitFor();
      expect(new URL(page.url()).search).toBe('');

      // 李秀兰 is of 王评委's unit: listed with the reason, not offered.
      const list = page.getByRole('navigation', { name: '选手（出场顺序）' });
      expect(await list.getByRole('button').count()).toBe(5);
      await list.getByText('与您同单位，按规定回避').waitFor();
      await list.getByRole('button', { name: /张建国/ }).click();
      await page.getByRole('heading', { level: 2, name: '1 号 张建国' }).waitFor();

      await typeMark(page, '36.5');
      await key(page, '确定 下一项').click();
      await typeMark(page, '13');
      await key(page, '确定 下一项').click();
      await typeMark(page, '20');
      await key(page, '确定 下一项').click();
      await typeMark(page, '16'); // over 满分 15: said beside the criterion, not saved
      await page.getByText('超过满分 15').waitFor();
      await expectTouchFriendly(page, `${name} sheet`);
      await expectAxeClean(page, `${name} sheet`);
      await h.screenshot(page, `judge-${name}-3-sheet-error`);
      await key(page, '退格').click();
      await expect.poll(() => cellValue(page, 'PPT制作').textContent()).toBe('1');
      await typeMark(page, '2.5'); // "12.5", typed and not confirmed
      // On screen means in IndexedDB: the cell shows what the draft's transaction committed.
      await expect.poll(() => cellValue(page, 'PPT制作').textContent()).toBe('12.5');

      // Reload in the middle of the sheet: the confirmed marks and the draft are still there.
      await page.reload();
      await page.getByRole('heading', { level: 2, name: '1 号 张建国' }).waitFor();
      await expect.poll(() => cellValue(page, 'PPT制作').textContent()).toBe('12.5');
      expect(await cellValue(page, '内容').textContent()).toBe('36.5');
      expect(await cellValue(page, '语言表达').textContent()).toBe('20');
      expect(await page.locator('.judge-keypad__target').textContent()).toBe('正在打分：PPT制作');
      expect(await page.locator('.judge-status').textContent()).toContain('3 个分数（1 项未确认）');
      await h.screenshot(page, `judge-${name}-4-after-reload`);

      await key(page, '确定 下一项').click();
      await typeMark(page, '8.3'); // 综合印象 steps by 0.5
      await page.getByText('须为 0.5 的整数倍').waitFor();
      await key(page, '退格').click();
      await typeMark(page, '5');
      await page.getByRole('button', { name: '综合印象 加 0.5' }).click();
      await expect.poll(() => cellValue(page, '综合印象').textContent()).toBe('9');
      // The running total with the round's two decimals, as the host shows it.
      await expect.poll(() => page.locator('.judge-total__value').textContent()).toBe('91.00');

      await page.getByRole('button', { name: '提交评分表' }).click();
      const dialog = page.getByRole('dialog', { name: '确认提交：1 号 张建国' });
      await dialog.waitFor();
      expect(await dialog.locator('tfoot').textContent()).toContain('91.00');
      await expectAxeClean(page, `${name} submit dialog`);
      await h.screenshot(page, `judge-${name}-5-submit`);
      await dialog.getByRole('button', { name: '确认提交' }).click();

      await page.getByText('已提交，评分表已锁定').waitFor();
      expect(await page.getByRole('group', { name: '分数键盘' }).count()).toBe(0);
      await expectAxeClean(page, `${name} locked`);
      await h.screenshot(page, `judge-${name}-6-locked`);
      // Portrait shows the list or the open sheet: back to the list to see the sheet's state.
      const toList = page.getByRole('button', { name: '‹ 选手列表' });
      expect(await toList.isVisible()).toBe(name === 'portrait');
      if (name === 'portrait') await toList.click();
      expect(await list.getByRole('button', { name: /张建国/ }).textContent()).toContain('已提交');
      if (name === 'portrait') {
        await list.getByRole('button', { name: /张建国/ }).click();
        await page.getByText('已提交，评分表已锁定').waitFor();
      }

      // Still locked after a reload: the submission is in IndexedDB.
      await page.reload();
      await page.getByText('已提交，评分表已锁定').waitFor();
      expect(h.errors(page)).toEqual([]);
    },
  );

  it('is usable on a phone in a pinch', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await page.goto('/judge');
    await page.getByText('请输入您的 8 位评委码').waitFor();
    await loadIntoPage(page, seed);
    await page.goto(`/judge?code=${joinCode}`);
    await page.getByRole('button', { name: '是我，开始评分' }).click();
    await page
      .getByRole('navigation', { name: '选手（出场顺序）' })
      .getByRole('button', { name: /马晓东/ })
      .click();
    await typeMark(page, '35');
    await expectTouchFriendly(page, 'phone sheet');
    await h.screenshot(page, 'judge-phone-sheet');
  });
});
