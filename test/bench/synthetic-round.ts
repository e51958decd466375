/**
 * Deterministic synthetic rounds for the benchmarks: a seeded PRNG (mulberry32), never
 * Math.random, so every run and every machine scores the very same marks. Not a bench itself
 * (test/bench/run.mjs runs only *.bench.ts).
 */
import type { Criterion, Judge, RoundInput } from '../../src/domain/model.ts';

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Eight criteria of varied max, points and step (in hundredths), worth 100 points in all. */
export const BENCH_CRITERIA: readonly Criterion[] = [
  { id: 'content', label: '内容', max: 2000, points: 2000, step: 50 },
  { id: 'structure', label: '结构', max: 1000, points: 1000, step: 10 },
  { id: 'language', label: '语言表达', max: 1500, points: 1500, step: 50 },
  { id: 'delivery', label: '台风', max: 1000, points: 1500, step: 10 },
  { id: 'presence', label: '形象风采', max: 1000, points: 1000, step: 50 },
  { id: 'slides', label: 'PPT制作', max: 2000, points: 1000, step: 50 },
  { id: 'timing', label: '时间控制', max: 500, points: 1000, step: 10 },
  { id: 'overall', label: '综合印象', max: 1000, points: 1000, step: 10 },
];

const UNITS = Array.from({ length: 24 }, (_, at) => `单位${at + 1}`);

export interface SyntheticRoundOptions {
  contestants: number;
  judges: number;
  seed: number;
}

/**
 * A round of `contestants` x `judges` x 8 criteria with every mark present (recused judges'
 * marks too, which the rules ignore): trimmed k = 1, level total, tie-break exact then
 * untrimmed, four award tiers, three judges with a unit (recusal), a few 超时扣分.
 * Marks are skill + judge bias + noise, snapped to the step, so there are realistic near-ties.
 */
export function syntheticRound({ contestants, judges, seed }: SyntheticRoundOptions): RoundInput {
  const random = seededRandom(seed);
  const judgeList: Judge[] = Array.from({ length: judges }, (_, at) => ({
    id: `J${String(at + 1).padStart(2, '0')}`,
    name: `评委${at + 1}`,
    weight: 100,
    unit: at < 3 ? (UNITS[at * 5] as string) : null,
  }));
  const bias = judgeList.map(() => (random() - 0.5) * 0.12);
  const contestantList = Array.from({ length: contestants }, (_, at) => ({
    id: `P${String(at + 1).padStart(4, '0')}`,
    name: `选手${at + 1}`,
    unit: UNITS[Math.floor(random() * UNITS.length)] as string,
    draw: at + 1,
    status: 'active' as const,
  }));
  const marks: RoundInput['marks'] = [];
  for (const contestant of contestantList) {
    const skill = 0.55 + random() * 0.4;
    judgeList.forEach((judge, judgeAt) => {
      for (const criterion of BENCH_CRITERIA) {
        const fraction = Math.min(1, Math.max(0, skill + (bias[judgeAt] as number) + (random() - 0.5) * 0.1));
        const value = Math.round((fraction * criterion.max) / criterion.step) * criterion.step;
        marks.push({ judge: judge.id, contestant: contestant.id, criterion: criterion.id, value });
      }
    });
  }
  const adjustments = contestantList
    .filter(() => random() < 0.05)
    .map((contestant) => ({
      contestant: contestant.id,
      label: '超时扣分',
      points: -50 * (1 + Math.floor(random() * 3)),
    }));
  return {
    criteria: [...BENCH_CRITERIA],
    judges: judgeList,
    contestants: contestantList,
    marks,
    adjustments,
    settings: {
      panel: { kind: 'trimmed', k: 1 },
      level: 'total',
      decimals: 2,
      rounding: 'half-up',
      roundEachCriterion: false,
      minJudges: null,
      tieBreak: ['exact', 'untrimmed'],
      awards: [
        { name: '一等奖', percent: 1000 },
        { name: '二等奖', percent: 2000 },
        { name: '三等奖', percent: 3000 },
        { name: '优秀奖', rest: true },
      ],
    },
  };
}
