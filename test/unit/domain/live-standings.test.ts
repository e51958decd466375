// @vitest-environment node
/**
 * The live standings: a mark the rules refuse sets its sheet aside and holds that contestant,
 * named; everyone else is ranked; the round's own problems still refuse it; the strict engine
 * (the CLI's) still refuses the whole round.
 */
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../../src/domain/engine.ts';
import { describeIssue } from '../../../src/domain/issue-texts.ts';
import { RoundRejectedError } from '../../../src/domain/issues.ts';
import { computeLiveStandings } from '../../../src/domain/live-standings.ts';
import type { Mark, RoundInput } from '../../../src/domain/model.ts';
import { buildRound } from './round-builder.ts';

/** 内容 0-40 step 0.5, 语言 0-20 step 0.1; three judges, three contestants; 李四 would win. */
function round(settings: Partial<RoundInput['settings']> = {}): RoundInput {
  const input = buildRound({
    criteria: [
      { id: 'content', max: 40, step: '0.5' },
      { id: 'voice', max: 20 },
    ],
    judges: ['J1', 'J2', 'J3'],
    contestants: ['P1', 'P2', 'P3'],
    marks: {
      J1: { P1: [30, 15], P2: [38, 18], P3: [25, 12] },
      J2: { P1: [31, 16], P2: [39, 19], P3: [26, 13] },
      J3: { P1: [32, 17], P2: [37, 17], P3: [27, 14] },
    },
    settings: { panel: { kind: 'mean' }, awards: [{ name: '一等奖', count: 1 }], ...settings },
  });
  return {
    ...input,
    criteria: input.criteria.map((criterion) => ({
      ...criterion,
      label: criterion.id === 'content' ? '内容' : '语言表达',
    })),
    judges: input.judges.map((judge) => ({ ...judge, name: `评委${judge.id.slice(1)}` })),
    contestants: input.contestants.map((contestant, at) => ({
      ...contestant,
      name: ['张三', '李四', '王五'][at] as string,
    })),
  };
}

/** The round with one stored mark replaced (or added): a value no keypad would let through. */
function withMark(input: RoundInput, mark: Mark): RoundInput {
  const same = (other: Mark) =>
    other.judge === mark.judge && other.contestant === mark.contestant && other.criterion === mark.criterion;
  const found = input.marks.some(same);
  return {
    ...input,
    marks: found ? input.marks.map((other) => (same(other) ? mark : other)) : [...input.marks, mark],
  };
}

/** The same round scored strictly, without P and without the sheets set aside. */
function strictWithout(input: RoundInput, contestant: string): RoundInput {
  return {
    ...input,
    contestants: input.contestants.filter((entry) => entry.id !== contestant),
    marks: input.marks.filter((mark) => mark.contestant !== contestant),
    adjustments: input.adjustments.filter((adjustment) => adjustment.contestant !== contestant),
  };
}

const withoutPaths = (live: ReturnType<typeof computeLiveStandings>) =>
  live.setAside.map((sheet) => ({ ...sheet, issues: sheet.issues.map((found) => ({ ...found, path: '' })) }));

const messages = (input: RoundInput, language: 'zh-CN' | 'en' = 'zh-CN') =>
  computeLiveStandings(input).setAside.flatMap((sheet) =>
    sheet.issues.map((found) => describeIssue(found, language)),
  );

