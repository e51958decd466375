import { describe, expect, it } from 'vitest';
import { newId, newJoinCode } from '../../../src/db/ids';
import {
  createCompetition,
  getDeviceId,
  readProjection,
  refoldLog,
  renameCompetition,
} from '../../../src/db/repository';
import { freshDb, refusal, seedRound } from './helpers';

describe('the local write path', () => {
  it('numbers this device’s events 1, 2, 3… and queues each in the outbox', async () => {
    const db = freshDb();
    const competition = await createCompetition(db, { name: '演讲比赛' });
    await renameCompetition(db, competition.id, '微党课大赛');
    const events = await db.events.toArray();
    const device = await db.device.get('self');
    expect(events.map((event) => event.deviceSeq).sort()).toEqual([1, 2]);
    expect(new Set(events.map((event) => event.deviceId))).toEqual(new Set([device?.deviceId]));
    expect(device?.nextSeq).toBe(3);
    expect((await db.outbox.orderBy('deviceSeq').toArray()).map((row) => row.eventId)).toEqual(
      events.sort((a, b) => a.deviceSeq - b.deviceSeq).map((event) => event.id),
    );
  });

  it('records the author, the scope and a revision per entity', async () => {
    const db = freshDb();
    const competition = await createCompetition(db, { name: '演讲比赛' });
    await renameCompetition(db, competition.id, '微党课大赛');
    const events = await db.events.orderBy('[deviceId+deviceSeq]').toArray();
    expect(
      events.map((event) => [event.type, event.author.role, event.competitionId, event.roundId]),
    ).toEqual([
      ['entity.put', 'organizer', competition.id, null],
      ['entity.put', 'organizer', competition.id, null],
    ]);
    expect(events.map((event) => (event.type === 'entity.put' ? event.payload.revision : 0))).toEqual([1, 2]);
    expect(Number.isNaN(Date.parse(events[0]?.recordedAt ?? ''))).toBe(false);
  });

  it('writes nothing when a write is refused: no event, no sequence number, no outbox row', async () => {
    const db = freshDb();
    await createCompetition(db, { name: '演讲比赛' });
    await refusal(createCompetition(db, { name: '   ' }), 'invalid-field');
    expect(await db.events.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect((await db.device.get('self'))?.nextSeq).toBe(2);
  });

  it('keeps the projections equal to a fold of the log', async () => {
    const db = freshDb();
    await seedRound(db);
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });
});

describe('the app database', () => {
  it('is not opened by importing it', async () => {
    const { db } = await import('../../../src/db/database');
    expect(db.isOpen()).toBe(false);
  });

  it('gives this device one id, the one its events carry', async () => {
    const db = freshDb();
    const deviceId = await getDeviceId(db);
    expect(await getDeviceId(db)).toBe(deviceId);
    await createCompetition(db, { name: '演讲比赛' });
    expect((await db.events.toArray())[0]?.deviceId).toBe(deviceId);
  });
});

describe('ids', () => {
  it('are 128 random bits in hex', () => {
    const ids = new Set(Array.from({ length: 1000 }, newId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('make eight-digit join codes that avoid the taken ones', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 2000; i += 1) taken.add(newJoinCode(taken));
    expect(taken.size).toBe(2000);
    for (const code of taken) expect(code).toMatch(/^\d{8}$/);
  });
});
