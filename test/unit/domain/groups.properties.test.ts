// @vitest-environment node
/** Properties of the engine with rater groups, for every valid grouped round, not just the examples. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings, computeStandingsHolding, type Standings } from '../../../src/domain/engine.ts';
import { judgeMarksCriterion } from '../../../src/domain/groups.ts';
import { computeLiveStandings } from '../../../src/domain/live-standings.ts';
import type { RoundInput } from '../../../src/domain/model.ts';
import { add, compare, ZERO } from '../../../src/domain/rational.ts';
import { arbitraryGroupedRound } from './arbitrary-grouped-round.ts';
import { arbitraryRound, shuffled } from './arbitrary-round.ts';
import { parseExact } from './round-builder.ts';

const keys = fc.array(fc.integer(), { minLength: 1, maxLength: 60 });

/** What the audience sees and the prizes: announced scores, ranks, awards, who is pending. */
const outcome = (standings: Standings) => ({
  ranked: standings.ranked.map((result) => ({
    id: result.id,
    rank: result.rank,
    score: result.announcedScore,
    exact: result.exactFinal,
    award: result.award,
    tied: result.tied,
    separatedBy: result.separatedBy,
    judges: result.countedJudges,
  })),
  pending: standings.pending.map((result) => ({ id: result.id, judges: result.countedJudges })),
  excluded: standings.excluded,
});

/** Whether some judge's group leaves a criterion of the sheet to other groups. */
const hasOutsideCriterion = (round: RoundInput) =>
  round.judges.some((judge) =>
    round.criteria.some((criterion) => !judgeMarksCriterion(round.settings, judge, criterion.id)),
  );

