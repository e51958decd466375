/** The simulated judges' plan (彩排): legal marks, realistic spread, one late sheet, one outlier. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  judgeHabits,
  markAt,
  planSheets,
  seededRandom,
} from '../../../src/app/organizer/rehearsal/sheet-plan';
import { simulatedJudges } from '../../../src/db/rehearsal';
import { type Criterion, DEFAULT_SETTINGS, type RaterGroup } from '../../../src/domain/model';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../../src/domain/records';

const criterion = fc
  .record({ step: fc.constantFrom(1, 10, 50, 100), steps: fc.integer({ min: 1, max: 400 }) })
  .map(
    ({ step, steps }, index = 0): Criterion => ({
      id: `c${index}-${step}-${steps}`,
      label: '内容',
      max: step * steps,
      points: step * steps,
      step,
    }),
  );

const judge = (index: number, unit: string | null = null): JudgeRecord => ({
  id: `j${index}`,
  competitionId: 'c',
  roundIds: ['r'],
  name: `模拟评委${index}`,
  title: '彩排',
  weight: 100,
  unit,
  joinCode: '',
  order: index,
});

const contestant: ContestantRecord = {
  id: 'p1',
  roundId: 'r',
  name: '张三',
  unit: '三工镇',
  topic: '',
  photoId: null,
  status: 'active',
  draw: 1,
  order: 1,
};

describe('the simulated judges’ plan', () => {
  it('gives marks on each criterion’s step, within 0..max, whatever the seed', () => {
    fc.assert(
      fc.property(
        fc.array(criterion, { minLength: 1, maxLength: 6 }),
        fc.integer(),
        fc.nat(3),
        (criteria, seed, callIndex) => {
          const judges = [1, 2, 3, 4, 5, 6, 7].map((index) => judge(index));
          const random = seededRandom(seed);
          const sheets = planSheets({
            criteria,
            judges,
            contestant,
            recusal: 'contains',
            callIndex,
            random,
            habits: judgeHabits(judges, random),
          });
          for (const sheet of sheets) {
            for (const [at, mark] of sheet.marks.entries()) {
              const { max, step } = criteria[at] as Criterion;
              expect(mark.value).toBeGreaterThanOrEqual(0);
              expect(mark.value).toBeLessThanOrEqual(max);
              expect(mark.value % step).toBe(0);
            }
          }
        },
      ),
    );
  });

  it('is the same for the same seed, and has one late sheet on the first call and one outlier on the second', () => {
    const criteria: Criterion[] = [{ id: 'content', label: '内容', max: 4000, points: 4000, step: 10 }];
    const judges = [judge(1), judge(2, '三工镇'), judge(3), judge(4), judge(5)];
    const plan = (callIndex: number, seed = 42) => {
      const random = seededRandom(seed);
      return planSheets({
        criteria,
        judges,
        contestant,
        recusal: 'contains',
        callIndex,
        random,
        habits: judgeHabits(judges, random),
      });
    };
    expect(plan(0)).toEqual(plan(0));
    // 回避: the judge of 三工镇 gets no sheet for 张三 of 三工镇.
    expect(plan(0).map((sheet) => sheet.judgeId)).toEqual(['j1', 'j3', 'j4', 'j5']);
    expect(plan(0).filter((sheet) => sheet.late)).toHaveLength(1);
    expect(plan(0).filter((sheet) => sheet.outlier)).toHaveLength(0);
    const second = plan(1);
    expect(second.filter((sheet) => sheet.late)).toHaveLength(0);
    const [outlier] = second.filter((sheet) => sheet.outlier);
    const others = second.filter((sheet) => !sheet.outlier).map((sheet) => sheet.marks[0]?.value ?? 0);
    // Far below every other judge: the host's outlier check has something to find.
    expect(outlier?.marks[0]?.value ?? 0).toBeLessThan(Math.min(...others) - 400);
    expect(plan(2).some((sheet) => sheet.late || sheet.outlier)).toBe(false);
  });

  it('rounds a fraction of the full mark onto the step, within the sheet', () => {
    const sheet: Criterion = { id: 'ppt', label: 'PPT制作', max: 1500, points: 1500, step: 50 };
    expect(markAt(sheet, 0.9)).toBe(1350);
    expect(markAt(sheet, 1.2)).toBe(1500);
    expect(markAt(sheet, -0.1)).toBe(0);
  });
});

describe('a rehearsal of a round with rater groups', () => {
  const sheet: Criterion[] = [
    { id: 'content', label: '内容', max: 4000, points: 4000, step: 10 },
    { id: 'overall', label: '综合印象', max: 1000, points: 1000, step: 10 },
    { id: 'vote', label: '大众投票', max: 100, points: 100, step: 100 },
  ];
  const groups: RaterGroup[] = [
    {
      id: 'expert',
      label: '专家评委',
      weight: 7000,
      criteria: ['content', 'overall'],
      panel: null,
      minJudges: null,
    },
    { id: 'public', label: '大众评审', weight: 3000, criteria: ['vote'], panel: null, minJudges: 1 },
  ];

  it('gives each simulated judge the group of its real judge, else the groups in turn', () => {
    const real = [{ ...judge(1), group: 'public' }, { ...judge(2), group: 'gone' }, judge(3)];
    const rehearsal = {
      id: 'r2',
      competitionId: 'c',
      settings: { ...DEFAULT_SETTINGS, groups },
    } as RoundRecord;
    expect(simulatedJudges(real, rehearsal).map((each) => each.group)).toEqual([
      'public',
      'public',
      'expert',
    ]);
    expect(
      simulatedJudges([judge(1)], { ...rehearsal, settings: DEFAULT_SETTINGS }).map((each) => each.group),
    ).toEqual([undefined]);
  });

  it('marks each judge’s group’s criteria only, and leaves out a judge in no group', () => {
    const judges = [{ ...judge(1), group: 'expert' }, { ...judge(2), group: 'public' }, judge(3)];
    const random = seededRandom(7);
    const planned = planSheets({
      criteria: sheet,
      judges,
      contestant,
      recusal: undefined,
      groups,
      callIndex: 2,
      random,
      habits: judgeHabits(judges, random),
    });
    expect(planned.map((each) => [each.judgeId, each.marks.map((mark) => mark.criterionId)])).toEqual([
      ['j1', ['content', 'overall']],
      ['j2', ['vote']],
    ]);
  });
});
