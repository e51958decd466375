/** fast-check generators of valid rounds: every setting, recusal, gaps, ties and adjustments. */
import fc from 'fast-check';
import type { AwardTier, RoundInput, RoundSettings, TieBreakStep } from '../../../src/domain/model.ts';

const sheetCriterion = fc.record({
  max: fc.constantFrom(1000, 1500, 2000, 4000, 10000),
  step: fc.constantFrom(10, 25, 50, 100),
  points: fc.option(fc.constantFrom(500, 800, 1200, 1600, 3000), { nil: null }),
});

export const arbitraryRound: fc.Arbitrary<RoundInput> = fc
  .record({
    criteria: fc.array(sheetCriterion, { minLength: 1, maxLength: 4 }),
    judgeCount: fc.integer({ min: 1, max: 7 }),
    contestantCount: fc.integer({ min: 1, max: 8 }),
    units: fc.array(fc.constantFrom<string | null>('东风村', '三工镇', null), {
      minLength: 15,
      maxLength: 15,
    }),
    weights: fc.array(fc.constantFrom(100, 150, 200), { minLength: 7, maxLength: 7 }),
    statuses: fc.array(
      fc.constantFrom('active', 'active', 'active', 'active', 'active', 'withdrawn', 'disqualified' as const),
      {
        minLength: 8,
        maxLength: 8,
      },
    ),
    draws: fc.array(fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }), {
      minLength: 8,
      maxLength: 8,
    }),
    // Few distinct mark levels so that ties are common.
    markSeeds: fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 40 }), {
      minLength: 7 * 8 * 4,
      maxLength: 7 * 8 * 4,
    }),
    // Contestants that repeat another's sheets, judges rotated: equal totals, so ties are common.
    copies: fc.array(fc.record({ from: fc.option(fc.nat(7), { nil: null, freq: 2 }), rotate: fc.nat(6) }), {
      minLength: 8,
      maxLength: 8,
    }),
    adjustments: fc.array(
      fc.record({ contestant: fc.integer({ min: 0, max: 7 }), points: fc.integer({ min: -1000, max: 500 }) }),
      { maxLength: 3 },
    ),
    panel: fc.oneof(
      fc.constant({ kind: 'mean' as const }),
      fc.integer({ min: 0, max: 3 }).map((k) => ({ kind: 'trimmed' as const, k })),
      fc.constant({ kind: 'median' as const }),
      fc.constant({ kind: 'weighted' as const }),
    ),
    level: fc.constantFrom('total' as const, 'criterion' as const),
    roundEachCriterion: fc.boolean(),
    decimals: fc.integer({ min: 0, max: 4 }),
    rounding: fc.constantFrom('half-up' as const, 'half-even' as const, 'down' as const),
    minJudges: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    tieBreak: fc.subarray(['exact', 'untrimmed', 'criterion:c0'] as TieBreakStep[]),
    awards: fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 3 }).map((count) => ({ count })),
        fc.integer({ min: 0, max: 10000 }).map((percent) => ({ percent })),
      ),
      { maxLength: 3 },
    ),
    restTier: fc.boolean(),
  })
  .map((draft) => {
    const criteria = draft.criteria.map((criterion, position) => ({
      id: `c${position}`,
      label: `评分项${position}`,
      max: criterion.max,
      step: criterion.step,
      points: criterion.points ?? criterion.max,
    }));
    const judges = Array.from({ length: draft.judgeCount }, (_, position) => ({
      id: `J${position}`,
      name: `评委${position}`,
      weight: draft.weights[position] ?? 100,
      unit: draft.units[position] ?? null,
    }));
    const contestants = Array.from({ length: draft.contestantCount }, (_, position) => ({
      id: `P${position}`,
      name: `选手${position}`,
      unit: draft.units[7 + position] ?? null,
      draw: draft.draws[position] ?? null,
      status: draft.statuses[position] ?? ('active' as const),
    }));
    const marks = contestants.flatMap((contestant, contestantAt) =>
      judges.flatMap((judge, judgeAt) =>
        criteria.flatMap((criterion, criterionAt) => {
          const copy = draft.copies[contestantAt];
          const source =
            copy?.from !== null && copy?.from !== undefined && copy.from < contestantAt ? copy : null;
          const seed = source
            ? draft.markSeeds[
                ((source.from as number) * 7 + ((judgeAt + source.rotate) % judges.length)) * 4 + criterionAt
              ]
            : draft.markSeeds[(contestantAt * 7 + judgeAt) * 4 + criterionAt];
          if (seed === null || seed === undefined) return [];
          const steps = criterion.max / criterion.step;
          const value = Math.round((steps * seed) / 4) * criterion.step;
          return [{ judge: judge.id, contestant: contestant.id, criterion: criterion.id, value }];
        }),
      ),
    );
    const adjustments = draft.adjustments
      .filter((adjustment) => adjustment.contestant < contestants.length)
      .map((adjustment) => ({
        contestant: `P${adjustment.contestant}`,
        label: '加扣分',
        points: adjustment.points,
      }));
    const awards: AwardTier[] = draft.awards.map((tier, position) => ({
      name: `${position + 1}等奖`,
      ...tier,
    }));
    if (draft.restTier) awards.push({ name: '优秀奖', rest: true });
    const settings: RoundSettings = {
      panel: draft.panel,
      level: draft.level,
      decimals: draft.decimals,
      rounding: draft.rounding,
      roundEachCriterion: draft.level === 'criterion' && draft.roundEachCriterion,
      minJudges: draft.minJudges,
      tieBreak: draft.tieBreak,
      awards,
    };
    return { criteria, judges, contestants, marks, adjustments, settings };
  });

/** A permutation of a list driven by fast-check (so failures shrink and replay). */
export const shuffled = <T>(list: readonly T[], keys: readonly number[]): T[] =>
  list
    .map((item, position) => ({ item, key: keys[position % Math.max(1, keys.length)] ?? 0, position }))
    .sort((a, b) => a.key - b.key || b.position - a.position)
    .map(({ item }) => item);
