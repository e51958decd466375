/**
 * Reads of a round's scoring (marks, sheets, adjustments, corrections) and the demo's draws that screens need,
 * each named for what it returns.
 */

import type { AdjustmentRow, CorrectionRow, MarkRow, SheetRow } from '../../domain/events';
import type { Id } from '../../domain/model';
import { isDemoDraw } from '../../domain/purge';
import type { LeitaiDB } from '../database';

/** The rounds among these that have at least one mark (a cleared cell counts). */
export async function roundsWithMarks(db: LeitaiDB, roundIds: readonly Id[]): Promise<Set<Id>> {
  const marked = new Set<Id>();
  for (const roundId of roundIds) {
    if ((await db.marks.where('roundId').equals(roundId).limit(1).count()) > 0) marked.add(roundId);
  }
  return marked;
}

export interface ScoringRows {
  marks: MarkRow[];
  sheets: SheetRow[];
  adjustments: AdjustmentRow[];
  corrections: CorrectionRow[];
}

/** The round's marks, sheets, adjustments and correction requests, one snapshot. */
export function scoringRowsOfRound(db: LeitaiDB, roundId: Id): Promise<ScoringRows> {
  return db.transaction('r', [db.marks, db.sheets, db.adjustments, db.corrections], async () => ({
    marks: await db.marks.where('roundId').equals(roundId).toArray(),
    sheets: await db.sheets.where('roundId').equals(roundId).toArray(),
    adjustments: await adjustmentsOfRound(db, roundId),
    corrections: await db.corrections.where('roundId').equals(roundId).toArray(),
  }));
}

export function adjustmentsOfRound(db: LeitaiDB, roundId: Id): Promise<AdjustmentRow[]> {
  return db.adjustments.where('roundId').equals(roundId).toArray();
}

/** How many sheets of the round are submitted. */
export function submittedSheetCount(db: LeitaiDB, roundId: Id): Promise<number> {
  return db.sheets.where('roundId').equals(roundId).count();
}

/** Which of these judges have submitted their sheet of the contestant. */
export async function judgesWhoSubmitted(
  db: LeitaiDB,
  roundId: Id,
  contestantId: Id,
  judgeIds: readonly Id[],
): Promise<Set<Id>> {
  const sheets = await db.sheets.bulkGet(
    judgeIds.map((judgeId): [Id, Id, Id] => [roundId, judgeId, contestantId]),
  );
  return new Set(sheets.filter((sheet) => sheet !== undefined).map((sheet) => sheet.judgeId));
}

/** One judge's marks of one contestant (cleared cells included, as `value: null`). */
export function marksOfSheet(db: LeitaiDB, roundId: Id, judgeId: Id, contestantId: Id): Promise<MarkRow[]> {
  return db.marks.where('[roundId+judgeId+contestantId]').equals([roundId, judgeId, contestantId]).toArray();
}

/** Whether the competition has a draw with the demo's seed: a demo loaded before competitions carried `demo`. */
export async function hasDemoDraw(db: LeitaiDB, competitionId: Id): Promise<boolean> {
  const draws = await db.events.where('type').equals('draw.record').toArray();
  return draws.some((event) => event.competitionId === competitionId && isDemoDraw(event));
}
