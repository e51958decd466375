/**
 * The hub's storage: PostgreSQL through a `pg` pool, with the schema of ./migrations.ts.
 *
 * Events are stored once per venue (ON CONFLICT (venue_id, id) DO NOTHING): a relay that sends a
 * batch again after a lost answer, or after the hub was killed mid-way, changes nothing. Pushes
 * commit one at a time under a transaction-level advisory lock, so the hub's sequence numbers
 * commit in order: with concurrent transactions a bigserial can commit 12 before 11, and a pull
 * after 12 would never see 11. The lock is held for one statement and its commit; the pushes
 * that arrive meanwhile go in the next statement together (./group-writer.ts).
 */

import pg from 'pg';
import { MAX_HUB_PUSH_EVENTS } from '../sync/hub-protocol';
import { GroupWriter } from './group-writer';
import { migrate } from './migrations';

export interface VenueRow {
  id: string;
  name: string;
  ackedThrough: number;
  /** The venue server whose sequence numbers ackedThrough counts (null before its first push). */
  ackedServer: string | null;
}

type VenueColumns = { id: string; name: string; acked_through: number; acked_server: string | null };

const venueRow = (row: VenueColumns): VenueRow => ({
  id: row.id,
  name: row.name,
  ackedThrough: row.acked_through,
  ackedServer: row.acked_server,
});

export interface IncomingEvent {
  id: string;
  type: string;
  body: string;
}

interface VenuePush {
  venueId: string;
  server: string;
  through: number;
  events: IncomingEvent[];
}

export interface PushResult {
  accepted: number;
  ackedThrough: number;
}

export interface StoredHubEvent {
  seq: number;
  body: string;
}

export interface TailRow {
  seq: number;
  venueId: string;
  body: string;
  /** When the hub stored it (ISO 8601). */
  receivedAt: string;
}

/** Thrown by `registerVenue` when the name is taken. */
export class VenueNameTaken extends Error {}

/**
 * A page read stops growing past this many bytes of bodies (at least one event is read), as the
 * venue server's pull (src/server/store.ts MAX_PULL_PAGE_CHARS): a page of a venue's photos of
 * up to 16 MB each would otherwise hold gigabytes, and a few pulls at once took the hub down.
 */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;

/**
 * The rows of `limited` (a query of `seq` and `body` in seq order, with its LIMIT) up to
 * MAX_PAGE_BYTES of bodies. The sizes are those PostgreSQL keeps beside each body, so a body
 * past the page is never read.
 */
function sizedPage(limited: string): string {
  return `SELECT * FROM (
    SELECT *, SUM(octet_length(body)) OVER (ORDER BY seq) - octet_length(body) AS bytes_before
    FROM (${limited}) AS limited
  ) AS sized WHERE bytes_before < ${MAX_PAGE_BYTES} ORDER BY seq`;
}

/** The fixed number of the lock that orders pushes (see above). */
const PUSH_LOCK = 7_417_002;
/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505';

// bigint columns (seq, acked_through) come back as numbers: they stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));

/**
 * Events in one group of pushes at most: as many as one push carries. Live pushes are a few
 * events each, and many go together; complete logs go 500 at a time, one push a group (groups
 * of 2,000 ingested slower than their pushes one by one).
 */
const MAX_GROUP_EVENTS = MAX_HUB_PUSH_EVENTS;

export class HubStore {
  private readonly pushes = new GroupWriter<VenuePush, PushResult>({
    write: (pushes) => this.writePushes(pushes),
    keyOf: (push) => push.venueId,
    weightOf: (push) => push.events.length,
    maxWeight: MAX_GROUP_EVENTS,
  });

  /**
   * @param reader the dashboard's connections, on which every transaction is READ ONLY (one
   * round trip a query, no BEGIN and COMMIT around it)
   */
  private constructor(
    readonly pool: pg.Pool,
    readonly reader: pg.Pool,
  ) {}

