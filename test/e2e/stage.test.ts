// The host console, the projector and the judges on one laptop: three pages of one browser
// context, sharing one IndexedDB (Dexie live queries across tabs). The round is the worked
// example seed-final: P2, P3 and P4 are scored and revealed already; the host calls P1, the six
// eligible judges enter P1's marks from the example on the judge page (J7 is of P1's unit: 回避),
// the host reveals, and the projector shows 88.75 with 94.50 and 83.00 struck through, then the
// updated ranking. Screenshots of every projector view at 1920x1080 and 1280x720:
// test-results/stage-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeitaiDB } from '../../src/db/database';
import {
  addAdjustment,
  createCompetition,
  createRound,
  enterMark,
  importRoster,
  revealContestant,
  setProjectorDisplay,
  submitSheet,
} from '../../src/db/repository';
import { parseHundredths } from '../../src/domain/decimal';
import type { JudgeRecord } from '../../src/domain/records';
import { type Harness, startHarness } from './harness';
import { dumpTables, loadIntoPage, type TableRows } from './seed-browser-db';

interface Example {
  criteria: { id: string; label: string; max: number }[];
  judges: { id: string; name: string; unit?: string }[];
  contestants: { id: string; name: string; unit: string; draw: number }[];
  scores: { judge: string; contestant: string; criterion: string; mark: number }[];
}

const example = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/scoring-examples/seed-final.input.json'), 'utf8'),
) as Example;
const hundredths = (value: number) => {
  const parsed = parseHundredths(value);
  if (!parsed.ok) throw new Error(`not a mark: ${value}`);
  return parsed.value;
};

interface Seed {
  rows: TableRows;
  roundId: string;
  judges: JudgeRecord[];
}

/** seed-final through the repository: P2, P3, P4 scored and revealed; P1 not yet scored. */
async function seedFinal(): Promise<Seed> {
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange });
  const competition = await createCompetition(db, {
    name: '2026年昌吉市村党组织书记“擂台比武”',
    date: '2026-06-18',
  });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: '市级决赛',
    criteria: example.criteria.map(({ id, label, max }) => ({ id, label, max: hundredths(max) })),
    timeLimitSeconds: 600,
    overtime: { everySeconds: 30, points: 50 },
    settings: {
      panel: { kind: 'trimmed', k: 1 },
      level: 'total',
      decimals: 2,
      rounding: 'half-up',
      roundEachCriterion: false,
      minJudges: null,
      tieBreak: ['exact', 'criterion:content'],
      awards: [
        { name: '一等奖', count: 1 },
        { name: '二等奖', count: 1 },
        { name: '三等奖', rest: true },
      ],
    },
  });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: example.judges.map((judge) => ({
      name: judge.name,
      title: '评委',
      ...(judge.unit ? { unit: judge.unit } : {}),
    })),
    contestants: example.contestants.map(({ name, unit, draw }) => ({
      name,
      unit,
      topic: '党建引领乡村振兴',
      draw,
    })),
  });
  const judgeOf = (id: string) => judges[example.judges.findIndex((judge) => judge.id === id)] as JudgeRecord;
  const contestantOf = (id: string) => contestants[example.contestants.findIndex((c) => c.id === id)];
  for (const id of ['P2', 'P3', 'P4']) {
    const contestant = contestantOf(id);
    if (!contestant) throw new Error(id);
    const scores = example.scores.filter((score) => score.contestant === id);
    for (const score of scores) {
      await enterMark(db, {
        roundId: round.id,
        judgeId: judgeOf(score.judge).id,
        contestantId: contestant.id,
        criterionId: score.criterion,
        value: hundredths(score.mark),
      });
    }
    for (const judgeId of new Set(scores.map((score) => score.judge))) {
      await submitSheet(db, { roundId: round.id, judgeId: judgeOf(judgeId).id, contestantId: contestant.id });
    }
    if (id === 'P2') {
      await addAdjustment(db, {
        roundId: round.id,
        contestantId: contestant.id,
        label: '超时扣分',
        points: -50,
        reason: '超时 30秒',
      });
    }
    await revealContestant(db, { roundId: round.id, contestantId: contestant.id });
  }
  await setProjectorDisplay(db, round.id, { view: 'leaderboard', contestantId: null, theme: 'leitai' });
  const rows = await dumpTables(db);
  db.close();
  // The laptop is the organizer's device: its judge pages bind a judge without asking a venue
  // server for a judge token (there is none in this test).
  rows.syncState = [
    {
      key: 'session',
      session: {
        token: 'organizer-laptop',
        role: 'organizer',
        deviceId: 'organizer-laptop',
        judgeId: null,
        serverId: 'none',
      },
    },
  ];
  return { rows, roundId: round.id, judges };
}

let h: Harness;
let context: BrowserContext;
let seed: Seed;

