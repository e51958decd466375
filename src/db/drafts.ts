/**
 * Drafts: what a judge has typed into a mark and not confirmed yet.
 *
 * The model (issue 4). Every keystroke is saved at once in the device-local `drafts` table, in
 * its own small transaction, so a reload, a closed tab or a crash loses nothing that was typed.
 * A keystroke is NOT an event: the log, and sync, would otherwise carry one event per digit,
 * and a half-typed "3" on the way to "38" would reach the host as a mark. A draft becomes a
 * mark (a `mark.set` event through enterMark) when the judge confirms it: the keypad's 确定,
 * moving to another criterion or contestant, a stepper, or 提交. The mark and the removal of
 * the draft commit in one transaction, so a cell is never both, or neither.
 */

import Dexie from 'dexie';
import { formatHundredths, parseHundredths } from '../domain/decimal';
import type { MarkRow } from '../domain/events';
import type { IssueCode } from '../domain/issues';
import type { Criterion, Hundredths, Id } from '../domain/model';
import { checkSingleMark } from '../domain/validate';
import type { DraftRow, LeitaiDB } from './database';
import { getRound } from './entities';
import { because, RepositoryError } from './errors';
import { enterMark, markTables, type SheetRef } from './marks';

/** One mark's place: a judge's sheet for a contestant, on one criterion. */
export interface MarkCell extends SheetRef {
  criterionId: Id;
}

export type KeypadKey =
  | '0'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9'
  | '.'
  | 'backspace'
  | 'clear';

/** Longer text cannot be a mark of any sheet; the error beside the criterion already says so. */
const MAX_DRAFT_LENGTH = 7;

/** The keypad's editing rule, as on a calculator: "0" then "4" is "4", "." first is "0.". */
export function editDraftText(text: string, key: KeypadKey): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return text.slice(0, -1);
  if (text.length >= MAX_DRAFT_LENGTH) return text;
  if (key === '.') {
    if (text.includes('.')) return text;
    return text === '' ? '0.' : `${text}.`;
  }
  return text === '0' ? key : text + key;
}

/** Why a draft cannot become a mark: the domain's issue code, or `empty`. */
export type DraftProblemCode =
  | 'empty'
  | Extract<
      IssueCode,
      'tooManyDecimals' | 'markNegative' | 'markAboveMax' | 'markOffStep' | 'notANumber' | 'tooLarge'
    >;

export type DraftCheck =
  | { ok: true; value: Hundredths }
  | { ok: false; code: DraftProblemCode; params: Record<string, string | number> };

/**
 * Whether typed text is a mark of this criterion, by the engine's own rule (checkSingleMark):
 * 0 to max, on the step, whole hundredths. The params are ready to show: max and step as the
 * sheet prints them.
 */
export function checkDraftText(criterion: Criterion, text: string): DraftCheck {
  const params = {
    max: formatHundredths(criterion.max),
    step: formatHundredths(criterion.step),
    value: text,
  };
  if (text.trim() === '') return { ok: false, code: 'empty', params };
  const parsed = parseHundredths(text);
  if (!parsed.ok) return { ok: false, code: parsed.reason, params };
  const issue = checkSingleMark(parsed.value, criterion, { judge: '', contestant: '' });
  if (issue) return { ok: false, code: issue.code as DraftProblemCode, params };
  return { ok: true, value: parsed.value };
}

function cellKey(cell: MarkCell): [Id, Id, Id, Id] {
  return [cell.roundId, cell.judgeId, cell.contestantId, cell.criterionId];
}

/**
 * One keystroke, saved before it resolves. The text is read and written in one transaction,
 * and IndexedDB runs them in order, so fast typing never loses a digit. Without a draft, typing
 * replaces the confirmed mark (as on a calculator) and backspace edits it.
 */
export function pressKey(db: LeitaiDB, cell: MarkCell, key: KeypadKey): Promise<DraftRow> {
  return db.transaction('rw', [db.drafts, db.marks], async () => {
    const key4 = cellKey(cell);
    const draft = await db.drafts.get(key4);
    let base = draft?.text;
    if (base === undefined) {
      const mark = key === 'backspace' ? await db.marks.get(key4) : undefined;
      base = mark?.value == null ? '' : formatHundredths(mark.value);
    }
    const row: DraftRow = {
      roundId: cell.roundId,
      judgeId: cell.judgeId,
      contestantId: cell.contestantId,
      criterionId: cell.criterionId,
      text: editDraftText(base, key),
    };
    await db.drafts.put(row);
    return row;
  });
}

