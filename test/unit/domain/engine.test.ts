// @vitest-environment node
/** Each rule of the scoring rules on a round small enough to check by hand. */
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../../src/domain/engine.ts';
import type { RoundSettings } from '../../../src/domain/model.ts';
import { buildRound, totalsRound } from './round-builder.ts';

const scoreOf = (standings: ReturnType<typeof computeStandings>, id: string) =>
  standings.ranked.find((result) => result.id === id);

describe('panel rules', () => {
  const five = { J1: { P: 80 }, J2: { P: 90 }, J3: { P: 85 }, J4: { P: 70 }, J5: { P: 95 } };

  it('trimmed k=1 drops one lowest and one highest and says which', () => {
    const result = scoreOf(computeStandings(totalsRound(five)), 'P');
    expect(result?.aggregate).toBe('85');
    expect(result?.judgeTotals.map((total) => [total.judge, total.dropped])).toEqual([
      ['J1', null],
      ['J2', null],
      ['J3', null],
      ['J4', 'low'],
      ['J5', 'high'],
    ]);
    expect(result?.trimReduced).toBe(false);
    expect(result?.effectiveK).toBe(1);
  });

  it('trimmed k=2 keeps the middle value', () => {
    expect(
      scoreOf(computeStandings(totalsRound(five, { panel: { kind: 'trimmed', k: 2 } })), 'P')?.aggregate,
    ).toBe('85');
  });

  it('lowers k to floor((n-1)/2) with too few judges, and says so', () => {
    const two = computeStandings(totalsRound({ J1: { P: 80 }, J2: { P: 91 } }));
    expect(scoreOf(two, 'P')).toMatchObject({ aggregate: '85.5', trimReduced: true, effectiveK: 0 });
    const three = computeStandings(
      totalsRound({ J1: { P: 80 }, J2: { P: 91 }, J3: { P: 60 } }, { panel: { kind: 'trimmed', k: 2 } }),
    );
    expect(scoreOf(three, 'P')).toMatchObject({ aggregate: '80', trimReduced: true, effectiveK: 1 });
  });

  it('mean, median (odd and even) and weighted', () => {
    expect(scoreOf(computeStandings(totalsRound(five, { panel: { kind: 'mean' } })), 'P')?.aggregate).toBe(
      '84',
    );
    expect(scoreOf(computeStandings(totalsRound(five, { panel: { kind: 'median' } })), 'P')?.aggregate).toBe(
      '85',
    );
    const four = { J1: { P: 80 }, J2: { P: 90 }, J3: { P: 85 }, J4: { P: 70 } };
    expect(scoreOf(computeStandings(totalsRound(four, { panel: { kind: 'median' } })), 'P')?.aggregate).toBe(
      '82.5',
    );
    const weighted = totalsRound(
      { L: { P: 90 }, J2: { P: 80 }, J3: { P: 70 } },
      { panel: { kind: 'weighted' } },
      { judges: [{ id: 'L', weight: 2 }, 'J2', 'J3'] },
    );
    // (2 x 90 + 80 + 70) / 4 = 82.5
    expect(scoreOf(computeStandings(weighted), 'P')?.aggregate).toBe('82.5');
  });

  it('keeps a mean of thirds exact, and prints it as a fraction', () => {
    const result = scoreOf(
      computeStandings(
        totalsRound({ J1: { P: 80 }, J2: { P: 80 }, J3: { P: 81 } }, { panel: { kind: 'mean' } }),
      ),
      'P',
    );
    expect(result?.exactFinal).toBe('241/3');
    expect(result?.announcedScore).toBe('80.33');
  });
});