beforeAll(async () => {
  h = await startHarness();
  seed = await seedFinal();
  context = await h.browser.newContext({
    baseURL: h.baseUrl,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
});

afterAll(async () => {
  await context?.close();
  await h?.close();
});

/**
 * Uncaught exceptions and console errors, but the sync client's attempts to reach a venue
 * server (/api/v1/…), which this test does not run.
 */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const venue = `${message.text()} ${message.location().url}`.includes('/api/v1/');
    if (message.type() === 'error' && !venue) errors.push(`console: ${message.text()}`);
  });
  return errors;
}

async function expectAxeClean(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`),
  ).toEqual([]);
}

/** The projector fits its screen: no scrollbar, nothing cut off, text at least 4% of the height. */
async function expectProjectorFits(page: Page, where: string) {
  const fit = await page.evaluate(() => {
    const height = window.innerHeight;
    const texts = [...document.querySelectorAll<HTMLElement>('.projector *')].filter(
      (element) =>
        element.childElementCount === 0 &&
        (element.textContent ?? '').trim() !== '' &&
        element.getClientRects().length > 0 &&
        getComputedStyle(element).opacity !== '0',
    );
    const sizes = texts.map((element) => parseFloat(getComputedStyle(element).fontSize) / height);
    const cut = texts
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.bottom > height + 1 || box.right > window.innerWidth + 1 || box.top < -1;
      })
      .map((element) => element.textContent);
    return {
      scroll: document.documentElement.scrollHeight - height,
      scrollX: document.documentElement.scrollWidth - window.innerWidth,
      smallest: Math.min(...sizes),
      count: texts.length,
      cut,
    };
  });
  expect(fit.count, where).toBeGreaterThan(0);
  expect(fit.scroll, `${where}: vertical scroll`).toBeLessThanOrEqual(0);
  expect(fit.scrollX, `${where}: horizontal scroll`).toBeLessThanOrEqual(0);
  expect(fit.cut, `${where}: cut off`).toEqual([]);
  expect(fit.smallest, `${where}: smallest text / screen height`).toBeGreaterThanOrEqual(0.04);
}

const key = (page: Page, name: string) =>
  page.getByRole('group', { name: '分数键盘' }).getByRole('button', { name, exact: true });

async function typeMark(page: Page, text: string) {
  for (const character of text) await key(page, character === '.' ? '小数点' : character).click();
  await key(page, '确定 下一项').click();
}

/** The judge page, switched to this judge by their code; it opens the called contestant. */
async function scoreAsJudge(page: Page, judge: JudgeRecord, exampleId: string) {
  await page.goto(`/judge?code=${judge.joinCode}`);
  await page.getByRole('button', { name: '是我，开始评分' }).click();
  await page.getByRole('heading', { level: 2, name: '1 号 沙哈提别克' }).waitFor();
  for (const criterion of example.criteria) {
    const score = example.scores.find(
      (candidate) =>
        candidate.judge === exampleId &&
        candidate.contestant === 'P1' &&
        candidate.criterion === criterion.id,
    );
    await typeMark(page, String(score?.mark));
  }
  await page.getByRole('button', { name: '提交评分表' }).click();
  await page
    .getByRole('dialog', { name: '确认提交：1 号 沙哈提别克' })
    .getByRole('button', { name: '确认提交' })
    .click();
  await page.getByText('已提交，评分表已锁定').waitFor();
}

async function showOnProjector(host: Page, view: string) {
  const button = host.getByRole('region', { name: '大屏' }).getByRole('button', { name: view, exact: true });
  await button.click();
  await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
}

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];

async function shootProjector(projector: Page, view: string, ready: () => Promise<unknown>) {
  for (const size of SIZES) {
    await projector.setViewportSize(size);
    await ready();
    await expectProjectorFits(projector, `${view} ${size.width}x${size.height}`);
    await h.screenshot(projector, `stage-${view}-${size.width}x${size.height}`);
  }
}

describe('host console, projector and judges on one laptop', () => {
  it('calls P1, the judges score it, the host reveals, and the projector shows the result and the ranking', async () => {
    const host = await context.newPage();
    const hostErrors = watchErrors(host);
    await host.goto('/stage');
    await host.getByRole('heading', { level: 1, name: '主持台' }).waitFor();
    await loadIntoPage(host, seed.rows);
    await host.goto(`/stage?round=${seed.roundId}`);
    await host.getByRole('button', { name: '叫下一位：1号 沙哈提别克' }).waitFor();

    const projector = await context.newPage();
    const projectorErrors = watchErrors(projector);
    await projector.setViewportSize(SIZES[0] as { width: number; height: number });
    await projector.goto(`/projector?round=${seed.roundId}`);
    // Before: three ranked, P1 评分中.
    const rows = projector.locator('.pj-row');
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.allTextContents()).toEqual([
      '1潘金永三工镇90.40一等奖',
      '2选手四大西渠镇90.00二等奖',
      '3哈德尔阿什里乡89.00三等奖',
      '—沙哈提别克庙尔沟乡评分中',
    ]);
    expect(await projector.locator('header.site-header').count()).toBe(0);
    await shootProjector(projector, 'leaderboard-before', () => rows.first().waitFor());

    // 叫号: the projector introduces P1; the clock runs on both screens.
    await host.getByRole('button', { name: '叫下一位：1号 沙哈提别克' }).click();
    await host
      .getByRole('dialog', { name: '叫号：1号 沙哈提别克' })
      .getByRole('button', { name: '确认叫号' })
      .click();
    await host.getByRole('heading', { level: 2, name: '1号 沙哈提别克' }).waitFor();
    await projector.locator('.pj-contestant .pj-who__name', { hasText: '沙哈提别克' }).waitFor();
    await host.getByRole('region', { name: '计时' }).getByRole('button', { name: '开始计时' }).click();
    await host.getByRole('region', { name: '计时' }).getByText('计时中').waitFor();
    await expect
      .poll(() => projector.locator('.pj-clock__digits').textContent(), { timeout: 5000 })
      .toMatch(/^9:5\d$/);
    await host.getByRole('region', { name: '计时' }).getByRole('button', { name: '暂停' }).click();
    await shootProjector(projector, 'contestant', () => projector.locator('.pj-clock__digits').waitFor());

    // The judges, one after another on the judge page of this laptop.
    const judgePage = await context.newPage();
    const judgeErrors = watchErrors(judgePage);
    await judgePage.setViewportSize({ width: 1280, height: 800 });
    const eligible = example.judges.filter((judge) => judge.unit !== '庙尔沟乡');
    for (const [at, judge] of eligible.entries()) {
      await scoreAsJudge(judgePage, seed.judges[example.judges.indexOf(judge)] as JudgeRecord, judge.id);
      await host.getByText(`已提交 ${at + 1} / 6`).waitFor();
    }
    // J7 is of P1's unit: the judge screen does not offer P1.
    const j7 = seed.judges[6] as JudgeRecord;
    await judgePage.goto(`/judge?code=${j7.joinCode}`);
    await judgePage.getByRole('button', { name: '是我，开始评分' }).click();
    await judgePage.getByText('与您同单位，按规定回避').waitFor();
    await h.screenshot(judgePage, 'stage-judge-recused');

    const panel = host.getByRole('region', { name: '评委评分进度' });
    await expect.poll(() => panel.getByText('回避').count()).toBe(1);
    await host.getByText('全部 6 位评委已提交，可以公布。').waitFor();
    await expectAxeClean(host, 'host before reveal');
    await h.screenshot(host, 'stage-host-before-reveal');

    // 公布.
    await host.getByRole('region', { name: '公布成绩' }).getByRole('button', { name: '公布成绩' }).click();
    await host
      .getByRole('dialog', { name: '公布 1号 沙哈提别克 的成绩？' })
      .getByRole('button', { name: '确认公布' })
      .click();
    await host
      .getByText('去掉一个最高分94.50分，去掉一个最低分83.00分，最后得分88.75分，目前排名第4名。')
      .waitFor();
    await h.screenshot(host, 'stage-host-readout');

    await projector.locator('[data-reveal-done="true"]').waitFor({ timeout: 15_000 });
    expect(await projector.locator('.pj-final__score').textContent()).toBe('88.75');
    expect(await projector.locator('.pj-total s').allTextContents()).toEqual(['83.00', '94.50']);
    expect(await projector.locator('.pj-total').count()).toBe(6);
    expect(await projector.locator('.pj-rank').textContent()).toBe('第 4 名');
    await shootProjector(projector, 'reveal', () => projector.locator('[data-reveal-done="true"]').waitFor());

    // The ranking, updated.
    await showOnProjector(host, '排行榜');
    await expect.poll(() => rows.nth(3).textContent()).toBe('4沙哈提别克庙尔沟乡88.75三等奖');
    await shootProjector(projector, 'leaderboard', () => rows.nth(3).waitFor());

    await showOnProjector(host, '获奖名单');
    await projector.locator('.pj-awards__tier').first().waitFor();
    expect(await projector.locator('.pj-awards__tier').allTextContents()).toEqual(['一等奖', '二等奖']);
    await shootProjector(projector, 'awards', () => projector.locator('.pj-winner').first().waitFor());

    // The plain high-contrast theme.
    await showOnProjector(host, '排行榜');
    await host.getByRole('button', { name: '高对比' }).click();
    await projector.locator('.projector--contrast .pj-row').first().waitFor();
    await shootProjector(projector, 'leaderboard-contrast', () => rows.first().waitFor());
    await showOnProjector(host, '成绩揭晓');
    await projector.locator('.projector--contrast [data-reveal-done="true"]').waitFor({ timeout: 15_000 });
    await shootProjector(projector, 'reveal-contrast', () =>
      projector.locator('[data-reveal-done="true"]').waitFor(),
    );

    await expectAxeClean(projector, 'projector');
    await expectAxeClean(host, 'host after reveal');
    expect(hostErrors).toEqual([]);
    expect(projectorErrors).toEqual([]);
    expect(judgeErrors).toEqual([]);
  });
});
