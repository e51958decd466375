// The projector (大屏) at every projector size a hall uses (16:9, 16:10 and 4:3: PROJECTOR_SIZES)
// and in every state it shows the audience: waiting before the first call, the contestant on
// stage, the reveal with seven judges' cards (and 评委签名齐全 under the score), the leaderboard
// with 13 contestants, and the awards, provisional and final. Nothing may overflow or be cut, no short label may break, the
// text must be large enough for the back of the hall, and nothing the host has not revealed may
// show. Real Chromium on the built app; screenshots in test-results/projector-<state>-<size>.png.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LeitaiDB } from '../../src/db/database';
import {
  callContestant,
  createCompetition,
  createRound,
  enterMark,
  importRoster,
  revealContestant,
  setProjectorDisplay,
  submitSheet,
} from '../../src/db/repository';
import type { ContestantRecord, JudgeRecord } from '../../src/domain/records';
import { type Harness, startHarness, type Viewport } from './harness';
import { formatProblems, layoutProblems, PROJECTOR_SIZES, sizeName } from './layout-checks';
import { dumpTables, loadIntoPage, type TableRows } from './seed-browser-db';

const SHEET = [
  { id: 'content', label: '内容', max: 4000 },
  { id: 'presence', label: '形象风采', max: 1500 },
  { id: 'language', label: '语言表达', max: 2000 },
  { id: 'ppt', label: 'PPT制作', max: 1500 },
  { id: 'overall', label: '综合印象', max: 1000 },
];

// Long names and units as a real 擂台比武 has them (the unit cut at 4:3 in issue 12).
const CONTESTANTS = [
  ['沙哈提别克·吐尔逊', '三工镇下六工村党支部'],
  ['王建国', '榆树沟镇二畦村'],
  ['李秀英', '佃坝镇佃坝村'],
  ['阿依古丽·买买提', '滨湖镇下营盘村党总支'],
  ['张伟', '大西渠镇闽昌村'],
  ['刘洋', '六工镇十三户村'],
  ['陈静', '二六工镇头工村'],
  ['马俊', '阿什里哈萨克民族乡努尔加村'],
  ['杨帆', '庙尔沟乡庙尔沟村'],
  ['赵磊', '硫磺沟镇硫磺沟社区'],
  ['黄敏', '三工镇三工村'],
  ['周强', '榆树沟镇园艺场村'],
  ['吴芳', '北京南路街道福园社区'],
] as const;

/** Each contestant's marks, as a share of the max, distinct so that nobody ties. */
const percentOf = (contestant: number, judge: number) => 70 + ((contestant * 7 + judge * 3) % 29);

interface Seeded {
  roundId: string;
  /** The database after each step, as the projector's device would hold it. */
  states: Record<ProjectorState, TableRows>;
  /** What the engine would show for contestants 11..13 before they are revealed. */
  unrevealedNames: string[];
}

type ProjectorState = 'waiting' | 'contestant' | 'reveal' | 'leaderboard' | 'awardsProvisional' | 'awards';