  /** Connects and brings the schema up to date. */
  static async open(databaseUrl: string, poolSize = 10): Promise<HubStore> {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
    const reader = new pg.Pool({
      connectionString: databaseUrl,
      max: 2,
      options: '-c default_transaction_read_only=on',
    });
    // An idle client whose server went away must not take the process down.
    pool.on('error', () => {});
    reader.on('error', () => {});
    try {
      await migrate(pool);
    } catch (error) {
      await Promise.all([pool.end(), reader.end()]);
      throw error;
    }
    return new HubStore(pool, reader);
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.reader.end()]);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM hub_meta WHERE key = $1', [
      key,
    ]);
    return rows[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO hub_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }

  /** Sets `key` when it has no value yet; returns the value it has now. */
  async metaOrCreate(key: string, create: () => string): Promise<string> {
    await this.pool.query('INSERT INTO hub_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
      key,
      create(),
    ]);
    return (await this.getMeta(key)) as string;
  }

  async registerVenue(id: string, name: string, keyHash: string): Promise<void> {
    try {
      await this.pool.query('INSERT INTO venues (id, name, key_hash) VALUES ($1, $2, $3)', [
        id,
        name,
        keyHash,
      ]);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new VenueNameTaken(name);
      throw error;
    }
  }

  async venueByKeyHash(keyHash: string): Promise<VenueRow | undefined> {
    const { rows } = await this.pool.query<VenueColumns>(
      'SELECT id, name, acked_through, acked_server FROM venues WHERE key_hash = $1',
      [keyHash],
    );
    return rows[0] && venueRow(rows[0]);
  }

  async venues(): Promise<VenueRow[]> {
    const { rows } = await this.pool.query<VenueColumns>(
      'SELECT id, name, acked_through, acked_server FROM venues ORDER BY registered_at, id',
    );
    return rows.map(venueRow);
  }

  /**
   * Stores a venue's batch: the new events get the next sequence numbers in the batch's order,
   * the ones it holds already are skipped, and the venue's acknowledged point moves up to
   * `through` of `server` (never down: a late duplicate batch does not move it back; a new server
   * of the venue counts from its own numbers). Pushes that arrive together commit together
   * (./group-writer.ts), each venue's in its order.
   */
  insertVenueEvents(
    venueId: string,
    server: string,
    through: number,
    events: IncomingEvent[],
  ): Promise<PushResult> {
    return this.pushes.submit({ venueId, server, through, events });
  }

  /**
   * Several venues' pushes (one each) in one statement, so one transaction and one round trip:
   * the ordering lock is taken before any sequence number is drawn and held to the commit, and
   * no turn of this process's event loop falls inside it.
   */
  private async writePushes(pushes: VenuePush[]): Promise<PushResult[]> {
    const events = pushes.flatMap((push) =>
      push.events.map((event) => ({ venueId: push.venueId, ...event })),
    );
    const { rows } = await this.pool.query<{ venue_id: string; acked_through: number; accepted: number }>(
      `WITH ordering AS (SELECT pg_advisory_xact_lock($1)),
       inserted AS (
         INSERT INTO events (venue_id, id, origin, type, body)
         SELECT batch.venue_id, batch.id, 'venue', batch.type, batch.body
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
           AS batch (venue_id, id, type, body, position)
         CROSS JOIN ordering
         ORDER BY batch.position
         ON CONFLICT (venue_id, id) DO NOTHING
         RETURNING venue_id),
       acked AS (
         UPDATE venues SET
           acked_through = CASE WHEN acked_server = pushed.server
             THEN GREATEST(acked_through, pushed.through) ELSE pushed.through END,
           acked_server = pushed.server
         FROM unnest($6::text[], $7::text[], $8::bigint[]) AS pushed (venue_id, server, through)
         CROSS JOIN ordering
         WHERE venues.id = pushed.venue_id
         RETURNING venues.id, venues.acked_through)
       SELECT acked.id AS venue_id, acked.acked_through,
         (SELECT COUNT(*)::int FROM inserted WHERE inserted.venue_id = acked.id) AS accepted
       FROM acked`,
      [
        PUSH_LOCK,
        events.map((event) => event.venueId),
        events.map((event) => event.id),
        events.map((event) => event.type),
        events.map((event) => event.body),
        pushes.map((push) => push.venueId),
        pushes.map((push) => push.server),
        pushes.map((push) => push.through),
      ],
    );
    const byVenue = new Map(rows.map((row) => [row.venue_id, row]));
    return pushes.map((push) => {
      const row = byVenue.get(push.venueId);
      return { accepted: row?.accepted ?? 0, ackedThrough: row?.acked_through ?? 0 };
    });
  }

  /**
   * Writes the hub's own decisions into a venue's log (origin 'hub'), under the push lock:
   * `build` gets the next sequence number of the hub's device in that venue. Events the venue's
   * log holds already are skipped. Returns how many are new.
   */
  async insertHubEvents(venueId: string, build: (nextDeviceSeq: number) => IncomingEvent[]): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
      // After the highest written, not the count: a run that skipped what the venue had left
      // gaps, and numbering by the count gave a later decision a number taken (the venue then
      // refused it as a conflict, for good).
      const { rows } = await client.query<{ last: number }>(
        `SELECT COALESCE(MAX((body::jsonb ->> 'deviceSeq')::bigint), 0) AS last
         FROM events WHERE venue_id = $1 AND origin = 'hub'`,
        [venueId],
      );
      const events = build((rows[0]?.last ?? 0) + 1);
      const inserted = await client.query(
        `INSERT INTO events (venue_id, id, origin, type, body)
         SELECT $1, id, 'hub', type, body
         FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS batch (id, type, body, position)
         ORDER BY position
         ON CONFLICT (venue_id, id) DO NOTHING`,
        [
          venueId,
          events.map((event) => event.id),
          events.map((event) => event.type),
          events.map((event) => event.body),
        ],
      );
      await client.query('COMMIT');
      return inserted.rowCount ?? 0;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * The hub's events of every venue after its cursor `after`, at most `limit` and MAX_PAGE_BYTES
   * (so fewer does not mean the last), in its order, with when each arrived: what the dashboard
   * folds. On the reader's connections, in a READ ONLY transaction: the dashboard's reads cannot
   * write, whatever a bug of its would ask.
   */
  async tail(after: number, limit: number): Promise<TailRow[]> {
    const { rows } = await this.reader.query<{
      seq: number;
      venue_id: string;
      body: string;
      received_at: Date;
    }>(
      sizedPage('SELECT seq, venue_id, body, received_at FROM events WHERE seq > $1 ORDER BY seq LIMIT $2'),
      [after, limit],
    );
    return rows.map((row) => ({
      seq: row.seq,
      venueId: row.venue_id,
      body: row.body,
      receivedAt: row.received_at.toISOString(),
    }));
  }

  /**
   * The venue's events after the hub's cursor `after`, at most `limit` and MAX_PAGE_BYTES, in the hub's order: all of
   * them, or only the hub's decisions (`hubOnly`).
   */
  async readVenue(venueId: string, after: number, limit: number, hubOnly = false): Promise<StoredHubEvent[]> {
    const { rows } = await this.pool.query<{ seq: number; body: string }>(
      sizedPage(`SELECT seq, body FROM events WHERE venue_id = $1 AND seq > $2 ${hubOnly ? "AND origin = 'hub'" : ''}
       ORDER BY seq LIMIT $3`),
      [venueId, after, limit],
    );
    return rows.map(({ seq, body }) => ({ seq, body }));
  }

  /** The hub's last sequence number of the venue's events (0 when it has none). */
  async venueHead(venueId: string, hubOnly = false): Promise<number> {
    const { rows } = await this.pool.query<{ head: number | null }>(
      `SELECT MAX(seq) AS head FROM events WHERE venue_id = $1 ${hubOnly ? "AND origin = 'hub'" : ''}`,
      [venueId],
    );
    return rows[0]?.head ?? 0;
  }
}
