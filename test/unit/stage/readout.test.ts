// @vitest-environment node
/**
 * The sentence the host reads out, made from the engine's results. The worked examples' dropped
 * totals were checked by hand against their marks (highest and lowest judge total of each
 * contestant, the recused judge left out); every contestant of both is read here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ContestantResult, computeStandings } from '../../../src/domain/engine';
import { readInterchangeRound } from '../../../src/domain/interchange';
import type { PanelRule, RoundInput, RoundSettings } from '../../../src/domain/model';
import { readoutSentence } from '../../../src/domain/readout';
import { groupReadoutSentence } from '../../../src/domain/readout-groups';
import { audiencePart, expertPart, groupedResult } from './group-results';

const examples = join(import.meta.dirname, '../../fixtures/scoring-examples');

function example(name: string): RoundInput {
  return readInterchangeRound(JSON.parse(readFileSync(join(examples, `${name}.input.json`), 'utf8')));
}

/** Every contestant's sentence, ranked ones in rank order, then the pending ones. */
function readouts(input: RoundInput, language: 'zh-CN' | 'en' = 'zh-CN'): Record<string, string> {
  const standings = computeStandings(input);
  return Object.fromEntries(
    [...standings.ranked, ...standings.pending].map((result) => [
      result.id,
      readoutSentence(result, input.settings, language),
    ]),
  );
}

describe('readout of the worked examples', () => {
  it('seed-final: one highest and one lowest dropped, the overtime deduction, the rank', () => {
    expect(readouts(example('seed-final'))).toEqual({
      P2: '去掉一个最高分96.50分，去掉一个最低分85.50分，扣除超时0.5分，最后得分90.40分，目前排名第1名。',
      P4: '去掉一个最高分94.00分，去掉一个最低分85.50分，最后得分90.00分，目前排名第2名。',
      P3: '去掉一个最高分94.50分，去掉一个最低分83.00分，最后得分89.00分，目前排名第3名。',
      // 6 judges: J7 is of P1's unit (回避).
      P1: '去掉一个最高分94.50分，去掉一个最低分83.00分，最后得分88.75分，目前排名第4名。',
    });
  });

  it('ties-and-rounding: the half-up trap, ties (并列), a deduction and a pending contestant', () => {
    expect(readouts(example('ties-and-rounding'))).toEqual({
      G: '去掉一个最高分92.40分，去掉一个最低分83.10分，最后得分87.73分，目前排名第1名。',
      A: '去掉一个最高分95.00分，去掉一个最低分80.00分，最后得分86.50分，目前排名第2名。',
      B: '去掉一个最高分90.00分，去掉一个最低分82.00分，最后得分86.50分，目前排名第3名。',
      H: '去掉一个最高分95.00分，去掉一个最低分91.00分，扣除超时扣分7.5分，最后得分85.50分，目前排名第4名。',
      E: '去掉一个最高分88.00分，去掉一个最低分83.00分，最后得分85.50分，目前并列第5名。',
      F: '去掉一个最高分88.00分，去掉一个最低分83.00分，最后得分85.50分，目前并列第5名。',
      C: '去掉一个最高分84.00分，去掉一个最低分84.00分，最后得分84.00分，目前排名第7名。',
      D: '去掉一个最高分84.00分，去掉一个最低分84.00分，最后得分84.00分，目前排名第8名。',
      K: '评分尚未完成：已有3位评委完成评分，需要6位。',
    });
  });

  it('reads in English for a host who switched the screen', () => {
    const english = readouts(example('ties-and-rounding'), 'en');
    expect(english.E).toBe(
      'Highest score 88.00 and lowest score 83.00 dropped; the final score is 85.50; currently tied 5th.',
    );
    expect(english.H).toContain('minus 超时扣分 7.5');
    expect(english.K).toBe('Not complete yet: 3 of the 6 judges needed have scored.');
  });
});

/** Five judges on a 0-10 sheet (points 100), one contestant, totals 60, 70, 80, 90, 95. */
function fiveJudges(panel: PanelRule, extra: Partial<RoundInput> = {}): RoundInput {
  const values = [6000, 7000, 8000, 9000, 9500];
  return {
    criteria: [{ id: 'c', label: '内容', max: 10_000, points: 10_000, step: 50 }],
    judges: values.map((_, at) => ({
      id: `J${at + 1}`,
      name: `评委${at + 1}`,
      weight: at === 0 ? 200 : 100,
      unit: null,
    })),
    contestants: [{ id: 'P', name: '选手', unit: null, draw: 1, status: 'active' }],
    marks: values.map((value, at) => ({ judge: `J${at + 1}`, contestant: 'P', criterion: 'c', value })),
    adjustments: [],
    settings: {
      panel,
      level: 'total',
      decimals: 2,
      rounding: 'half-up',
      roundEachCriterion: false,
      minJudges: null,
      tieBreak: [],
      awards: [],
    },
    ...extra,
  };
}