async function seed(): Promise<Seeded> {
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange });
  const competition = await createCompetition(db, {
    name: '2026年昌吉市村党组织书记“擂台比武”',
    date: '2026-06-18',
  });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: '市级决赛',
    criteria: SHEET,
    timeLimitSeconds: 600,
    overtime: { everySeconds: 30, points: 50 },
    settings: {
      panel: { kind: 'trimmed', k: 1 },
      level: 'total',
      decimals: 2,
      rounding: 'half-up',
      roundEachCriterion: false,
      minJudges: null,
      tieBreak: [],
      awards: [
        { name: '一等奖', count: 1 },
        { name: '二等奖', count: 2 },
        { name: '三等奖', count: 3 },
        { name: '优秀奖', rest: true },
      ],
    },
  });
  const roster = await importRoster(db, round.id, {
    judges: Array.from({ length: 7 }, (_, at) => ({ name: `评委${at + 1}`, title: '评委' })),
    contestants: CONTESTANTS.map(([name, unit], at) => ({
      name,
      unit,
      topic: '党建引领乡村振兴',
      draw: at + 1,
    })),
  });
  const judges = roster.judges as JudgeRecord[];
  const contestants = roster.contestants as ContestantRecord[];
  const states = {} as Record<ProjectorState, TableRows>;
  const keep = async (state: ProjectorState) => {
    states[state] = await dumpTables(db);
  };

  await keep('waiting');
  await callContestant(db, {
    roundId: round.id,
    contestantId: (contestants[0] as ContestantRecord).id,
    introduce: true,
  });
  await keep('contestant');

  for (const [at, contestant] of contestants.entries()) {
    for (const [seat, judge] of judges.entries()) {
      for (const criterion of SHEET) {
        await enterMark(db, {
          roundId: round.id,
          judgeId: judge.id,
          contestantId: contestant.id,
          criterionId: criterion.id,
          value: Math.round((criterion.max * percentOf(at, seat)) / 100 / 10) * 10,
        });
      }
      await submitSheet(db, { roundId: round.id, judgeId: judge.id, contestantId: contestant.id });
    }
  }
  // As a host console that verified every judge's signature reveals: the projector's reveal
  // then carries 评委签名齐全 under the score, the line whose room this test checks.
  const reveal = (contestant: ContestantRecord) =>
    revealContestant(db, {
      roundId: round.id,
      contestantId: contestant.id,
      signedJudgeIds: judges.map((judge) => judge.id),
    });
  for (const contestant of contestants.slice(0, 6)) await reveal(contestant);
  await keep('reveal');
  for (const contestant of contestants.slice(6, 10)) await reveal(contestant);
  await setProjectorDisplay(db, round.id, { view: 'leaderboard', contestantId: null, theme: 'leitai' });
  await keep('leaderboard');
  await setProjectorDisplay(db, round.id, { view: 'awards', contestantId: null, theme: 'leitai' });
  await keep('awardsProvisional');
  for (const contestant of contestants.slice(10)) await reveal(contestant);
  await setProjectorDisplay(db, round.id, { view: 'awards', contestantId: null, theme: 'leitai' });
  await keep('awards');
  db.close();
  return { roundId: round.id, states, unrevealedNames: contestants.slice(10).map((c) => c.name) };
}

let h: Harness;
let seeded: Seeded;
const contexts: BrowserContext[] = [];
const pageErrors = new Map<Page, string[]>();

