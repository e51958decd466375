/** What the sheet shows: cells from marks and drafts, the running total, recusal. */

import { describe, expect, it } from 'vitest';
import { cellViews, contestantState, sheetTotal } from '../../../src/app/judge/sheet-view';
import { isScorable } from '../../../src/db/repository';
import { computeStandings } from '../../../src/domain/engine';
import type { MarkRow } from '../../../src/domain/events';
import { type Criterion, DEFAULT_SETTINGS, type RoundSettings } from '../../../src/domain/model';
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

const twoDecimals: RoundSettings = { ...DEFAULT_SETTINGS, decimals: 2, rounding: 'half-up' };

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
    expect(sheetTotal(cells, twoDecimals)).toEqual({
      text: '82.90',
      rounded: false,
      fullText: '100',
      filled: 3,
    });
  });

  it('leaves an invalid draft and a cleared mark out of the total', () => {
    const cells = cellViews(weighted, [mark('content', 850), mark('form', null)], [draft('effect', '11')]);
    expect(cells[2]?.check).toMatchObject({ ok: false, code: 'markAboveMax' });
    expect(sheetTotal(cells, twoDecimals)).toMatchObject({ text: '34.00', filled: 1 });
  });

  it('says when a total had to be rounded to be shown', () => {
    const thirds: Criterion[] = [{ id: 'a', label: 'A', max: 300, points: 1000, step: 100 }];
    expect(sheetTotal(cellViews(thirds, [mark('a', 100)], []), twoDecimals)).toMatchObject({
      text: '3.33',
      rounded: true,
    });
  });
});

// The tablets showed 85.5 and 88 where the host and the projector show 85.50 and 88.00 (issue 12).
describe('the running total has the decimals the host shows a judge total with', () => {
  const sheet: Criterion[] = [
    { id: 'content', label: '内容', max: 4000, points: 4000, step: 10 },
    { id: 'presence', label: '形象风采', max: 1500, points: 1500, step: 10 },
    { id: 'language', label: '语言表达', max: 2000, points: 2000, step: 10 },
    { id: 'slides', label: 'PPT制作', max: 1500, points: 1500, step: 10 },
    { id: 'overall', label: '综合印象', max: 1000, points: 1000, step: 10 },
  ];
  const totalOf = (values: number[], settings: RoundSettings) =>
    sheetTotal(
      cellViews(
        sheet,
        values.map((value, at) => mark((sheet[at] as Criterion).id, value)),
        [],
      ),
      settings,
    ).text;

  it('pads to the round decimals: 85.50 and 88.00, not 85.5 and 88', () => {
    expect(totalOf([3600, 1300, 1750, 1200, 700], twoDecimals)).toBe('85.50');
    expect(totalOf([3600, 1300, 1800, 1300, 800], twoDecimals)).toBe('88.00');
    expect(totalOf([3600, 1300, 1750, 1200, 700], { ...twoDecimals, decimals: 3 })).toBe('85.500');
    // Fewer than two decimals announced: a judge total is still shown with two, as on the host.
    expect(totalOf([3600, 1300, 1750, 1200, 700], { ...twoDecimals, decimals: 1 })).toBe('85.50');
  });

  it('rounds as the round says', () => {
    const thirds: Criterion[] = [{ id: 'a', label: 'A', max: 300, points: 200, step: 100 }];
    const shown = (rounding: RoundSettings['rounding']) =>
      sheetTotal(cellViews(thirds, [mark('a', 100)], []), { ...twoDecimals, rounding });
    expect(shown('half-up')).toMatchObject({ text: '0.67', rounded: true });
    expect(shown('down')).toMatchObject({ text: '0.66', rounded: true });
  });

  it('equals the judge total the engine gives the host and the projector', () => {
    // Steps of 0.05, and 形象风采 worth 10 points for a max of 15: a total in thirds (83.0833…).
    const weightedSheet: Criterion[] = sheet.map((criterion) => ({
      ...criterion,
      step: 5,
      points: criterion.id === 'presence' ? 1000 : criterion.points,
    }));
    const values = [3650, 1325, 1755, 1205, 815];
    const weightedTotal = (settings: RoundSettings) =>
      sheetTotal(
        cellViews(
          weightedSheet,
          values.map((value, at) => mark((weightedSheet[at] as Criterion).id, value)),
          [],
        ),
        settings,
      ).text;
    for (const decimals of [0, 1, 2, 3, 4]) {
      const settings: RoundSettings = { ...DEFAULT_SETTINGS, panel: { kind: 'mean' }, decimals };
      const standings = computeStandings({
        criteria: weightedSheet,
        judges: [{ id: 'j', name: '王评委', weight: 100, unit: null }],
        contestants: [{ id: 'p', name: '阿依古丽·买买提', unit: null, draw: 1, status: 'active' }],
        marks: values.map((value, at) => ({
          judge: 'j',
          contestant: 'p',
          criterion: (weightedSheet[at] as Criterion).id,
          value,
        })),
        adjustments: [],
        settings,
      });
      const hostShows = standings.ranked[0]?.judgeTotals[0]?.shown;
      expect(weightedTotal(settings), `decimals ${decimals}`).toBe(hostShows);
    }
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
