import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import {
  acknowledgeEvents,
  applyRemoteEvents,
  enterMark,
  readOutbox,
  readProjection,
  refoldLog,
} from '../../../src/db/repository';
import { foldEvents, type LeitaiEvent } from '../../../src/domain/events';
import { eventLogAndDelivery } from './arbitrary-events';
import { freshDb, present, refusal, seedRound } from './helpers';

async function logOf(db: LeitaiDB): Promise<LeitaiEvent[]> {
  return db.events.orderBy('[deviceId+deviceSeq]').toArray();
}

describe('applyRemoteEvents', () => {
  it('brings another device to the same state, without queueing the events for sending', async () => {
    const organizer = freshDb();
    const { round, judges, contestants } = await seedRound(organizer);
    await enterMark(organizer, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
      value: 3550,
    });
    const tablet = freshDb();
    const log = await logOf(organizer);
    expect(await applyRemoteEvents(tablet, log)).toEqual({ applied: log.length, ignored: 0, purged: 0 });
    expect(await readProjection(tablet)).toEqual(await readProjection(organizer));
    expect(await tablet.outbox.count()).toBe(0);
    expect(await tablet.device.count()).toBe(0);
  });

  it('is idempotent: a batch applied again, or an event twice in a batch, changes nothing', async () => {
    const organizer = freshDb();
    await seedRound(organizer);
    const log = await logOf(organizer);
    const tablet = freshDb();
    await applyRemoteEvents(tablet, log.slice(0, 3));
    const result = await applyRemoteEvents(tablet, [...log, present(log[5])]);
    expect(result).toEqual({ applied: log.length - 3, ignored: 4, purged: 0 });
    expect(await applyRemoteEvents(tablet, log)).toEqual({ applied: 0, ignored: log.length, purged: 0 });
    expect(await tablet.events.count()).toBe(log.length);
    expect(await readProjection(tablet)).toEqual(await readProjection(organizer));
  });

  it('settles two offline edits of one cell the same way on both devices, by revision, not by arrival', async () => {
    const organizer = freshDb();
    const { round, judges, contestants } = await seedRound(organizer);
    const tablet = freshDb();
    await applyRemoteEvents(tablet, await logOf(organizer));
    const cell = {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
    };
    // Both offline: the tablet edits twice (revision 2), the organizer once (revision 1).
    await enterMark(tablet, { ...cell, value: 3000 });
    await enterMark(tablet, { ...cell, value: 3100 });
    await enterMark(organizer, { ...cell, value: 3900 });
    const fromTablet = await readOutbox(tablet);
    const fromOrganizer = await readOutbox(organizer);
    await applyRemoteEvents(organizer, fromTablet);
    await applyRemoteEvents(tablet, fromOrganizer.slice(-1));
    expect(await readProjection(organizer)).toEqual(await readProjection(tablet));
    expect((await organizer.marks.get([round.id, judges[0].id, contestants[1].id, 'content']))?.value).toBe(
      3100,
    );
    // A later edit on the organizer, having seen revision 2, wins everywhere.
    const latest = await enterMark(organizer, { ...cell, value: 3800 });
    expect(latest?.head.revision).toBe(3);
  });

  it('refuses a second, different event under a device’s sequence number', async () => {
    const organizer = freshDb();
    await seedRound(organizer);
    const [first] = await logOf(organizer);
    const tablet = freshDb();
    await applyRemoteEvents(tablet, [present(first)]);
    await refusal(applyRemoteEvents(tablet, [{ ...present(first), id: 'f'.repeat(32) }]), 'event-conflict');
  });

  it('gives identical projections on two devices receiving the same events in different orders and batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        eventLogAndDelivery,
        fc.array(fc.nat(), { maxLength: 4 }),
        async ({ log, delivery }, cuts) => {
          const first = freshDb(new IDBFactory());
          const second = freshDb(new IDBFactory());
          await applyRemoteEvents(first, log);
          const bounds = [
            0,
            ...cuts.map((cut) => cut % (delivery.length + 1)).sort((a, b) => a - b),
            delivery.length,
          ];
          for (let i = 1; i < bounds.length; i += 1) {
            await applyRemoteEvents(second, delivery.slice(bounds[i - 1], bounds[i]));
          }
          const projection = await readProjection(first);
          expect(await readProjection(second)).toEqual(projection);
          expect(projection).toEqual(foldEvents(log));
          expect(await refoldLog(second)).toEqual(projection);
          first.close();
          second.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the outbox', () => {
  it('gives this device’s unacknowledged events oldest first and forgets acknowledged ones', async () => {
    const db = freshDb();
    await seedRound(db);
    const all = await readOutbox(db);
    expect(all.map((event) => event.deviceSeq)).toEqual(all.map((_, i) => i + 1));
    expect((await readOutbox(db, 2)).map((event) => event.deviceSeq)).toEqual([1, 2]);
    await acknowledgeEvents(
      db,
      all.slice(0, 5).map((event) => event.id),
    );
    expect((await readOutbox(db))[0]?.deviceSeq).toBe(6);
    expect(await db.events.count()).toBe(all.length);
  });
});