beforeAll(async () => {
  h = await startHarness();
  seeded = await seed();
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(() => h?.close());

/** The projector page on the seeded state, reduced motion (the reveal shown complete). */
async function openProjector(state: ProjectorState): Promise<Page> {
  const context = await h.browser.newContext({
    baseURL: h.baseUrl,
    viewport: PROJECTOR_SIZES[0] as Viewport,
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  // A projector opened on a round its device does not hold yet (sync still on its way) says so,
  // and shows the round once it arrives: it never crashes into a blank page.
  await page.goto(`/projector?round=${seeded.roundId}`);
  await page.getByText('请在主持台选择轮次').waitFor();
  await loadIntoPage(page, seeded.states[state]);
  await page.reload();
  return page;
}

/** The smallest text on the projector as a share of the screen's height. */
function smallestText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const texts = [...document.querySelectorAll<HTMLElement>('.projector *')].filter(
      (element) =>
        [...element.childNodes].some(
          (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
        ) &&
        element.getClientRects().length > 0 &&
        getComputedStyle(element).opacity !== '0' &&
        element.closest('[aria-hidden="true"]') === null,
    );
    return Math.min(
      ...texts.map((element) => parseFloat(getComputedStyle(element).fontSize) / window.innerHeight),
    );
  });
}

/**
 * Every size: the layout checks with the state's required elements, the smallest text, and a
 * screenshot. The problems of all sizes are reported together.
 */
async function checkEverySize(page: Page, state: string, required: Record<string, string>) {
  const found: string[] = [];
  for (const size of PROJECTOR_SIZES) {
    await page.setViewportSize(size);
    const first = Object.values(required)[0] as string;
    await page.locator(first).first().waitFor();
    const problems = await layoutProblems(page, { required });
    if (problems.length > 0) found.push(`${sizeName(size)}:\n${formatProblems(problems)}`);
    const smallest = await smallestText(page);
    if (smallest < 0.035)
      found.push(`${sizeName(size)}: smallest text is ${(smallest * 100).toFixed(1)}% of the height`);
    await h.screenshot(page, `projector-${state}-${sizeName(size)}`);
  }
  expect(found.join('\n\n')).toBe('');
  expect(pageErrors.get(page)).toEqual([]);
}

describe('the projector at 16:9, 16:10 and 4:3', () => {
  it('waits with the competition and the round before the first call, not a board of 评分中', async () => {
    const page = await openProjector('waiting');
    await checkEverySize(page, 'waiting', {
      waiting: '.pj-waiting__status',
      competition: '.pj-waiting__competition',
      round: '.pj-waiting__round',
    });
    expect(await page.locator('.pj-waiting__status').textContent()).toBe('比赛即将开始');
    expect(await page.locator('.pj-waiting__competition').textContent()).toBe(
      '2026年昌吉市村党组织书记“擂台比武”',
    );
    expect(await page.locator('.pj-row').count()).toBe(0);
  });

  it('shows the contestant on stage with a long name and unit whole', async () => {
    const page = await openProjector('contestant');
    await checkEverySize(page, 'contestant', {
      name: '.pj-contestant .pj-who__name',
      unit: '.pj-contestant .pj-who__unit',
      clock: '.pj-clock',
    });
  });

  it('shows the reveal with all seven judges’ cards on screen, the rank as provisional, and 评委签名齐全', async () => {
    const page = await openProjector('reveal');
    await checkEverySize(page, 'reveal', {
      final: '.pj-final__score',
      seventhJudge: '.pj-total:nth-child(7)',
      rank: '.pj-rank',
      signed: '.pj-final__signed',
    });
    expect(await page.locator('.pj-total').count()).toBe(7);
    expect(await page.locator('.pj-final__signed').textContent()).toBe('评委签名齐全');
    expect(await page.locator('.pj-rank').textContent()).toMatch(/^目前排名第 \d+ 名/);
  });

  it('shows the leaderboard of 13 with the unrevealed as 评分中, provisional', async () => {
    const page = await openProjector('leaderboard');
    await checkEverySize(page, 'leaderboard', {
      heading: '.pj-board__head .pj-title',
      provisional: '.pj-provisional',
      lastRow: '.pj-row:last-child',
    });
    // Ten revealed on the first page, then the three unrevealed as 评分中, without a score.
    const rows = async () =>
      page.locator('.pj-row').evaluateAll((items) =>
        items.map((row) => ({
          name: row.querySelector('.pj-row__name')?.textContent,
          score: row.querySelector('.pj-row__score')?.textContent,
        })),
      );
    const everyRow = [...(await rows())];
    await expect
      .poll(
        async () => {
          for (const row of await rows())
            if (!everyRow.some((seen) => seen.name === row.name)) everyRow.push(row);
          return everyRow.length;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(13);
    for (const name of seeded.unrevealedNames) {
      expect(everyRow.find((row) => row.name === name)?.score).toBe('评分中');
    }
    expect(everyRow.filter((row) => row.score !== '评分中')).toHaveLength(10);
  });

  it('shows provisional awards as 暂定, with how many are revealed', async () => {
    const page = await openProjector('awardsProvisional');
    await checkEverySize(page, 'awards-provisional', {
      provisional: '.pj-provisional',
      tier: '.pj-awards__tier',
      winner: '.pj-winner',
    });
    expect(await page.locator('.pj-provisional').textContent()).toContain('暂定');
    expect(await page.locator('.pj-provisional').textContent()).toContain('10/13');
  });

  it('shows the final awards without 暂定 once every contestant is revealed', async () => {
    const page = await openProjector('awards');
    await checkEverySize(page, 'awards', { tier: '.pj-awards__tier', winner: '.pj-winner' });
    expect(await page.locator('.pj-provisional').count()).toBe(0);
  });
});
