/**
 * 观摩评分 in the data layer: a round marked as a site-visit round, a contestant's sites written,
 * merged and checked on the wire, and bad sites refused without a write.
 */
import { describe, expect, it } from 'vitest';
import {
  contestantsOfRound,
  importRoster,
  putContestant,
  roundById,
  updateRound,
} from '../../../src/db/repository';
import { parseWireEvent } from '../../../src/domain/event-shape';
import { toWireAll } from '../../../src/sync/wire';
import { freshDb, refusal, seedRound } from './helpers';

describe('site-visit rounds', () => {
  it('marks a round as a site-visit round and back', async () => {
    const db = freshDb();
    const { round } = await seedRound(db);
    await updateRound(db, round.id, { siteVisit: true });
    expect((await roundById(db, round.id))?.siteVisit).toBe(true);
    await updateRound(db, round.id, { siteVisit: false });
    expect((await roundById(db, round.id))?.siteVisit).toBeUndefined();
  });

  it('writes, keeps and removes a contestant’s sites; the events pass the wire check', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    const sites = [{ name: '大泉湖村', time: '09:30' }, { name: '三工镇党群服务中心' }];
    await putContestant(db, { id: contestants[0].id, roundId: round.id, sites });
    await putContestant(db, { id: contestants[0].id, roundId: round.id, topic: '强村富民之路' });
    const kept = (await contestantsOfRound(db, round.id)).find((c) => c.id === contestants[0].id);
    expect(kept?.sites).toEqual(sites);
    await putContestant(db, { id: contestants[0].id, roundId: round.id, sites: null });
    const cleared = (await contestantsOfRound(db, round.id)).find((c) => c.id === contestants[0].id);
    expect(cleared?.sites).toBeUndefined();
    for (const event of await toWireAll(await db.events.toArray())) {
      expect(parseWireEvent(JSON.parse(JSON.stringify(event)))).toMatchObject({ ok: true });
    }
  });

  it('refuses a site without a name or with a time that is no time, and writes nothing', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    const before = await db.events.count();
    const text = await refusal(
      putContestant(db, { id: contestants[0].id, roundId: round.id, sites: [{ name: '村', time: '9:3' }] }),
      'invalid-field',
    );
    expect(text).toContain('张三');
    expect(text).toContain('观摩点');
    await refusal(
      putContestant(db, { id: contestants[0].id, roundId: round.id, sites: [{ name: ' ' }] }),
      'invalid-field',
    );
    expect(await db.events.count()).toBe(before);
  });

  it('the wire check refuses a stored site with a bad time or no name', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    await putContestant(db, { id: contestants[0].id, roundId: round.id, sites: [{ name: '大泉湖村' }] });
    const wire = (await toWireAll(await db.events.toArray())).find(
      (event) =>
        event.type === 'entity.put' &&
        event.payload.table === 'contestants' &&
        'sites' in event.payload.entity,
    );
    const withSites = (sites: unknown) => {
      const event = JSON.parse(JSON.stringify(wire));
      event.payload.entity.sites = sites;
      return parseWireEvent(event);
    };
    expect(withSites([{ name: '大泉湖村', time: '09:30' }])).toMatchObject({ ok: true });
    expect(withSites([{ name: '大泉湖村', time: '9:3' }])).toMatchObject({
      ok: false,
      error: { path: 'payload.entity.sites[0].time' },
    });
    expect(withSites([{ name: ' ' }])).toMatchObject({
      ok: false,
      error: { path: 'payload.entity.sites[0].name' },
    });
  });

  it('imports contestants with their sites, and refuses a row whose sites are bad', async () => {
    const db = freshDb();
    const { round } = await seedRound(db);
    const { contestants } = await importRoster(db, round.id, {
      contestants: [
        { name: '马六', unit: '大西渠镇', sites: [{ name: '大西渠村', time: '15:00' }] },
        { name: '钱七', unit: null },
      ],
    });
    expect(contestants.map((contestant) => contestant.sites)).toEqual([
      [{ name: '大西渠村', time: '15:00' }],
      undefined,
    ]);
    const before = await db.events.count();
    await refusal(
      importRoster(db, round.id, { contestants: [{ name: '孙八', unit: null, sites: [{ name: '' }] }] }),
      'import-invalid',
    );
    expect(await db.events.count()).toBe(before);
  });
});
