/**
 * Reads of the season 积分制 for its screens, each named for what it returns. The season is
 * assembled as the domain's `Season` in its canonical order (src/domain/season.ts), so a screen,
 * an export and `leitai season` rank the same ledger the same way.
 */

import { canonicalJson } from '../../domain/chain';
import type { Id } from '../../domain/model';
import { byOrderThenId, compareIds } from '../../domain/order';
import { personKey } from '../../domain/person-key';
import { roundResultStatusOf } from '../../domain/provisional';
import { isRehearsalRound } from '../../domain/purge';
import {
  canonicalSeason,
  type MemberFile,
  memberFile,
  type Period,
  type PointsTable,
  type Season,
  type SeasonStandings,
  seasonStandings,
} from '../../domain/season';
import type { LeitaiDB } from '../database';
import { because, RepositoryError } from '../errors';

/** The tables of the season, for a transaction over them. */
export function seasonTables(db: LeitaiDB) {
  return [db.seasons, db.seasonPointsTables, db.seasonMembers, db.seasonEntries, db.seasonEvidence];
}

/** The season as the domain reads it, canonical; refused when there is no such season. */
export async function readSeason(db: LeitaiDB, seasonId: Id): Promise<Season> {
  return db.transaction('r', seasonTables(db), async () => {
    const row = await db.seasons.get(seasonId);
    const table = await db.seasonPointsTables.get(seasonId);
    if (!row || !table) throw new RepositoryError('not-found', because('seasonNotFound'));
    const members = await db.seasonMembers.where('seasonId').equals(seasonId).toArray();
    const entries = await db.seasonEntries.where('seasonId').equals(seasonId).toArray();
    return canonicalSeason({
      id: row.id,
      name: row.name,
      table: table.table,
      members: members.map(({ seasonId: _, ...member }) => member),
      entries: entries.map(({ seasonId: _, ...entry }) => entry),
    });
  });
}

/** The season, or null when there is none (deleted, or a wrong address). */
export async function seasonById(db: LeitaiDB, seasonId: Id): Promise<Season | null> {
  try {
    return await readSeason(db, seasonId);
  } catch (error) {
    if (error instanceof RepositoryError && error.code === 'not-found') return null;
    throw error;
  }
}

/**
 * The ledger as bytes: the season in canonical order as canonical JSON. The same entries give the
 * same text whatever order they were added in, so an import done twice can be compared by it.
 */
export function seasonLedgerText(season: Season): string {
  return canonicalJson(canonicalSeason(season));
}

export interface SeasonSummary {
  id: Id;
  name: string;
  table: PointsTable;
  members: number;
  entries: number;
}

/** Every season on this device, by name. */
export function allSeasons(db: LeitaiDB): Promise<SeasonSummary[]> {
  return db.transaction('r', seasonTables(db), async () => {
    const summaries: SeasonSummary[] = [];
    for (const row of await db.seasons.toArray()) {
      const table = await db.seasonPointsTables.get(row.id);
      if (!table) continue;
      summaries.push({
        id: row.id,
        name: row.name,
        table: table.table,
        members: await db.seasonMembers.where('seasonId').equals(row.id).count(),
        entries: await db.seasonEntries.where('seasonId').equals(row.id).count(),
      });
    }
    return summaries.sort((a, b) => compareIds(a.name, b.name) || compareIds(a.id, b.id));
  });
}

/** The season and its standings over the period, or null when there is no such season. */
export async function seasonStandingsOf(
  db: LeitaiDB,
  seasonId: Id,
  period: Period,
): Promise<{ season: Season; standings: SeasonStandings } | null> {
  const season = await seasonById(db, seasonId);
  return season && { season, standings: seasonStandings(season, period) };
}

/** One person's file 一人一档, or null for no such season or member. */
export async function memberFileOf(db: LeitaiDB, seasonId: Id, memberId: Id): Promise<MemberFile | null> {
  const season = await seasonById(db, seasonId);
  return season && memberFile(season, memberId);
}

/** A photo given as evidence, or null. */
export async function seasonEvidence(db: LeitaiDB, evidenceId: Id): Promise<Blob | null> {
  return (await db.seasonEvidence.get(evidenceId))?.photo ?? null;
}

export interface PostableRound {
  competitionId: Id;
  competitionName: string;
  competitionDate: string | null;
  roundId: Id;
  roundName: string;
  /** Closed (结束本轮) or every contestant revealed: its results can be posted. */
  final: boolean;
  /** Entries of the season already cite it. */
  posted: boolean;
}

/** The real rounds of this device's competitions, newest competition first, with what can be posted. */
export function postableRounds(db: LeitaiDB, seasonId: Id): Promise<PostableRound[]> {
  return db.transaction(
    'r',
    [db.competitions, db.rounds, db.contestants, db.events, db.seasonEntries],
    async () => {
      const postedRounds = new Set<Id>();
      await db.seasonEntries
        .where('seasonId')
        .equals(seasonId)
        .each((entry) => {
          if (entry.source.kind === 'competition') postedRounds.add(entry.source.roundId);
        });
      const competitions = (await db.competitions.toArray())
        .filter((competition) => !competition.archived)
        .sort((a, b) => compareIds(b.date ?? '', a.date ?? '') || compareIds(a.id, b.id));
      const rounds: PostableRound[] = [];
      for (const competition of competitions) {
        const own = (await db.rounds.where('competitionId').equals(competition.id).toArray())
          .filter((round) => !isRehearsalRound(round))
          .sort(byOrderThenId);
        for (const round of own) {
          const contestants = await db.contestants.where('roundId').equals(round.id).toArray();
          const events = await db.events.where('roundId').equals(round.id).toArray();
          rounds.push({
            competitionId: competition.id,
            competitionName: competition.name,
            competitionDate: competition.date ?? null,
            roundId: round.id,
            roundName: round.name,
            final: roundResultStatusOf(contestants, events).final,
            posted: postedRounds.has(round.id),
          });
        }
      }
      return rounds;
    },
  );
}

export interface MemberCandidate {
  name: string;
  unit: string | null;
  /** The competitions the person is a contestant of on this device. */
  competitions: string[];
}

/**
 * The people who are contestants of this device's competitions and not yet members, one per
 * person key (the same person in several rounds or competitions once).
 */
export function memberCandidates(db: LeitaiDB, seasonId: Id): Promise<MemberCandidate[]> {
  return db.transaction('r', [db.competitions, db.rounds, db.contestants, db.seasonMembers], async () => {
    const members = new Set(
      (await db.seasonMembers.where('seasonId').equals(seasonId).toArray()).map(personKey),
    );
    const competitionNames = new Map((await db.competitions.toArray()).map((c) => [c.id, c.name]));
    const roundCompetition = new Map(
      (await db.rounds.toArray())
        .filter((round) => !isRehearsalRound(round))
        .map((round) => [round.id, round.competitionId]),
    );
    const found = new Map<string, MemberCandidate>();
    for (const contestant of await db.contestants.toArray()) {
      const competitionId = roundCompetition.get(contestant.roundId);
      const competition = competitionId && competitionNames.get(competitionId);
      if (!competition) continue;
      const key = personKey(contestant);
      if (members.has(key)) continue;
      const candidate = found.get(key) ?? { name: contestant.name, unit: contestant.unit, competitions: [] };
      if (!candidate.competitions.includes(competition)) candidate.competitions.push(competition);
      found.set(key, candidate);
    }
    return [...found.entries()].sort(([a], [b]) => compareIds(a, b)).map(([, candidate]) => candidate);
  });
}
