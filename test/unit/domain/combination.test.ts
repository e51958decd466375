// @vitest-environment node
/**
 * The stage combination (scoring rules, "Stages 阶段"): a worked example computed by hand, the
 * refusals, and properties (order does not matter; one stage weighted by its full marks is that
 * stage's own score; pending and excluded as the contract says).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Combination,
  type CombinedStandings,
  combineStages,
  type StageInput,
} from '../../../src/domain/combination.ts';
import { describeCombinationIssue } from '../../../src/domain/combination-issues.ts';
import { computeStandings } from '../../../src/domain/engine.ts';
import { DEFAULT_SETTINGS, type RoundInput } from '../../../src/domain/model.ts';
import { add, compare, mul, type Rational, rational, ZERO } from '../../../src/domain/rational.ts';
import { shuffled } from './arbitrary-round.ts';
import { buildRound, group, h } from './round-builder.ts';

/** A stage from a round built in real units: one judge J, marks per contestant in criterion order. */
function stage(
  id: string,
  name: string,
  criteria: { id: string; max: number | string; step?: string }[],
  people: {
    id: string;
    name: string;
    unit: string;
    marks: (number | string)[] | null;
    status?: 'withdrawn';
  }[],
): StageInput {
  const built = buildRound({
    criteria,
    judges: ['J'],
    contestants: people.map((person) => ({
      id: person.id,
      ...(person.status ? { status: person.status } : {}),
    })),
    marks: {
      J: Object.fromEntries(people.flatMap((person) => (person.marks ? [[person.id, person.marks]] : []))),
    },
    settings: { panel: { kind: 'mean' } },
  });
  const input: RoundInput = {
    ...built,
    contestants: built.contestants.map((contestant, at) => ({
      ...contestant,
      name: people[at]?.name ?? contestant.id,
      unit: people[at]?.unit ?? null,
    })),
  };
  return {
    round: { id, name, criteria: input.criteria, settings: input.settings, contestants: input.contestants },
    standings: computeStandings(input),
  };
}

