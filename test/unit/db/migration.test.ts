/**
 * Databases written by every shipped schema version must open with the current one and keep
 * their data. Each version is frozen here as it shipped, with rows in its own shape written by
 * hand (not by today's code, which will have moved on). A new schema version adds an entry
 * below, with rows that exercise its upgrade function.
 */

import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DATABASE_NAME } from '../../../src/db/database';
import { applyRemoteEvents } from '../../../src/db/remote';
import {
  bindJudge,
  commitDraft,
  enterMark,
  loadRoundInput,
  pressKey,
  putContestant,
  readJudgeSession,
  readOutbox,
  readProjection,
  refoldLog,
} from '../../../src/db/repository';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../src/db/schema';
import { DEFAULT_SETTINGS } from '../../../src/domain/model';
import { freshDb } from './helpers';

const V1_STORES = {
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
};

/** A v1 device: a round set up and one mark given; events 1-3 acknowledged by the server. */
function v1Rows() {
  const device = 'd'.repeat(32);
  const stamp = (deviceSeq: number) => ({
    revision: 1,
    deviceId: device,
    deviceSeq,
    eventId: `e${deviceSeq}`,
  });
  const envelope = (deviceSeq: number, roundId: string | null) => ({
    id: `e${deviceSeq}`,
    deviceId: device,
    deviceSeq,
    author: { role: 'organizer' },
    competitionId: 'c1',
    roundId,
    recordedAt: '2026-11-23T09:00:00.000Z',
  });
  const competition = { id: 'c1', name: '擂台比武', archived: false };
  const round = {
    id: 'r1',
    competitionId: 'c1',
    name: '决赛',
    order: 1,
    criteria: [{ id: 'content', label: '内容', max: 4000, points: 4000, step: 10 }],
    settings: DEFAULT_SETTINGS,
    timeLimitSeconds: 600,
    overtime: { everySeconds: 30, points: 50 },
  };
  const judge = {
    id: 'j1',
    roundId: 'r1',
    name: '王评委',
    title: '',
    weight: 100,
    unit: null,
    joinCode: '123456',
    order: 1,
  };
  const contestant = {
    id: 'p1',
    roundId: 'r1',
    name: '李四',
    unit: '榆树沟镇',
    topic: '',
    photoId: null,
    status: 'active',
    draw: 1,
    order: 1,
  };
  const puts = [
    ['competitions', competition, null],
    ['rounds', round, 'r1'],
    ['judges', judge, 'r1'],
    ['contestants', contestant, 'r1'],
  ] as const;
  const events = [
    ...puts.map(([table, entity, roundId], index) => ({
      ...envelope(index + 1, roundId),
      type: 'entity.put',
      payload: { table, entity, revision: 1 },
    })),
    {
      ...envelope(5, 'r1'),
      author: { role: 'judge', judgeId: 'j1' },
      type: 'mark.set',
      payload: { judgeId: 'j1', contestantId: 'p1', criterionId: 'content', value: 3550, revision: 1 },
    },
  ];
  return {
    device: [{ key: 'self', deviceId: device, nextSeq: 6 }],
    competitions: [competition],
    rounds: [round],
    judges: [judge],
    contestants: [contestant],
    entityHeads: puts.map(([table, entity], index) => ({
      table,
      entityId: entity.id,
      deleted: false,
      head: stamp(index + 1),
    })),
    events,
    outbox: [
      { eventId: 'e4', deviceSeq: 4 },
      { eventId: 'e5', deviceSeq: 5 },
    ],
    marks: [
      {
        roundId: 'r1',
        judgeId: 'j1',
        contestantId: 'p1',
        criterionId: 'content',
        value: 3550,
        head: stamp(5),
      },
    ],
  };
}

const V2_STORES = {
  ...V1_STORES,
  drafts: '[roundId+judgeId+contestantId+criterionId]',
  judgeSession: 'key',
};

