// @vitest-environment node
/** The scoring rules' "Rater groups 评委分组" on rounds small enough to check by hand. */
import { describe, expect, it } from 'vitest';
import { computeStandings, computeStandingsHolding } from '../../../src/domain/engine.ts';
import type { RoundSettings } from '../../../src/domain/model.ts';
import { buildRound, group, type SimpleRound } from './round-builder.ts';

const resultOf = (standings: ReturnType<typeof computeStandings>, id: string) =>
  [...standings.ranked, ...standings.pending].find((result) => result.id === id);

const groupOf = (standings: ReturnType<typeof computeStandings>, contestant: string, id: string) =>
  resultOf(standings, contestant)?.groups?.find((entry) => entry.id === id);

/** 专家 70 on one 100-point criterion (trimmed k = 1), 大众 30 on a 0/1 vote (mean, 3 voters needed). */
function expertsAndPublic(
  marks: SimpleRound['marks'],
  settings: Partial<RoundSettings> = {},
  extra: Partial<SimpleRound> = {},
) {
  return buildRound({
    criteria: [
      { id: 'c1', max: 100, step: '0.5' },
      { id: 'vote', max: 1, step: 1 },
    ],
    judges: [
      ...['E1', 'E2', 'E3', 'E4'].map((id) => ({ id, group: 'expert' })),
      ...['A1', 'A2', 'A3', 'A4'].map((id) => ({ id, group: 'public' })),
    ],
    contestants: ['P1', 'P2', 'P3'],
    marks,
    settings: {
      panel: { kind: 'trimmed', k: 1 },
      minJudges: null,
      groups: [group('expert', 70, ['c1']), group('public', 30, ['vote'], { kind: 'mean' }, 3)],
      tieBreak: ['exact'],
      ...settings,
    },
    ...extra,
  });
}

const experts = (P1: number, P2: number, P3: number) => ({ P1: [P1, null], P2: [P2, null], P3: [P3, null] });
const voter = (P1: number | null, P2: number | null, P3: number | null) => ({
  P1: [null, P1],
  P2: [null, P2],
  P3: [null, P3],
});
const marks = {
  E1: experts(80, 80, 80),
  E2: experts(90, 80, 81),
  E3: experts(85, 80, 82),
  E4: experts(70, 80, 83),
  A1: voter(1, 1, null),
  A2: voter(1, 1, null),
  A3: voter(1, 0, null),
  A4: voter(0, null, null),
};

