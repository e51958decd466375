/** What the sheet shows: cells from marks and drafts, the running total, recusal. */

import { describe, expect, it } from 'vitest';
import { cellViews, contestantState, isScorable, sheetTotal } from '../../../src/app/judge/sheet-view';
import type { MarkRow } from '../../../src/domain/events';
import type { Criterion } from '../../../src/domain/model';
import type { ContestantRecord, JudgeRecord } from '../../../src/domain/records';

const head = { revision: 1, deviceId: 'd', deviceSeq: 1, eventId: 'e' };
const mark = (criterionId: string, value: number | null): MarkRow => ({
  roundId: 'r',
  judgeId: 'j',
  contestantId: 'p',
  criterionId,
  value,
  head,
});
const draft = (criterionId: string, text: string) => ({
  roundId: 'r',
  judgeId: 'j',
  contestantId: 'p',
  criterionId,
  text,
});

describe('cellViews and sheetTotal', () => {
  const weighted: Criterion[] = [
    { id: 'content', label: '内容', max: 1000, points: 4000, step: 10 },
    { id: 'form', label: '形式', max: 1000, points: 3000, step: 10 },
    { id: 'effect', label: '效果', max: 1000, points: 3000, step: 10 },
  ];

  it('shows a draft over a mark, and totals mark x points / max exactly', () => {
    const cells = cellViews(weighted, [mark('content', 850), mark('form', 700)], [draft('effect', '9.3')]);
    expect(cells.map((cell) => [cell.text, cell.isDraft, cell.value])).toEqual([
      ['8.5', false, 850],
      ['7', false, 700],
      ['9.3', true, 930],
    ]);
    expect(sheetTotal(cells)).toEqual({ text: '82.9', rounded: false, fullText: '100', filled: 3 });
  });

  it('leaves an invalid draft and a cleared mark out of the total', () => {
    const cells = cellViews(weighted, [mark('content', 850), mark('form', null)], [draft('effect', '11')]);
    expect(cells[2]?.check).toMatchObject({ ok: false, code: 'markAboveMax' });
    expect(sheetTotal(cells)).toMatchObject({ text: '34', filled: 1 });
  });

  it('says when a total had to be rounded to be shown', () => {
    const thirds: Criterion[] = [{ id: 'a', label: 'A', max: 300, points: 1000, step: 100 }];
    expect(sheetTotal(cellViews(thirds, [mark('a', 100)], []))).toMatchObject({
      text: '3.33',
      rounded: true,
    });
  });
});

describe('contestantState', () => {
  const judge = { unit: '三工镇' } as JudgeRecord;
  const contestant = (unit: string | null, status: ContestantRecord['status'] = 'active') =>
    ({ id: 'p', unit, status }) as ContestantRecord;

  it('puts recusal and withdrawal before any sheet', () => {
    expect(isScorable(judge, contestant('三工镇'), 'equal')).toBe(false);
    expect(isScorable({ unit: '' } as JudgeRecord, contestant(''), 'equal')).toBe(true);
    expect(contestantState(judge, contestant('三工镇'), undefined, true, 'equal')).toBe('recused');
    expect(contestantState(judge, contestant('佃坝镇', 'withdrawn'), undefined, false, 'equal')).toBe(
      'inactive',
    );
    const sheet = { roundId: 'r', judgeId: 'j', contestantId: 'p', head };
    expect(
      contestantState(judge, contestant('佃坝镇'), { ...sheet, status: 'submitted' }, true, 'equal'),
    ).toBe('submitted');
    expect(
      contestantState(judge, contestant('佃坝镇'), { ...sheet, status: 'reopened' }, true, 'equal'),
    ).toBe('reopened');
    expect(contestantState(judge, contestant('佃坝镇'), undefined, true, 'equal')).toBe('inProgress');
    expect(contestantState(judge, contestant('佃坝镇'), undefined, false, 'equal')).toBe('notStarted');
  });

  it("follows the round's rule: a nested unit and the judge's own list recuse them too", () => {
    expect(contestantState(judge, contestant('三工镇下六工村'), undefined, false, 'contains')).toBe(
      'recused',
    );
    expect(contestantState(judge, contestant(' 三工镇 '), undefined, false, 'equal')).toBe('recused');
    const listed = { unit: null, recuse: { contestantIds: ['p'], units: [] } } as unknown as JudgeRecord;
    expect(isScorable(listed, contestant('佃坝镇'), 'equal')).toBe(false);
    expect(isScorable({ unit: '  ' } as JudgeRecord, contestant('  '), 'contains')).toBe(true);
  });
});
