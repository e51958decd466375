// @vitest-environment node
/** Properties of the engine that must hold for every valid round, not just the examples. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../../src/domain/engine.ts';
import { describeIssue } from '../../../src/domain/issue-texts.ts';
import { RoundRejectedError } from '../../../src/domain/issues.ts';
import type { RoundInput } from '../../../src/domain/model.ts';
import { compare, type Rational } from '../../../src/domain/rational.ts';
import { arbitraryRound, shuffled } from './arbitrary-round.ts';
import { parseExact } from './round-builder.ts';

const keys = fc.array(fc.integer(), { minLength: 1, maxLength: 60 });

describe('engine properties', () => {
  it('gives byte-identical standings whatever the order of every input list', () => {
    fc.assert(
      fc.property(arbitraryRound, keys, (round, order) => {
        const permuted: RoundInput = {
          ...round,
          criteria: shuffled(round.criteria, order),
          judges: shuffled(round.judges, order.slice(1)),
          contestants: shuffled(round.contestants, order.slice(2)),
          marks: shuffled(round.marks, order.slice(3)),
          adjustments: shuffled(round.adjustments, order.slice(4)),
        };
        expect(JSON.stringify(computeStandings(permuted))).toBe(JSON.stringify(computeStandings(round)));
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the exact final when one mark is raised', () => {
    fc.assert(
      fc.property(arbitraryRound, fc.nat(), fc.integer({ min: 1, max: 40 }), (round, pick, raiseBy) => {
        if (round.marks.length === 0) return;
        const at = pick % round.marks.length;
        const mark = round.marks[at] as RoundInput['marks'][number];
        const criterion = round.criteria.find(
          (entry) => entry.id === mark.criterion,
        ) as RoundInput['criteria'][number];
        const raised = Math.min(criterion.max, mark.value + raiseBy * criterion.step);
        const marks = round.marks.map((entry, position) =>
          position === at ? { ...entry, value: raised } : entry,
        );
        const finalOf = (standings: ReturnType<typeof computeStandings>) =>
          [...standings.ranked, ...standings.pending].find((result) => result.id === mark.contestant)
            ?.exactFinal ?? null;
        const before = finalOf(computeStandings(round));
        const after = finalOf(computeStandings({ ...round, marks }));
        if (before !== null && after !== null)
          expect(compare(parseExact(after), parseExact(before))).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('puts a trimmed or median aggregate between the lowest and highest counted total', () => {
    const totalLevel = arbitraryRound.filter(
      (round) =>
        round.settings.level === 'total' &&
        (round.settings.panel.kind === 'trimmed' || round.settings.panel.kind === 'median'),
    );
    fc.assert(
      fc.property(totalLevel, (round) => {
        const standings = computeStandings(round);
        for (const result of [...standings.ranked, ...standings.pending]) {
          if (result.aggregate === null) continue;
          const totals = result.judgeTotals.map((entry) => parseExact(entry.total)).sort(compare);
          const aggregate = parseExact(result.aggregate);
          expect(compare(aggregate, totals[0] as Rational)).toBeGreaterThanOrEqual(0);
          expect(compare(aggregate, totals[totals.length - 1] as Rational)).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ranks never decrease down the list, ties share a rank, and equal keys tie', () => {
    fc.assert(
      fc.property(arbitraryRound, (round) => {
        const { ranked } = computeStandings(round);
        ranked.forEach((result, position) => {
          const previous = ranked[position - 1];
          if (!previous) {
            expect(result.rank).toBe(1);
            return;
          }
          expect(result.rank as number).toBeGreaterThanOrEqual(previous.rank as number);
          const sameKeys =
            previous.announcedScore === result.announcedScore &&
            previous.tieBreakKeys.every(
              (key, step) =>
                compare(parseExact(key.value), parseExact(result.tieBreakKeys[step]?.value ?? '')) === 0,
            );
          expect(result.rank === previous.rank).toBe(sameKeys);
          expect(result.rank).toBe(sameKeys ? previous.rank : position + 1);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never splits a tie with an award cut-off', () => {
    fc.assert(
      fc.property(arbitraryRound, (round) => {
        const awardByRank = new Map<number, string | null>();
        for (const result of computeStandings(round).ranked) {
          const seen = awardByRank.get(result.rank as number);
          if (seen !== undefined) expect(result.award).toBe(seen);
          awardByRank.set(result.rank as number, result.award);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('always refuses a mark above max, below 0 or off its step, and names it', () => {
    fc.assert(
      fc.property(
        arbitraryRound.filter((round) => round.marks.length > 0),
        fc.nat(),
        fc.constantFrom('above', 'below', 'offStep'),
        (round, pick, kind) => {
          const at = pick % round.marks.length;
          const mark = round.marks[at] as RoundInput['marks'][number];
          const criterion = round.criteria.find(
            (entry) => entry.id === mark.criterion,
          ) as RoundInput['criteria'][number];
          const value =
            kind === 'above'
              ? criterion.max + criterion.step
              : kind === 'below'
                ? -criterion.step
                : mark.value + 1;
          if (kind === 'offStep' && criterion.step === 1) return;
          const marks = round.marks.map((entry, position) => (position === at ? { ...entry, value } : entry));
          try {
            computeStandings({ ...round, marks });
          } catch (error) {
            expect(error).toBeInstanceOf(RoundRejectedError);
            const [found] = (error as RoundRejectedError).issues;
            expect(found?.path).toBe(`scores[${at}]`);
            expect(describeIssue(found as NonNullable<typeof found>)).toContain(mark.judge);
            return;
          }
          throw new Error(`mark ${value} for ${mark.criterion} was accepted`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
