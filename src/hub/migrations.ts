/**
 * The hub's PostgreSQL schema, as numbered migrations applied in order when the hub starts. Each
 * applied one is recorded in `hub_migrations`; a migration is never edited once released, a
 * change is a new number. All of them run in one transaction under an advisory lock, so two hubs
 * starting on one database at once cannot apply one twice, and a failed one leaves nothing.
 */

import type { Pool } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'venues and their events',
    sql: `
CREATE TABLE hub_meta (key text PRIMARY KEY, value text NOT NULL);
-- A registered venue. key_hash is the SHA-256 of the venue key (the key itself is never stored);
-- acked_through is the venue server's own sequence number up to which the hub holds all it was
-- sent, counted on the server acked_server (a venue that starts a new data directory is a new
-- server that numbers from 1 again).
CREATE TABLE venues (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  key_hash text NOT NULL UNIQUE,
  registered_at timestamptz NOT NULL DEFAULT now(),
  acked_through bigint NOT NULL DEFAULT 0,
  acked_server text
);
-- Every venue's log, each event once per venue (an event id is unique within its venue's log).
-- seq is the hub's cursor: pushes commit one at a time (an advisory lock, see store.ts), so a
-- pull after N never misses an event that commits later with a smaller seq. origin: 'venue' for
-- what a venue relayed, 'hub' for what the hub decided for it.
CREATE TABLE events (
  seq bigserial PRIMARY KEY,
  venue_id text NOT NULL REFERENCES venues (id),
  id text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('venue', 'hub')),
  type text NOT NULL,
  body text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (venue_id, id)
);
CREATE INDEX events_by_venue ON events (venue_id, seq);
`,
  },
  {
    version: 2,
    name: 'seasons and their manual entries',
    sql: `
-- A season 积分制 of the hub (src/hub/season.ts): its points table is the domain's PointsTable as
-- JSON. Its entries from the venues' final rounds are derived from the events, never stored;
-- version grows with every change of the season or of its manual entries, so that readers
-- build the ledger again only after one.
CREATE TABLE hub_seasons (
  id text PRIMARY KEY,
  name text NOT NULL,
  points_table text NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Entries made by hand at the hub (学习教育, 扣分项, corrections), each with its member, as the
-- domain's SeasonEntry and SeasonMember JSON; seq: the order they were entered in.
CREATE TABLE hub_season_entries (
  seq bigserial PRIMARY KEY,
  season_id text NOT NULL REFERENCES hub_seasons (id),
  id text NOT NULL,
  member text NOT NULL,
  entry text NOT NULL,
  entered_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (season_id, id)
);
`,
  },
];

/** A fixed number for the lock that serialises migrations between hub processes. */
const MIGRATION_LOCK = 7_417_001;

/** Applies the migrations the database lacks; returns the versions applied now. */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS hub_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM hub_migrations');
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO hub_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