/** A v2 device: the v1 rows, bound to judge j1, with a half-typed mark on the open sheet. */
function v2Rows() {
  return {
    ...v1Rows(),
    drafts: [{ roundId: 'r1', judgeId: 'j1', contestantId: 'p1', criterionId: 'content', text: '36.' }],
    judgeSession: [{ key: 'self', judgeId: 'j1', roundId: 'r1', contestantId: 'p1', followedCallId: null }],
  };
}

const V4_STORES = { ...V2_STORES, syncState: 'key', refused: 'eventId' };

/** A v4 device: the v2 rows, the tablet having followed a call of round r1. */
function v4Rows() {
  const rows = v2Rows();
  return {
    ...rows,
    judgeSession: [
      { key: 'self', judgeId: 'j1', roundId: 'r1', contestantId: 'p1', followedCallId: 'call-1' },
    ],
  };
}

const V5_STORES = { ...V4_STORES, judges: 'id, competitionId, *roundIds, joinCode' };

/** A v5 device: the v4 rows with the judge of the competition, as the v5 upgrade left them. */
function v5Rows() {
  const rows = v4Rows();
  return {
    ...rows,
    judges: rows.judges.map(({ roundId, ...judge }) => ({
      ...judge,
      competitionId: 'c1',
      roundIds: [roundId],
    })),
    judgeSession: [
      { key: 'self', judgeId: 'j1', roundId: 'r1', contestantId: 'p1', followedCalls: { r1: 'call-1' } },
    ],
  };
}

const SHIPPED: { version: number; stores: Record<string, string>; rows: () => Record<string, unknown[]> }[] =
  [
    { version: 1, stores: V1_STORES, rows: v1Rows },
    { version: 2, stores: V2_STORES, rows: v2Rows },
    { version: 4, stores: V4_STORES, rows: v4Rows },
    { version: 5, stores: V5_STORES, rows: v5Rows },
  ];

describe('schema versions', () => {
  it.each(SHIPPED)(
    'v$version is declared exactly as it shipped (a change is a new version)',
    ({ version, stores }) => {
      expect(SCHEMA_VERSIONS.find((declared) => declared.version === version)?.stores).toEqual(stores);
    },
  );

  it('are declared in increasing order', () => {
    const versions = SCHEMA_VERSIONS.map((declared) => declared.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(CURRENT_SCHEMA_VERSION).toBe(versions.at(-1));
  });
});

describe.each(SHIPPED)('a database written by schema v$version', ({ version, stores, rows }) => {
  async function writeOldDatabase(factory: IDBFactory): Promise<void> {
    const old = new Dexie(DATABASE_NAME, { indexedDB: factory, IDBKeyRange });
    old.version(version).stores(stores);
    await old.open();
    await old.transaction('rw', old.tables, async () => {
      for (const [table, tableRows] of Object.entries(rows())) await old.table(table).bulkAdd(tableRows);
    });
    old.close();
  }

  it('opens with the current schema and keeps every row', async () => {
    const factory = new IDBFactory();
    await writeOldDatabase(factory);
    const db = freshDb(factory);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.events.count()).toBe(5);
    expect(await db.competitions.get('c1')).toMatchObject({ name: '擂台比武' });
    expect(await readProjection(db)).toEqual(await refoldLog(db));
    const input = await loadRoundInput(db, 'r1');
    expect(input.marks).toEqual([{ judge: 'j1', contestant: 'p1', criterion: 'content', value: 3550 }]);
    expect(input.contestants).toEqual([
      { id: 'p1', name: '李四', unit: '榆树沟镇', draw: 1, status: 'active' },
    ]);
    expect((await readOutbox(db)).map((event) => event.id)).toEqual(['e4', 'e5']);
    for (const [table, tableRows] of Object.entries(rows())) {
      expect(await db.table(table).toArray(), table).toHaveLength(tableRows.length);
    }
  });

  it('keeps writing where it left off: the next deviceSeq and the next revision', async () => {
    const factory = new IDBFactory();
    await writeOldDatabase(factory);
    const db = freshDb(factory);
    const mark = await enterMark(db, {
      roundId: 'r1',
      judgeId: 'j1',
      contestantId: 'p1',
      criterionId: 'content',
      value: 3600,
    });
    expect(mark?.head).toMatchObject({ revision: 2, deviceId: 'd'.repeat(32), deviceSeq: 6 });
    expect((await readOutbox(db)).map((event) => event.deviceSeq)).toEqual([4, 5, 6]);
  });

  it('keeps the judge screen working: binding, drafts and their commit', async () => {
    const factory = new IDBFactory();
    await writeOldDatabase(factory);
    const db = freshDb(factory);
    const cell = { roundId: 'r1', judgeId: 'j1', contestantId: 'p1', criterionId: 'content' };
    await bindJudge(db, 'j1');
    expect(await readJudgeSession(db)).toMatchObject({ judgeId: 'j1', roundId: 'r1' });
    await pressKey(db, cell, '5');
    expect((await db.drafts.toArray()).map((draft) => draft.text)).toEqual([version === 1 ? '5' : '36.5']);
    expect(await commitDraft(db, cell)).toMatchObject({
      status: 'committed',
      mark: { value: version === 1 ? 500 : 3650 },
    });
    expect(await db.drafts.count()).toBe(0);
  });
});

