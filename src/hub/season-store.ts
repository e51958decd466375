/**
 * The hub's seasons in PostgreSQL (migration 2 of ./migrations.ts): each season's name and points
 * table, and the entries made by hand at the hub. Reads run in one READ ONLY snapshot (the
 * dashboard code reads seasons, and cannot write, whatever a bug would ask); an entry is added
 * under the season's row lock, so that two at once are checked one after the other.
 */

import type pg from 'pg';
import type { PointsTable, SeasonEntry, SeasonMember } from '../domain/season';

export interface SeasonRow {
  id: string;
  name: string;
  table: PointsTable;
  /** Grows with every change of the season or of its manual entries. */
  version: number;
}

/** An entry made by hand at the hub, with the member it is for. */
export interface ManualEntry {
  member: SeasonMember;
  entry: SeasonEntry;
}

export interface SeasonSnapshot {
  season: SeasonRow;
  /** In the order they were entered; null when the caller holds this version already. */
  manual: ManualEntry[] | null;
}

/** Thrown by `addEntry` for a season the hub does not have. */
export class NoSuchSeason extends Error {}

type SeasonColumns = { id: string; name: string; points_table: string; version: number };

const seasonRow = (row: SeasonColumns): SeasonRow => ({
  id: row.id,
  name: row.name,
  table: JSON.parse(row.points_table) as PointsTable,
  version: row.version,
});

const manualEntry = (row: { member: string; entry: string }): ManualEntry => ({
  member: JSON.parse(row.member) as SeasonMember,
  entry: JSON.parse(row.entry) as SeasonEntry,
});

export class SeasonStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Creates the season, or replaces its name and table; true when it is new. */
  async putSeason(id: string, name: string, table: PointsTable): Promise<boolean> {
    const { rows } = await this.pool.query<{ created: boolean }>(
      `INSERT INTO hub_seasons (id, name, points_table) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET
         name = excluded.name, points_table = excluded.points_table, version = hub_seasons.version + 1
       RETURNING (xmax = 0) AS created`,
      [id, name, JSON.stringify(table)],
    );
    return rows[0]?.created === true;
  }

  /**
   * Every season (by id), or the one named, with its manual entries unless `known` says the
   * caller holds that version. One snapshot, READ ONLY.
   */
  async read(only: string | null, known: (id: string) => number | undefined): Promise<SeasonSnapshot[]> {
    return this.transaction('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
      const { rows } = await client.query<SeasonColumns>(
        `SELECT id, name, points_table, version FROM hub_seasons WHERE $1::text IS NULL OR id = $1 ORDER BY id`,
        [only],
      );
      const snapshots: SeasonSnapshot[] = [];
      for (const row of rows) {
        const season = seasonRow(row);
        const manual = known(season.id) === season.version ? null : await manualEntries(client, season.id);
        snapshots.push({ season, manual });
      }
      return snapshots;
    });
  }

  /**
   * Adds a manual entry: `check` gets the season and its manual entries as they are now, under
   * the season's lock, and returns the entry to store or throws (then nothing is stored). An
   * entry already stored under its id is left as it is. True when the entry is new.
   */
  async addEntry(
    seasonId: string,
    check: (season: SeasonRow, manual: readonly ManualEntry[]) => ManualEntry,
  ): Promise<boolean> {
    return this.transaction('BEGIN', async (client) => {
      const { rows } = await client.query<SeasonColumns>(
        'SELECT id, name, points_table, version FROM hub_seasons WHERE id = $1 FOR UPDATE',
        [seasonId],
      );
      const row = rows[0];
      if (!row) throw new NoSuchSeason(seasonId);
      const { member, entry } = check(seasonRow(row), await manualEntries(client, seasonId));
      const inserted = await client.query(
        `INSERT INTO hub_season_entries (season_id, id, member, entry) VALUES ($1, $2, $3, $4)
         ON CONFLICT (season_id, id) DO NOTHING`,
        [seasonId, entry.id, JSON.stringify(member), JSON.stringify(entry)],
      );
      const added = (inserted.rowCount ?? 0) > 0;
      if (added) await client.query('UPDATE hub_seasons SET version = version + 1 WHERE id = $1', [seasonId]);
      return added;
    });
  }

  /** `work` in a transaction begun by `begin`: committed when it returns, rolled back when it throws. */
  private async transaction<T>(begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
}

async function manualEntries(client: pg.PoolClient, seasonId: string): Promise<ManualEntry[]> {
  const { rows } = await client.query<{ member: string; entry: string }>(
    'SELECT member, entry FROM hub_season_entries WHERE season_id = $1 ORDER BY seq',
    [seasonId],
  );
  return rows.map(manualEntry);
}
