/**
 * fast-check generators of valid rounds with rater groups: one to three groups over the sheet
 * (a criterion may be marked by several), every panel rule per group or the round's, both levels,
 * roundEachCriterion and roundEachGroup, group minimums, recusal, gaps and adjustments.
 */
import fc from 'fast-check';
import type { PanelRule, RaterGroup, RoundInput } from '../../../src/domain/model.ts';
import { arbitraryRound } from './arbitrary-round.ts';

const arbitraryPanel: fc.Arbitrary<PanelRule> = fc.oneof(
  fc.constant({ kind: 'mean' as const }),
  fc.integer({ min: 0, max: 3 }).map((k) => ({ kind: 'trimmed' as const, k })),
  fc.constant({ kind: 'median' as const }),
  fc.constant({ kind: 'weighted' as const }),
);

const perGroup = <T>(arbitrary: fc.Arbitrary<T>) => fc.array(arbitrary, { minLength: 3, maxLength: 3 });

export const arbitraryGroupedRound: fc.Arbitrary<RoundInput> = fc
  .record({
    round: arbitraryRound,
    groupCount: fc.integer({ min: 1, max: 3 }),
    /** Per criterion: the group that surely marks it, and whether every group does. */
    owners: fc.array(fc.nat(2), { minLength: 4, maxLength: 4 }),
    shared: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    /** Per judge: its group (the first judges seed each group, so that no group is empty). */
    judgeGroups: fc.array(fc.nat(2), { minLength: 7, maxLength: 7 }),
    weights: perGroup(fc.integer({ min: 1, max: 10_000 })),
    everyCriterion: perGroup(fc.boolean()),
    panels: perGroup(fc.option(arbitraryPanel, { nil: null })),
    minJudges: perGroup(fc.option(fc.integer({ min: 1, max: 3 }), { nil: null })),
    roundEachGroup: fc.boolean(),
  })
  .map((draft) => {
    const { round, groupCount } = draft;
    const groupOfCriterion = (at: number) => (draft.owners[at] ?? 0) % groupCount;
    const groups: RaterGroup[] = Array.from({ length: groupCount }, (_, at) => {
      const listed = round.criteria
        .filter((_, criterionAt) => groupOfCriterion(criterionAt) === at || draft.shared[criterionAt])
        .map((criterion) => criterion.id);
      return {
        id: `g${at}`,
        label: `评委组${at}`,
        weight: draft.weights[at] ?? 100,
        criteria: draft.everyCriterion[at] || listed.length === 0 ? null : listed,
        panel: draft.panels[at] ?? null,
        minJudges: draft.minJudges[at] ?? null,
      };
    });
    const judges = round.judges.map((judge, at) => ({
      ...judge,
      group: `g${at < groupCount ? at : (draft.judgeGroups[at] ?? 0) % groupCount}`,
    }));
    const marksOf = new Map(
      groups.map((group) => [group.id, group.criteria === null ? null : new Set(group.criteria)]),
    );
    const groupOfJudge = new Map(judges.map((judge) => [judge.id, judge.group]));
    // A judge marks only its group's criteria.
    const marks = round.marks.filter((mark) => {
      const marked = marksOf.get(groupOfJudge.get(mark.judge) as string);
      return marked === null || marked?.has(mark.criterion);
    });
    return {
      ...round,
      judges,
      marks,
      settings: { ...round.settings, minJudges: null, groups, roundEachGroup: draft.roundEachGroup },
    };
  });