describe('schema v5: judges belong to the competition', () => {
  it('turns each judge of a round into a judge of its competition assigned to it, and the session with it', async () => {
    const factory = new IDBFactory();
    const old = new Dexie(DATABASE_NAME, { indexedDB: factory, IDBKeyRange });
    old.version(4).stores(V4_STORES);
    await old.open();
    await old.transaction('rw', old.tables, async () => {
      for (const [table, tableRows] of Object.entries(v4Rows())) await old.table(table).bulkAdd(tableRows);
    });
    old.close();

    const db = freshDb(factory);
    await db.open();
    const judge = {
      id: 'j1',
      competitionId: 'c1',
      roundIds: ['r1'],
      name: '王评委',
      title: '',
      weight: 100,
      unit: null,
      joinCode: '123456',
      order: 1,
    };
    expect(await db.judges.get('j1')).toEqual(judge);
    expect(await db.judges.where('roundIds').equals('r1').toArray()).toEqual([judge]);
    expect(await db.judges.where('competitionId').equals('c1').toArray()).toEqual([judge]);
    // The log keeps the judge as it was written; the fold reads it as the table does.
    expect((await db.events.get('e3'))?.payload).toMatchObject({ entity: { roundId: 'r1' } });
    expect(await readProjection(db)).toEqual(await refoldLog(db));
    expect(await readJudgeSession(db)).toEqual({
      key: 'self',
      judgeId: 'j1',
      roundId: 'r1',
      contestantId: 'p1',
      followedCalls: { r1: 'call-1' },
    });
  });
});

describe('schema v8: the season’s tables', () => {
  it('opens a v6 database with every row kept and the season’s tables empty', async () => {
    const factory = new IDBFactory();
    const old = new Dexie(DATABASE_NAME, { indexedDB: factory, IDBKeyRange });
    // v6 declared the v5 tables (its upgrade only refolded the head rows).
    old.version(6).stores(V5_STORES);
    await old.open();
    await old.transaction('rw', old.tables, async () => {
      for (const [table, tableRows] of Object.entries(v5Rows())) await old.table(table).bulkAdd(tableRows);
    });
    old.close();
    const db = freshDb(factory);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    for (const [table, tableRows] of Object.entries(v5Rows())) {
      expect(await db.table(table).toArray(), table).toHaveLength(tableRows.length);
    }
    for (const table of [
      db.seasons,
      db.seasonPointsTables,
      db.seasonMembers,
      db.seasonEntries,
      db.seasonEvidence,
    ])
      expect(await table.count(), table.name).toBe(0);
  });
});