describe('a worked example, computed by hand', () => {
  // Three stages, each round with its own contestant records (as advancement makes them: new ids,
  // the same name and unit), so people are matched by name and unit.
  //   观摩 (r-visit): one criterion out of 100, M = 100, weight 30: factor 30/100 = 0.3
  //   述职 (r-report): 内容 6 + 表达 4, M = 10, weight 20:           factor 20/10  = 2
  //   擂台 (r-stage): one criterion out of 100, M = 100, weight 50: factor 50/100 = 0.5
  const visit = stage(
    'r-visit',
    '观摩',
    [{ id: 'v', max: 100, step: '0.01' }],
    [
      { id: 'v1', name: '张三', unit: '三工镇', marks: [90] },
      { id: 'v2', name: '李四', unit: '二六工镇', marks: [80] },
      { id: 'v3', name: '王五', unit: '榆树沟镇', marks: [85] },
      { id: 'v4', name: '赵六', unit: '大西渠镇', marks: [70] },
      { id: 'v5', name: '钱七', unit: '佃坝镇', marks: [88] },
    ],
  );
  const report = stage(
    'r-report',
    '述职',
    [
      { id: 'content', max: 6 },
      { id: 'delivery', max: 4 },
    ],
    [
      // A stray space and a full-width one in the unit: still the same person (NFKC, trimmed).
      { id: 'p1', name: '张三', unit: ' 三工镇　', marks: [5, 3] },
      { id: 'p2', name: '李四', unit: '二六工镇', marks: [5.5, 4] },
      { id: 'p3', name: '王五', unit: '榆树沟镇', marks: [5, 3.5] },
      { id: 'p4', name: '赵六', unit: '大西渠镇', marks: [4, 3] },
      // 钱七 has no marks in 述职: no complete result there.
      { id: 'p5', name: '钱七', unit: '佃坝镇', marks: null },
    ],
  );
  const final = stage(
    'r-stage',
    '擂台',
    [{ id: 's', max: 100, step: '0.01' }],
    [
      { id: 's1', name: '张三', unit: '三工镇', marks: [88] },
      { id: 's2', name: '李四', unit: '二六工镇', marks: [88] },
      { id: 's3', name: '王五', unit: '榆树沟镇', marks: ['91.35'] },
      // 赵六 withdrew before 擂台.
      { id: 's4', name: '赵六', unit: '大西渠镇', marks: null, status: 'withdrawn' },
      { id: 's5', name: '钱七', unit: '佃坝镇', marks: [80] },
    ],
  );
  const combination: Combination = {
    stages: [
      { roundId: 'r-visit', weight: h(30) },
      { roundId: 'r-report', weight: h(20) },
      { roundId: 'r-stage', weight: h(50) },
    ],
    decimals: 2,
    rounding: 'half-up',
    tieBreak: ['stage:r-stage', 'stage:r-visit'],
    awards: [
      { name: '一等奖', count: 1 },
      { name: '二等奖', count: 1 },
      { name: '三等奖', rest: true },
    ],
  };
  const combined = combineStages(combination, [final, visit, report]);

  it('matches people by name and unit and sums weight × score / full marks', () => {
    // 王五: 0.3 × 85 + 2 × 8.5 + 0.5 × 91.35 = 25.5 + 17 + 45.675 = 88.175, half-up 88.18.
    // 张三: 0.3 × 90 + 2 × 8   + 0.5 × 88    = 27   + 16 + 44     = 87    -> 87.00
    // 李四: 0.3 × 80 + 2 × 9.5 + 0.5 × 88    = 24   + 19 + 44     = 87    -> 87.00
    expect(combined.keyedBy).toBe('nameUnit');
    expect(combined.ranked.map((person) => [person.name, person.exact, person.score, person.rank])).toEqual([
      ['王五', '88.175', '88.18', 1],
      ['张三', '87', '87.00', 2],
      ['李四', '87', '87.00', 3],
    ]);
  });

  it('breaks the tie with the chain: 擂台 equal (88 = 88), then 观摩 90 > 80', () => {
    const [, zhang, li] = combined.ranked;
    expect(zhang?.separatedBy).toBe('score');
    expect(li?.separatedBy).toBe('stage:r-visit');
    expect(li?.tied).toBe(false);
    expect(li?.tieBreakKeys).toEqual([
      { step: 'stage:r-stage', value: '88' },
      { step: 'stage:r-visit', value: '80' },
    ]);
  });

  it('gives the awards by the cumulative tiers', () => {
    expect(combined.ranked.map((person) => person.award)).toEqual(['一等奖', '二等奖', '三等奖']);
  });

  it('explains each part: 观摩 90.00 × 30% + 述职 8.00 × 200% + 擂台 88.00 × 50% = 87.00', () => {
    const zhang = combined.ranked[1];
    expect(
      zhang?.parts.map((part) => [
        part.roundName,
        part.score,
        part.percent,
        part.contribution,
        part.contributionShown,
      ]),
    ).toEqual([
      ['观摩', '90.00', '30', '27', '27.00'],
      ['述职', '8.00', '200', '16', '16.00'],
      ['擂台', '88.00', '50', '44', '44.00'],
    ]);
    expect(zhang?.parts.map((part) => part.contestantId)).toEqual(['v1', 'p1', 's1']);
    expect(combined.stages.map((entry) => [entry.roundName, entry.weight, entry.fullMarks])).toEqual([
      ['观摩', '30', '100'],
      ['述职', '20', '10'],
      ['擂台', '50', '100'],
    ]);
  });

  it('keeps 钱七 pending (no 述职 result) and excludes 赵六 (withdrew before 擂台)', () => {
    expect(combined.pending.map((person) => [person.name, person.parts.map((part) => part.state)])).toEqual([
      ['钱七', ['ranked', 'pending', 'ranked']],
    ]);
    expect(combined.pending[0]?.score).toBeNull();
    expect(combined.excluded.map((person) => [person.name, person.status])).toEqual([['赵六', 'withdrawn']]);
  });
});

