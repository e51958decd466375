/** The simulated judges' plan (彩排): legal marks, realistic spread, one late sheet, one outlier. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  judgeHabits,
  markAt,
  planSheets,
  seededRandom,
} from '../../../src/app/organizer/rehearsal/sheet-plan';
import type { Criterion } from '../../../src/domain/model';
import type { ContestantRecord, JudgeRecord } from '../../../src/domain/records';

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
