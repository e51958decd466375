// @vitest-environment node
// The sync tables' schema versions, frozen as they shipped (the pattern of
// test/unit/db/migration.test.ts): a database of the version before opens with each, keeps its
// rows, and goes on syncing where it was.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DATABASE_NAME } from '../../../src/db/database';
import { readOutbox, readRefusedEvents, settleOutbox } from '../../../src/db/remote';
import { SCHEMA_VERSIONS } from '../../../src/db/schema';
import type { SessionInfo } from '../../../src/sync/protocol';
import { readCursor, readDeviceKey, readSession, saveSession } from '../../../src/sync/sync-state';
import { freshDb } from '../db/helpers';

const V2_STORES = {
  device: 'key',
  competitions: 'id',
  rounds: 'id, competitionId',
  judges: 'id, roundId, joinCode',
  contestants: 'id, roundId',
  photos: 'id, roundId',
  entityHeads: '[table+entityId]',
  events: 'id, &[deviceId+deviceSeq], competitionId, roundId, type, [roundId+type]',
  outbox: 'eventId, deviceSeq',
  marks:
    '[roundId+judgeId+contestantId+criterionId], roundId, [roundId+judgeId+contestantId], [roundId+contestantId]',
  sheets: '[roundId+judgeId+contestantId], roundId',
  adjustments: 'adjustmentId, roundId',
  corrections: 'requestId, roundId',
  drafts: '[roundId+judgeId+contestantId+criterionId]',
  judgeSession: 'key',
};

const V3_STORES = { ...V2_STORES, syncState: 'key' };

const V4_STORES = { ...V3_STORES, refused: 'eventId' };

const DEVICE = 'd'.repeat(32);

/** A v2 device with two events of its own, one still in the outbox. */
function v2Rows() {
  const event = (deviceSeq: number) => ({
    id: `e${deviceSeq}`,
    deviceId: DEVICE,
    deviceSeq,
    author: { role: 'organizer' },
    competitionId: 'c1',
    roundId: null,
    recordedAt: '2026-11-23T09:00:00.000Z',
    type: 'entity.put',
    payload: {
      table: 'competitions',
      entity: { id: `c${deviceSeq}`, name: '擂台比武', archived: false },
      revision: 1,
    },
  });
  return {
    device: [{ key: 'self', deviceId: DEVICE, nextSeq: 3 }],
    events: [event(1), event(2)],
    outbox: [{ eventId: 'e2', deviceSeq: 2 }],
  };
}

async function writeOld(
  factory: IDBFactory,
  version: number,
  stores: Record<string, string>,
  rows: Record<string, unknown[]>,
): Promise<void> {
  const old = new Dexie(DATABASE_NAME, { indexedDB: factory, IDBKeyRange });
  old.version(version).stores(stores);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, tableRows] of Object.entries(rows)) await old.table(table).bulkAdd(tableRows);
  });
  old.close();
}

const writeV2 = (factory: IDBFactory) => writeOld(factory, 2, V2_STORES, v2Rows());

const session: SessionInfo = {
  token: 't',
  role: 'organizer',
  deviceId: DEVICE,
  judgeId: null,
  serverId: 'server-a',
  expiresAt: '2026-11-24T09:00:00.000Z',
  deviceKey: null,
};

describe('schema v3 (syncState)', () => {
  it('is declared exactly as it shipped', () => {
    expect(SCHEMA_VERSIONS.find((declared) => declared.version === 3)?.stores).toEqual(V3_STORES);
  });

  it('opens a v2 database with an empty sync state, its rows and outbox kept', async () => {
    const factory = new IDBFactory();
    await writeV2(factory);
    const db = freshDb(factory);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect(await readCursor(db)).toBeUndefined();
    expect(await readSession(db)).toBeNull();
    expect((await readOutbox(db)).map((event) => event.id)).toEqual(['e2']);
  });

  it('keeps a session; a session of another server re-queues this device’s events and restarts the cursor', async () => {
    const factory = new IDBFactory();
    await writeV2(factory);
    const db = freshDb(factory);
    await saveSession(db, session);
    expect(await readSession(db)).toEqual(session);
    await db.table('syncState').put({ key: 'cursor', serverId: 'server-a', cursor: 42 });
    await saveSession(db, { ...session, serverId: 'server-b' });
    expect(await readCursor(db)).toEqual({
      key: 'cursor',
      serverId: 'server-b',
      cursor: 0,
      reader: 'organizer',
    });
    expect((await readOutbox(db)).map((event) => event.id)).toEqual(['e1', 'e2']);
  });
});

/** A v3 device: the v2 rows, logged in at server-a (a session of protocol 1) and synced to 42. */
function v3Rows() {
  return {
    ...v2Rows(),
    syncState: [
      { key: 'cursor', serverId: 'server-a', cursor: 42 },
      {
        key: 'session',
        session: { token: 't', role: 'organizer', deviceId: DEVICE, judgeId: null, serverId: 'server-a' },
      },
    ],
  };
}

describe('schema v4 (refused)', () => {
  it('is declared exactly as it shipped', () => {
    expect(SCHEMA_VERSIONS.find((declared) => declared.version === 4)?.stores).toEqual(V4_STORES);
  });

  it('opens a v3 database with no refused event, its session, cursor and outbox kept', async () => {
    const factory = new IDBFactory();
    await writeOld(factory, 3, V3_STORES, v3Rows());
    const db = freshDb(factory);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(await readRefusedEvents(db)).toEqual([]);
    expect(await readCursor(db)).toEqual({ key: 'cursor', serverId: 'server-a', cursor: 42 });
    expect((await readSession(db))?.token).toBe('t');
    expect(await readDeviceKey(db, 'server-a')).toBeUndefined();
    expect((await readOutbox(db)).map((event) => event.id)).toEqual(['e2']);
  });

  it('moves a refused event out of the outbox, with its reason, next to the log', async () => {
    const factory = new IDBFactory();
    await writeOld(factory, 3, V3_STORES, v3Rows());
    const db = freshDb(factory);
    const refusal = {
      eventId: 'e2',
      code: 'unknownEntity' as const,
      message: 'competition c2 does not exist',
      path: null,
      refusedAt: '2026-11-23T09:30:00.000Z',
    };
    await settleOutbox(db, [], [refusal]);
    expect(await readOutbox(db)).toEqual([]);
    const [entry] = await readRefusedEvents(db);
    expect(entry).toMatchObject({ ...refusal, event: { id: 'e2', deviceSeq: 2 } });
  });
});
