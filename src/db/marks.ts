/** A judge's marks and the submission of their score sheet (评分表). */

import type { Author, MarkRow, SheetRow, SheetSignature } from '../domain/events';
import {
  type MarkRefusal,
  markRefusal,
  type SheetWrite,
  type SubmitRefusal,
  submitRefusal,
} from '../domain/mark-write';
import type { Hundredths, Id } from '../domain/model';
import type { ContestantRecord, JudgeRecord } from '../domain/records';
import type { RecusalReason } from '../domain/recusal';
import type { LeitaiDB } from './database';
import { getContestant, getJudge, getRound, roundScope } from './entities';
import { because, type Reason, RepositoryError } from './errors';
import { markValueError } from './guards';
import { appendLocalEvent } from './log';

export interface SheetRef {
  roundId: Id;
  judgeId: Id;
  contestantId: Id;
}

export interface MarkEntry extends SheetRef {
  criterionId: Id;
  /** Hundredths, or null to clear the cell. */
  value: Hundredths | null;
}

/**
 * The reason a recused judge is refused, by the domain's recusal reason. A unit recusal is found
 * only between non-empty units (domain/recusal.ts): the `?? ''` is for the type only.
 */
function recusalRefusal(reason: RecusalReason, judge: JudgeRecord, contestant: ContestantRecord): Reason {
  const who = { judge: judge.name, contestant: contestant.name };
  switch (reason) {
    case 'sameUnit':
      return because('recusedSameUnit', { ...who, unit: judge.unit ?? '' });
    case 'unitContains':
      return because('recusedUnitContains', {
        ...who,
        judgeUnit: judge.unit ?? '',
        contestantUnit: contestant.unit ?? '',
      });
    case 'recuseList':
      return because('recusedByList', who);
  }
}

/**
 * The tables a mark or a submission reads and writes: the sheet's records by their keys, the
 * log, the projections and the outbox. Not every table, so that a judge's write waits for no
 * live query of another table, and nothing of the stage is read.
 */
export function markTables(db: LeitaiDB) {
  return [db.rounds, db.judges, db.contestants, db.sheets, db.marks, db.device, db.events, db.outbox];
}

/** One write of a judge's sheet: its event, projection and outbox row commit together. */
export function markTransaction<T>(db: LeitaiDB, work: () => Promise<T>): Promise<T> {
  return db.transaction('rw', markTables(db), work);
}

/** The judge's own tablet writes as the judge; a rehearsal's simulation writes as the organizer. */
function authorOf(judgeId: Id, simulated: boolean): Author {
  return simulated ? { role: 'organizer' } : { role: 'judge', judgeId };
}

/** The sheet's records, each read by its key. */
async function readSheet(db: LeitaiDB, ref: SheetRef, simulated: boolean): Promise<SheetWrite> {
  const round = await getRound(db, ref.roundId);
  const judge = await getJudge(db, ref.roundId, ref.judgeId);
  const contestant = await getContestant(db, ref.roundId, ref.contestantId);
  const sheet = await db.sheets.get([ref.roundId, ref.judgeId, ref.contestantId]);
  return { round, judge, contestant, sheet, simulated };
}

/** Throws the repository's error for a refusal of the domain's check (./domain/mark-write.ts). */
function refuse(write: SheetWrite, refusal: MarkRefusal | SubmitRefusal): never {
  const { round, judge, contestant } = write;
  const who = { judge: judge.name, contestant: contestant.name };
  switch (refusal.code) {
    case 'rehearsal-invalid':
      throw new RepositoryError(
        'rehearsal-invalid',
        because('simulatedOutsideRehearsal', { round: round.name }),
      );
    case 'contestant-inactive':
      throw new RepositoryError(
        'contestant-inactive',
        because('inactiveMark', { contestant: contestant.name }),
      );
    case 'judge-recused':
      throw new RepositoryError('judge-recused', recusalRefusal(refusal.reason, judge, contestant));
    case 'contestant-locked':
      throw new RepositoryError('contestant-locked', because('markLocked', { contestant: contestant.name }));
    case 'unknown-criterion':
      throw new RepositoryError('unknown-criterion', because('markCriterionUnknown', who));
    case 'criterion-outside-group':
      throw new RepositoryError(
        'unknown-criterion',
        because('markCriterionOutsideGroup', { ...who, criterion: refusal.criterion.label }),
      );
    case 'judge-without-group':
      throw new RepositoryError('unknown-judge', because('judgeWithoutGroup', { ...who, round: round.name }));
    case 'sheet-submitted':
      throw new RepositoryError('sheet-submitted', because('sheetSubmitted', who));
    case 'mark-value':
      throw markValueError(refusal.issue);
    case 'sheet-incomplete':
      throw new RepositoryError(
        'sheet-incomplete',
        because('sheetIncomplete', { ...who, criteria: refusal.missing.map((criterion) => criterion.label) }),
      );
  }
}

