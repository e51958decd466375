/**
 * 回避 is decided in one place (src/domain/recusal.ts) and every place that acts on it agrees:
 * the engine (whose marks count), the host's reveal checks (whose sheet is awaited), the judge's
 * sheet (whom the judge may score), the repository (which marks it writes) and the demo (which
 * marks it makes). Every pair of a pool of units is tried under both rules, an empty unit, a
 * blank one and a 回避名单 included, as the stored records hold them.
 */
import { describe, expect, it } from 'vitest';
import { contestantState } from '../../../src/app/judge/sheet-view';
import type { LeitaiDB } from '../../../src/db/database';
import { putEntities, roundScope } from '../../../src/db/entities';
import { writeTransaction } from '../../../src/db/log';
import {
  createCompetition,
  createRound,
  enterMark,
  importRoster,
  isScorable,
  loadRoundInput,
} from '../../../src/db/repository';
import { computeStandings } from '../../../src/domain/engine';
import type { RecusalRule } from '../../../src/domain/model';
import { DEFAULT_SETTINGS } from '../../../src/domain/model';
import type { ContestantRecord, JudgeRecord } from '../../../src/domain/records';
import { isRecusedFrom, recusalsOf } from '../../../src/domain/recusal';
import { panelProgress } from '../../../src/domain/reveal-checks';
import { loadDemo } from '../results/demo';
import { freshDb } from './helpers';

/** Units as stored, normalised or not: equal, nested, blank and empty ones. */
const UNITS: (string | null)[] = ['三工镇', ' 三工镇 ', '三工镇下六工村', '榆树沟镇', '', '   ', null];

/**
 * One judge and one contestant per unit of the pool, written as stored records (an empty or
 * blank unit as another device or an older version may hold it); the last judge has no unit of
 * their own but a 回避名单 of one unit and one contestant.
 */
async function seedPool(db: LeitaiDB, recusal: RecusalRule) {
  const competition = await createCompetition(db, { name: '回避一致性' });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: recusal,
    criteria: [{ id: 'content', label: '内容', max: 1000 }],
    settings: { ...DEFAULT_SETTINGS, recusal },
  });
  const imported = await importRoster(db, round.id, {
    judges: [...UNITS, null].map((_, at) => ({ name: `评委${at + 1}` })),
    contestants: UNITS.map((_, at) => ({ name: `选手${at + 1}`, topic: '题目' })),
  });
  const contestants: ContestantRecord[] = imported.contestants.map((contestant, at) => ({
    ...contestant,
    unit: UNITS[at] ?? null,
  }));
  const judges: JudgeRecord[] = imported.judges.map((judge, at) =>
    at < UNITS.length
      ? { ...judge, unit: UNITS[at] ?? null }
      : {
          ...judge,
          unit: null,
          recuse: { units: ['榆树沟镇'], contestantIds: [contestants[4]?.id as string] },
        },
  );
  await writeTransaction(db, async () => {
    await putEntities(db, 'contestants', contestants, roundScope(round));
    await putEntities(db, 'judges', judges, { competitionId: competition.id, roundId: null });
  });
  return { round, judges, contestants };
}

describe('回避: every place agrees with the one rule', () => {
  for (const recusal of ['equal', 'contains'] as const) {
    it(`under “${recusal}”: the engine, the reveal checks, the judge’s sheet and the repository`, async () => {
      const db = freshDb();
      const { round, judges, contestants } = await seedPool(db, recusal);
      const stored = round.settings.recusal;
      expect(stored).toBe(recusal);
      let recusedPairs = 0;
      for (const judge of judges) {
        for (const contestant of contestants) {
          const recused = isRecusedFrom(judge, contestant, recusal);
          if (recused) recusedPairs++;
          const pair = `${judge.name}（${String(judge.unit)}）× ${contestant.name}（${String(contestant.unit)}）`;
          expect(isScorable(judge, contestant, recusal), pair).toBe(!recused);
          expect(contestantState(judge, contestant, undefined, false, recusal) === 'recused', pair).toBe(
            recused,
          );
          const [progress] = panelProgress([judge], contestant, round.criteria, [], [], recusal);
          expect(progress?.status === 'recused', pair).toBe(recused);
          const written = enterMark(db, {
            roundId: round.id,
            judgeId: judge.id,
            contestantId: contestant.id,
            criterionId: 'content',
            value: 800,
          }).then(
            () => 'written',
            (error: { code?: string }) => error.code,
          );
          expect(await written, pair).toBe(recused ? 'judge-recused' : 'written');
        }
      }
      // The pool holds both answers, so agreement is not agreement on "never".
      expect(recusedPairs).toBeGreaterThan(0);
      expect(recusedPairs).toBeLessThan(judges.length * contestants.length);

      const standings = computeStandings(await loadRoundInput(db, round.id));
      for (const contestant of contestants) {
        const scored = [...standings.ranked, ...standings.pending].find((row) => row.id === contestant.id);
        const expected = judges
          .filter((judge) => isRecusedFrom(judge, contestant, recusal))
          .map((judge) => judge.id);
        expect(scored?.recusedJudges, contestant.name).toEqual([...expected].sort());
      }
    });
  }

  it('the demo marks exactly the pairs the rule lets score', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await loadDemo(db);
    expect(recusalsOf(judges, contestants, round.settings.recusal).length).toBeGreaterThan(0);
    const marks = await db.marks.where('roundId').equals(round.id).toArray();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) {
      const judge = judges.find((candidate) => candidate.id === mark.judgeId) as JudgeRecord;
      const contestant = contestants.find(
        (candidate) => candidate.id === mark.contestantId,
      ) as ContestantRecord;
      expect(isRecusedFrom(judge, contestant, round.settings.recusal)).toBe(false);
    }
  });
});
