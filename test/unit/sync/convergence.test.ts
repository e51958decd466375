// @vitest-environment node
// The sync protocol end to end in process: real devices (each a LeitaiDB on its own fake
// IndexedDB) and the server's core over a network that loses, duplicates and replays requests
// and responses. Whatever happens, once the network heals every device converges to the server's
// state, and every event any device committed is on the server exactly once.
import { describe, expect, it } from 'vitest';
import { enterMark } from '../../../src/db/marks';
import { readOutbox } from '../../../src/db/remote';
import { pullEvents, pushOutbox } from '../../../src/sync/client';
import { Unreachable } from '../../../src/sync/transport';
import { testServer } from '../server/helpers';
import { joinAttackers, randomAttack } from './attackers';
import {
  type Device,
  projectionOf,
  pushAndPull,
  randomHostAction,
  randomScoring,
  serverEvents,
  serverEventsFor,
  serverProjection,
  serverProjectionFor,
  setUpVenue,
  type Venue,
} from './helpers';
import { type Fault, MemoryNetwork, seededRandom } from './memory-network';

/**
 * Every device's log and projection equal the fold of what the server lets it read (a judge does
 * not read another judge's marks, the projector no mark, join codes only the organizer); every
 * event any honest device committed is on the server exactly once.
 */
async function expectConverged(venue: Venue, network: MemoryNetwork): Promise<void> {
  const stored = serverEvents(network.core);
  const ids = stored.map((event) => event.id);
  expect(new Set(ids).size).toBe(ids.length);
  const slots = stored.map((event) => `${event.deviceId}#${event.deviceSeq}`);
  expect(new Set(slots).size).toBe(slots.length);
  const storedIds = new Set(ids);
  for (const device of venue.all) {
    const readable = serverEventsFor(network.core, device.session);
    const log = await device.db.events.toArray();
    expect(new Set(log.map((event) => event.id)), device.name).toEqual(
      new Set(readable.map((event) => event.id)),
    );
    expect(log.length, device.name).toBe(readable.length);
    for (const event of log) expect(storedIds.has(event.id), `${device.name}: ${event.type}`).toBe(true);
    expect(await device.db.outbox.count(), device.name).toBe(0);
    expect(await projectionOf(device), device.name).toEqual(
      serverProjectionFor(network.core, device.session),
    );
  }
}

/** Pushes and pulls until the network is quiet: first every push, then every pull. */
async function heal(venue: Venue, network: MemoryNetwork): Promise<void> {
  for (const device of venue.all) network.setOnline(device.name, true);
  while (await network.replayOne(() => 0)) {
    // Stale requests still in flight arrive before the network is declared healed.
  }
  for (const device of venue.all) await pushOutbox(device.db, device.transport, device.session.token);
  for (const device of venue.all) await pullEvents(device.db, device.transport, device.session);
}

async function ignoreOffline(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
  }
}

/**
 * One seeded run: random writes (judges, the organizer writing for any judge and as the host),
 * pushes and pulls under random faults, devices going offline, stale requests replayed.
 */
async function fuzz(
  seed: number,
  steps = 80,
  { attacks = false } = {},
): Promise<{ venue: Venue; network: MemoryNetwork }> {
  const random = seededRandom(seed);
  const { core } = testServer();
  const network = new MemoryNetwork(core);
  const faults: Fault[] = ['dropRequest', 'dropResponse', 'duplicate', 'replayLater'];
  let faulty = false;
  const nextFault = (): Fault =>
    faulty && random() < 0.35 ? (faults[Math.floor(random() * 4)] as Fault) : 'none';
  const venue = await setUpVenue(network, (name) => network.transport(name, nextFault));
  faulty = true;
  const attackers = attacks ? await joinAttackers(core, venue.seeded, 2) : [];
  const writers: [Device, number | 'organizer'][] = [
    [venue.organizer, 'organizer'],
    ...venue.judges.map((device, index): [Device, number] => [device, index]),
  ];
  for (let step = 0; step < steps; step += 1) {
    const roll = random();
    const device = venue.all[Math.floor(random() * venue.all.length)] as Device;
    if (attackers.length > 0 && random() < 0.25) {
      await randomAttack(core, venue.seeded, attackers, venue.all, random);
    } else if (roll < 0.45) {
      const [writer, who] = writers[Math.floor(random() * writers.length)] as [Device, number | 'organizer'];
      if (who === 'organizer') {
        if (random() < 0.2) await randomHostAction(writer.db, venue.seeded, random);
        else await randomScoring(writer.db, venue.seeded, Math.floor(random() * venue.judges.length), random);
      } else {
        await randomScoring(writer.db, venue.seeded, who, random);
      }
    } else if (roll < 0.65) {
      if (device !== venue.projector)
        await ignoreOffline(pushOutbox(device.db, device.transport, device.session.token));
    } else if (roll < 0.85) {
      await ignoreOffline(pullEvents(device.db, device.transport, device.session, { limit: 7 }));
    } else if (roll < 0.95) {
      const link = network.links.get(device.name);
      network.setOnline(device.name, !link?.online);
    } else {
      await network.replayOne((count) => Math.floor(random() * count));
    }
  }
  faulty = false;
  await heal(venue, network);
  return { venue, network };
}