describe('schema v6: setup entities merge field by field', () => {
  async function upgradedV5(): Promise<ReturnType<typeof freshDb>> {
    const factory = new IDBFactory();
    const old = new Dexie(DATABASE_NAME, { indexedDB: factory, IDBKeyRange });
    old.version(5).stores(V5_STORES);
    await old.open();
    await old.transaction('rw', old.tables, async () => {
      for (const [table, tableRows] of Object.entries(v5Rows())) await old.table(table).bulkAdd(tableRows);
    });
    old.close();
    const db = freshDb(factory);
    await db.open();
    return db;
  }

  it('folds each head row’s fields from the log, each stamped by the put that wrote it', async () => {
    const db = await upgradedV5();
    const head = await db.entityHeads.get(['contestants', 'p1']);
    expect(head).toMatchObject({ deleted: false, head: { revision: 1, eventId: 'e4' } });
    expect(head?.fields?.name).toEqual({ value: '李四', head: head?.head });
    expect(head?.fields?.unit).toEqual({ value: '榆树沟镇', head: head?.head });
    // The judge's event is in the shape of a judge of one round; its fields are the current shape's.
    expect((await db.entityHeads.get(['judges', 'j1']))?.fields?.roundIds).toMatchObject({ value: ['r1'] });
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('edits a record it kept by the field, so a concurrent edit of another field survives', async () => {
    const db = await upgradedV5();
    await putContestant(db, { id: 'p1', roundId: 'r1', name: '李四（更正）' });
    // The outbox still holds the unsent creation (e4); the edit comes after it.
    const edit = (await readOutbox(db)).at(-1);
    expect(edit?.payload).toMatchObject({ table: 'contestants', fields: ['name'], revision: 2 });
    const otherDevice = 'e'.repeat(32);
    await applyRemoteEvents(db, [
      {
        id: 'remote-1',
        deviceId: otherDevice,
        deviceSeq: 1,
        author: { role: 'organizer' },
        competitionId: 'c1',
        roundId: 'r1',
        recordedAt: '2026-11-23T09:30:00.000Z',
        type: 'entity.put',
        payload: {
          table: 'contestants',
          entity: {
            id: 'p1',
            roundId: 'r1',
            name: '李四',
            unit: '三工镇',
            topic: '',
            photoId: null,
            status: 'active',
            draw: 1,
            order: 1,
          },
          revision: 2,
          fields: ['unit'],
        },
      },
    ]);
    expect(await db.contestants.get('p1')).toMatchObject({ name: '李四（更正）', unit: '三工镇' });
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });
});

describe('the v7 upgrade', () => {
  it('folds the audience windows and votes from the log', async () => {
    const factory = new IDBFactory();
    const old = new Dexie(DATABASE_NAME, { indexedDB: factory, IDBKeyRange });
    // Written as v5 rows, so that v6's upgrade makes the head rows v7 starts from.
    old.version(5).stores(V5_STORES);
    await old.open();
    const rows = v5Rows();
    const envelope = {
      competitionId: 'c1',
      roundId: 'r1',
      recordedAt: '2026-12-04T09:00:00.000Z',
    };
    const audience = [
      {
        ...envelope,
        id: 'w1',
        deviceId: 'd'.repeat(32),
        deviceSeq: 6,
        author: { role: 'host' },
        type: 'audience.open',
        payload: { contestantId: 'p1', seconds: 30 },
      },
      {
        ...envelope,
        id: 'v1',
        deviceId: 'server-device',
        deviceSeq: 1,
        author: { role: 'server' },
        type: 'audience.vote',
        payload: { windowId: 'w1', contestantId: 'p1', voterId: 'aud-1', value: 1, n: 1, atMs: 500 },
      },
    ];
    await old.transaction('rw', old.tables, async () => {
      for (const [table, tableRows] of Object.entries(rows)) await old.table(table).bulkAdd(tableRows);
      await old.table('events').bulkAdd(audience);
    });
    old.close();
    const db = freshDb(factory);
    await db.open();
    expect(await db.audienceWindows.get('w1')).toMatchObject({ contestantId: 'p1', opened: { seconds: 30 } });
    expect(await db.audienceVotes.get(['w1', 'aud-1'])).toMatchObject({ votes: [{ value: 1, n: 1 }] });
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });
});