export type CommitResult =
  | { status: 'committed'; mark: MarkRow | undefined }
  /** Nothing typed since the last commit: the cell's mark, if any, stays. */
  | { status: 'unchanged'; mark: MarkRow | undefined }
  /** The draft stays, as typed, and the screen says why beside the criterion. */
  | { status: 'invalid'; check: Extract<DraftCheck, { ok: false }> };

async function commitInTransaction(
  db: LeitaiDB,
  cell: MarkCell,
  criterion: Criterion,
): Promise<CommitResult> {
  const key = cellKey(cell);
  const draft = await db.drafts.get(key);
  if (!draft) return { status: 'unchanged', mark: await db.marks.get(key) };
  const check = checkDraftText(criterion, draft.text);
  if (!check.ok) return { status: 'invalid', check };
  const mark = await enterMark(db, { ...cell, value: check.value });
  await db.drafts.delete(key);
  return { status: 'committed', mark };
}

/** A draft becoming a mark: the mark's tables and the drafts, in one transaction. */
function commitTransaction<T>(db: LeitaiDB, work: () => Promise<T>): Promise<T> {
  return db.transaction('rw', [...markTables(db), db.drafts], work);
}

function criterionOf(criteria: readonly Criterion[], criterionId: Id): Criterion {
  const criterion = criteria.find((candidate) => candidate.id === criterionId);
  if (!criterion) throw new RepositoryError('unknown-criterion', because('criterionNotInRound'));
  return criterion;
}

/** Turns a cell's draft into a mark (a `mark.set` event), or says why it cannot. */
export function commitDraft(db: LeitaiDB, cell: MarkCell): Promise<CommitResult> {
  return commitTransaction(db, async () => {
    const round = await getRound(db, cell.roundId);
    return commitInTransaction(db, cell, criterionOf(round.criteria, cell.criterionId));
  });
}

/**
 * Commits every draft of a sheet, as before 提交: the valid ones become marks in one
 * transaction; the invalid ones stay and are returned by criterion id.
 */
export function commitSheetDrafts(
  db: LeitaiDB,
  ref: SheetRef,
): Promise<Map<Id, Extract<DraftCheck, { ok: false }>>> {
  return commitTransaction(db, async () => {
    const round = await getRound(db, ref.roundId);
    const drafts = await sheetDrafts(db, ref).toArray();
    const invalid = new Map<Id, Extract<DraftCheck, { ok: false }>>();
    for (const { criterionId } of drafts) {
      const cell = { ...ref, criterionId };
      const result = await commitInTransaction(db, cell, criterionOf(round.criteria, criterionId));
      if (result.status === 'invalid') invalid.set(criterionId, result.check);
    }
    return invalid;
  });
}

/**
 * The stepper: one step up or down from what the cell shows (a valid draft, else the mark),
 * committed at once. Refused beyond 0 or max, never clamped; the screen disables the button.
 */
export function stepMark(db: LeitaiDB, cell: MarkCell, direction: 1 | -1): Promise<MarkRow | undefined> {
  return commitTransaction(db, async () => {
    const round = await getRound(db, cell.roundId);
    const criterion = criterionOf(round.criteria, cell.criterionId);
    const key = cellKey(cell);
    const draft = await db.drafts.get(key);
    const draftCheck = draft ? checkDraftText(criterion, draft.text) : null;
    const base = draftCheck?.ok ? draftCheck.value : (await db.marks.get(key))?.value;
    if (base == null) {
      throw new RepositoryError('invalid-field', because('markEmpty', { criterion: criterion.label }));
    }
    const mark = await enterMark(db, { ...cell, value: base + direction * criterion.step });
    // Only a draft that was there: a delete re-runs every live query of the judge's drafts.
    if (draft) await db.drafts.delete(key);
    return mark;
  });
}

/** The drafts of one sheet (a Dexie collection: useLiveQuery or toArray). */
export function sheetDrafts(db: LeitaiDB, ref: SheetRef) {
  return db.drafts
    .where('[roundId+judgeId+contestantId+criterionId]')
    .between(
      [ref.roundId, ref.judgeId, ref.contestantId, Dexie.minKey],
      [ref.roundId, ref.judgeId, ref.contestantId, Dexie.maxKey],
    );
}

/** Every draft of a judge in a round. */
export function judgeDrafts(db: LeitaiDB, roundId: Id, judgeId: Id) {
  return db.drafts
    .where('[roundId+judgeId+contestantId+criterionId]')
    .between([roundId, judgeId, Dexie.minKey, Dexie.minKey], [roundId, judgeId, Dexie.maxKey, Dexie.maxKey]);
}
