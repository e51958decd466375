/**
 * The one check of a judge's mark and of a sheet's submission (提交), before the write: who may
 * score whom, whether the sheet is still open, and the value by the engine's own rule
 * (`checkSingleMark`). The repository (src/db/marks.ts) reads the records it needs by their keys,
 * asks here, and words a refusal; nothing else on a mark's path checks it again. Pure: no
 * engine, no stage, so that writing a mark loads neither.
 */

import { isMarkLocked, type MarkRow, type SheetRow } from './events.ts';
import { judgeCriteria, judgeGroupOf, judgeMarksCriterion } from './groups.ts';
import type { Issue } from './issues.ts';
import type { Criterion, Hundredths, Id } from './model.ts';
import { isRehearsalRound } from './purge.ts';
import type { ContestantRecord, JudgeRecord, RoundRecord } from './records.ts';
import { type RecusalReason, recusalReason } from './recusal.ts';
import { checkSingleMark } from './validate.ts';

/** One judge's sheet for one contestant, as stored when the write is asked for. */
export interface SheetWrite {
  round: RoundRecord;
  judge: JudgeRecord;
  contestant: ContestantRecord;
  /** The sheet's row: undefined while it was never submitted. */
  sheet: SheetRow | undefined;
  /** Written by a rehearsal's simulation (as the organizer), allowed in a 彩排 round only. */
  simulated: boolean;
}

/** Why nobody may write on this sheet now, mark or submission alike. */
export type SheetRefusal =
  | { code: 'rehearsal-invalid' }
  | { code: 'contestant-inactive' }
  | { code: 'judge-recused'; reason: RecusalReason }
  /** The round has rater groups and none of them is the judge's. */
  | { code: 'judge-without-group' }
  | { code: 'contestant-locked' };

export type MarkRefusal =
  | SheetRefusal
  | { code: 'unknown-criterion' }
  /** A judge marks only its group's criteria (./groups.ts). */
  | { code: 'criterion-outside-group'; criterion: Criterion }
  | { code: 'sheet-submitted' }
  /** The value breaks the criterion's rule; the issue names the criterion by its label. */
  | { code: 'mark-value'; issue: Issue };

export type SubmitRefusal = SheetRefusal | { code: 'sheet-incomplete'; missing: Criterion[] };

function sheetRefusal(write: SheetWrite, locked: boolean): SheetRefusal | null {
  const { round, judge, contestant } = write;
  if (write.simulated && !isRehearsalRound(round)) return { code: 'rehearsal-invalid' };
  if (contestant.status !== 'active') return { code: 'contestant-inactive' };
  const reason = recusalReason(judge, contestant, round.settings.recusal);
  if (reason !== null) return { code: 'judge-recused', reason };
  if (round.settings.groups && !judgeGroupOf(round.settings, judge)) return { code: 'judge-without-group' };
  if (locked) return { code: 'contestant-locked' };
  return null;
}

/**
 * Why this mark cannot be written, or null when it can. `cell` is the mark's row (undefined
 * when never marked); `value` null clears the cell.
 */
export function markRefusal(
  write: SheetWrite,
  mark: { criterionId: Id; value: Hundredths | null; cell: MarkRow | undefined },
): MarkRefusal | null {
  const refused = sheetRefusal(write, isMarkLocked(mark.cell));
  if (refused) return refused;
  const criterion = write.round.criteria.find((candidate) => candidate.id === mark.criterionId);
  if (!criterion) return { code: 'unknown-criterion' };
  if (!judgeMarksCriterion(write.round.settings, write.judge, criterion.id))
    return { code: 'criterion-outside-group', criterion };
  if (write.sheet?.status === 'submitted') return { code: 'sheet-submitted' };
  if (mark.value === null) return null;
  // Named by its label alone: the engine would add the (random, unreadable) id to the label.
  const issue = checkSingleMark(
    mark.value,
    { ...criterion, id: criterion.label },
    { judge: write.judge.name, contestant: write.contestant.name },
  );
  return issue ? { code: 'mark-value', issue } : null;
}

/**
 * Why the sheet cannot be submitted, or null when it can (or already is: submitting again
 * writes nothing). `cells` are the sheet's mark rows; a sheet with a frozen cell is locked.
 */
export function submitRefusal(write: SheetWrite, cells: readonly MarkRow[]): SubmitRefusal | null {
  const refused = sheetRefusal(write, cells.some(isMarkLocked));
  if (refused) return refused;
  if (write.sheet?.status === 'submitted') return null;
  const marked = new Set(cells.filter((cell) => cell.value !== null).map((cell) => cell.criterionId));
  // The judge's own criteria: its group's when the round has groups.
  const missing = judgeCriteria(write.round.settings, write.judge, write.round.criteria).filter(
    (criterion) => !marked.has(criterion.id),
  );
  return missing.length > 0 ? { code: 'sheet-incomplete', missing } : null;
}
