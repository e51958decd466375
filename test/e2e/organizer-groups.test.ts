// Rater groups and audience voting on the organizer's screens, against the production build in
// Chromium: a competition from the 专家70% + 大众30% template, its settings with both groups and
// the voting, a leaders' group added and saved, accessibility, touch targets and a screenshot.

import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const heading1 = (page: Page) => page.locator('main h1');

describe('organizer: rater groups', () => {
  it('sets up a round of 专家 + 大众 from its template, adds 领导评委 and keeps it across a reload', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await page.goto('/organizer');
    await page.getByRole('button', { name: '新建赛事' }).click();
    await page.getByLabel('赛事名称').fill('2026年演讲比赛');
    await page.getByRole('radio', { name: /专家70% \+ 大众30%/ }).check();
    await page.getByRole('button', { name: '创建赛事' }).click();
    await expect.poll(() => heading1(page).textContent()).toBe('2026年演讲比赛');
    await page.getByRole('link', { name: '乡镇初赛' }).click();
    await expect.poll(() => heading1(page).textContent()).toBe('乡镇初赛');

    expect(await page.getByLabel('第 1 组名称').inputValue()).toBe('专家评委');
    expect(await page.getByLabel('“大众评审”的权重').inputValue()).toBe('30');
    expect(await page.getByRole('checkbox', { name: /观众用手机扫码投票/ }).isChecked()).toBe(true);
    const preview = page.getByRole('region', { name: '实时预览（示例数据）' });
    await preview.getByRole('columnheader', { name: '大众评审' }).waitFor();

    await page.getByRole('button', { name: '添加评委组' }).click();
    await page.getByLabel('第 3 组名称').fill('领导评委');
    await page.getByLabel('“领导评委”的权重').fill('20');
    await page.getByLabel('“专家评委”的权重').fill('50');
    await page.getByLabel('“领导评委”的分数怎样汇总').selectOption({ label: '加权平均' });
    await preview.getByRole('columnheader', { name: '领导评委' }).waitFor();
    await h.screenshot(page, 'organizer-settings-groups');
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(
      axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`),
    ).toEqual([]);
    for (const target of await page
      .locator('main .org-groups button:visible, main .org-audience button:visible')
      .all()) {
      const box = await target.boundingBox();
      expect(box?.height, (await target.textContent()) ?? '').toBeGreaterThanOrEqual(48);
    }

    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('已保存', { exact: true }).waitFor();
    await page.reload();
    await expect.poll(() => heading1(page).textContent()).toBe('乡镇初赛');
    await page.getByLabel('第 3 组名称').waitFor();
    expect(await page.getByLabel('第 3 组名称').inputValue()).toBe('领导评委');
    expect(await page.getByLabel('“专家评委”的权重').inputValue()).toBe('50');
    expect(h.errors(page)).toEqual([]);
  });
});
