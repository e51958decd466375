/**
 * The venue server's storage: one SQLite file (better-sqlite3), WAL mode, synchronous=FULL so a
 * push acknowledged to a device survives a power cut of the laptop.
 *
 * - events: the log, one row per event id, numbered by `seq` (the server cursor). better-sqlite3
 *   is synchronous and this process the only writer, so a reader never sees seq N+1 before N:
 *   a pull after cursor N can never skip an event that commits later with a smaller number.
 *   Each row also keeps who may read it (`reader`, `projector`, `redact`: see `readingOf` in
 *   src/sync/protocol.ts), so that a filtered pull is one indexed query.
 * - devices: each device id the server has bound, with the hash of its device key: no other
 *   device may take the id or write under it. Revocation is of a device, not of a token.
 * - tokens: device sessions, by the SHA-256 of the token (the token itself is never stored); one
 *   per device, expiring a day after its last use.
 * - meta: the server id, the organizer's password hash, the projector code, the schema version.
 * - audience_voters: the audience's phones (大众投票), by the SHA-256 of their token, with their
 *   voter number and the address they joined from (the cap of phones per address).
 * - audience_windows: when the server admitted each voting window, by its own clock: a vote is
 *   judged against it, across a restart too.
 */

import Database from 'better-sqlite3';
import type { DeviceRole, EventReading } from '../sync/protocol';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  device_id TEXT NOT NULL,
  device_seq INTEGER NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (device_id, device_seq)
) STRICT;
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  role TEXT NOT NULL,
  judge_id TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS tokens_by_device ON tokens (device_id);
