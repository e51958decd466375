// The organizer's setup screens against the production build, in Chromium: a competition from
// the 擂台比武 template, its sheet and settings, a setting changed and kept across a reload, the
// demo competition, advancement; accessibility; and a screenshot of each screen.

import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RESULTS_DIR, startHarness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const heading1 = (page: Page) => page.locator('main h1');

async function expectNoAxeViolations(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).include('main').analyze();
  expect(
    result.violations.map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`),
  ).toEqual([]);
}

async function expectTouchTargets(page: Page, where: string) {
  for (const target of await page.locator('main a:visible, main button:visible').all()) {
    const box = await target.boundingBox();
    const name = `${where}: ${(await target.textContent())?.trim()}`;
    expect(box?.height, name).toBeGreaterThanOrEqual(48);
    expect(box?.width, name).toBeGreaterThanOrEqual(48);
  }
}

describe('organizer setup', () => {
  it('creates a competition from the 擂台比武 template, changes a setting and finds it after a reload', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await page.goto('/organizer');
    await expect.poll(() => page.getByRole('heading', { name: '还没有赛事' }).count()).toBe(1);
    await h.screenshot(page, 'organizer-empty');

    await page.getByRole('button', { name: '新建赛事' }).click();
    await page.getByLabel('赛事名称').fill('2026年昌吉市村党组织书记“擂台比武”');
    await page.getByLabel('比赛日期').fill('2026-06-18');
    await page.getByLabel('比赛地点').fill('昌吉市委党校报告厅');
    expect(await page.getByRole('radio', { name: /村党组织书记擂台比武/ }).isChecked()).toBe(true);
    await h.screenshot(page, 'organizer-create');
    await page.getByRole('button', { name: '创建赛事' }).click();

    await expect.poll(() => heading1(page).textContent()).toBe('2026年昌吉市村党组织书记“擂台比武”');
    await page.getByText(/评分项 5 项 · 评委 0 位 · 选手 0 位/).waitFor();
    await h.screenshot(page, 'organizer-competition');
    await expectNoAxeViolations(page, 'competition');

    await page.getByRole('link', { name: '乡镇初赛' }).click();
    await expect.poll(() => heading1(page).textContent()).toBe('乡镇初赛');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('settings');
    expect(await page.getByRole('radio', { name: /去掉最高分和最低分/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('保留小数位数').inputValue()).toBe('2');
    expect(await page.getByLabel('每位选手限时').inputValue()).toBe('10');
    await page.getByText('即：超时每 30 秒扣 0.5 分').waitFor();
    await page.getByRole('region', { name: '实时预览（示例数据）' }).getByRole('table').waitFor();
    await h.screenshot(page, 'organizer-settings');
    // What the organizer sees first, with the save bar held at the bottom of the window.
    await page.screenshot({ path: join(RESULTS_DIR, 'organizer-settings-window.png') });
    await expectNoAxeViolations(page, 'settings');
    await expectTouchTargets(page, 'settings');

    await page.getByRole('link', { name: '评分表', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: '评分表' }).waitFor();
    const rows = await page.locator('main table tbody tr').allTextContents();
    expect(rows.map((row) => row.replace(/上移.*$/, ''))).toEqual([
      '1内容40400.1',
      '2形象风采15150.1',
      '3语言表达20200.1',
      '4PPT制作15150.1',
      '5综合印象10100.1',
    ]);
    await page.getByText('✓ 分值合计 100 分，与满分一致').waitFor();
    await h.screenshot(page, 'organizer-criteria');
    await expectNoAxeViolations(page, 'criteria');
    await expectTouchTargets(page, 'criteria');

    // A change to the settings, saved, survives a reload at the same place.
    await page.getByRole('link', { name: '设置', exact: true }).click();
    await page.getByRole('radio', { name: /中位数/ }).check();
    await page.getByLabel('保留小数位数').fill('3');
    await page.getByText('有未保存的修改').waitFor();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('已保存', { exact: true }).waitFor();
    await page.reload();
    await expect.poll(() => heading1(page).textContent()).toBe('乡镇初赛');
    await page.getByLabel('保留小数位数').waitFor();
    expect(await page.getByLabel('保留小数位数').inputValue()).toBe('3');
    expect(await page.getByRole('radio', { name: /中位数/ }).isChecked()).toBe(true);
    expect(h.errors(page)).toEqual([]);
  });

  it('loads the demo competition and shows its round, ranking and advancement', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await page.goto('/organizer');
    await page.getByRole('button', { name: '载入示例赛事' }).click();
    await expect
      .poll(() => heading1(page).textContent(), { timeout: 15_000 })
      .toBe('2026年昌吉市村党组织书记“擂台比武”（示例）');
    await page.getByText(/评委 7 位 · 选手 13 位 · 已排名 10 位，评分中 3 位/).waitFor();
    await h.screenshot(page, 'organizer-demo');

    await page.getByRole('link', { name: '市级决赛' }).click();
    // The tabs of part B render inside the workspace, each with its heading.
    for (const tab of ['评委', '选手', '抽签']) {
      await page.getByRole('link', { name: tab, exact: true }).click();
      await page.locator('.org-tab-panel h2').first().waitFor();
    }
    // 回避 before the day: the demo's one recusal, with its reason.
    await page.getByRole('link', { name: '回避', exact: true }).click();
    const recusals = page.getByRole('table', { name: '回避一览' });
    await recusals.getByRole('row', { name: '刘芳 三工镇 马建军 三工镇 同单位' }).waitFor();
    expect(await recusals.locator('tbody tr').count()).toBe(1);
    await h.screenshot(page, 'organizer-recusal');
    await expectNoAxeViolations(page, 'recusal');
    await page.getByRole('link', { name: '晋级', exact: true }).click();
    await page.getByRole('heading', { name: '“市级决赛”的排名' }).waitFor();
    expect(await page.locator('main table tbody tr').count()).toBe(10);
    await page.getByText(/本轮还有 3 位选手评分中/).waitFor();
    await h.screenshot(page, 'organizer-advancement');
    await expectNoAxeViolations(page, 'advancement');

    // Back to the list: the demo is there, with its actions; deleting asks first.
    await page.getByRole('link', { name: '赛事列表' }).click();
    await page.getByRole('link', { name: '2026年昌吉市村党组织书记“擂台比武”（示例）' }).waitFor();
    await h.screenshot(page, 'organizer-competitions');
    await expectNoAxeViolations(page, 'competitions');
    await expectTouchTargets(page, 'competitions');
    // The demo goes with one confirmed action, even though judges have marked it.
    await page.getByRole('button', { name: '删除' }).click();
    await page.getByRole('alertdialog').waitFor();
    await page.getByRole('button', { name: '删除示例赛事' }).click();
    await page.getByText(/已删除示例赛事/).waitFor();
    expect(await page.getByRole('link', { name: '2026年昌吉市村党组织书记“擂台比武”（示例）' }).count()).toBe(
      0,
    );
    await h.screenshot(page, 'organizer-demo-deleted');
    expect(h.errors(page)).toEqual([]);
  });
});