describe('refusals', () => {
  const one = stage('r1', '观摩', [{ id: 'c', max: 100 }], [{ id: 'a', name: '甲', unit: '', marks: [80] }]);
  const base: Combination = {
    stages: [{ roundId: 'r1', weight: 4000 }],
    decimals: 2,
    rounding: 'half-up',
    tieBreak: [],
    awards: [],
  };
  const messages = (combination: Combination, inputs: StageInput[] = [one]) => {
    try {
      combineStages(combination, inputs);
    } catch (error) {
      return (error as { issues: Parameters<typeof describeCombinationIssue>[0][] }).issues.map((found) =>
        describeCombinationIssue(found),
      );
    }
    throw new Error('not refused');
  };

  it('names the stage of a bad weight, an unknown and a repeated stage', () => {
    expect(
      messages({
        ...base,
        stages: [
          { roundId: 'r1', weight: 0 },
          { roundId: 'r9', weight: 1000 },
          { roundId: 'r1', weight: 40.5 },
        ],
      }),
    ).toEqual([
      '阶段 「观摩」（r1） 的权重应为大于 0、最多两位小数的数，实际为 0',
      '阶段 r9 不是已提供成绩的轮次',
      '阶段 「观摩」（r1） 重复列出',
      '阶段 「观摩」（r1） 的权重应为大于 0、最多两位小数的数，实际为 0.405',
    ]);
  });

  it('refuses bad decimals, rounding, tie-break steps and award tiers', () => {
    expect(
      messages({
        ...base,
        decimals: 5,
        rounding: 'up' as Combination['rounding'],
        tieBreak: ['stage:r2', 'exact', 'exact'],
        awards: [
          { name: '一等奖', rest: true },
          { name: '二等奖', count: 1 },
        ],
      }),
    ).toEqual([
      '并列处理规则“stage:r2”无效（应为 exact 或 stage:阶段轮次编号）',
      '并列处理规则“exact”重复',
      '保留小数位数应为 0 到 4 的整数，实际为 5',
      '取舍方式“up”无效（应为 half-up、half-even 或 down）',
      '奖项“二等奖”排在“其余全部”之后，永远不会有人获得',
    ]);
  });

  it('refuses a stage with two contestants of the same name and unit when matching by name', () => {
    const twins = stage(
      'r2',
      '擂台',
      [{ id: 'c', max: 100 }],
      [
        { id: 'b', name: '甲', unit: '', marks: [80] },
        { id: 'c', name: '甲 ', unit: ' ', marks: [70] },
      ],
    );
    expect(
      messages({ ...base, stages: [...base.stages, { roundId: 'r2', weight: 6000 }] }, [one, twins]),
    ).toEqual(['阶段 「擂台」（r2） 中有两位选手同名同单位（甲），无法与其他阶段对应']);
  });

  it('takes the group weights as the full marks of a round with rater groups', () => {
    // 专家 70 (one 100-point criterion) + 大众 30 (a 0/1 vote): full marks M = 70 + 30 = 100,
    // not the criteria's points (100 + 1).
    const input = buildRound({
      criteria: [
        { id: 'c1', max: 100, step: '0.5' },
        { id: 'vote', max: 1, step: 1 },
      ],
      judges: [
        { id: 'E1', group: 'expert' },
        { id: 'A1', group: 'public' },
      ],
      contestants: ['P1'],
      // 专家 90: 70 × 90/100 = 63; 大众 1 of 1: 30 × 1/1 = 30; the round's score 93.
      marks: { E1: { P1: [90, null] }, A1: { P1: [null, 1] } },
      settings: {
        panel: { kind: 'mean' },
        groups: [group('expert', 70, ['c1']), group('public', 30, ['vote'])],
      },
    });
    const grouped: StageInput = {
      round: {
        id: 'r1',
        name: '擂台',
        criteria: input.criteria,
        settings: input.settings,
        contestants: input.contestants,
      },
      standings: computeStandings(input),
    };
    const combined = combineStages({ ...base, stages: [{ roundId: 'r1', weight: 5000 }] }, [grouped]);
    // 50 × 93 / 100 = 46.5.
    expect(combined.stages[0]?.fullMarks).toBe('100');
    expect(combined.ranked[0]?.parts[0]?.score).toBe('93.00');
    expect(combined.ranked[0]?.exact).toBe('46.5');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

interface Generated {
  stages: { max: number; decimals: number; weight: number }[];
  /** Per person, per stage: a mark in hundredths, 'none' (pending there), 'out' (withdrawn), 'absent'. */
  people: (number | 'none' | 'out' | 'absent')[][];
  sharedIds: boolean;
}

const generated: fc.Arbitrary<Generated> = fc
  .record({
    stages: fc.array(
      fc.record({
        max: fc.constantFrom(1000, 2000, 10000),
        decimals: fc.integer({ min: 0, max: 4 }),
        weight: fc.integer({ min: 1, max: 10000 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    people: fc.integer({ min: 1, max: 7 }),
    sharedIds: fc.boolean(),
  })
  .chain(({ stages, people, sharedIds }) =>
    fc
      .array(
        fc.tuple(
          ...stages.map((entry) =>
            fc.oneof(
              {
                weight: 8,
                arbitrary: fc.integer({ min: 0, max: entry.max / 10 }).map((tenths) => tenths * 10),
              },
              { weight: 1, arbitrary: fc.constantFrom<'none' | 'out' | 'absent'>('none', 'out', 'absent') },
            ),
          ),
        ),
        { minLength: people, maxLength: people },
      )
      .map((rows) => ({ stages, people: rows as Generated['people'], sharedIds })),
  );

function inputsOf(setup: Generated, order: readonly number[] = []): StageInput[] {
  return setup.stages.map((entry, at) => {
    const present = setup.people.flatMap((row, person) =>
      row[at] === 'absent' ? [] : [{ person, cell: row[at] }],
    );
    const contestants = present.map(({ person, cell }) => ({
      id: setup.sharedIds ? `p${person}` : `s${at}p${person}`,
      name: `选手${person}`,
      unit: `单位${person % 3}`,
      draw: null,
      status: cell === 'out' ? ('withdrawn' as const) : ('active' as const),
    }));
    const input: RoundInput = {
      criteria: [{ id: 'c', label: '总分', max: entry.max, points: entry.max, step: 10 }],
      judges: [{ id: 'J', name: 'J', weight: 100, unit: null }],
      contestants: shuffled(contestants, order),
      marks: present.flatMap(({ person, cell }, index) =>
        typeof cell === 'number'
          ? [{ judge: 'J', contestant: contestants[index]?.id ?? `p${person}`, criterion: 'c', value: cell }]
          : [],
      ),
      adjustments: [],
      settings: { ...DEFAULT_SETTINGS, panel: { kind: 'mean' }, decimals: entry.decimals },
    };
    return {
      round: {
        id: `r${at}`,
        name: `阶段${at}`,
        criteria: input.criteria,
        settings: input.settings,
        contestants: input.contestants,
      },
      standings: computeStandings(input),
    };
  });
}

const combinationOf = (setup: Generated, decimals = 2): Combination => ({
  stages: setup.stages.map((entry, at) => ({ roundId: `r${at}`, weight: entry.weight })),
  decimals,
  rounding: 'half-up',
  tieBreak: ['exact', ...setup.stages.map((_, at) => `stage:r${at}` as const)],
  awards: [
    { name: '一等奖', percent: 3000 },
    { name: '二等奖', rest: true },
  ],
});

/** The standings with each person's parts in round id order: what stays when the stages are permuted. */
function partsByRound(standings: CombinedStandings): unknown {
  const sortParts = (list: CombinedStandings['ranked']) =>
    list.map((person) => ({
      ...person,
      parts: [...person.parts].sort((a, b) => (a.roundId < b.roundId ? -1 : 1)),
    }));
  return {
    ...standings,
    stages: [...standings.stages].sort((a, b) => (a.roundId < b.roundId ? -1 : 1)),
    ranked: sortParts(standings.ranked),
    pending: sortParts(standings.pending),
    excluded: sortParts(standings.excluded),
  };
}

describe('combination properties', () => {
  it('does not depend on the order of the inputs, the contestants or the stages', () => {
    fc.assert(
      fc.property(generated, fc.array(fc.integer(), { minLength: 1, maxLength: 20 }), (setup, order) => {
        const combination = combinationOf(setup);
        const reference = combineStages(combination, inputsOf(setup));
        const permutedInputs = shuffled(inputsOf(setup, order), order.slice(1));
        expect(JSON.stringify(combineStages(combination, permutedInputs))).toBe(JSON.stringify(reference));
        const permutedStages = { ...combination, stages: shuffled(combination.stages, order.slice(2)) };
        expect(partsByRound(combineStages(permutedStages, permutedInputs))).toEqual(partsByRound(reference));
      }),
      { numRuns: 200 },
    );
  });

  it('equals the stage’s own standings for one stage weighted by its full marks', () => {
    fc.assert(
      fc.property(generated, (setup) => {
        const [first] = setup.stages;
        if (!first) return;
        const single = {
          ...setup,
          stages: [{ ...first, weight: first.max }],
          people: setup.people.map((row) => row.slice(0, 1)),
        };
        const [input] = inputsOf(single);
        const combined = combineStages(combinationOf(single, first.decimals), input ? [input] : []);
        const own = input?.standings;
        expect(combined.ranked.map((person) => [person.key, person.score, person.rank])).toEqual(
          own?.ranked.map((result) => [result.id, result.announcedScore, result.rank]),
        );
        expect(combined.pending.map((person) => person.key)).toEqual(
          own?.pending.map((result) => result.id).sort(),
        );
        expect(combined.excluded.map((person) => person.key)).toEqual(
          own?.excluded.map((entry) => entry.id).sort(),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('excludes whoever is out of any stage, keeps pending whoever lacks a result, ranks the rest exactly', () => {
    fc.assert(
      fc.property(generated, (setup) => {
        const combined = combineStages(combinationOf(setup), inputsOf(setup));
        const stateOf = new Map(
          [...combined.ranked, ...combined.pending, ...combined.excluded].map((person) => [
            person.name,
            person,
          ]),
        );
        setup.people.forEach((row, person) => {
          if (row.every((cell) => cell === 'absent')) return;
          const result = stateOf.get(`选手${person}`);
          const expected = row.includes('out')
            ? 'excluded'
            : row.every((cell) => typeof cell === 'number')
              ? 'ranked'
              : 'pending';
          expect(result?.state).toBe(expected);
          if (expected !== 'ranked') return;
          // C = sum of weight × S / M, with S the mark rounded as the stage announces it (half-up).
          let exact: Rational = ZERO;
          row.forEach((cell, at) => {
            const entry = setup.stages[at] as Generated['stages'][number];
            const scale = 10n ** BigInt(entry.decimals);
            const units = (BigInt(cell as number) * scale * 2n + 100n) / 200n;
            exact = add(
              exact,
              mul(rational(BigInt(entry.weight), BigInt(entry.max)), rational(units, scale)),
            );
          });
          const [num, den = '1'] = (result?.exact ?? '').split('/');
          const shown = num?.includes('.')
            ? rational(BigInt(num.replace('.', '')), 10n ** BigInt(num.split('.')[1]?.length ?? 0))
            : rational(BigInt(num ?? '0'), BigInt(den));
          expect(compare(shown, exact)).toBe(0);
        });
        // Ranks never rise down the list, and a later person never has a higher score.
        combined.ranked.forEach((person, at) => {
          const before = combined.ranked[at - 1];
          if (before) expect(Number(before.score)).toBeGreaterThanOrEqual(Number(person.score));
        });
      }),
      { numRuns: 200 },
    );
  });
});