describe('convergence under a faulty network (seeded fuzzer)', () => {
  // LEITAI_FUZZ_SEEDS=200 runs a longer sweep (200 seeds passed when this was written). A seed
  // that ever fails becomes its own named test here: `it('seed N: <what broke>', () => fuzz(N)…)`.
  const SEEDS = Array.from(
    { length: Number(process.env.LEITAI_FUZZ_SEEDS ?? 24) },
    (_, index) => 1000 + index * 7919,
  );

  it.each(SEEDS)('seed %i: every device converges to the server, every event stored once', async (seed) => {
    const { venue, network } = await fuzz(seed);
    await expectConverged(venue, network);
    // The run exercised what it claims to.
    expect(network.stats.calls).toBeGreaterThan(20);
  });

  it.each(SEEDS.slice(0, 12))(
    'seed %i with malicious tablets: every honest device converges, every honest mark stored once',
    async (seed) => {
      const { venue, network } = await fuzz(seed, 100, { attacks: true });
      await expectConverged(venue, network);
    },
  );

  it('exercises every fault across the seeds', async () => {
    const totals = { dropRequest: 0, dropResponse: 0, duplicate: 0, replayLater: 0, replayed: 0 };
    for (const seed of SEEDS.slice(0, 4)) {
      const { network } = await fuzz(seed);
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += network.stats[key];
    }
    for (const [fault, count] of Object.entries(totals)) expect(count, fault).toBeGreaterThan(0);
  });
});

describe('the protocol, request by request', () => {
  async function venueWithMark() {
    const { core } = testServer();
    const network = new MemoryNetwork(core);
    const venue = await setUpVenue(network);
    const [tablet] = venue.judges as [Device];
    const { seeded } = venue;
    await enterMark(tablet.db, {
      roundId: seeded.round.id,
      judgeId: seeded.judges[0].id,
      contestantId: seeded.contestants[1].id,
      criterionId: 'content',
      value: 3550,
    });
    return { core, network, venue, tablet };
  }

  it('a response lost after the commit: the device pushes again, the server stores the event once', async () => {
    const { core, network, venue, tablet } = await venueWithMark();
    const faults: Fault[] = ['dropResponse'];
    const transport = network.transport('judge-1-again', () => faults.shift() ?? 'none');
    const head = core.head();
    await expect(pushOutbox(tablet.db, transport, tablet.session.token)).rejects.toThrow(Unreachable);
    expect(core.head()).toBe(head + 1);
    expect(await tablet.db.outbox.count()).toBe(1);
    expect(await pushOutbox(tablet.db, transport, tablet.session.token)).toBe(1);
    expect(core.head()).toBe(head + 1);
    expect(await tablet.db.outbox.count()).toBe(0);
    await pushAndPull(venue.projector);
    expect(await projectionOf(venue.projector)).toEqual(serverProjectionFor(core, venue.projector.session));
  });

  it('a request lost: nothing stored, the event stays in the outbox', async () => {
    const { core, network, tablet } = await venueWithMark();
    const transport = network.transport('lossy', () => 'dropRequest');
    const head = core.head();
    await expect(pushOutbox(tablet.db, transport, tablet.session.token)).rejects.toThrow(Unreachable);
    expect(core.head()).toBe(head);
    expect((await readOutbox(tablet.db)).length).toBe(1);
  });

  it('a duplicated and a stale replayed push change nothing', async () => {
    const { core, network, venue, tablet } = await venueWithMark();
    const transport = network.transport('echo', () => 'replayLater');
    await pushOutbox(tablet.db, transport, tablet.session.token);
    const head = core.head();
    // A newer edit of the same cell goes through, then the stale copy arrives.
    const { seeded } = venue;
    await enterMark(tablet.db, {
      roundId: seeded.round.id,
      judgeId: seeded.judges[0].id,
      contestantId: seeded.contestants[1].id,
      criterionId: 'content',
      value: 3600,
    });
    await pushOutbox(tablet.db, network.transport('clean'), tablet.session.token);
    expect(await network.replayOne(() => 0)).toBe(true);
    expect(core.head()).toBe(head + 1);
    // The host's console reads every mark.
    await pushAndPull(venue.organizer);
    const mark = await venue.organizer.db.marks.get([
      seeded.round.id,
      seeded.judges[0].id,
      seeded.contestants[1].id,
      'content',
    ]);
    expect(mark?.value).toBe(3600);
  });

  it('a pull whose response is lost does not move the cursor; the next pull brings the events', async () => {
    const { core, network, venue, tablet } = await venueWithMark();
    await pushOutbox(tablet.db, tablet.transport, tablet.session.token);
    const host = venue.organizer;
    const lossy = network.transport('host-lossy', () => 'dropResponse');
    const before = await host.db.events.count();
    await expect(pullEvents(host.db, lossy, host.session)).rejects.toThrow(Unreachable);
    expect(await host.db.events.count()).toBe(before);
    await pullEvents(host.db, host.transport, host.session);
    expect(await host.db.events.count()).toBe(before + 1);
    expect(await projectionOf(host)).toEqual(serverProjection(core));
  });

  it('reordered pushes from two devices editing one cell: every device settles on the same winner', async () => {
    const { core, venue, tablet } = await venueWithMark();
    const { organizer, seeded } = venue;
    const cell = {
      roundId: seeded.round.id,
      judgeId: seeded.judges[0].id,
      contestantId: seeded.contestants[1].id,
      criterionId: 'content',
    };
    // The organizer corrects the judge's cell offline (same revision as the tablet's edit).
    await enterMark(organizer.db, { ...cell, value: 3900 });
    await pushOutbox(organizer.db, organizer.transport, organizer.session.token);
    await pushOutbox(tablet.db, tablet.transport, tablet.session.token);
    for (const device of venue.all) await pullEvents(device.db, device.transport, device.session);
    // The devices that read this judge's marks: the organizer's and the judge's own.
    const values = await Promise.all(
      [organizer, tablet].map(
        async (device) =>
          (await device.db.marks.get([cell.roundId, cell.judgeId, cell.contestantId, 'content']))?.value,
      ),
    );
    expect(new Set(values).size).toBe(1);
    for (const device of venue.all) {
      expect(await projectionOf(device)).toEqual(serverProjectionFor(core, device.session));
    }
  });
});