function sentence(input: RoundInput): string {
  const standings = computeStandings(input);
  const [result] = [...standings.ranked, ...standings.pending];
  if (!result) throw new Error('no result');
  return readoutSentence(result, input.settings);
}

describe('readout of the other panel rules', () => {
  it('k = 2 reads 两个, the highest first and the lowest first', () => {
    expect(sentence(fiveJudges({ kind: 'trimmed', k: 2 }))).toBe(
      '去掉两个最高分95.00分、90.00分，去掉两个最低分60.00分、70.00分，最后得分80.00分，目前排名第1名。',
    );
  });

  it('a trim lowered for too few judges says so', () => {
    expect(sentence(fiveJudges({ kind: 'trimmed', k: 3 }))).toBe(
      '评委人数不足，去掉两个最高分95.00分、90.00分，去掉两个最低分60.00分、70.00分，最后得分80.00分，目前排名第1名。',
    );
    const two = fiveJudges({ kind: 'trimmed', k: 1 });
    two.judges = two.judges.slice(0, 2);
    two.marks = two.marks.slice(0, 2);
    expect(sentence(two)).toBe(
      '评委人数不足，不去掉最高分和最低分，取2位评委的平均分，最后得分65.00分，目前排名第1名。',
    );
  });

  it('mean, median and weighted panels, with a bonus and a deduction', () => {
    const adjustments = [
      { contestant: 'P', label: '创新加分', points: 100 },
      { contestant: 'P', label: '超时扣分', points: -50 },
    ];
    expect(sentence(fiveJudges({ kind: 'mean' }, { adjustments }))).toBe(
      '取5位评委的平均分，加上创新加分1分，扣除超时扣分0.5分，最后得分79.50分，目前排名第1名。',
    );
    expect(sentence(fiveJudges({ kind: 'median' }))).toBe(
      '取5位评委评分的中位数，最后得分80.00分，目前排名第1名。',
    );
    // J1 weighs 2: (2 x 60 + 70 + 80 + 90 + 95) / 6 = 75.83…
    expect(sentence(fiveJudges({ kind: 'weighted' }))).toBe(
      '按评委权重取5位评委的加权平均分，最后得分75.83分，目前排名第1名。',
    );
  });

  it('level criterion trims each criterion', () => {
    const input = fiveJudges({ kind: 'trimmed', k: 1 });
    input.settings.level = 'criterion';
    expect(sentence(input)).toBe('各评分项分别去掉一个最高分和一个最低分，最后得分80.00分，目前排名第1名。');
  });

  it('a pending contestant is not read out', () => {
    const input = fiveJudges({ kind: 'trimmed', k: 1 });
    input.marks = input.marks.slice(0, 3);
    expect(sentence(input)).toBe('评分尚未完成：已有3位评委完成评分，需要5位。');
  });
});

/** 专家评委 (trimmed k = 1) 70, 领导评委 (mean) 20, 大众评审 (a support vote) 10. */
const GROUPED: RoundSettings = {
  panel: { kind: 'trimmed', k: 1 },
  level: 'total',
  decimals: 2,
  rounding: 'half-up',
  roundEachCriterion: false,
  minJudges: null,
  tieBreak: [],
  awards: [],
  groups: [
    { id: 'experts', label: '专家评委', weight: 7000, criteria: null, panel: null, minJudges: null },
    {
      id: 'leaders',
      label: '领导评委',
      weight: 2000,
      criteria: null,
      panel: { kind: 'mean' },
      minJudges: null,
    },
    {
      id: 'audience',
      label: '大众评审',
      weight: 1000,
      criteria: ['support'],
      panel: { kind: 'mean' },
      minJudges: 1,
    },
  ],
};
const SUPPORT = { groupId: 'audience', mode: 'support' } as const;

function grouped(overrides: Partial<ContestantResult> = {}): ContestantResult {
  const leaders = expertPart({
    id: 'leaders',
    label: '领导评委',
    weight: '20',
    countedJudges: 2,
    requiredJudges: 2,
    judgeTotals: [],
    announced: '90.50',
    effectiveK: null,
  });
  return groupedResult({
    groups: [expertPart(), leaders, audiencePart({ weight: '10' })],
    ...overrides,
  });
}

