/**
 * The judge's tablet's reads. Each reads this judge's own rows through an index: a judge sees
 * only their own marks, and 50,000 marks of other judges cost nothing.
 */

import Dexie from 'dexie';
import type { CorrectionRow, MarkRow, SheetRow } from '../../domain/events';
import type { Id } from '../../domain/model';
import type { CompetitionRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import type { DraftRow, LeitaiDB } from '../database';
import { judgeDrafts } from '../drafts';
import { assignedRounds } from '../judge-session';

export interface JudgeContext {
  judge: JudgeRecord;
  /** The round on screen: the session's, while the judge is still assigned to it. */
  round: RoundRecord;
  /** Every round the judge scores in, in the competition's order. */
  rounds: RoundRecord[];
  competition: CompetitionRecord | undefined;
}

/**
 * The judge, the round on screen and the judge's other rounds; null when the judge is gone or
 * assigned to no round on this device. A round the judge was taken off gives way to their first.
 */
export function judgeContext(db: LeitaiDB, judgeId: Id, roundId: Id): Promise<JudgeContext | null> {
  return db.transaction('r', [db.judges, db.rounds, db.competitions], async () => {
    const judge = await db.judges.get(judgeId);
    const rounds = judge ? await assignedRounds(db, judge) : [];
    const round = rounds.find((candidate) => candidate.id === roundId) ?? rounds[0];
    if (!judge || !round) return null;
    return { judge, round, rounds, competition: await db.competitions.get(judge.competitionId) };
  });
}

/** Every [roundId+judgeId+contestantId] key of one judge in one round. */
function judgeRange(roundId: Id, judgeId: Id): [unknown[], unknown[]] {
  return [
    [roundId, judgeId, Dexie.minKey],
    [roundId, judgeId, Dexie.maxKey],
  ];
}

/** The judge's submitted sheets in the round. */
export function sheetsOfJudge(db: LeitaiDB, roundId: Id, judgeId: Id): Promise<SheetRow[]> {
  const [lower, upper] = judgeRange(roundId, judgeId);
  return db.sheets.where('[roundId+judgeId+contestantId]').between(lower, upper, true, true).toArray();
}

/** The judge's marks in the round (cleared cells included, as `value: null`). */
export function marksOfJudge(db: LeitaiDB, roundId: Id, judgeId: Id): Promise<MarkRow[]> {
  const [lower, upper] = judgeRange(roundId, judgeId);
  return db.marks.where('[roundId+judgeId+contestantId]').between(lower, upper, true, true).toArray();
}

/** Marks read for one open sheet: two reads combine only when they were made for the same one. */
export interface SheetMarks {
  openId: Id | null;
  rows: MarkRow[];
}

/** The marks of the judge's open sheet (none when no sheet is open). */
export async function marksOfOpenSheet(
  db: LeitaiDB,
  roundId: Id,
  judgeId: Id,
  openId: Id | null,
): Promise<SheetMarks> {
  if (openId === null) return { openId, rows: [] };
  const rows = await db.marks
    .where('[roundId+judgeId+contestantId]')
    .equals([roundId, judgeId, openId])
    .toArray();
  return { openId, rows };
}

/**
 * The greatest key below an id for an upper bound, short of U+FFFF (a noncharacter, in no id):
 * its last character one lower, then U+FFFF. Every id below `id` sorts at or below it.
 */
function keyBelow(id: Id): string {
  if (id === '') return id;
  return `${id.slice(0, -1)}${String.fromCharCode(id.charCodeAt(id.length - 1) - 1)}\uffff`;
}

/**
 * The judge's marks on every sheet but the open one, so that a mark on the open sheet does not
 * re-run this read of hundreds of contestants, which would hold up the judge's next write. Both
 * bounds are included and neither is the open sheet's key: a live query takes a range's bounds
 * as included, so an excluded bound at the open sheet would re-run it all the same.
 */
export async function marksOfOtherSheets(
  db: LeitaiDB,
  roundId: Id,
  judgeId: Id,
  openId: Id | null,
): Promise<SheetMarks> {
  const [lower, upper] = judgeRange(roundId, judgeId);
  const index = db.marks.where('[roundId+judgeId+contestantId]');
  if (openId === null) return { openId, rows: await index.between(lower, upper, true, true).toArray() };
  const before = await index.between(lower, [roundId, judgeId, keyBelow(openId)], true, true).toArray();
  const after = await index.between([roundId, judgeId, openId, Dexie.minKey], upper, true, true).toArray();
  return { openId, rows: [...before, ...after] };
}

/** The judge's keypad entries in the round that are not marks yet. */
export function draftsOfJudge(db: LeitaiDB, roundId: Id, judgeId: Id): Promise<DraftRow[]> {
  return judgeDrafts(db, roundId, judgeId).toArray();
}

/** The judge's own correction requests in the round, with the host's decisions. */
export function correctionsOfJudge(db: LeitaiDB, roundId: Id, judgeId: Id): Promise<CorrectionRow[]> {
  return db.corrections
    .where('roundId')
    .equals(roundId)
    .filter((row) => row.request?.judgeId === judgeId)
    .toArray();
}