describe('engine properties with rater groups', () => {
  it('gives byte-identical standings whatever the order of marks, judges, criteria and groups', () => {
    fc.assert(
      fc.property(arbitraryGroupedRound, keys, (round, order) => {
        const groups = round.settings.groups ?? [];
        const permuted: RoundInput = {
          ...round,
          criteria: shuffled(round.criteria, order),
          judges: shuffled(round.judges, order.slice(1)),
          contestants: shuffled(round.contestants, order.slice(2)),
          marks: shuffled(round.marks, order.slice(3)),
          adjustments: shuffled(round.adjustments, order.slice(4)),
          settings: {
            ...round.settings,
            groups: shuffled(groups, order.slice(5)).map((group) => ({
              ...group,
              criteria: group.criteria && shuffled(group.criteria, order.slice(6)),
            })),
          },
        };
        expect(JSON.stringify(computeStandings(permuted))).toBe(JSON.stringify(computeStandings(round)));
      }),
      { numRuns: 300 },
    );
  });

  it("scores one group worth the sheet's points exactly as the same round without groups", () => {
    fc.assert(
      fc.property(arbitraryRound, fc.boolean(), fc.boolean(), (round, listCriteria, ownPanel) => {
        const points = round.criteria.reduce((sum, criterion) => sum + criterion.points, 0);
        const grouped: RoundInput = {
          ...round,
          judges: round.judges.map((judge) => ({ ...judge, group: 'all' })),
          settings: {
            ...round.settings,
            minJudges: null,
            groups: [
              {
                id: 'all',
                label: '全体评委',
                weight: points,
                criteria: listCriteria ? round.criteria.map((criterion) => criterion.id) : null,
                // The round's rule, named on the group or inherited from the round.
                panel: ownPanel ? round.settings.panel : null,
                minJudges: round.settings.minJudges,
              },
            ],
          },
        };
        expect(outcome(computeStandings(grouped))).toEqual(outcome(computeStandings(round)));
      }),
      { numRuns: 300 },
    );
  });

  /*
   * Preconditions that make this true: the raised mark already existed (so which judges count,
   * in every group, is unchanged) and stays within max; every panel rule is non-decreasing in each
   * value (mean and weighted with positive weights; a trimmed mean and a median are sums of order
   * statistics, each non-decreasing in every value, whatever the re-sorting); roundEachCriterion,
   * roundEachGroup and the floor at 0 are non-decreasing functions; and groups combine with
   * positive weights. So it holds per group at both levels, and for the final.
   */
  it("never lowers the contestant's exact final when one mark is raised", () => {
    fc.assert(
      fc.property(
        arbitraryGroupedRound.filter((round) => round.marks.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 40 }),
        (round, pick, raiseBy) => {
          const at = pick % round.marks.length;
          const mark = round.marks[at] as RoundInput['marks'][number];
          const criterion = round.criteria.find(
            (entry) => entry.id === mark.criterion,
          ) as RoundInput['criteria'][number];
          const raised = Math.min(criterion.max, mark.value + raiseBy * criterion.step);
          const marks = round.marks.map((entry, position) =>
            position === at ? { ...entry, value: raised } : entry,
          );
          const resultOf = (standings: Standings) =>
            [...standings.ranked, ...standings.pending].find((result) => result.id === mark.contestant);
          const before = resultOf(computeStandings(round));
          const after = resultOf(computeStandings({ ...round, marks }));
          expect(after?.countedJudges).toBe(before?.countedJudges);
          if (before?.exactFinal == null || after?.exactFinal == null) return;
          expect(compare(parseExact(after.exactFinal), parseExact(before.exactFinal))).toBeGreaterThanOrEqual(
            0,
          );
          // Per group too: no group's aggregate goes down.
          before.groups?.forEach((group, position) => {
            const later = after.groups?.[position];
            if (group.aggregate !== null && later?.aggregate != null)
              expect(
                compare(parseExact(later.aggregate), parseExact(group.aggregate)),
              ).toBeGreaterThanOrEqual(0);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('covers both levels, every panel kind, roundEachGroup on and off, recusals and pending groups', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbitraryGroupedRound, (round) => {
        const standings = computeStandings(round);
        const results = [...standings.ranked, ...standings.pending];
        seen.add(`level:${round.settings.level}`);
        seen.add(`roundEachGroup:${round.settings.roundEachGroup}`);
        for (const group of round.settings.groups ?? [])
          seen.add(`panel:${(group.panel ?? round.settings.panel).kind}`);
        if (results.some((result) => result.recusedJudges.length > 0)) seen.add('recusal');
        if (standings.pending.length > 0) seen.add('pending');
        if (standings.ranked.length > 0) seen.add('ranked');
        if ((round.settings.groups ?? []).length > 1) seen.add('several groups');
        // Each result's groups add up: the counted judges, and the contributions to the aggregate.
        for (const result of results) {
          const groups = result.groups ?? [];
          expect(groups.reduce((sum, group) => sum + group.countedJudges, 0)).toBe(result.countedJudges);
          if (result.aggregate === null) continue;
          const total = groups.reduce(
            (sum, group) => add(sum, parseExact(group.contribution as string)),
            ZERO,
          );
          expect(compare(total, parseExact(result.aggregate))).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(
      [
        'level:criterion',
        'level:total',
        'panel:mean',
        'panel:median',
        'panel:trimmed',
        'panel:weighted',
        'pending',
        'ranked',
        'recusal',
        'roundEachGroup:false',
        'roundEachGroup:true',
        'several groups',
      ].sort(),
    );
  });

  it("sets aside only the sheet with a mark outside the judge's group: everyone else scores as the strict engine says", () => {
    fc.assert(
      fc.property(
        arbitraryGroupedRound.filter(hasOutsideCriterion),
        fc.nat(),
        fc.nat(),
        (round, pickJudge, pickContestant) => {
          expect(JSON.stringify(computeLiveStandings(round))).toBe(
            JSON.stringify({ ...computeStandings(round), held: [], setAside: [] }),
          );
          // A mark on a criterion the judge's group does not mark, by a judge whose group has one.
          const strays = round.judges.flatMap((judge) =>
            round.criteria
              .filter((criterion) => !judgeMarksCriterion(round.settings, judge, criterion.id))
              .map((criterion) => ({ judge, outside: criterion })),
          );
          const picked = strays[pickJudge % Math.max(1, strays.length)];
          const contestant = round.contestants[pickContestant % round.contestants.length];
          if (!picked || !contestant) throw new Error('the filter keeps rounds with a stray mark to make');
          const { judge, outside } = picked;
          const stray = { judge: judge.id, contestant: contestant.id, criterion: outside.id, value: 0 };
          const live = computeLiveStandings({ ...round, marks: [...round.marks, stray] });
          expect(live.setAside.map((sheet) => [sheet.contestant, sheet.judge])).toEqual([
            [contestant.id, judge.id],
          ]);
          const withoutSheet = {
            ...round,
            marks: round.marks.filter((mark) => mark.judge !== judge.id || mark.contestant !== contestant.id),
          };
          const held = new Set(live.held.map((result) => result.id));
          expect(JSON.stringify(live.ranked)).toBe(
            JSON.stringify(computeStandingsHolding(withoutSheet, held).standings.ranked),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