describe('a mark the rules refuse', () => {
  it('sets the sheet aside, holds the contestant without a score and ranks the others', () => {
    const input = withMark(round(), { judge: 'J2', contestant: 'P2', criterion: 'content', value: 9999900 });
    const live = computeLiveStandings(input);

    expect(live.setAside).toEqual([
      {
        contestant: 'P2',
        judge: 'J2',
        issues: [expect.objectContaining({ code: 'markAboveMax' })],
        affectsScore: true,
      },
    ]);
    expect(messages(input)).toEqual([
      '评委2（J2） 给 李四（P2） 的「内容（content）」打分 99999，超过满分 40',
    ]);
    expect(messages(input, 'en')).toEqual([
      'judge 评委2（J2）, contestant 李四（P2）, 内容（content）: mark 99999 is above the max 40',
    ]);
    const [held] = live.held;
    expect(live.held.map((result) => result.id)).toEqual(['P2']);
    expect(held).toMatchObject({
      pending: true,
      announcedScore: null,
      exactFinal: null,
      aggregate: null,
      rank: null,
      award: null,
      countedJudges: 2,
    });
    // The other two are ranked as if P2 were not in the round: 张三 takes the one award.
    const strict = computeStandings(strictWithout(input, 'P2'));
    expect(live.ranked).toEqual(strict.ranked);
    expect(live.ranked.map((result) => [result.id, result.rank, result.award])).toEqual([
      ['P1', 1, '一等奖'],
      ['P3', 2, null],
    ]);
    expect(live.pending).toEqual([]);
  });

  it('is still refused whole by the strict engine, as the CLI does', () => {
    const input = withMark(round(), { judge: 'J2', contestant: 'P2', criterion: 'content', value: 9999900 });
    expect(() => computeStandings(input)).toThrow(RoundRejectedError);
  });

  it('names a negative mark, a mark off its step and one that is not a number', () => {
    const negative = withMark(round(), { judge: 'J1', contestant: 'P1', criterion: 'voice', value: -100 });
    expect(messages(negative)).toEqual([
      '评委1（J1） 给 张三（P1） 的「语言表达（voice）」打分 -1，不能低于 0',
    ]);
    const offStep = withMark(round(), { judge: 'J1', contestant: 'P1', criterion: 'content', value: 3520 });
    expect(messages(offStep)).toEqual([
      '评委1（J1） 给 张三（P1） 的「内容（content）」打分 35.2，不是 0.5 的整数倍',
    ]);
    const notANumber = withMark(round(), {
      judge: 'J3',
      contestant: 'P3',
      criterion: 'voice',
      value: Number.NaN,
    });
    expect(messages(notANumber)).toEqual([
      '评委3（J3） 给 王五（P3） 的「语言表达（voice）」打分 NaN，不是最多两位小数的数字',
    ]);
    const text = withMark(round(), {
      judge: 'J3',
      contestant: 'P3',
      criterion: 'voice',
      value: '18' as unknown as number,
    });
    expect(messages(text, 'en')).toEqual([
      'judge 评委3（J3）, contestant 王五（P3）, 语言表达（voice）: mark "18" is not a number with at most two decimals',
    ]);
    const thirdDecimal = withMark(round(), {
      judge: 'J3',
      contestant: 'P3',
      criterion: 'voice',
      value: 1234.5,
    });
    expect(messages(thirdDecimal)).toEqual([
      '评委3（J3） 给 王五（P3） 的「语言表达（voice）」打分 12.345，不是最多两位小数的数字',
    ]);
    for (const input of [negative, offStep, notANumber, text, thirdDecimal]) {
      const live = computeLiveStandings(input);
      expect(live.held).toHaveLength(1);
      expect(live.ranked).toHaveLength(2);
    }
  });

  it('names a mark for a criterion that is not on the sheet, and a second mark for one cell', () => {
    const unknown = withMark(round(), { judge: 'J1', contestant: 'P3', criterion: 'slides', value: 500 });
    expect(messages(unknown)).toEqual([
      '评委1（J1） 给 王五（P3） 的「slides」打分 5，但评分表上没有这个评分项',
    ]);
    expect(computeLiveStandings(unknown).held.map((result) => result.id)).toEqual(['P3']);

    const twice = {
      ...round(),
      marks: [...round().marks, { judge: 'J1', contestant: 'P3', criterion: 'voice', value: 1300 }],
    };
    expect(messages(twice)).toEqual(['评委1（J1） 给 王五（P3） 的「语言表达（voice）」打了两个分数']);
    expect(computeLiveStandings(twice).held.map((result) => result.id)).toEqual(['P3']);
  });

  it('lists every refused mark of a sheet, once per sheet, whatever order the marks are in', () => {
    let input = withMark(round(), { judge: 'J1', contestant: 'P1', criterion: 'voice', value: 2500 });
    input = withMark(input, { judge: 'J1', contestant: 'P1', criterion: 'content', value: -50 });
    input = withMark(input, { judge: 'J3', contestant: 'P1', criterion: 'content', value: 4100 });
    const live = computeLiveStandings(input);
    expect(
      live.setAside.map((sheet) => [sheet.contestant, sheet.judge, sheet.issues.map((found) => found.code)]),
    ).toEqual([
      ['P1', 'J1', ['markNegative', 'markAboveMax']],
      ['P1', 'J3', ['markAboveMax']],
    ]);
    const reversed = computeLiveStandings({ ...input, marks: [...input.marks].reverse() });
    // The path says where the mark was in the list, so it alone follows the order.
    expect(JSON.stringify(withoutPaths(reversed))).toBe(JSON.stringify(withoutPaths(live)));
    expect(reversed.ranked).toEqual(live.ranked);
  });

  it('holds the contestant even when minJudges would let the other sheets score them', () => {
    const input = withMark(round({ minJudges: 2 }), {
      judge: 'J2',
      contestant: 'P2',
      criterion: 'voice',
      value: 2100,
    });
    const live = computeLiveStandings(input);
    expect(
      live.held.map((result) => [
        result.id,
        result.countedJudges,
        result.requiredJudges,
        result.announcedScore,
      ]),
    ).toEqual([['P2', 2, 2, null]]);
    expect(live.ranked.map((result) => result.id)).toEqual(['P1', 'P3']);
  });

  it('holds a contestant whose adjustment is not a number of hundredths', () => {
    const input = { ...round(), adjustments: [{ contestant: 'P3', label: '超时扣分', points: -12.5 }] };
    const live = computeLiveStandings(input);
    expect(messages(input)).toEqual(['王五（P3） 的加扣分「超时扣分」-0.125 不是最多两位小数的数字']);
    expect(live.setAside[0]).toMatchObject({ contestant: 'P3', judge: null, affectsScore: true });
    expect(live.held.map((result) => result.id)).toEqual(['P3']);
  });
});

