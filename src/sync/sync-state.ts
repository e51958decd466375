/**
 * The device's sync state, in its own IndexedDB table `syncState` (src/db/schema.ts):
 * - 'cursor': the server sequence number up to which this device has applied the server's
 *   events, and the server it refers to. It moves only in the transaction that applies them.
 * - 'session': the token that the venue server gave this device, and who the device is there.
 * - 'deviceKey:<serverId>': the key that server issued for this device's id, which proves at
 *   every later claim, login or join that this is the same device. Kept when the session is
 *   forgotten: without it, the server would take this device for another one using its id.
 */

import type { Table } from 'dexie';
import type { LeitaiDB } from '../db/database';
import { getDeviceId } from '../db/log';
import type { SessionInfo } from './protocol';

export interface CursorRow {
  key: 'cursor';
  serverId: string;
  cursor: number;
  /**
   * Whose pulls the cursor counts (`readerOf`): the server filters pulls by role, so a cursor
   * moved by a judge's pulls has passed events that another judge, or the organizer, must read.
   * Absent on cursors of protocol 1, whose pulls were not filtered.
   */
  reader?: string;
}

/** Who reads the server's events on this session's pulls (see `readingOf` in ./protocol.ts). */
export function readerOf(session: Pick<SessionInfo, 'role' | 'judgeId'>): string {
  return session.role === 'judge' ? `judge:${session.judgeId}` : session.role;
}

export interface SessionRow {
  key: 'session';
  session: SessionInfo;
}

export interface DeviceKeyRow {
  key: `deviceKey:${string}`;
  serverId: string;
  deviceKey: string;
}

export type SyncStateRow = CursorRow | SessionRow | DeviceKeyRow;

export function syncStateTable(db: LeitaiDB): Table<SyncStateRow, SyncStateRow['key']> {
  return db.table('syncState');
}

export async function readCursor(db: LeitaiDB): Promise<CursorRow | undefined> {
  return (await syncStateTable(db).get('cursor')) as CursorRow | undefined;
}

export async function readSession(db: LeitaiDB): Promise<SessionInfo | null> {
  const row = (await syncStateTable(db).get('session')) as SessionRow | undefined;
  return row?.session ?? null;
}

const deviceKeyOf = (serverId: string): DeviceKeyRow['key'] => `deviceKey:${serverId}`;

/** The key `serverId` issued for this device; undefined before that server first bound it. */
export async function readDeviceKey(db: LeitaiDB, serverId: string): Promise<string | undefined> {
  const row = (await syncStateTable(db).get(deviceKeyOf(serverId))) as DeviceKeyRow | undefined;
  return row?.deviceKey;
}

/**
 * Keeps the session, and the device key when the server issued one. A session of another
 * server (a new data directory on the laptop) starts over: the cursor goes back to 0 and this
 * device's own events are queued again, so the new server receives everything this device ever
 * wrote.
 */
export async function saveSession(db: LeitaiDB, session: SessionInfo): Promise<void> {
  const ownDeviceId = await getDeviceId(db);
  await db.transaction('rw', [syncStateTable(db), db.events, db.outbox], async () => {
    const cursor = await readCursor(db);
    const reader = readerOf(session);
    if (cursor && cursor.serverId !== session.serverId) {
      const own = await db.events
        .where('[deviceId+deviceSeq]')
        .between([ownDeviceId, 0], [ownDeviceId, Number.MAX_SAFE_INTEGER])
        .toArray();
      await db.outbox.bulkPut(own.map((event) => ({ eventId: event.id, deviceSeq: event.deviceSeq })));
      await syncStateTable(db).put({ key: 'cursor', serverId: session.serverId, cursor: 0, reader });
    } else if (cursor?.reader !== undefined && cursor.reader !== reader) {
      // Another role or judge on this device: what its pulls passed over may be readable now.
      await syncStateTable(db).put({ ...cursor, cursor: 0, reader });
    }
    await syncStateTable(db).put({ key: 'session', session });
    if (session.deviceKey !== null) {
      const { serverId, deviceKey } = session;
      await syncStateTable(db).put({ key: deviceKeyOf(serverId), serverId, deviceKey });
    }
  });
}

/** Logs this device out; its device keys stay (see the top of this file). */
export async function forgetSession(db: LeitaiDB): Promise<void> {
  await syncStateTable(db).delete('session');
}