CREATE TABLE IF NOT EXISTS audience_voters (
  token_hash TEXT PRIMARY KEY,
  voter_number INTEGER NOT NULL UNIQUE,
  address TEXT NOT NULL,
  joined_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS audience_voters_by_address ON audience_voters (address);
CREATE TABLE IF NOT EXISTS audience_windows (
  window_id TEXT PRIMARY KEY,
  opened_at_ms INTEGER NOT NULL
) STRICT;
`;

/**
 * Version 2 (protocol 2): who reads each event, bound devices, expiring sessions. The join codes
 * are no longer a table of their own: the server folds the judges in memory (admission.ts).
 */
const MIGRATE_TO_2 = `
ALTER TABLE events ADD COLUMN reader TEXT;
ALTER TABLE events ADD COLUMN projector INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN redact INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_by_reader ON events (reader, seq);
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  judge_id TEXT,
  bound_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_code TEXT
) STRICT;
ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
DROP TABLE IF EXISTS judges;
`;
// 3: a submission's signature is hidden from the projector (`redact` re-read for every event).
const SCHEMA_VERSION = 3;

/** A pull page stops growing past this many characters of JSON (at least one event is sent). */
export const MAX_PULL_PAGE_CHARS = 8 * 1024 * 1024;

/** The key of a device id the organizer approved for binding (`approveDevice`). */
export const APPROVED_UNBOUND = '';

export interface NewEventRow {
  id: string;
  deviceId: string;
  deviceSeq: number;
  body: string;
  reading: EventReading;
}

export type InsertOutcome = { kind: 'new'; seq: number } | { kind: 'duplicate' } | { kind: 'conflict' };

export interface TokenRow {
  deviceId: string;
  role: DeviceRole;
  judgeId: string | null;
  createdAt: string;
  lastUsedAt: string;
  revoked: boolean;
}

export interface DeviceRow {
  deviceId: string;
  keyHash: string;
  /** The judge the device last joined as (null for other roles). */
  judgeId: string | null;
  revokedAt: string | null;
  /** The code (judge's or projector's) the device held when revoked: it no longer lets it in. */
  revokedCode: string | null;
}

export interface StoredEvent {
  seq: number;
  body: string;
  redact: boolean;
}

/** Who is pulling: the organizer reads everything, a judge its own, the projector what it shows. */
export type PullAudience = { role: 'organizer' } | { role: 'projector' } | { role: 'judge'; judgeId: string };

export class VenueStore {
  readonly db: Database.Database;
  private readonly statements;

  constructor(file: string, readingOf?: (body: string) => EventReading) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.migrate(readingOf);
    const db = this.db;
    this.statements = {
      eventById: db.prepare<[string], { seq: number }>('SELECT seq FROM events WHERE id = ?'),
      eventBySlot: db.prepare<[string, number], { id: string }>(
        'SELECT id FROM events WHERE device_id = ? AND device_seq = ?',
      ),
      hasDeviceEvents: db.prepare<[string], { one: number }>(
        'SELECT 1 AS one FROM events WHERE device_id = ? LIMIT 1',
      ),
      insertEvent: db.prepare(
        'INSERT INTO events (id, device_id, device_seq, body, reader, projector, redact) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      allEvents: db.prepare<[], { body: string }>('SELECT body FROM events ORDER BY seq'),
      pullAll: db.prepare<[number, number], { seq: number; body: string; redact: number }>(
        'SELECT seq, body, redact FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      pullProjector: db.prepare<[number, number], { seq: number; body: string; redact: number }>(
        'SELECT seq, body, redact FROM events WHERE seq > ? AND projector = 1 ORDER BY seq LIMIT ?',
      ),
      pullJudge: db.prepare<[number, string, number], { seq: number; body: string; redact: number }>(
        'SELECT seq, body, redact FROM events WHERE seq > ? AND (reader IS NULL OR reader = ?) ORDER BY seq LIMIT ?',
      ),
      head: db.prepare<[], { head: number | null }>('SELECT MAX(seq) AS head FROM events'),
      device: db.prepare<
        [string],
        {
          device_id: string;
          key_hash: string;
          judge_id: string | null;
          revoked_at: string | null;
          revoked_code: string | null;
        }
      >('SELECT device_id, key_hash, judge_id, revoked_at, revoked_code FROM devices WHERE device_id = ?'),
      bindDevice: db.prepare(
        'INSERT INTO devices (device_id, key_hash, role, judge_id, bound_at) VALUES (?, ?, ?, ?, ?)',
      ),
      setDeviceRole: db.prepare('UPDATE devices SET role = ?, judge_id = ? WHERE device_id = ?'),
      setDeviceRevoked: db.prepare('UPDATE devices SET revoked_at = ?, revoked_code = ? WHERE device_id = ?'),
      countDevices: db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM devices'),
      insertToken: db.prepare(
        'INSERT INTO tokens (token_hash, device_id, role, judge_id, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      deleteDeviceTokens: db.prepare('DELETE FROM tokens WHERE device_id = ?'),
      deleteUnusedSince: db.prepare('DELETE FROM tokens WHERE last_used_at IS NULL OR last_used_at < ?'),
      countLiveTokens: db.prepare<[string, string, string | null, string | null], { count: number }>(
        'SELECT COUNT(*) AS count FROM tokens WHERE last_used_at >= ? AND revoked_at IS NULL AND role = ? AND judge_id IS ? AND device_id IS NOT ?',
      ),
      tokenByHash: db.prepare<
        [string],
        {
          device_id: string;
          role: string;
          judge_id: string | null;
          created_at: string;
          last_used_at: string | null;
          revoked_at: string | null;
        }
      >(
        'SELECT device_id, role, judge_id, created_at, last_used_at, revoked_at FROM tokens WHERE token_hash = ?',
      ),
      touchToken: db.prepare('UPDATE tokens SET last_used_at = ? WHERE token_hash = ?'),
      revokeTokens: db.prepare('UPDATE tokens SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL'),
      devices: db.prepare<
        [],
        {
          device_id: string;
          role: string;
          judge_id: string | null;
          bound_at: string;
          revoked_at: string | null;
        }
      >('SELECT device_id, role, judge_id, bound_at, revoked_at FROM devices ORDER BY bound_at, device_id'),
    };
  }

  /** Brings an older file up to SCHEMA_VERSION, in one transaction. */
  private migrate(readingOf: ((body: string) => EventReading) | undefined): void {
    const version = Number(this.getMeta('schemaVersion') ?? '1');
    if (version >= SCHEMA_VERSION) return;
    this.db
      .transaction(() => {
        const hasReader = (this.db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).some(
          (column) => column.name === 'reader',
        );
        if (!hasReader) this.db.exec(MIGRATE_TO_2);
        // Existing events get who reads them; tokens of protocol 1 had no device key: they end.
        if (readingOf) {
          const update = this.db.prepare(
            'UPDATE events SET reader = ?, projector = ?, redact = ? WHERE seq = ?',
          );
          const rows = this.db
            .prepare<[], { seq: number; body: string }>('SELECT seq, body FROM events')
            .all();
          for (const row of rows) {
            const reading = readingOf(row.body);
            update.run(reading.reader, reading.projector ? 1 : 0, reading.redact ? 1 : 0, row.seq);
          }
        }
        if (version < 2) this.bindLegacyDevices();
        this.setMeta('schemaVersion', String(SCHEMA_VERSION));
      })
      .immediate();
  }

  /**
   * Protocol 1 had no device keys: each device that held a token is bound with its newest
   * token's hash as its key ("token:<hash>"), so that the token it still holds proves it once
   * (src/sync/session.ts sends it as the key) and gets a key of its own; its session runs a day
   * from the upgrade.
   */
  private bindLegacyDevices(): void {
    const at = new Date().toISOString();
    this.db
      .prepare(
        `INSERT OR IGNORE INTO devices (device_id, key_hash, role, judge_id, bound_at, revoked_at)
         SELECT device_id, 'token:' || token_hash, role, judge_id, created_at, revoked_at FROM tokens t
         WHERE created_at = (SELECT MAX(created_at) FROM tokens u WHERE u.device_id = t.device_id)`,
      )
      .run();
    this.db.prepare('UPDATE tokens SET last_used_at = ? WHERE last_used_at IS NULL').run(at);
  }

  close(): void {
    this.db.close();
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  /** Runs `work` in one transaction (BEGIN IMMEDIATE): all of it commits, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** Insert-or-ignore by id; a different event in an existing (device, seq) slot is a conflict. */
  insertEvent(row: NewEventRow): InsertOutcome {
    if (this.statements.eventById.get(row.id)) return { kind: 'duplicate' };
    if (this.statements.eventBySlot.get(row.deviceId, row.deviceSeq)) return { kind: 'conflict' };
    const { reader, projector, redact } = row.reading;
    const result = this.statements.insertEvent.run(
      row.id,
      row.deviceId,
      row.deviceSeq,
      row.body,
      reader,
      projector ? 1 : 0,
      redact ? 1 : 0,
    );
    return { kind: 'new', seq: Number(result.lastInsertRowid) };
  }

  /**
   * Deletes the stored events that `inScope` selects (a purge's scope: the purge events
   * themselves are never selected, so late devices still learn of it). Returns how many went.
   */
  deleteEvents(
    inScope: (event: { type: string; competitionId: string; roundId: string | null }) => boolean,
  ): number {
    const doomed: number[] = [];
    for (const row of this.db
      .prepare<[], { seq: number; body: string }>('SELECT seq, body FROM events')
      .iterate()) {
      if (inScope(JSON.parse(row.body))) doomed.push(row.seq);
    }
    const remove = this.db.prepare('DELETE FROM events WHERE seq = ?');
    for (const seq of doomed) remove.run(seq);
    return doomed.length;
  }

  hasEvent(id: string): boolean {
    return this.statements.eventById.get(id) !== undefined;
  }

  hasEventsOfDevice(deviceId: string): boolean {
    return this.statements.hasDeviceEvents.get(deviceId) !== undefined;
  }

  /** Every stored event's JSON, in server order (to fold the setup at start-up). */
  *allEventBodies(): Iterable<string> {
    for (const row of this.statements.allEvents.iterate()) yield row.body;
  }

  /**
   * The events after `after` that `audience` may read, at most `limit`, and the cursor to ask
   * from next: past every event scanned, readable or not, so filtered-out events are never
   * scanned twice. One synchronous read: no event can commit between the query and the head.
   */
  readFor(audience: PullAudience, after: number, limit: number): { events: StoredEvent[]; cursor: number } {
    const rows =
      audience.role === 'organizer'
        ? this.statements.pullAll.iterate(after, limit)
        : audience.role === 'projector'
          ? this.statements.pullProjector.iterate(after, limit)
          : this.statements.pullJudge.iterate(after, audience.judgeId, limit);
    const events: StoredEvent[] = [];
    let chars = 0;
    let full = false;
    for (const row of rows) {
      events.push({ seq: row.seq, body: row.body, redact: row.redact === 1 });
      chars += row.body.length;
      // A page of photos would otherwise outgrow what one response can hold.
      if (events.length === limit || chars >= MAX_PULL_PAGE_CHARS) {
        full = true;
        break;
      }
    }
    const cursor = full ? (events.at(-1) as StoredEvent).seq : Math.max(after, this.head());
    return { events, cursor };
  }

  head(): number {
    return this.statements.head.get()?.head ?? 0;
  }

  /** The last sequence number a device used (0 for none): the server's own next event follows it. */
  lastDeviceSeq(deviceId: string): number {
    const row = this.db
      .prepare<[string], { last: number | null }>(
        'SELECT MAX(device_seq) AS last FROM events WHERE device_id = ?',
      )
      .get(deviceId);
    return row?.last ?? 0;
  }

  /** A new audience phone: its number is one past the last. */
  addVoter(tokenHash: string, address: string, at: string): number {
    const row = this.db
      .prepare<[], { last: number | null }>('SELECT MAX(voter_number) AS last FROM audience_voters')
      .get();
    const number = (row?.last ?? 0) + 1;
    this.db
      .prepare(
        'INSERT INTO audience_voters (token_hash, voter_number, address, joined_at) VALUES (?, ?, ?, ?)',
      )
      .run(tokenHash, number, address, at);
    return number;
  }

  voterNumber(tokenHash: string): number | undefined {
    return this.db
      .prepare<[string], { voter_number: number }>(
        'SELECT voter_number FROM audience_voters WHERE token_hash = ?',
      )
      .get(tokenHash)?.voter_number;
  }

  votersFrom(address: string): number {
    return (
      this.db
        .prepare<[string], { count: number }>(
          'SELECT COUNT(*) AS count FROM audience_voters WHERE address = ?',
        )
        .get(address)?.count ?? 0
    );
  }

  voterCount(): number {
    return (
      this.db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM audience_voters').get()?.count ??
      0
    );
  }

  /** When the server admitted a voting window (ms since the epoch, its own clock). */
  setWindowOpenedAt(windowId: string, openedAtMs: number): void {
    this.db
      .prepare('INSERT OR IGNORE INTO audience_windows (window_id, opened_at_ms) VALUES (?, ?)')
      .run(windowId, openedAtMs);
  }

  windowOpenings(): Map<string, number> {
    const rows = this.db
      .prepare<[], { window_id: string; opened_at_ms: number }>(
        'SELECT window_id, opened_at_ms FROM audience_windows',
      )
      .all();
    return new Map(rows.map((row) => [row.window_id, row.opened_at_ms]));
  }

  device(deviceId: string): DeviceRow | undefined {
    const row = this.statements.device.get(deviceId);
    return (
      row && {
        deviceId: row.device_id,
        keyHash: row.key_hash,
        judgeId: row.judge_id,
        revokedAt: row.revoked_at,
        revokedCode: row.revoked_code,
      }
    );
  }

  bindDevice(deviceId: string, keyHash: string, role: DeviceRole, judgeId: string | null, at: string): void {
    this.statements.bindDevice.run(deviceId, keyHash, role, judgeId, at);
  }

  /** Replaces a device's key (a device bound by protocol 1's token gets a key of its own). */
  setDeviceKey(deviceId: string, keyHash: string): void {
    this.db.prepare('UPDATE devices SET key_hash = ? WHERE device_id = ?').run(keyHash, deviceId);
  }

  deviceCount(): number {
    return this.statements.countDevices.get()?.count ?? 0;
  }

  /** Revokes the device and its session; `code` is what no longer lets it in. */
  revokeDevice(deviceId: string, code: string | null, at: string): number {
    const changed = this.statements.setDeviceRevoked.run(at, code, deviceId).changes;
    this.statements.revokeTokens.run(at, deviceId);
    return changed;
  }

  readmitDevice(deviceId: string): number {
    return this.statements.setDeviceRevoked.run(null, null, deviceId).changes;
  }

  /**
   * The organizer lets a device id that is in the log but was never bound (a tablet whose
   * exported log the organizer imported) be bound by the next claim, login or join: an empty key.
   */
  approveDevice(deviceId: string, at: string): void {
    this.statements.bindDevice.run(deviceId, APPROVED_UNBOUND, 'judge', null, at);
  }

  /** The device's one session: any earlier token of the device ends. */
  replaceToken(hash: string, deviceId: string, role: DeviceRole, judgeId: string | null, at: string): void {
    this.statements.deleteDeviceTokens.run(deviceId);
    this.statements.insertToken.run(hash, deviceId, role, judgeId, at, at);
    this.statements.setDeviceRole.run(role, judgeId, deviceId);
  }

  /** Forgets sessions not used since `before` (they have expired). */
  pruneTokens(before: string): void {
    this.statements.deleteUnusedSince.run(before);
  }

  /** Live sessions of `role` (and judge) on devices other than `exceptDevice`, used since `since`. */
  liveSessions(role: DeviceRole, judgeId: string | null, exceptDevice: string, since: string): number {
    return this.statements.countLiveTokens.get(since, role, judgeId, exceptDevice)?.count ?? 0;
  }

  token(hash: string): TokenRow | undefined {
    const row = this.statements.tokenByHash.get(hash);
    if (!row) return undefined;
    return {
      deviceId: row.device_id,
      role: row.role as DeviceRole,
      judgeId: row.judge_id,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at ?? row.created_at,
      revoked: row.revoked_at !== null,
    };
  }

  touchToken(hash: string, at: string): void {
    this.statements.touchToken.run(at, hash);
  }

  /**
   * The judges' tablets that may still reach the server (bound to a judge, not revoked), with
   * when their session was last used (written at most once a minute: see core.ts).
   */
  judgeTablets(): { deviceId: string; judgeId: string; lastUsedAt: string | null }[] {
    return this.db
      .prepare<[], { device_id: string; judge_id: string; last_used_at: string | null }>(
        `SELECT d.device_id, d.judge_id, MAX(t.last_used_at) AS last_used_at FROM devices d
         LEFT JOIN tokens t ON t.device_id = d.device_id AND t.revoked_at IS NULL
         WHERE d.role = 'judge' AND d.judge_id IS NOT NULL AND d.revoked_at IS NULL
         GROUP BY d.device_id, d.judge_id`,
      )
      .all()
      .map((row) => ({ deviceId: row.device_id, judgeId: row.judge_id, lastUsedAt: row.last_used_at }));
  }

  devices(): {
    deviceId: string;
    role: DeviceRole;
    judgeId: string | null;
    joinedAt: string;
    revoked: boolean;
  }[] {
    return this.statements.devices.all().map((row) => ({
      deviceId: row.device_id,
      role: row.role as DeviceRole,
      judgeId: row.judge_id,
      joinedAt: row.bound_at,
      revoked: row.revoked_at !== null,
    }));
  }
}