describe('what is set aside but holds nobody', () => {
  it('a recused judge’s refused mark: listed, the contestant still ranked', () => {
    const base = round();
    const input = withMark(
      {
        ...base,
        judges: base.judges.map((judge) => (judge.id === 'J3' ? { ...judge, unit: '三工镇' } : judge)),
        contestants: base.contestants.map((contestant) =>
          contestant.id === 'P1' ? { ...contestant, unit: '三工镇' } : contestant,
        ),
      },
      { judge: 'J3', contestant: 'P1', criterion: 'content', value: 4500 },
    );
    const live = computeLiveStandings(input);
    expect(live.setAside).toEqual([
      expect.objectContaining({ contestant: 'P1', judge: 'J3', affectsScore: false }),
    ]);
    expect(live.held).toEqual([]);
    const strict = computeStandings({ ...input, marks: input.marks.filter((mark) => mark.value !== 4500) });
    expect(live.ranked).toEqual(strict.ranked);
  });

  it('a withdrawn contestant’s refused mark, an unknown judge’s mark and a mark for an unknown contestant', () => {
    const base = round();
    let input: RoundInput = {
      ...base,
      contestants: base.contestants.map((contestant) =>
        contestant.id === 'P3' ? { ...contestant, status: 'withdrawn' } : contestant,
      ),
    };
    input = withMark(input, { judge: 'J1', contestant: 'P3', criterion: 'content', value: 9900 });
    input = withMark(input, { judge: 'J9', contestant: 'P1', criterion: 'content', value: 3000 });
    input = withMark(input, { judge: 'J1', contestant: 'P9', criterion: 'content', value: 3000 });
    const live = computeLiveStandings(input);
    expect(live.setAside.map((sheet) => [sheet.contestant, sheet.judge, sheet.affectsScore])).toEqual([
      ['P1', 'J9', false],
      ['P3', 'J1', false],
      ['P9', 'J1', false],
    ]);
    expect(messages(input)).toEqual([
      '张三（P1） 的「内容（content）」有一个分数 30 来自不在评委名单上的 J9',
      '评委1（J1） 给 王五（P3） 的「内容（content）」打分 99，超过满分 40',
      '评委1（J1） 给不在选手名单上的 P9 的「内容（content）」打分 30',
    ]);
    expect(live.held).toEqual([]);
    expect(live.ranked.map((result) => result.id)).toEqual(['P2', 'P1']);
    expect(live.excluded.map((entry) => entry.id)).toEqual(['P3']);
  });
});

describe('what is not a refusal', () => {
  it('a criterion added after the marks: the judges are incomplete and the contestants pending, as the rules say', () => {
    const base = round();
    const input = withMark(
      {
        ...base,
        criteria: [...base.criteria, { id: 'ppt', label: 'PPT', max: 1000, points: 1000, step: 10 }],
      },
      { judge: 'J1', contestant: 'P1', criterion: 'ppt', value: 800 },
    );
    const live = computeLiveStandings(input);
    expect(live.setAside).toEqual([]);
    expect(live.held).toEqual([]);
    expect(live.ranked).toEqual([]);
    expect(live.pending.map((result) => [result.id, result.countedJudges, result.incompleteJudges])).toEqual([
      ['P1', 1, ['J2', 'J3']],
      ['P2', 0, ['J1', 'J2', 'J3']],
      ['P3', 0, ['J1', 'J2', 'J3']],
    ]);
    expect(live).toEqual({ ...computeStandings(input), held: [], setAside: [] });
  });
});

describe('the round’s own problems', () => {
  it('still refuse it whole: no criteria, a duplicate id, a bad setting', () => {
    const base = withMark(round(), { judge: 'J2', contestant: 'P2', criterion: 'content', value: 9999900 });
    const refusal = (input: RoundInput) => {
      try {
        computeLiveStandings(input);
      } catch (error) {
        if (error instanceof RoundRejectedError) return error.issues.map((found) => found.code);
        throw error;
      }
      throw new Error('the round was scored');
    };
    expect(refusal({ ...base, criteria: [] })).toContain('noCriteria');
    expect(
      refusal({ ...base, judges: [...base.judges, base.judges[0] as RoundInput['judges'][number]] }),
    ).toEqual(['duplicateJudgeId']);
    expect(refusal({ ...base, settings: { ...base.settings, decimals: 7 } })).toEqual(['decimalsInvalid']);
  });
});