describe('judge totals and levels', () => {
  it('weights each criterion by points / max', () => {
    const round = buildRound({
      criteria: [
        { id: 'content', max: 10, points: 40 },
        { id: 'voice', max: 10, points: 60 },
      ],
      judges: ['J1'],
      contestants: ['P'],
      marks: { J1: { P: ['8.5', '7'] } },
      settings: { panel: { kind: 'mean' } },
    });
    // 8.5 x 4 + 7 x 6 = 76
    expect(scoreOf(computeStandings(round), 'P')?.judgeTotals[0]?.total).toBe('76');
  });

  it('a judge who missed a criterion does not count, and is listed as incomplete', () => {
    const round = buildRound({
      criteria: [
        { id: 'a', max: 10 },
        { id: 'b', max: 10 },
      ],
      judges: ['J1', 'J2', 'J3'],
      contestants: ['P'],
      marks: { J1: { P: [8, 8] }, J2: { P: [9, 9] }, J3: { P: [5, null] } },
      settings: { minJudges: 2 },
    });
    const result = scoreOf(computeStandings(round), 'P');
    expect(result?.countedJudges).toBe(2);
    expect(result?.incompleteJudges).toEqual(['J3']);
    expect(result?.aggregate).toBe('17');
  });

  it('level criterion trims each criterion separately', () => {
    const round = buildRound({
      criteria: [
        { id: 'a', max: 10 },
        { id: 'b', max: 10 },
      ],
      judges: ['J1', 'J2', 'J3'],
      contestants: ['P'],
      // a: 1, 5, 9 -> 5; b: 9, 5, 1 -> 5. Totals 10, 10, 10 either way, but the drops differ.
      marks: { J1: { P: [1, 9] }, J2: { P: [5, 5] }, J3: { P: [9, 1] } },
      settings: { level: 'criterion' },
    });
    const result = scoreOf(computeStandings(round), 'P');
    expect(result?.aggregate).toBe('10');
    expect(result?.criteria).toEqual([
      { criterion: 'a', aggregate: '5', shown: '5.00', droppedLow: ['J1'], droppedHigh: ['J3'] },
      { criterion: 'b', aggregate: '5', shown: '5.00', droppedLow: ['J3'], droppedHigh: ['J1'] },
    ]);
  });

  it('roundEachCriterion rounds the panel mark, then the factored mark', () => {
    const round = (roundEachCriterion: boolean) =>
      buildRound({
        criteria: [{ id: 'a', max: 10, points: 8, step: '0.25' }],
        judges: ['J1', 'J2', 'J3'],
        contestants: ['P'],
        marks: { J1: { P: ['7.25'] }, J2: { P: ['7.5'] }, J3: { P: ['7.5'] } },
        settings: { level: 'criterion', roundEachCriterion, panel: { kind: 'mean' } },
      });
    // The ISU way: mean 7.41666... -> 7.42, x 0.8 = 5.936 -> 5.94.
    expect(scoreOf(computeStandings(round(true)), 'P')).toMatchObject({
      exactFinal: '5.94',
      announcedScore: '5.94',
    });
    // Rounding once at the end: 7.41666... x 0.8 = 5.9333... -> 5.93.
    expect(scoreOf(computeStandings(round(false)), 'P')).toMatchObject({
      exactFinal: '89/15',
      announcedScore: '5.93',
    });
  });
});

