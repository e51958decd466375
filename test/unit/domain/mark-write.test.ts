// @vitest-environment node
/**
 * The one check of a mark and of a submission (src/domain/mark-write.ts): its value rule is the
 * engine's own `checkSingleMark`, and a locked, recused, inactive or submitted sheet refuses
 * whatever the value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarkRow, Stamp } from '../../../src/domain/events.ts';
import { markRefusal, type SheetWrite, submitRefusal } from '../../../src/domain/mark-write.ts';
import { type Criterion, DEFAULT_SETTINGS } from '../../../src/domain/model.ts';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../../src/domain/records.ts';
import { checkSingleMark } from '../../../src/domain/validate.ts';

const STAMP: Stamp = { revision: 1, deviceId: 'd1', deviceSeq: 1, eventId: 'e1' };

function sheetWrite(criteria: Criterion[], change: Partial<SheetWrite> = {}): SheetWrite {
  const round: RoundRecord = {
    id: 'R1',
    competitionId: 'C1',
    name: '市级决赛',
    order: 1,
    criteria,
    settings: DEFAULT_SETTINGS,
    timeLimitSeconds: null,
    overtime: null,
  };
  const judge: JudgeRecord = {
    id: 'J1',
    competitionId: 'C1',
    roundIds: ['R1'],
    name: '王评委',
    title: '市委组织部',
    weight: 100,
    unit: '市委组织部',
    joinCode: '',
    order: 1,
  };
  const contestant: ContestantRecord = {
    id: 'P1',
    roundId: 'R1',
    name: '张三',
    unit: '三工镇',
    topic: '强村富民',
    photoId: null,
    status: 'active',
    draw: 1,
    order: 1,
  };
  return { round, judge, contestant, sheet: undefined, simulated: false, ...change };
}

function cell(criterionId: string, value: number | null, lock?: MarkRow['lock']): MarkRow {
  return {
    roundId: 'R1',
    judgeId: 'J1',
    contestantId: 'P1',
    criterionId,
    value,
    head: STAMP,
    ...(lock ? { lock, latest: { value, head: STAMP } } : {}),
  };
}

const FROZEN: MarkRow['lock'] = { head: { ...STAMP, revision: 2 }, frozen: { value: 800, head: STAMP } };
const UNLOCKED: MarkRow['lock'] = { head: { ...STAMP, revision: 3 }, frozen: null };

/** A criterion whose max is a whole number of steps, as the organizer's screen allows. */
const criterion = fc
  .record({ step: fc.constantFrom(1, 5, 10, 25, 50, 100), steps: fc.integer({ min: 1, max: 400 }) })
  .map(
    ({ step, steps }): Criterion => ({
      id: 'c1',
      label: '内容',
      max: step * steps,
      points: step * steps,
      step,
    }),
  );

describe('markRefusal', () => {
  it('refuses a value exactly when the engine’s checkSingleMark does, with its issue', () => {
    fc.assert(
      fc.property(criterion, fc.integer({ min: -1000, max: 50_000 }), (sheet, value) => {
        const refusal = markRefusal(sheetWrite([sheet]), { criterionId: 'c1', value, cell: undefined });
        const issue = checkSingleMark(
          value,
          { ...sheet, id: sheet.label },
          { judge: '王评委', contestant: '张三' },
        );
        expect(refusal).toEqual(issue ? { code: 'mark-value', issue } : null);
      }),
    );
  });

  it('refuses a frozen cell, a submitted sheet, a recused judge or an inactive contestant whatever the value', () => {
    fc.assert(
      fc.property(criterion, fc.option(fc.integer({ min: 0, max: 50_000 })), (sheet, value) => {
        const mark = { criterionId: 'c1', value };
        const write = sheetWrite([sheet]);
        expect(markRefusal(write, { ...mark, cell: cell('c1', 800, FROZEN) })).toEqual({
          code: 'contestant-locked',
        });
        expect(
          markRefusal(
            {
              ...write,
              sheet: { roundId: 'R1', judgeId: 'J1', contestantId: 'P1', status: 'submitted', head: STAMP },
            },
            {
              ...mark,
              cell: undefined,
            },
          ),
        ).toEqual({ code: 'sheet-submitted' });
        expect(
          markRefusal(
            { ...write, judge: { ...write.judge, unit: ' 三工镇 ' } },
            { ...mark, cell: undefined },
          ),
        ).toEqual({ code: 'judge-recused', reason: 'sameUnit' });
        expect(
          markRefusal(
            { ...write, contestant: { ...write.contestant, status: 'withdrawn' } },
            { ...mark, cell: undefined },
          ),
        ).toEqual({ code: 'contestant-inactive' });
        expect(markRefusal({ ...write, simulated: true }, { ...mark, cell: undefined })).toEqual({
          code: 'rehearsal-invalid',
        });
      }),
    );
  });

  it('lets a cell through once a correction unlocked it, and a cell no reveal froze', () => {
    const write = sheetWrite([{ id: 'c1', label: '内容', max: 4000, points: 4000, step: 10 }]);
    expect(
      markRefusal(write, { criterionId: 'c1', value: 3500, cell: cell('c1', 800, UNLOCKED) }),
    ).toBeNull();
    expect(markRefusal(write, { criterionId: 'c1', value: 3500, cell: undefined })).toBeNull();
    expect(markRefusal(write, { criterionId: 'gone', value: 3500, cell: undefined })).toEqual({
      code: 'unknown-criterion',
    });
  });
});

