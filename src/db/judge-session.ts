/**
 * Which judge this tablet belongs to. The judge types their 8-digit join code (评委码) once,
 * confirms their name, and the device remembers them in the device-local `judgeSession` row
 * (never an event: the binding is this tablet's business, and the judge's marks carry their id
 * anyway). The row also keeps the sheet that is open, so a reload lands where the judge was.
 * A judge belongs to the competition: one join serves every round they are assigned to, and the
 * screen moves to the round the host is calling in (`showRound`).
 */

import { isJoinCode } from '../domain/join-code';
import type { Id } from '../domain/model';
import { byOrderThenId } from '../domain/order';
import type { JudgeRecord, RoundRecord } from '../domain/records';
import type { JudgeSessionRow, LeitaiDB } from './database';
import { RepositoryError } from './errors';
import { readStageCall, type StageCall } from './stage';

/**
 * The judges with this join code whose competition is on this device: one, normally; none for
 * a mistyped code; two only if two organizers' devices drew the same code (the screen then asks
 * for staff). Only a whole 8-digit code is looked up: an outdated six-digit code must not bind,
 * and the empty code that other devices hold for every judge (the venue server shows the codes
 * to the organizer's device only) must never match.
 */
export function findJudgesByCode(db: LeitaiDB, code: string): Promise<JudgeRecord[]> {
  if (!isJoinCode(code)) return Promise.resolve([]);
  return db.transaction('r', [db.judges, db.competitions], async () => {
    const judges = await db.judges.where('joinCode').equals(code).toArray();
    const competitions = await db.competitions.bulkGet(judges.map((judge) => judge.competitionId));
    return judges.filter((_, index) => competitions[index] !== undefined);
  });
}

export function readJudgeSession(db: LeitaiDB): Promise<JudgeSessionRow | undefined> {
  return db.judgeSession.get('self');
}

/** The judge's rounds on this device, in the competition's order (初赛 before 决赛). */
export async function assignedRounds(db: LeitaiDB, judge: JudgeRecord): Promise<RoundRecord[]> {
  const rounds = await db.rounds.bulkGet(judge.roundIds);
  return rounds
    .filter(
      (round): round is RoundRecord => round !== undefined && round.competitionId === judge.competitionId,
    )
    .sort(byOrderThenId);
}

/**
 * Binds this device to a judge, on the round that is on stage: the latest of the judge's rounds
 * the host has called someone in, or the first. The calls already made in the judge's other
 * rounds count as passed over, so only a new call there moves the screen (`showRound`).
 * Re-binding the same judge keeps the open sheet while its round is still theirs.
 */
export function bindJudge(db: LeitaiDB, judgeId: Id): Promise<JudgeSessionRow> {
  return db.transaction('rw', [db.judges, db.rounds, db.events, db.judgeSession], async () => {
    const judge = await db.judges.get(judgeId);
    if (!judge) throw new RepositoryError('unknown-judge', '找不到这位评委，可能已被组织者删除');
    const rounds = await assignedRounds(db, judge);
    if (rounds.length === 0)
      throw new RepositoryError('unknown-judge', `评委“${judge.name}”还没有分配到任何轮次`);
    const current = await db.judgeSession.get('self');
    if (current?.judgeId === judgeId && rounds.some((round) => round.id === current.roundId)) return current;
    const calls = new Map<Id, StageCall>();
    for (const round of rounds) {
      const call = await readStageCall(db, round.id);
      if (call) calls.set(round.id, call);
    }
    const onStage = [...rounds].reverse().find((round) => calls.has(round.id)) ?? (rounds[0] as RoundRecord);
    const followedCalls: Record<Id, Id> = {};
    for (const [roundId, call] of calls) if (roundId !== onStage.id) followedCalls[roundId] = call.callId;
    const row: JudgeSessionRow = {
      key: 'self',
      judgeId,
      roundId: onStage.id,
      contestantId: null,
      followedCalls,
    };
    await db.judgeSession.put(row);
    return row;
  });
}

/** 切换评委: forgets the binding. Marks, sheets and drafts stay on the device, under their judge. */
export async function unbindJudge(db: LeitaiDB): Promise<void> {
  await db.judgeSession.delete('self');
}

async function updateSession(
  db: LeitaiDB,
  change: (current: JudgeSessionRow) => Partial<JudgeSessionRow>,
): Promise<void> {
  await db.transaction('rw', db.judgeSession, async () => {
    const current = await db.judgeSession.get('self');
    if (!current) throw new RepositoryError('not-found', '本机尚未绑定评委');
    await db.judgeSession.put({ ...current, ...change(current) });
  });
}

/** Opens a contestant's sheet (null: back to the list). */
export function openContestantSheet(db: LeitaiDB, contestantId: Id | null): Promise<void> {
  return updateSession(db, () => ({ contestantId }));
}

/**
 * Follows the host's call in the round: records the call as seen and, when the judge may score
 * the called contestant (contestantId not null), opens their sheet, unless the screen has moved
 * to another round meanwhile.
 */
export function followStageCall(
  db: LeitaiDB,
  call: { roundId: Id; callId: Id },
  contestantId: Id | null,
): Promise<void> {
  return updateSession(db, (current) => ({
    followedCalls: { ...current.followedCalls, [call.roundId]: call.callId },
    ...(contestantId === null || current.roundId !== call.roundId ? {} : { contestantId }),
  }));
}

/**
 * Shows another of the judge's rounds, with no sheet open: the judge's own pick, or the host's
 * new call there (the screen then follows that call as in any round).
 */
export function showRound(db: LeitaiDB, roundId: Id): Promise<void> {
  return updateSession(db, (current) => (current.roundId === roundId ? {} : { roundId, contestantId: null }));
}
