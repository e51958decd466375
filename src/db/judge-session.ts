/**
 * Which judge this tablet belongs to. The judge types their 8-digit join code (评委码) once,
 * confirms their name, and the device remembers them in the device-local `judgeSession` row
 * (never an event: the binding is this tablet's business, and the judge's marks carry their id
 * anyway). The row also keeps the sheet that is open, so a reload lands where the judge was.
 * A judge belongs to the competition: one join serves every round they are assigned to, and the
 * screen moves to the round the host is calling in (`showRound`).
 */

import Dexie from 'dexie';
import { isJoinCode } from '../domain/join-code';
import type { Id, RecusalRule } from '../domain/model';
import { byOrderThenId } from '../domain/order';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../domain/records';
import { isRecusedFrom } from '../domain/recusal';
import type { JudgeSessionRow, LeitaiDB } from './database';
import { because, RepositoryError } from './errors';
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

/** The host's current call in each of these rounds, by round id (rounds with no call left out). */
async function currentCalls(db: LeitaiDB, rounds: readonly RoundRecord[]): Promise<Map<Id, StageCall>> {
  const calls = new Map<Id, StageCall>();
  for (const round of rounds) {
    const call = await readStageCall(db, round.id);
    if (call) calls.set(round.id, call);
  }
  return calls;
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
    if (!judge) throw new RepositoryError('unknown-judge', because('judgeNotFound'));
    const rounds = await assignedRounds(db, judge);
    if (rounds.length === 0)
      throw new RepositoryError('unknown-judge', because('judgeUnassigned', { judge: judge.name }));
    const current = await db.judgeSession.get('self');
    if (current?.judgeId === judgeId && rounds.some((round) => round.id === current.roundId)) return current;
    const calls = await currentCalls(db, rounds);
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
    if (!current) throw new RepositoryError('not-found', because('deviceNotBound'));
    await db.judgeSession.put({ ...current, ...change(current) });
  });
}

/** Opens a contestant's sheet (null: back to the list). */
export function openContestantSheet(db: LeitaiDB, contestantId: Id | null): Promise<void> {
  return updateSession(db, () => ({ contestantId }));
}

/** The latest of the judge's rounds, other than the one shown, with a call not followed yet. */
export function newCallElsewhere(
  rounds: readonly RoundRecord[],
  shown: Id,
  calls: ReadonlyMap<Id, StageCall>,
  followedCalls: Readonly<Record<Id, Id>>,
): Id | null {
  const called = rounds.filter((each) => {
    const call = calls.get(each.id);
    return each.id !== shown && call !== undefined && call.callId !== followedCalls[each.id];
  });
  return called.at(-1)?.id ?? null;
}

/**
 * Whether the judge is in the middle of the open sheet: reopened, or holding a typed or
 * confirmed mark and not submitted. The host's calls wait until it is submitted.
 */
async function isSheetInHand(db: LeitaiDB, judge: JudgeRecord, round: RoundRecord, contestantId: Id) {
  const contestant = await db.contestants.get(contestantId);
  if (contestant?.roundId !== round.id || !isScorable(judge, contestant, round.settings.recusal))
    return false;
  const key = [round.id, judge.id, contestantId];
  const sheet = await db.sheets.get(key);
  if (sheet?.status === 'reopened') return true;
  if (sheet?.status === 'submitted') return false;
  const [lower, upper] = [
    [...key, Dexie.minKey],
    [...key, Dexie.maxKey],
  ];
  const drafts = await db.drafts
    .where('[roundId+judgeId+contestantId+criterionId]')
    .between(lower, upper)
    .count();
  if (drafts > 0) return true;
  const marks = await db.marks.where('[roundId+judgeId+contestantId]').equals(key).toArray();
  return marks.some((mark) => mark.value !== null);
}

/**
 * Whether the judge scores the contestant: active, and not recused (回避) by the round's rule
 * (round.settings.recusal).
 */
export function isScorable(
  judge: JudgeRecord,
  contestant: ContestantRecord,
  recusal: RecusalRule | undefined,
): boolean {
  return contestant.status === 'active' && !isRecusedFrom(judge, contestant, recusal);
}

/**
 * Follows the host's calls (叫号) from what is stored, in one transaction: the call, the sheet in
 * hand and the called contestant are read at one moment, so a call is never decided against a
 * sheet read before or after it. The screen's live queries, which each arrive at their own
 * moment, only say when to call this again; calling it when nothing is new does nothing.
 * - While the sheet in hand is in progress, every call waits (the screen shows it in a banner).
 * - A new call in another of the judge's rounds (the next round has begun) moves the screen there;
 *   every call the judge has then counts as followed, and the call there is followed as below.
 * - A new call in the round shown is recorded as followed and opens the called contestant's
 *   sheet, unless the judge may not score them (回避, withdrawn): then it is only recorded.
 */
export function followHost(db: LeitaiDB): Promise<void> {
  const tables = [
    db.judgeSession,
    db.judges,
    db.rounds,
    db.contestants,
    db.events,
    db.sheets,
    db.marks,
    db.drafts,
  ];
  return db.transaction('rw', tables, async () => {
    const session = await db.judgeSession.get('self');
    const judge = session && (await db.judges.get(session.judgeId));
    if (!session || !judge) return;
    const rounds = await assignedRounds(db, judge);
    const shown = rounds.find((round) => round.id === session.roundId);
    if (!shown) return;
    if (session.contestantId !== null && (await isSheetInHand(db, judge, shown, session.contestantId)))
      return;

    const calls = await currentCalls(db, rounds);
    const elsewhere = newCallElsewhere(rounds, shown.id, calls, session.followedCalls);
    const round = rounds.find((each) => each.id === elsewhere) ?? shown;
    const call = calls.get(round.id);
    if (!call || (round === shown && call.callId === session.followedCalls[round.id])) return;

    const followedCalls = { ...session.followedCalls };
    for (const [roundId, each] of round === shown ? [[round.id, call] as const] : calls)
      followedCalls[roundId] = each.callId;
    const called = await db.contestants.get(call.contestantId);
    const opens = called?.roundId === round.id && isScorable(judge, called, round.settings.recusal);
    await db.judgeSession.put({
      ...session,
      roundId: round.id,
      contestantId: opens ? call.contestantId : round === shown ? session.contestantId : null,
      followedCalls,
    });
  });
}

/**
 * Shows another of the judge's rounds, with no sheet open: the judge's own pick, or the host's
 * new call there (the screen then follows that call as in any round).
 */
export function showRound(db: LeitaiDB, roundId: Id): Promise<void> {
  return updateSession(db, (current) => (current.roundId === roundId ? {} : { roundId, contestantId: null }));
}
