/**
 * Which judge this tablet belongs to. The judge types their 8-digit join code (评委码) once,
 * confirms their name, and the device remembers them in the device-local `judgeSession` row
 * (never an event: the binding is this tablet's business, and the judge's marks carry their id
 * anyway). The row also keeps the sheet that is open, so a reload lands where the judge was.
 */

import { isJoinCode } from '../domain/join-code';
import type { Id } from '../domain/model';
import type { JudgeRecord } from '../domain/records';
import type { JudgeSessionRow, LeitaiDB } from './database';
import { RepositoryError } from './errors';

/**
 * The judges with this join code whose round is on this device: one, normally; none for a
 * mistyped code; two only if two organizers' devices drew the same code (the screen then asks
 * for staff). Only a whole 8-digit code is looked up: an outdated six-digit code must not bind,
 * and the empty code that other devices hold for every judge (the venue server shows the codes
 * to the organizer's device only) must never match.
 */
export function findJudgesByCode(db: LeitaiDB, code: string): Promise<JudgeRecord[]> {
  if (!isJoinCode(code)) return Promise.resolve([]);
  return db.transaction('r', [db.judges, db.rounds], async () => {
    const judges = await db.judges.where('joinCode').equals(code).toArray();
    const rounds = await db.rounds.bulkGet(judges.map((judge) => judge.roundId));
    return judges.filter((_, index) => rounds[index] !== undefined);
  });
}

export function readJudgeSession(db: LeitaiDB): Promise<JudgeSessionRow | undefined> {
  return db.judgeSession.get('self');
}

/** Binds this device to a judge; re-binding the same judge keeps the open sheet. */
export function bindJudge(db: LeitaiDB, judgeId: Id): Promise<JudgeSessionRow> {
  return db.transaction('rw', [db.judges, db.judgeSession], async () => {
    const judge = await db.judges.get(judgeId);
    if (!judge) throw new RepositoryError('unknown-judge', '找不到这位评委，可能已被组织者删除');
    const current = await db.judgeSession.get('self');
    const row: JudgeSessionRow =
      current?.judgeId === judgeId
        ? { ...current, roundId: judge.roundId }
        : { key: 'self', judgeId, roundId: judge.roundId, contestantId: null, followedCallId: null };
    await db.judgeSession.put(row);
    return row;
  });
}

/** 切换评委: forgets the binding. Marks, sheets and drafts stay on the device, under their judge. */
export async function unbindJudge(db: LeitaiDB): Promise<void> {
  await db.judgeSession.delete('self');
}

async function updateSession(db: LeitaiDB, change: Partial<JudgeSessionRow>): Promise<void> {
  await db.transaction('rw', db.judgeSession, async () => {
    const current = await db.judgeSession.get('self');
    if (!current) throw new RepositoryError('not-found', '本机尚未绑定评委');
    await db.judgeSession.put({ ...current, ...change });
  });
}

/** Opens a contestant's sheet (null: back to the list). */
export function openContestantSheet(db: LeitaiDB, contestantId: Id | null): Promise<void> {
  return updateSession(db, { contestantId });
}

/**
 * Follows the host's call: records the call as seen and, when the judge may score the called
 * contestant (contestantId not null), opens their sheet.
 */
export function followStageCall(db: LeitaiDB, callId: Id, contestantId: Id | null): Promise<void> {
  return updateSession(
    db,
    contestantId === null ? { followedCallId: callId } : { followedCallId: callId, contestantId },
  );
}
