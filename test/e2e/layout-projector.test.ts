// The projector (大屏) at every projector size a hall uses (16:9, 16:10 and 4:3: PROJECTOR_SIZES)
// and in every state it shows the audience: waiting before the first call, the contestant on
// stage, the reveal with seven judges' cards (and 评委签名齐全 under the score), the leaderboard
// with 13 contestants, and the awards, provisional and final. Nothing may overflow or be cut, no short label may break, the
// text must be large enough for the back of the hall, and nothing the host has not revealed may
// show. Real Chromium on the built app; screenshots in test-results/projector-<state>-<size>.png.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { SECRETARY_SHEET } from '../unit/db/secretary-sheet';
import { type Harness, startHarness } from './harness';
import { CONTESTANTS, percentOf, projectorPages } from './projector-layout';
import { dumpTables, type TableRows } from './seed-browser-db';

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
    criteria: SECRETARY_SHEET,
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
      for (const criterion of SECRETARY_SHEET) {
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
const projector = projectorPages(() => h);

beforeAll(async () => {
  h = await startHarness();
  seeded = await seed();
});

afterAll(() => h?.close());

const openProjector = (state: ProjectorState) => projector.open(seeded.roundId, seeded.states[state]);
const { checkEverySize } = projector;

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
