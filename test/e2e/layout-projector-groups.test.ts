// The projector (大屏) of a round with rater groups at 16:9, 16:10 and 4:3 (PROJECTOR_SIZES):
// the reveal with each group's card (专家评委 × 70%, 大众评审 · 支持率 × 30%), and the
// leaderboard with a column per group under their headings, with the long names and units of a
// real 擂台比武. Nothing may overflow or be cut, and the text must be large enough for the back
// of the hall. Real Chromium on the built app; screenshots in
// test-results/projector-groups-<state>-<size>.png.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeitaiDB } from '../../src/db/database';
import { competitionScope, putEntities, putEntity, roundScope } from '../../src/db/entities';
import { writeTransaction } from '../../src/db/log';
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
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../src/domain/records';
import { SECRETARY_SHEET } from '../unit/db/secretary-sheet';
import { type Harness, startHarness, type Viewport } from './harness';
import { formatProblems, HOST_SIZES, layoutProblems, sizeName } from './layout-checks';
import { CONTESTANTS as HALL, percentOf, projectorPages } from './projector-layout';
import { dumpTables, loadIntoPage, type TableRows } from './seed-browser-db';

/** Seven: one page of the leaderboard with groups, with the longest unit (马俊's). */
const CONTESTANTS = [...HALL.slice(0, 6), HALL[7]];

const EXPERTS = 5;
const PHONES = 8;

type State = 'reveal' | 'leaderboard';

async function seed(): Promise<{ roundId: string; states: Record<State, TableRows> }> {
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange });
  const competition = await createCompetition(db, {
    name: '2026年昌吉市村党组织书记“擂台比武”',
    date: '2026-06-18',
  });
  const created = await createRound(db, {
    competitionId: competition.id,
    name: '市级决赛',
    criteria: [...SECRETARY_SHEET, { id: 'support', label: '支持', max: 100, points: 100, step: 100 }],
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
        { name: '优秀奖', rest: true },
      ],
      groups: [
        {
          id: 'experts',
          label: '专家评委',
          weight: 7000,
          criteria: SECRETARY_SHEET.map((criterion) => criterion.id),
          panel: null,
          minJudges: null,
        },
        {
          id: 'audience',
          label: '大众评审',
          weight: 3000,
          criteria: ['support'],
          panel: { kind: 'mean' },
          minJudges: 1,
        },
      ],
    },
  });
  const round: RoundRecord = {
    ...created,
    audience: { groupId: 'audience', criterionId: 'support', mode: 'support', windowSeconds: 30 },
  };
  await writeTransaction(db, () => putEntity(db, 'rounds', round, roundScope(round)));
  const roster = await importRoster(db, round.id, {
    judges: [
      ...Array.from({ length: EXPERTS }, (_, at) => ({ name: `评委${at + 1}` })),
      // The audience's phones, as judges of the audience's group.
      ...Array.from({ length: PHONES }, (_, at) => ({ name: `观众${at + 1}` })),
    ],
    contestants: CONTESTANTS.map(([name, unit], at) => ({ name, unit, draw: at + 1 })),
  });
  const judges = (roster.judges as JudgeRecord[]).map((judge, at) => ({
    ...judge,
    group: at < EXPERTS ? 'experts' : 'audience',
  }));
  await writeTransaction(db, () => putEntities(db, 'judges', judges, competitionScope(competition.id)));
  const contestants = roster.contestants as ContestantRecord[];
  for (const [at, contestant] of contestants.entries()) {
    for (const [seat, judge] of judges.entries()) {
      const marks =
        seat < EXPERTS
          ? SECRETARY_SHEET.map((criterion) => ({
              criterionId: criterion.id,
              value: Math.round((criterion.max * percentOf(at, seat)) / 100 / 10) * 10,
            }))
          : [{ criterionId: 'support', value: (seat + at) % 3 === 0 ? 0 : 100 }];
      for (const mark of marks) {
        await enterMark(db, { roundId: round.id, judgeId: judge.id, contestantId: contestant.id, ...mark });
      }
      await submitSheet(db, { roundId: round.id, judgeId: judge.id, contestantId: contestant.id });
    }
  }
  // All on one page (seven rows with groups), the longest unit revealed; 张伟 still 评分中.
  for (const contestant of contestants.filter((_, at) => at !== 4)) {
    // As a console that verified every sheet's signature: 评委签名齐全 under the final score.
    await revealContestant(db, {
      roundId: round.id,
      contestantId: contestant.id,
      signedJudgeIds: judges.map((judge) => judge.id),
    });
  }
  const states = {} as Record<State, TableRows>;
  await callContestant(db, { roundId: round.id, contestantId: (contestants[0] as ContestantRecord).id });
  await setProjectorDisplay(db, round.id, {
    view: 'reveal',
    contestantId: (contestants[0] as ContestantRecord).id,
    theme: 'leitai',
  });
  states.reveal = await dumpTables(db);
  await setProjectorDisplay(db, round.id, { view: 'leaderboard', contestantId: null, theme: 'leitai' });
  states.leaderboard = await dumpTables(db);
  db.close();
  return { roundId: round.id, states };
}

