/**
 * The venue server's storage: one SQLite file (better-sqlite3), WAL mode, synchronous=FULL so a
 * push acknowledged to a device survives a power cut of the laptop.
 *
 * - events: the log, one row per event id, numbered by `seq` (the server cursor). better-sqlite3
 *   is synchronous and this process the only writer, so a reader never sees seq N+1 before N:
 *   a pull after cursor N can never skip an event that commits later with a smaller number.
 * - judges: the join code of each judge, derived from the organizer's judge events when they
 *   are new (the winner by compareRevision, as on every device).
 * - tokens: device sessions, by the SHA-256 of the token (the token itself is never stored).
 * - meta: the server id, the organizer's password hash, the projector code.
 */

import Database from 'better-sqlite3';
import { type Stamp, supersedes } from '../domain/events';
import type { DeviceRole } from '../sync/protocol';

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
CREATE TABLE IF NOT EXISTS judges (
  judge_id TEXT PRIMARY KEY,
  join_code TEXT,
  head TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS judges_by_code ON judges (join_code);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  role TEXT NOT NULL,
  judge_id TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS tokens_by_device ON tokens (device_id);
`;

export interface NewEventRow {
  id: string;
  deviceId: string;
  deviceSeq: number;
  body: string;
}

/** The judge entity an event writes, when it writes one. */
export interface JudgeChange {
  judgeId: string;
  /** null when the event deletes the judge. */
  joinCode: string | null;
  head: Stamp;
}

export type InsertOutcome = { kind: 'new'; seq: number } | { kind: 'duplicate' } | { kind: 'conflict' };

export interface TokenRow {
  deviceId: string;
  role: DeviceRole;
  judgeId: string | null;
  createdAt: string;
  revoked: boolean;
}

export class VenueStore {
  readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    const db = this.db;
    this.statements = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      eventById: db.prepare<[string], { seq: number }>('SELECT seq FROM events WHERE id = ?'),
      eventBySlot: db.prepare<[string, number], { id: string }>(
        'SELECT id FROM events WHERE device_id = ? AND device_seq = ?',
      ),
      insertEvent: db.prepare('INSERT INTO events (id, device_id, device_seq, body) VALUES (?, ?, ?, ?)'),
      readAfter: db.prepare<[number, number], { seq: number; body: string }>(
        'SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      head: db.prepare<[], { head: number | null }>('SELECT MAX(seq) AS head FROM events'),
      judgeHead: db.prepare<[string], { head: string }>('SELECT head FROM judges WHERE judge_id = ?'),
      putJudge: db.prepare(
        'INSERT INTO judges (judge_id, join_code, head) VALUES (?, ?, ?) ' +
          'ON CONFLICT (judge_id) DO UPDATE SET join_code = excluded.join_code, head = excluded.head',
      ),
      judgesByCode: db.prepare<[string], { judge_id: string }>(
        'SELECT judge_id FROM judges WHERE join_code = ?',
      ),
      insertToken: db.prepare(
        'INSERT INTO tokens (token_hash, device_id, role, judge_id, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      tokenByHash: db.prepare<
        [string],
        {
          device_id: string;
          role: string;
          judge_id: string | null;
          created_at: string;
          revoked_at: string | null;
        }
      >('SELECT device_id, role, judge_id, created_at, revoked_at FROM tokens WHERE token_hash = ?'),
      revokeDevice: db.prepare('UPDATE tokens SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL'),
      devices: db.prepare<
        [],
        { device_id: string; role: string; judge_id: string | null; created_at: string; active: number }
      >(
        'SELECT device_id, role, judge_id, MIN(created_at) AS created_at, ' +
          'MAX(revoked_at IS NULL) AS active FROM tokens GROUP BY device_id, role, judge_id ORDER BY created_at',
      ),
    };
  }

  close(): void {
    this.db.close();
  }

  getMeta(key: string): string | undefined {
    return this.statements.getMeta.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.statements.setMeta.run(key, value);
  }

  /** Runs `work` in one transaction (BEGIN IMMEDIATE): all of it commits, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** Insert-or-ignore by id; a different event in an existing (device, seq) slot is a conflict. */
  insertEvent(row: NewEventRow): InsertOutcome {
    if (this.statements.eventById.get(row.id)) return { kind: 'duplicate' };
    if (this.statements.eventBySlot.get(row.deviceId, row.deviceSeq)) return { kind: 'conflict' };
    const result = this.statements.insertEvent.run(row.id, row.deviceId, row.deviceSeq, row.body);
    return { kind: 'new', seq: Number(result.lastInsertRowid) };
  }

  readAfter(after: number, limit: number): { seq: number; body: string }[] {
    return this.statements.readAfter.all(after, limit);
  }

  head(): number {
    return this.statements.head.get()?.head ?? 0;
  }

  /** Applies a judge entity change when it wins over what the table holds. */
  applyJudgeChange(change: JudgeChange): void {
    const current = this.statements.judgeHead.get(change.judgeId);
    if (!supersedes(change.head, current ? (JSON.parse(current.head) as Stamp) : null)) return;
    this.statements.putJudge.run(change.judgeId, change.joinCode, JSON.stringify(change.head));
  }

  judgesWithCode(code: string): string[] {
    return this.statements.judgesByCode.all(code).map((row) => row.judge_id);
  }

  insertToken(
    hash: string,
    deviceId: string,
    role: DeviceRole,
    judgeId: string | null,
    createdAt: string,
  ): void {
    this.statements.insertToken.run(hash, deviceId, role, judgeId, createdAt);
  }

  token(hash: string): TokenRow | undefined {
    const row = this.statements.tokenByHash.get(hash);
    if (!row) return undefined;
    return {
      deviceId: row.device_id,
      role: row.role as DeviceRole,
      judgeId: row.judge_id,
      createdAt: row.created_at,
      revoked: row.revoked_at !== null,
    };
  }

  /** Revokes every token of the device; the number revoked. */
  revokeDevice(deviceId: string, at: string): number {
    return this.statements.revokeDevice.run(at, deviceId).changes;
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
      joinedAt: row.created_at,
      revoked: row.active === 0,
    }));
  }
}
