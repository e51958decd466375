// axe on every screen of the app, in the state it is used in: the home page (and its sync
// panel), the organizer's screens with the demo competition and every tab of a round, the
// judge's join screen and score sheet, the host console, the projector and the results.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ROUND, judgeTabletRows, loadDemo, openJudgeSheet } from './screens';

export interface AxeFigure {
  screen: string;
  counts: Record<'critical' | 'serious' | 'moderate' | 'minor', number>;
  /** The serious and critical violations, in words. */
  blocking: string[];
}

async function analyze(page: Page, screen: string): Promise<AxeFigure> {
  // Let transitions and live queries settle: axe reads computed colours.
  await page.waitForTimeout(300);
  const result = await new AxeBuilder({ page }).analyze();
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const blocking: string[] = [];
  for (const violation of result.violations) {
    const impact = violation.impact ?? 'minor';
    counts[impact] += violation.nodes.length;
    if (impact === 'serious' || impact === 'critical') {
      const targets = violation.nodes.map((node) => node.target.join(' ')).slice(0, 5);
      blocking.push(`${violation.id} (${impact}): ${violation.help} — ${targets.join(', ')}`);
    }
  }
  return { screen, counts, blocking };
}

const heading1 = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 15_000 });

export async function runAxe(browser: Browser, baseUrl: string): Promise<AxeFigure[]> {
  const figures: AxeFigure[] = [];
  const organizer = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
  const page = await organizer.newPage();

  await page.goto('/');
  await heading1(page, '擂台 · Leitai 评分系统');
  figures.push(await analyze(page, 'home'));
  await page.locator('.sync-status > summary').click();
  await page.getByRole('heading', { level: 2, name: '同步状态' }).waitFor();
  await page.getByRole('heading', { level: 3, name: '本机数据' }).waitFor();
  figures.push(await analyze(page, 'home, sync panel open'));
  await page.locator('.sync-status > summary').click();

  await page.goto('/organizer');
  await page.getByRole('heading', { name: '还没有赛事' }).waitFor();
  figures.push(await analyze(page, 'organizer: no competition'));
  await loadDemo(page);
  figures.push(await analyze(page, 'organizer: demo competition'));
  await page.getByRole('link', { name: DEMO_ROUND }).click();
  await heading1(page, DEMO_ROUND);
  const tabs = {
    settings: '设置',
    criteria: '评分表',
    judges: '评委',
    contestants: '选手',
    draw: '抽签',
    advancement: '晋级',
  };
  for (const [tab, label] of Object.entries(tabs)) {
    await page
      .getByRole('navigation', { name: /的设置/ })
      .getByRole('link', { name: label, exact: true })
      .click();
    await page.waitForURL(new RegExp(`tab=${tab}`));
    await page.locator('.org-tab-panel h2').first().waitFor();
    figures.push(await analyze(page, `organizer: round tab ${tab}`));
  }
  await page.getByRole('link', { name: '赛事列表' }).click();
  await heading1(page, '赛事列表');
  figures.push(await analyze(page, 'organizer: competitions'));

  await page.goto('/stage');
  await heading1(page, '主持台');
  figures.push(await analyze(page, 'host console (/stage)'));
  await page.goto('/projector');
  await page.locator('main h1').waitFor();
  figures.push(await analyze(page, 'projector'));
  await page.goto('/results');
  await page.locator('main h1').waitFor();
  figures.push(await analyze(page, 'results'));
  await organizer.close();

  const tablet = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1024, height: 768 } });
  const judge = await tablet.newPage();
  await judge.goto('/judge');
  await judge.getByText('请输入您的 8 位评委码').waitFor();
  figures.push(await analyze(judge, 'judge: join'));
  await openJudgeSheet(judge, await judgeTabletRows());
  await judge
    .getByRole('group', { name: '分数键盘' })
    .getByRole('button', { name: '3', exact: true })
    .click();
  figures.push(await analyze(judge, 'judge: score sheet'));
  await tablet.close();
  return figures;
}