describe('submitRefusal', () => {
  const criteria: Criterion[] = [
    { id: 'c1', label: '内容', max: 4000, points: 4000, step: 10 },
    { id: 'c2', label: '形象风采', max: 1500, points: 1500, step: 10 },
  ];

  it('names the criteria not marked, a cleared one included', () => {
    const write = sheetWrite(criteria);
    expect(submitRefusal(write, [cell('c1', 3500), cell('c2', null)])).toEqual({
      code: 'sheet-incomplete',
      missing: [criteria[1]],
    });
    expect(submitRefusal(write, [cell('c1', 3500), cell('c2', 1200)])).toBeNull();
  });

  it('refuses a sheet with a frozen cell, and lets a submitted one through as it is', () => {
    const write = sheetWrite(criteria);
    expect(submitRefusal(write, [cell('c1', 3500, FROZEN), cell('c2', 1200)])).toEqual({
      code: 'contestant-locked',
    });
    const submitted = {
      roundId: 'R1',
      judgeId: 'J1',
      contestantId: 'P1',
      status: 'submitted' as const,
      head: STAMP,
    };
    expect(submitRefusal({ ...write, sheet: submitted }, [])).toBeNull();
  });
});

describe('rater groups: a judge marks only its group’s criteria', () => {
  const criteria: Criterion[] = [
    { id: 'c1', label: '内容', max: 4000, points: 4000, step: 10 },
    { id: 'vote', label: '大众投票', max: 100, points: 100, step: 100 },
  ];
  const groups = [
    { id: 'expert', label: '专家评委', weight: 7000, criteria: ['c1'], panel: null, minJudges: null },
    { id: 'public', label: '大众评审', weight: 3000, criteria: ['vote'], panel: null, minJudges: null },
  ];
  const write = (group: string | undefined) => {
    const plain = sheetWrite(criteria);
    const { group: _, ...judge } = plain.judge;
    return {
      ...plain,
      round: { ...plain.round, settings: { ...DEFAULT_SETTINGS, minJudges: null, groups } },
      judge: group === undefined ? judge : { ...judge, group },
    };
  };

  it('refuses a mark outside the group, before its value is looked at', () => {
    expect(markRefusal(write('public'), { criterionId: 'c1', value: 3500, cell: undefined })).toEqual({
      code: 'criterion-outside-group',
      criterion: criteria[0],
    });
    expect(markRefusal(write('public'), { criterionId: 'vote', value: 100, cell: undefined })).toBeNull();
    expect(markRefusal(write('expert'), { criterionId: 'c1', value: 3500, cell: undefined })).toBeNull();
  });

  it('refuses every mark and submission of a judge in none of the round’s groups', () => {
    for (const group of [undefined, 'leader']) {
      expect(markRefusal(write(group), { criterionId: 'c1', value: 3500, cell: undefined })).toEqual({
        code: 'judge-without-group',
      });
      expect(submitRefusal(write(group), [cell('c1', 3500)])).toEqual({ code: 'judge-without-group' });
    }
  });

  it('completes a sheet with the group’s criteria alone, and ignores a group in a round without groups', () => {
    expect(submitRefusal(write('expert'), [cell('c1', 3500)])).toBeNull();
    expect(submitRefusal(write('public'), [cell('c1', null)])).toEqual({
      code: 'sheet-incomplete',
      missing: [criteria[1]],
    });
    const plain = { ...sheetWrite(criteria), judge: { ...sheetWrite(criteria).judge, group: 'public' } };
    expect(markRefusal(plain, { criterionId: 'c1', value: 3500, cell: undefined })).toBeNull();
  });
});