let h: Harness;
let seeded: Awaited<ReturnType<typeof seed>>;
const projector = projectorPages(() => h);

beforeAll(async () => {
  h = await startHarness();
  seeded = await seed();
});

afterAll(() => h?.close());

const openProjector = (state: State) => projector.open(seeded.roundId, seeded.states[state]);
const checkEverySize = (page: Page, state: string, required: Record<string, string>) =>
  projector.checkEverySize(page, `groups-${state}`, required);

describe('the projector of a round with rater groups at 16:9, 16:10 and 4:3', () => {
  it('reveals each group’s card, its score and its share, then the final score', async () => {
    const page = await openProjector('reveal');
    await checkEverySize(page, 'reveal', {
      experts: '.pj-group[data-group="experts"]',
      audience: '.pj-group[data-group="audience"]',
      final: '.pj-final__score',
      rank: '.pj-rank',
      signed: '.pj-final__signed',
    });
    const cards = await page
      .locator('.pj-group')
      .evaluateAll((items) => items.map((item) => [...item.children].map((part) => part.textContent)));
    expect(cards.map((card) => [card[0], card[2]])).toEqual([
      ['专家评委', '× 70%'],
      ['大众评审 · 支持率', '× 30%'],
    ]);
    expect(cards[1]?.[1]).toMatch(/^\d+(\.\d)?%$/);
    expect(await page.locator('.pj-total').count()).toBe(0);
  });

  it('shows a column per group beside the final score on the leaderboard', async () => {
    const page = await openProjector('leaderboard');
    await checkEverySize(page, 'leaderboard', {
      heading: '.pj-board__head .pj-title',
      columns: '.pj-board__columns',
      lastRow: '.pj-row:last-child',
      longUnit: '.pj-row__unit',
    });
    const headings = await page
      .locator('.pj-board__columns')
      .evaluate((row) => [...row.children].map((cell) => cell.textContent));
    expect(headings).toEqual(['', '', '专家评委', '大众评审', '最后得分', '']);
    const first = await page
      .locator('.pj-row')
      .first()
      .evaluate((row) => [...row.querySelectorAll('.pj-row__group')].map((cell) => cell.textContent));
    expect(first[0]).toMatch(/^\d+\.\d\d$/);
    expect(first[1]).toMatch(/^\d+(\.\d)?%$/);
    expect(await page.locator('.pj-row').count()).toBe(CONTESTANTS.length);
    expect(await page.locator('.pj-board__page').count()).toBe(0);
  });
});

describe('the host console of a round with rater groups', () => {
  it('shows each group’s progress, the sentence naming each group and each group’s part', async () => {
    const size = HOST_SIZES[0] as Viewport;
    const page = await h.newPage(size);
    await page.goto('/stage');
    await page.getByRole('heading', { level: 1, name: '主持台' }).waitFor();
    await loadIntoPage(page, seeded.states.reveal);
    await page.goto(`/stage?round=${seeded.roundId}`);
    await page.locator('.host-groups__part').first().waitFor();
    await page.locator('.host-panel__group').first().waitFor();
    const problems = await layoutProblems(page, {
      required: {
        groups: '.host-panel__groups',
        sentence: '.host-readout__sentence',
        parts: '.host-groups',
      },
      scrollers: ['.host-queue__list'],
    });
    await h.screenshot(page, `layout-host-groups-${sizeName(size)}`);
    expect(problems, formatProblems(problems)).toEqual([]);
    expect(await page.locator('.host-panel__group').allTextContents()).toEqual([
      '专家评委 5/5',
      '大众评审 已投 8',
    ]);
    expect(await page.locator('.host-readout__sentence').textContent()).toMatch(
      /^专家评委去掉一个最高分[\d.]+分，去掉一个最低分[\d.]+分，平均分[\d.]+分，大众评审支持率[\d.]+%，最后得分[\d.]+分，目前排名第\d名。评委签名齐全。$/,
    );
    expect(h.errors(page)).toEqual([]);
  });
});
