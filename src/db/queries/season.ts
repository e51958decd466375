/**
 * Reads of the season 积分制 for its screens, each named for what it returns. The season is
 * assembled as the domain's `Season` in its canonical order (src/domain/season.ts), so a screen,
 * an export and `leitai season` rank the same ledger the same way.
 */

import { canonicalJson } from '../../domain/chain';
import type { Id } from '../../domain/model';
import { compareIds } from '../../domain/order';
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
