/**
 * What the judge screen shows, computed from the rows it reads: the state of each contestant
 * for this judge, what each criterion cell shows, and the running total. Pure: no React, no DB.
 */

import { checkDraftText, type DraftCheck, type DraftRow } from '../../db/repository';
import { formatHundredths } from '../../domain/decimal';
import { type CorrectionRow, compareRevision, type MarkRow, type SheetRow } from '../../domain/events';
import type { Criterion, Id, RecusalRule, RoundSettings } from '../../domain/model';
import { add, fromSafeIntegers, type Rational, ZERO } from '../../domain/rational';
import type { ContestantRecord, JudgeRecord } from '../../domain/records';
import { isRecusedFrom } from '../../domain/recusal';
import { formatShown, shownDecimals } from '../../domain/shown';

export type ContestantState =
  | 'submitted'
  | 'reopened'
  | 'inProgress'
  | 'notStarted'
  /** 回避 (src/domain/recusal.ts). */
  | 'recused'
  /** Withdrawn or disqualified: nobody scores them. */
  | 'inactive';

export function contestantState(
  judge: JudgeRecord,
  contestant: ContestantRecord,
  sheet: SheetRow | undefined,
  touched: boolean,
  recusal: RecusalRule | undefined,
): ContestantState {
  if (contestant.status !== 'active') return 'inactive';
  if (isRecusedFrom(judge, contestant, recusal)) return 'recused';
  if (sheet?.status === 'submitted') return 'submitted';
  if (sheet?.status === 'reopened') return 'reopened';
  return touched ? 'inProgress' : 'notStarted';
}

/** What one criterion cell shows: a draft as typed, else the confirmed mark, else nothing. */
export interface CellView {
  criterion: Criterion;
  /** The text in the box. */
  text: string;
  /** Typed and not confirmed yet. */
  isDraft: boolean;
  /** The confirmed mark, if any. */
  mark: MarkRow | undefined;
  /** The check of the draft; null without a draft. */
  check: DraftCheck | null;
  /** The value the total and the steppers use: a valid draft, else the mark. */
  value: number | null;
}

export function cellViews(
  criteria: readonly Criterion[],
  marks: readonly MarkRow[],
  drafts: readonly DraftRow[],
): CellView[] {
  const markBy = new Map(marks.map((mark) => [mark.criterionId, mark]));
  const draftBy = new Map(drafts.map((draft) => [draft.criterionId, draft]));
  return criteria.map((criterion) => {
    const mark = markBy.get(criterion.id);
    const draft = draftBy.get(criterion.id);
    const markValue = mark?.value ?? null;
    if (draft) {
      const check = checkDraftText(criterion, draft.text);
      return {
        criterion,
        text: draft.text,
        isDraft: true,
        mark,
        check,
        value: check.ok ? check.value : null,
      };
    }
    return {
      criterion,
      text: markValue === null ? '' : formatHundredths(markValue),
      isDraft: false,
      mark,
      check: null,
      value: markValue,
    };
  });
}

export interface SheetTotal {
  /**
   * The judge total as the rules define it (mark x points / max, summed), as text with the
   * decimals the host and the projector show a judge's total with (85.50, not 85.5).
   */
  text: string;
  /** True when the total had to be rounded to those decimals to be shown. */
  rounded: boolean;
  /** The sheet's full total: the sum of the points. */
  fullText: string;
  filled: number;
}

/** The running total T(j,p) of the scoring rules over the cells that have a value. */
export function sheetTotal(
  cells: readonly CellView[],
  settings: Pick<RoundSettings, 'decimals' | 'rounding'>,
): SheetTotal {
  let total: Rational = ZERO;
  let full = 0;
  let filled = 0;
  for (const cell of cells) {
    full += cell.criterion.points;
    if (cell.value === null) continue;
    filled++;
    // (value / 100) x points / max: the mark in points of the total.
    total = add(total, fromSafeIntegers(cell.value * cell.criterion.points, cell.criterion.max * 100));
  }
  return {
    text: formatShown(total, settings),
    rounded: 10n ** BigInt(shownDecimals(settings)) % total.den !== 0n,
    fullText: formatHundredths(full),
    filled,
  };
}

/** The correction request that matters for a sheet: a pending one, else the latest one. */
export function latestCorrection(
  corrections: readonly CorrectionRow[],
  contestantId: Id,
): CorrectionRow | undefined {
  let latest: CorrectionRow | undefined;
  for (const row of corrections) {
    if (row.request?.contestantId !== contestantId) continue;
    if (row.decision === null) return row;
    if (!latest?.request || compareRevision(row.request.head, latest.request.head) > 0) latest = row;
  }
  return latest;
}