describe('评委签名齐全 at the end of the readout', () => {
  const standings = () => computeStandings(example('ties-and-rounding'));
  const ranked = (id: string) => standings().ranked.find((result) => result.id === id) as ContestantResult;

  it('ends the sentence when the reveal found every sheet signed, in both languages', () => {
    const settings = example('ties-and-rounding').settings;
    expect(readoutSentence(ranked('G'), settings, 'zh-CN', true)).toBe(
      '去掉一个最高分92.40分，去掉一个最低分83.10分，最后得分87.73分，目前排名第1名。评委签名齐全。',
    );
    expect(readoutSentence(ranked('E'), settings, 'en', true)).toBe(
      'Highest score 88.00 and lowest score 83.00 dropped; the final score is 85.50; currently tied 5th. All judges’ sheets are signed.',
    );
    expect(groupReadoutSentence(grouped(), GROUPED, 'zh-CN', SUPPORT, true)).toMatch(
      /，最后得分86\.85分，目前排名第1名。评委签名齐全。$/,
    );
  });

  it('is not said otherwise, nor while the result is pending', () => {
    const settings = example('ties-and-rounding').settings;
    expect(readoutSentence(ranked('G'), settings)).not.toContain('签名');
    expect(readoutSentence(ranked('G'), settings, 'en', false)).not.toContain('signed');
    const pending = standings().pending.find((result) => result.id === 'K') as ContestantResult;
    expect(readoutSentence(pending, settings, 'zh-CN', true)).toBe(
      '评分尚未完成：已有3位评委完成评分，需要6位。',
    );
    expect(readoutSentence(pending, settings, 'en', true)).not.toContain('signed');
  });
});

describe('readout with rater groups', () => {
  it('names each group with its own trim and score, then the final', () => {
    expect(groupReadoutSentence(grouped(), GROUPED, 'zh-CN', SUPPORT)).toBe(
      '专家评委去掉一个最高分92.00分，去掉一个最低分80.00分，平均分88.35分，领导评委平均分90.50分，大众评审支持率83.3%，最后得分86.85分，目前排名第1名。',
    );
    expect(groupReadoutSentence(grouped(), GROUPED, 'en', SUPPORT)).toBe(
      '专家评委: highest score 92.00 and lowest score 80.00 dropped, mean 88.35; 领导评委: mean 90.50; 大众评审: support 83.3%; the final score is 86.85; currently 1st.',
    );
  });

  it('names the groups in the round’s order, whatever order the result holds them in', () => {
    const byId = grouped();
    const reversed = grouped({ groups: [...(byId.groups ?? [])].reverse() });
    expect(groupReadoutSentence(reversed, GROUPED, 'zh-CN', SUPPORT)).toBe(
      groupReadoutSentence(byId, GROUPED, 'zh-CN', SUPPORT),
    );
  });

  it('reads a rating as its mean, a lowered trim and a deduction', () => {
    const settings = { ...GROUPED, panel: { kind: 'trimmed', k: 2 } as const };
    const result = grouped({
      adjustments: [{ label: '超时扣分', points: '-0.5' }],
      groups: [
        expertPart({ trimReduced: true, effectiveK: 0, judgeTotals: [] }),
        audiencePart({ weight: '30', points: '10', aggregate: '42/5', announced: '8.40' }),
      ],
    });
    const rating = { groupId: 'audience', mode: 'rating' } as const;
    expect(groupReadoutSentence(result, settings, 'zh-CN', rating)).toBe(
      '专家评委评委人数不足，不去掉最高分和最低分，平均分88.35分，大众评审平均分8.40分，扣除超时扣分0.5分，最后得分86.85分，目前排名第1名。',
    );
    expect(groupReadoutSentence(result, settings, 'en', rating)).toBe(
      '专家评委: too few judges, so nothing dropped, mean 88.35; 大众评审: mean 8.40; minus 超时扣分 0.5; the final score is 86.85; currently 1st.',
    );
  });

  it('reads a result without groups as the one panel', () => {
    const input = fiveJudges({ kind: 'trimmed', k: 1 });
    const [result] = computeStandings(input).ranked;
    if (!result) throw new Error('no result');
    expect(groupReadoutSentence(result, input.settings)).toBe(readoutSentence(result, input.settings));
    expect(groupReadoutSentence(result, input.settings, 'en')).toBe(
      readoutSentence(result, input.settings, 'en'),
    );
  });

  it('names the groups still short of judges while pending', () => {
    const result = grouped({
      pending: true,
      rank: null,
      announcedScore: null,
      groups: [expertPart({ countedJudges: 2 }), audiencePart({ countedJudges: 0 })],
    });
    expect(groupReadoutSentence(result, GROUPED, 'zh-CN', SUPPORT)).toBe(
      '评分尚未完成：专家评委已有2位，需要3位；大众评审已有0位，需要1位。',
    );
    expect(groupReadoutSentence(result, GROUPED, 'en', SUPPORT)).toBe(
      'Not complete yet: 专家评委 2 of the 3 needed; 大众评审 0 of the 1 needed have scored.',
    );
  });
});