describe('final, rounding and adjustments', () => {
  it('an exact 87.725 is announced 87.73 half-up, 87.72 half-even and down', () => {
    const totals = { J1: { P: '87.72' }, J2: { P: '87.73' } };
    const round = (rounding: 'half-up' | 'half-even' | 'down') =>
      scoreOf(computeStandings(totalsRound(totals, { panel: { kind: 'mean' }, rounding })), 'P')
        ?.announcedScore;
    expect(round('half-up')).toBe('87.73');
    expect(round('half-even')).toBe('87.72');
    expect(round('down')).toBe('87.72');
  });

  it('half-even rounds a half to the even neighbour upward too', () => {
    const totals = { J1: { P: '87.73' }, J2: { P: '87.74' } };
    expect(
      scoreOf(computeStandings(totalsRound(totals, { panel: { kind: 'mean' }, rounding: 'half-even' })), 'P')
        ?.announcedScore,
    ).toBe('87.74');
  });

  it('announces with exactly `decimals` places, 0 to 4', () => {
    const totals = { J1: { P: '87.72' }, J2: { P: '87.73' }, J3: { P: '87' } };
    const announced = (decimals: number) =>
      scoreOf(computeStandings(totalsRound(totals, { panel: { kind: 'mean' }, decimals })), 'P')
        ?.announcedScore;
    // exact mean 262.45 / 3 = 87.483333...
    expect([0, 1, 2, 3, 4].map(announced)).toEqual(['87', '87.5', '87.48', '87.483', '87.4833']);
  });

  it('adds adjustments and never goes below zero', () => {
    const round = totalsRound(
      { J1: { P: 80, Q: 3 } },
      { panel: { kind: 'mean' } },
      {
        adjustments: [
          { contestant: 'P', points: '-0.5' },
          { contestant: 'P', points: 2 },
          { contestant: 'Q', points: -7.5 },
        ],
      },
    );
    const standings = computeStandings(round);
    expect(scoreOf(standings, 'P')).toMatchObject({ exactFinal: '81.5', adjustmentTotal: '1.5' });
    expect(scoreOf(standings, 'Q')).toMatchObject({ exactFinal: '0', announcedScore: '0.00' });
  });
});

describe('recusal, pending and status', () => {
  it('ignores the marks of a judge of the same unit', () => {
    const round = totalsRound(
      { J1: { P: 80 }, J2: { P: 90 }, J3: { P: 10 } },
      { panel: { kind: 'mean' } },
      { judges: ['J1', 'J2', { id: 'J3', unit: '东风村' }], contestants: [{ id: 'P', unit: '东风村' }] },
    );
    const result = scoreOf(computeStandings(round), 'P');
    expect(result).toMatchObject({
      aggregate: '85',
      recusedJudges: ['J3'],
      eligibleJudges: 2,
      countedJudges: 2,
    });
  });

  it('is pending until every eligible judge has a total, or minJudges', () => {
    const totals = { J1: { P: 80, Q: 70 }, J2: { P: 90 }, J3: { P: 85 } };
    const standings = computeStandings(totalsRound(totals));
    expect(standings.ranked.map((result) => result.id)).toEqual(['P']);
    expect(
      standings.pending.map(({ id, countedJudges, requiredJudges }) => ({
        id,
        countedJudges,
        requiredJudges,
      })),
    ).toEqual([{ id: 'Q', countedJudges: 1, requiredJudges: 3 }]);
    expect(standings.pending[0]?.rank).toBeNull();
    const withMinimum = computeStandings(totalsRound(totals, { minJudges: 1 }));
    expect(withMinimum.ranked.map((result) => result.id)).toEqual(['P', 'Q']);
  });

  it('neither scores nor ranks withdrawn or disqualified contestants', () => {
    const round = totalsRound(
      { J1: { P: 80, W: 99, D: 98 } },
      {},
      { contestants: ['P', { id: 'W', status: 'withdrawn' }, { id: 'D', status: 'disqualified' }] },
    );
    const standings = computeStandings(round);
    expect(standings.ranked.map((result) => result.id)).toEqual(['P']);
    expect(standings.excluded).toEqual([
      { id: 'W', name: 'W', status: 'withdrawn' },
      { id: 'D', name: 'D', status: 'disqualified' },
    ]);
  });
});