/**
 * Sets or clears one mark (`simulated`: by a rehearsal's simulation, see submitSheet). Re-entering the value the cell already holds writes nothing (a
 * screen may save on every blur); otherwise the event supersedes the cell's revision.
 * Resolves to the cell after the write: undefined only when an empty cell was cleared.
 */
export function enterMark(db: LeitaiDB, entry: MarkEntry, simulated = false): Promise<MarkRow | undefined> {
  return markTransaction(db, async () => {
    const write = await readSheet(db, entry, simulated);
    const key: [Id, Id, Id, Id] = [entry.roundId, entry.judgeId, entry.contestantId, entry.criterionId];
    const current = await db.marks.get(key);
    const refusal = markRefusal(write, { criterionId: entry.criterionId, value: entry.value, cell: current });
    if (refusal) refuse(write, refusal);
    // Nothing changes (an unchanged value, or clearing a cell never marked): nothing to record.
    if ((current?.value ?? null) === entry.value) return current;
    await appendLocalEvent(db, {
      type: 'mark.set',
      author: authorOf(entry.judgeId, simulated),
      ...roundScope(write.round),
      payload: {
        judgeId: entry.judgeId,
        contestantId: entry.contestantId,
        criterionId: entry.criterionId,
        value: entry.value,
        revision: (current?.head.revision ?? 0) + 1,
      },
    });
    return db.marks.get(key);
  });
}

/**
 * Sends the sheet to the host; every criterion must be marked. `simulated`: written by a
 * rehearsal's simulation (as the organizer), in a rehearsal round only.
 */
export function submitSheet(db: LeitaiDB, ref: SheetRef, simulated = false): Promise<SheetRow> {
  return markTransaction(db, async () => (await writeSubmission(db, ref, simulated, null)) as SheetRow);
}

/**
 * Writes the submission (with its signature, when signed) after the domain's check, inside the
 * caller's transaction. Null when `stillSigned` says the sheet changed since the signature was
 * made (a mark synced in meanwhile): the caller signs again (./signed-submit.ts), so a signature
 * never covers marks other than the stored ones.
 */
export async function writeSubmission(
  db: LeitaiDB,
  ref: SheetRef,
  simulated: boolean,
  signed: { signature: SheetSignature; stillSigned: () => Promise<boolean> } | null,
): Promise<SheetRow | null> {
  const write = await readSheet(db, ref, simulated);
  const cells = await db.marks
    .where('[roundId+judgeId+contestantId]')
    .equals([ref.roundId, ref.judgeId, ref.contestantId])
    .toArray();
  const refusal = submitRefusal(write, cells);
  if (refusal) refuse(write, refusal);
  if (write.sheet?.status === 'submitted') return write.sheet;
  if (signed && !(await signed.stillSigned())) return null;
  await appendLocalEvent(db, {
    type: 'sheet.submit',
    author: authorOf(ref.judgeId, simulated),
    ...roundScope(write.round),
    payload: {
      judgeId: ref.judgeId,
      contestantId: ref.contestantId,
      revision: (write.sheet?.head.revision ?? 0) + 1,
      ...(signed ? { signature: signed.signature } : {}),
    },
  });
  return (await db.sheets.get([ref.roundId, ref.judgeId, ref.contestantId])) as SheetRow;
}
