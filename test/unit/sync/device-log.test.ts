// @vitest-environment node
// The last resort: a tablet that cannot reach the server exports its own log; the organizer
// imports it on the laptop, which applies it and sends it to the server. Twice changes nothing.
import { describe, expect, it } from 'vitest';
import { enterMark } from '../../../src/db/marks';
import { applyRemoteEvents } from '../../../src/db/remote';
import { pushOutbox } from '../../../src/sync/client';
import {
  DeviceLogError,
  exportDeviceLog,
  importDeviceLog,
  parseDeviceLog,
} from '../../../src/sync/device-log';
import { joinWithJudgeCode } from '../../../src/sync/session';
import { testServer } from '../server/helpers';
import { type Device, deviceDb, projectionOf, pushAndPull, serverProjectionFor, setUpVenue } from './helpers';
import { MemoryNetwork } from './memory-network';

describe('device log export and import', () => {
  it('brings a joined tablet’s marks to the laptop; the server waits for the tablet itself to send them', async () => {
    const { core } = testServer();
    const network = new MemoryNetwork(core);
    const venue = await setUpVenue(network);
    const tablet = venue.judges[0] as Device;
    const { seeded } = venue;
    await enterMark(tablet.db, {
      roundId: seeded.round.id,
      judgeId: seeded.judges[0].id,
      contestantId: seeded.contestants[1].id,
      criterionId: 'content',
      value: 3550,
    });
    network.setOnline('judge-1', false);
    const file = await exportDeviceLog(tablet.db, new Date('2026-11-23T10:00:00Z'));
    expect(file).toMatchObject({
      format: 'leitai-device-log',
      version: 1,
      deviceId: tablet.session.deviceId,
    });
    expect(file.events).toHaveLength(1);

    const events = parseDeviceLog(JSON.stringify(file));
    const { organizer } = venue;
    const head = core.head();
    // The laptop has the mark at once (the host can reveal); the server takes a joined device's
    // events from that device only, so that a forged file cannot fill its sequence slots.
    expect(await importDeviceLog(organizer.db, organizer.transport, organizer.session.token, events)).toEqual(
      {
        applied: 1,
        ignored: 0,
        purged: 0,
        sentToServer: 0,
        refusedByServer: 1,
      },
    );
    expect(core.head()).toBe(head);
    expect(await importDeviceLog(organizer.db, organizer.transport, organizer.session.token, events)).toEqual(
      {
        applied: 0,
        ignored: 1,
        purged: 0,
        sentToServer: 0,
        refusedByServer: 1,
      },
    );
    // When the tablet comes back, it sends its mark itself, once.
    network.setOnline('judge-1', true);
    await pushAndPull(tablet);
    expect(core.head()).toBe(head + 1);
    for (const device of venue.all) await pushAndPull(device);
    for (const device of venue.all) {
      expect(await projectionOf(device), device.name).toEqual(serverProjectionFor(core, device.session));
    }
  });

  it('lets a tablet that never reached the server join later, under its id, once its log was imported', async () => {
    const { core } = testServer();
    const network = new MemoryNetwork(core);
    const venue = await setUpVenue(network);
    const { organizer, seeded } = venue;
    // A tablet bound locally (no server in reach) scores with the setup it was given.
    const tablet = deviceDb();
    await applyRemoteEvents(tablet, await organizer.db.events.toArray());
    await enterMark(tablet, {
      roundId: seeded.round.id,
      judgeId: seeded.judges[1].id,
      contestantId: seeded.contestants[0].id,
      criterionId: 'content',
      value: 3100,
    });
    const events = parseDeviceLog(JSON.stringify(await exportDeviceLog(tablet)));
    await importDeviceLog(organizer.db, organizer.transport, organizer.session.token, events);
    const head = core.head();
    // Later the tablet reaches the server: it joins under its own id and its mark is a duplicate.
    const transport = network.transport('late-tablet');
    const session = await joinWithJudgeCode(tablet, transport, seeded.judges[1].joinCode);
    expect(session.deviceId).toBe(events[0]?.deviceId);
    await pushOutbox(tablet, transport, session.token);
    expect(await tablet.outbox.count()).toBe(0);
    expect(core.head()).toBe(head);
  });

  it('refuses a file that is not a device log, naming the problem', () => {
    expect(() => parseDeviceLog('not json')).toThrow(DeviceLogError);
    expect(() => parseDeviceLog('{"format":"other"}')).toThrow('not a Leitai device log');
    const bad = {
      format: 'leitai-device-log',
      version: 1,
      deviceId: 'd',
      exportedAt: '',
      events: [{ id: 'x' }],
    };
    expect(() => parseDeviceLog(JSON.stringify(bad))).toThrow(/event 1: type: expected one of/);
    // The screen says it from the problem's code and parameters (sync.error.deviceLog.*).
    expect(() => parseDeviceLog(JSON.stringify(bad))).toThrow(
      expect.objectContaining({
        problem: expect.objectContaining({ code: 'badEvent', event: 1, path: 'type' }),
      }),
    );
  });
});