describe('ranking and tie-breaks', () => {
  // A: 70 80 90 -> trimmed 80, untrimmed 80. B: 79 80 81 -> 80, untrimmed 80. C: 60 80 82 -> 80, untrimmed 74.
  const totals = {
    J1: { A: 70, B: 79, C: 60, D: 50 },
    J2: { A: 80, B: 80, C: 80, D: 50 },
    J3: { A: 90, B: 81, C: 82, D: 50 },
  };

  it('equal scores without a chain share a rank (1, 1, 1, 4), listed by draw', () => {
    const standings = computeStandings(totalsRound(totals));
    expect(standings.ranked.map(({ id, rank, tied, separatedBy }) => [id, rank, tied, separatedBy])).toEqual([
      ['A', 1, true, null],
      ['B', 1, true, 'tied'],
      ['C', 1, true, 'tied'],
      ['D', 4, false, 'score'],
    ]);
  });

  it('breaks ties with untrimmed, then says which step did it', () => {
    const standings = computeStandings(totalsRound(totals, { tieBreak: ['untrimmed'] }));
    expect(standings.ranked.map(({ id, rank, separatedBy }) => [id, rank, separatedBy])).toEqual([
      ['A', 1, null],
      ['B', 1, 'tied'],
      ['C', 3, 'untrimmed'],
      ['D', 4, 'score'],
    ]);
  });

  it('lists tied contestants by draw, those without a draw last, then by id', () => {
    const round = totalsRound(
      { J1: { X: 80, Y: 80, Z: 80 } },
      {},
      { contestants: [{ id: 'Z', draw: 2 }, { id: 'X' }, { id: 'Y', draw: 1 }] },
    );
    round.contestants[1] = { ...(round.contestants[1] as (typeof round.contestants)[number]), draw: null };
    expect(computeStandings(round).ranked.map((result) => result.id)).toEqual(['Y', 'Z', 'X']);
  });

  it('criterion:<id> compares that criterion alone, without adjustments', () => {
    const round = buildRound({
      criteria: [
        { id: 'content', max: 50 },
        { id: 'voice', max: 50 },
      ],
      judges: ['J1'],
      contestants: ['A', 'B'],
      marks: { J1: { A: [40, 40], B: [45, 35] } },
      adjustments: [
        { contestant: 'A', points: 1 },
        { contestant: 'B', points: 1 },
      ],
      settings: { tieBreak: ['criterion:content'] },
    });
    const standings = computeStandings(round);
    expect(standings.ranked.map(({ id, rank, separatedBy }) => [id, rank, separatedBy])).toEqual([
      ['B', 1, null],
      ['A', 2, 'criterion:content'],
    ]);
    expect(standings.ranked[0]?.tieBreakKeys).toEqual([{ step: 'criterion:content', value: '45' }]);
  });

  it('exact breaks a tie that rounding made', () => {
    const round = totalsRound(
      { J1: { A: '80.01', B: '80.02' }, J2: { A: '80', B: '80' } },
      { panel: { kind: 'mean' }, decimals: 1, tieBreak: ['exact'] },
    );
    expect(
      computeStandings(round).ranked.map(({ id, rank, announcedScore }) => [id, rank, announcedScore]),
    ).toEqual([
      ['B', 1, '80.0'],
      ['A', 2, '80.0'],
    ]);
  });
});

describe('awards', () => {
  const scores = { A: 90, B: 85, C: 85, D: 80, E: 70, F: 60 };
  const round = (awards: RoundSettings['awards']) =>
    computeStandings(totalsRound({ J1: scores }, { awards })).ranked.map(({ id, award }) => [id, award]);

  it('gives a tie straddling a cut-off the better tier, and shrinks the next tier', () => {
    expect(
      round([
        { name: '一等奖', count: 2 },
        { name: '二等奖', count: 2 },
        { name: '优秀奖', rest: true },
      ]),
    ).toEqual([
      ['A', '一等奖'],
      ['B', '一等奖'],
      ['C', '一等奖'],
      ['D', '二等奖'],
      ['E', '优秀奖'],
      ['F', '优秀奖'],
    ]);
  });

  it('counts percent tiers half-up of the ranked contestants, and leaves the rest without award', () => {
    // 25% of 6 = 1.5 -> 2; 10% of 6 = 0.6 -> 1
    expect(
      round([
        { name: '一等奖', percent: 25 * 100 },
        { name: '二等奖', percent: 10 * 100 },
      ]),
    ).toEqual([
      ['A', '一等奖'],
      ['B', '一等奖'],
      ['C', '一等奖'],
      ['D', null],
      ['E', null],
      ['F', null],
    ]);
  });
});
