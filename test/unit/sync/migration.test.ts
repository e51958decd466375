// @vitest-environment node
// The sync table's schema version, frozen as it shipped (the pattern of test/unit/db/migration.test.ts):
// a database of the version before opens with it, keeps its rows, and syncs from cursor 0.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DATABASE_NAME } from '../../../src/db/database';
import { readOutbox } from '../../../src/db/remote';
import { SCHEMA_VERSIONS } from '../../../src/db/schema';
import { readCursor, readSession, saveSession } from '../../../src/sync/sync-state';
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

async function writeV2(factory: IDBFactory): Promise<void> {
  const old = new Dexie(DATABASE_NAME, { indexedDB: factory, IDBKeyRange });
  old.version(2).stores(V2_STORES);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(v2Rows())) await old.table(table).bulkAdd(rows);
  });
  old.close();
}

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
    const session = {
      token: 't',
      role: 'organizer' as const,
      deviceId: DEVICE,
      judgeId: null,
      serverId: 'server-a',
    };
    await saveSession(db, session);
    expect(await readSession(db)).toEqual(session);
    await db.table('syncState').put({ key: 'cursor', serverId: 'server-a', cursor: 42 });
    await saveSession(db, { ...session, serverId: 'server-b' });
    expect(await readCursor(db)).toEqual({ key: 'cursor', serverId: 'server-b', cursor: 0 });
    expect((await readOutbox(db)).map((event) => event.id)).toEqual(['e1', 'e2']);
  });
});
