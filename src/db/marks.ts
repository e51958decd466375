/** A judge's marks and the submission of their score sheet (评分表). */

import type { Author, MarkRow, SheetRow } from '../domain/events';
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
import { RepositoryError } from './errors';
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

const RECUSAL_EXPLAINED: Record<RecusalReason, (judge: JudgeRecord, contestant: ContestantRecord) => string> =
  {
    sameUnit: (judge, contestant) => `与选手“${contestant.name}”同属“${judge.unit}”`,
    unitContains: (judge, contestant) =>
      `的单位“${judge.unit}”与选手“${contestant.name}”的单位“${contestant.unit}”相互包含`,
    recuseList: (_judge, contestant) => `的回避名单包括选手“${contestant.name}”`,
  };

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
  switch (refusal.code) {
    case 'rehearsal-invalid':
      throw new RepositoryError('rehearsal-invalid', `轮次“${round.name}”不是彩排轮次，不能写入模拟评分`);
    case 'contestant-inactive':
      throw new RepositoryError(
        'contestant-inactive',
        `选手“${contestant.name}”已退赛或被取消资格，不能评分`,
      );
    case 'judge-recused':
      throw new RepositoryError(
        'judge-recused',
        `评委“${judge.name}”${RECUSAL_EXPLAINED[refusal.reason](judge, contestant)}，应当回避，不能评分`,
      );
    case 'contestant-locked':
      throw new RepositoryError(
        'contestant-locked',
        `选手“${contestant.name}”的成绩已公布，评分已锁定；如需修改，请向主持人申请修改`,
      );
    case 'unknown-criterion':
      throw new RepositoryError(
        'unknown-criterion',
        `评委“${judge.name}”给选手“${contestant.name}”打分的评分项不在本轮次的评分标准中`,
      );
    case 'sheet-submitted':
      throw new RepositoryError(
        'sheet-submitted',
        `评委“${judge.name}”对选手“${contestant.name}”的评分表已提交；如需修改，请申请修改`,
      );
    case 'mark-value':
      throw markValueError(refusal.issue);
    case 'sheet-incomplete':
      throw new RepositoryError(
        'sheet-incomplete',
        `评委“${judge.name}”对选手“${contestant.name}”还有评分项未打分：${refusal.missing.map((c) => c.label).join('、')}`,
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
  return markTransaction(db, async () => {
    const write = await readSheet(db, ref, simulated);
    const cells = await db.marks
      .where('[roundId+judgeId+contestantId]')
      .equals([ref.roundId, ref.judgeId, ref.contestantId])
      .toArray();
    const refusal = submitRefusal(write, cells);
    if (refusal) refuse(write, refusal);
    if (write.sheet?.status === 'submitted') return write.sheet;
    await appendLocalEvent(db, {
      type: 'sheet.submit',
      author: authorOf(ref.judgeId, simulated),
      ...roundScope(write.round),
      payload: {
        judgeId: ref.judgeId,
        contestantId: ref.contestantId,
        revision: (write.sheet?.head.revision ?? 0) + 1,
      },
    });
    return (await db.sheets.get([ref.roundId, ref.judgeId, ref.contestantId])) as SheetRow;
  });
}