describe('rater groups', () => {
  it('combines the groups by weight: A = sum of weight_g x A_g / P_g', () => {
    const standings = computeStandings(expertsAndPublic(marks));
    // 70 x 82.5 / 100 + 30 x 0.75 / 1 = 57.75 + 22.5
    expect(resultOf(standings, 'P1')).toMatchObject({
      aggregate: '80.25',
      exactFinal: '80.25',
      announcedScore: '80.25',
      countedJudges: 8,
      eligibleJudges: 8,
      requiredJudges: 7,
      pending: false,
    });
    expect(groupOf(standings, 'P1', 'expert')).toMatchObject({
      weight: '70',
      points: '100',
      countedJudges: 4,
      requiredJudges: 4,
      aggregate: '82.5',
      announced: '82.50',
      contribution: '57.75',
      contributionShown: '57.75',
      trimReduced: false,
      effectiveK: 1,
    });
    expect(
      groupOf(standings, 'P1', 'expert')?.judgeTotals.map((total) => [total.judge, total.dropped]),
    ).toEqual([
      ['E1', null],
      ['E2', 'high'],
      ['E3', null],
      ['E4', 'low'],
    ]);
    expect(groupOf(standings, 'P1', 'public')).toMatchObject({
      points: '1',
      countedJudges: 4,
      requiredJudges: 3,
      aggregate: '0.75',
      announced: '0.75',
      contribution: '22.5',
    });
    // The contestant's own lists span every group.
    expect(resultOf(standings, 'P1')?.judgeTotals.map((total) => total.judge)).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'E1',
      'E2',
      'E3',
      'E4',
    ]);
    expect(resultOf(standings, 'P1')?.criteria.map((entry) => [entry.criterion, entry.aggregate])).toEqual([
      ['c1', '57.75'],
      ['vote', '22.5'],
    ]);
  });

  it('rounds each group first with roundEachGroup, and only then', () => {
    // P2: experts 80; public 2 of 3 in favour: 56 + 30 x 2/3 = 76, or 56 + 30 x 0.67 = 76.1.
    const exact = computeStandings(expertsAndPublic(marks));
    expect(resultOf(exact, 'P2')).toMatchObject({ exactFinal: '76', announcedScore: '76.00' });
    expect(groupOf(exact, 'P2', 'public')).toMatchObject({
      aggregate: '2/3',
      announced: '0.67',
      contribution: '20',
    });
    const rounded = computeStandings(expertsAndPublic(marks, { roundEachGroup: true }));
    expect(resultOf(rounded, 'P2')).toMatchObject({ exactFinal: '76.1', announcedScore: '76.10' });
    expect(groupOf(rounded, 'P2', 'public')).toMatchObject({
      aggregate: '0.67',
      announced: '0.67',
      contribution: '20.1',
    });
  });

  it('is complete only when every group has its minimum and at least one counted judge', () => {
    const standings = computeStandings(expertsAndPublic(marks));
    // P3: every expert counted, no vote yet: pending, with no aggregate.
    expect(resultOf(standings, 'P3')).toMatchObject({ pending: true, countedJudges: 4, aggregate: null });
    expect(groupOf(standings, 'P3', 'public')).toMatchObject({
      countedJudges: 0,
      aggregate: null,
      contribution: null,
    });
    expect(groupOf(standings, 'P3', 'expert')).toMatchObject({ countedJudges: 4, announced: '81.50' });
    // A group's default minimum is every eligible judge of that group.
    const everyVoter = computeStandings(
      expertsAndPublic(marks, {
        groups: [group('expert', 70, ['c1']), group('public', 30, ['vote'], { kind: 'mean' })],
      }),
    );
    expect(resultOf(everyVoter, 'P1')?.pending).toBe(false);
    expect(resultOf(everyVoter, 'P2')).toMatchObject({ pending: true, countedJudges: 7, requiredJudges: 8 });
  });

  it('recuses within the group and lowers its k when too few remain', () => {
    const standings = computeStandings(
      expertsAndPublic(
        { ...marks, E3: experts(85, 80, 82), E4: experts(70, 80, 83) },
        {},
        {
          judges: [
            { id: 'E1', group: 'expert', unit: '三工镇' },
            { id: 'E2', group: 'expert', unit: '三工镇' },
            ...['E3', 'E4'].map((id) => ({ id, group: 'expert' })),
            ...['A1', 'A2', 'A3', 'A4'].map((id) => ({ id, group: 'public' })),
          ],
          contestants: [{ id: 'P1', unit: '三工镇' }, 'P2', 'P3'],
        },
      ),
    );
    expect(groupOf(standings, 'P1', 'expert')).toMatchObject({
      recusedJudges: ['E1', 'E2'],
      eligibleJudges: 2,
      countedJudges: 2,
      aggregate: '77.5',
      trimReduced: true,
      effectiveK: 0,
    });
    expect(resultOf(standings, 'P1')).toMatchObject({
      recusedJudges: ['E1', 'E2'],
      trimReduced: true,
      effectiveK: 0,
      // 0.7 x 77.5 + 22.5
      exactFinal: '76.75',
    });
    expect(groupOf(standings, 'P2', 'expert')?.trimReduced).toBe(false);
    expect(resultOf(standings, 'P2')?.trimReduced).toBe(false);
  });

  it('at level criterion, trims each criterion of the group; a judge total sums only its group’s criteria', () => {
    const round = buildRound({
      criteria: [
        { id: 'c1', max: 60 },
        { id: 'c2', max: 40 },
        { id: 'vote', max: 1, step: 1 },
      ],
      judges: [
        ...['E1', 'E2', 'E3'].map((id) => ({ id, group: 'expert' })),
        ...['A1', 'A2', 'A3', 'A4'].map((id) => ({ id, group: 'public' })),
      ],
      contestants: ['P'],
      marks: {
        E1: { P: [50, 30, null] },
        E2: { P: [40, 38, null] },
        E3: { P: [55, 20, null] },
        A1: { P: [null, null, 1] },
        A2: { P: [null, null, 1] },
        A3: { P: [null, null, 1] },
        A4: { P: [null, null, 0] },
      },
      settings: {
        level: 'criterion',
        groups: [group('expert', 60, ['c1', 'c2']), group('public', 40, ['vote'], { kind: 'mean' })],
      },
    });
    const byCriterion = resultOf(computeStandings(round), 'P');
    // c1 trimmed to 50, c2 to 30: 0.6 x 80 + 40 x 0.75
    expect(byCriterion).toMatchObject({ aggregate: '78', announcedScore: '78.00' });
    expect(byCriterion?.criteria).toEqual([
      { criterion: 'c1', aggregate: '30', shown: '30.00', droppedLow: ['E2'], droppedHigh: ['E3'] },
      { criterion: 'c2', aggregate: '18', shown: '18.00', droppedLow: ['E3'], droppedHigh: ['E2'] },
      { criterion: 'vote', aggregate: '30', shown: '30.00', droppedLow: [], droppedHigh: [] },
    ]);
    expect(byCriterion?.groups?.[0]?.criteria.map((entry) => [entry.criterion, entry.aggregate])).toEqual([
      ['c1', '50'],
      ['c2', '30'],
    ]);
    expect(byCriterion?.groups?.[0]?.judgeTotals.map((total) => total.total)).toEqual(['80', '78', '75']);
    // Level total trims the totals 80, 78, 75 instead: 0.6 x 78 + 30
    const byTotal = resultOf(
      computeStandings({ ...round, settings: { ...round.settings, level: 'total' } }),
      'P',
    );
    expect(byTotal?.aggregate).toBe('76.8');
  });

  it('breaks ties with the groups: untrimmed means and criterion parts, weighted by group', () => {
    const round = buildRound({
      criteria: [
        { id: 'c1', max: 100 },
        { id: 'vote', max: 1, step: 1 },
      ],
      judges: [
        ...['E1', 'E2', 'E3'].map((id) => ({ id, group: 'expert' })),
        ...['A1', 'A2'].map((id) => ({ id, group: 'public' })),
      ],
      contestants: ['Q1', 'Q2'],
      marks: {
        E1: { Q1: [70, null], Q2: [60, null] },
        E2: { Q1: [80, null], Q2: [80, null] },
        E3: { Q1: [90, null], Q2: [95, null] },
        A1: { Q1: [null, 1], Q2: [null, 1] },
        A2: { Q1: [null, 0], Q2: [null, 0] },
      },
      settings: {
        groups: [group('expert', 80, ['c1']), group('public', 20, ['vote'], { kind: 'mean' })],
        tieBreak: ['criterion:c1', 'criterion:vote', 'untrimmed'],
      },
    });
    const standings = computeStandings(round);
    // Both 0.8 x 80 + 20 x 0.5 = 74; untrimmed 0.8 x 80 + 10 = 74 against 0.8 x 235/3 + 10 = 218/3.
    expect(standings.ranked.map((result) => [result.id, result.announcedScore, result.rank])).toEqual([
      ['Q1', '74.00', 1],
      ['Q2', '74.00', 2],
    ]);
    expect(resultOf(standings, 'Q2')?.separatedBy).toBe('untrimmed');
    expect(resultOf(standings, 'Q1')?.tieBreakKeys).toEqual([
      { step: 'criterion:c1', value: '64' },
      { step: 'criterion:vote', value: '10' },
      { step: 'untrimmed', value: '74' },
    ]);
    expect(resultOf(standings, 'Q2')?.tieBreakKeys.at(2)).toEqual({ step: 'untrimmed', value: '218/3' });
  });

  it('applies the adjustments to the combined score and floors the final at 0', () => {
    const standings = computeStandings(
      expertsAndPublic(marks, {}, { adjustments: [{ contestant: 'P1', points: '-0.5', label: '超时扣分' }] }),
    );
    expect(resultOf(standings, 'P1')).toMatchObject({ aggregate: '80.25', exactFinal: '79.75' });
  });

  it("keeps a held contestant's group counts and drops every group score", () => {
    const { standings, held } = computeStandingsHolding(expertsAndPublic(marks), new Set(['P1']));
    expect(standings.ranked.map((result) => result.id)).toEqual(['P2']);
    expect(
      held[0]?.groups?.map((group) => [group.id, group.countedJudges, group.aggregate, group.announced]),
    ).toEqual([
      ['expert', 4, null, null],
      ['public', 4, null, null],
    ]);
    expect(held[0]?.groups?.[0]?.judgeTotals.every((total) => total.dropped === null)).toBe(true);
  });
});
