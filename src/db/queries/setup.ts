/**
 * Reads of the setup (competitions, rounds, judges, contestants, photos) that screens need, each
 * named for what it returns. Screens bind them with useLiveRead and never name a table or an index.
 */

import type { Id } from '../../domain/model';
import { byOrderThenId } from '../../domain/order';
import { isRehearsalRound } from '../../domain/purge';
import type {
  CompetitionRecord,
  ContestantRecord,
  JudgeRecord,
  PhotoRecord,
  RoundRecord,
} from '../../domain/records';
import type { LeitaiDB } from '../database';

export async function competitionById(db: LeitaiDB, competitionId: Id): Promise<CompetitionRecord | null> {
  return (await db.competitions.get(competitionId)) ?? null;
}

/** Every competition on this device, in no particular order. */
export function allCompetitions(db: LeitaiDB): Promise<CompetitionRecord[]> {
  return db.competitions.toArray();
}

export async function roundById(db: LeitaiDB, roundId: Id): Promise<RoundRecord | null> {
  return (await db.rounds.get(roundId)) ?? null;
}

/** Every round on this device, 彩排 rounds included. */
export function allRounds(db: LeitaiDB): Promise<RoundRecord[]> {
  return db.rounds.toArray();
}

/** Every round on this device but the 彩排 rounds. */
export async function allRealRounds(db: LeitaiDB): Promise<RoundRecord[]> {
  return (await db.rounds.toArray()).filter((round) => !isRehearsalRound(round));
}

/** The competition's rounds in their order (初赛 before 决赛), 彩排 rounds included; none without an id. */
export async function roundsOfCompetition(
  db: LeitaiDB,
  competitionId: Id | undefined,
): Promise<RoundRecord[]> {
  if (competitionId === undefined) return [];
  return db.rounds.where('competitionId').equals(competitionId).sortBy('order');
}

/** The competition's rounds, 彩排 rounds left out: what lists, orders, results and exports see. */
export async function realRoundsOf(db: LeitaiDB, competitionId: Id): Promise<RoundRecord[]> {
  const rounds = await db.rounds.where('competitionId').equals(competitionId).toArray();
  return rounds.filter((round) => !isRehearsalRound(round));
}

/** The 彩排 copy of the round, or null when none is running. */
export async function rehearsalOfRound(db: LeitaiDB, roundId: Id): Promise<RoundRecord | null> {
  return (await db.rounds.toArray()).find((round) => round.rehearsalOf === roundId) ?? null;
}

export async function judgeById(db: LeitaiDB, judgeId: Id): Promise<JudgeRecord | null> {
  return (await db.judges.get(judgeId)) ?? null;
}

/** The round's panel (the judges assigned to it), in panel order. */
export async function judgesOfRound(db: LeitaiDB, roundId: Id): Promise<JudgeRecord[]> {
  return (await db.judges.where('roundIds').equals(roundId).toArray()).sort(byOrderThenId);
}

/**
 * Every judge of the competition in list order, a 彩排's simulated judges left out; none
 * without an id.
 */
export async function judgesOfCompetition(
  db: LeitaiDB,
  competitionId: Id | undefined,
): Promise<JudgeRecord[]> {
  if (competitionId === undefined) return [];
  const judges = await db.judges.where('competitionId').equals(competitionId).toArray();
  return judges.filter((judge) => !judge.simulated).sort(byOrderThenId);
}

/** Every judge's name on this device, by judge id. */
export async function judgeNamesById(db: LeitaiDB): Promise<Map<Id, string>> {
  return new Map((await db.judges.toArray()).map((judge) => [judge.id, judge.name]));
}

/** The round's contestants in registration order (screens that show draw order sort again). */
export async function contestantsOfRound(db: LeitaiDB, roundId: Id): Promise<ContestantRecord[]> {
  return (await db.contestants.where('roundId').equals(roundId).toArray()).sort(byOrderThenId);
}

export async function contestantById(db: LeitaiDB, contestantId: Id): Promise<ContestantRecord | null> {
  return (await db.contestants.get(contestantId)) ?? null;
}

export async function photoById(db: LeitaiDB, photoId: Id): Promise<PhotoRecord | null> {
  return (await db.photos.get(photoId)) ?? null;
}

/** Those of the records that are on this device, by id; unknown and missing ids left out. */
async function recordsByIds<T extends { id: Id }>(
  read: (ids: Id[]) => Promise<(T | undefined)[]>,
  ids: readonly (Id | null | undefined)[],
): Promise<Map<Id, T>> {
  const wanted = [...new Set(ids.filter((id): id is Id => typeof id === 'string'))];
  const records = await read(wanted);
  return new Map(records.filter((record): record is T => record !== undefined).map((r) => [r.id, r]));
}

export function contestantsByIds(db: LeitaiDB, ids: readonly (Id | null | undefined)[]) {
  return recordsByIds((wanted) => db.contestants.bulkGet(wanted), ids);
}

export function judgesByIds(db: LeitaiDB, ids: readonly (Id | null | undefined)[]) {
  return recordsByIds((wanted) => db.judges.bulkGet(wanted), ids);
}

export function roundsByIds(db: LeitaiDB, ids: readonly (Id | null | undefined)[]) {
  return recordsByIds((wanted) => db.rounds.bulkGet(wanted), ids);
}

export interface RoundSetup {
  round: RoundRecord;
  /** In panel order. */
  judges: JudgeRecord[];
  /** In registration order. */
  contestants: ContestantRecord[];
}

/** The round with its panel and contestants, one snapshot; null when the round is not on this device. */
export function roundSetup(db: LeitaiDB, roundId: Id): Promise<RoundSetup | null> {
  return db.transaction('r', [db.rounds, db.judges, db.contestants], async () => {
    const round = await roundById(db, roundId);
    if (!round) return null;
    return {
      round,
      judges: await judgesOfRound(db, roundId),
      contestants: await contestantsOfRound(db, roundId),
    };
  });
}

export interface RoundCounts {
  judges: number;
  contestants: number;
  marks: number;
}

/** How many judges, contestants and marks (cleared cells included) the round has. */
export async function roundCounts(db: LeitaiDB, roundId: Id): Promise<RoundCounts> {
  return {
    judges: await db.judges.where('roundIds').equals(roundId).count(),
    contestants: await db.contestants.where('roundId').equals(roundId).count(),
    marks: await db.marks.where('roundId').equals(roundId).count(),
  };
}
