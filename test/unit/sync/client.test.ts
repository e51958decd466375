// @vitest-environment node
// SyncClient: when a device syncs (a local write, a poke, reconnecting) and what its status says.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enterMark } from '../../../src/db/marks';
import { SyncClient, type Timers } from '../../../src/sync/client';
import { testServer } from '../server/helpers';
import { type Device, setUpVenue } from './helpers';
import { MemoryNetwork } from './memory-network';

const clients: SyncClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.stop();
});

function clientFor(device: Device, options: Partial<ConstructorParameters<typeof SyncClient>[0]> = {}) {
  const client = new SyncClient({ db: device.db, transport: device.transport, random: () => 1, ...options });
  clients.push(client);
  return client;
}

/** Timers that only record: the test decides when a retry fires. */
function manualTimers() {
  const scheduled: { ms: number; run: () => void; cleared: boolean }[] = [];
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const entry = { ms, run, cleared: false };
      scheduled.push(entry);
      return entry;
    },
    clearTimeout: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
  };
  return { timers, scheduled };
}

async function setUp() {
  const { core } = testServer();
  const network = new MemoryNetwork(core);
  const venue = await setUpVenue(network);
  const mark = {
    roundId: venue.seeded.round.id,
    judgeId: venue.seeded.judges[0].id,
    contestantId: venue.seeded.contestants[1].id,
    criterionId: 'content',
  };
  return { core, network, venue, mark, tablet: venue.judges[0] as Device };
}

describe('SyncClient', () => {
  it('pushes a judge’s mark as soon as it commits, and the poked projector pulls it', async () => {
    const { network, venue, mark, tablet } = await setUp();
    const judgeClient = clientFor(tablet);
    const projectorClient = clientFor(venue.projector);
    await judgeClient.start();
    await projectorClient.start();
    await vi.waitFor(() => expect(projectorClient.getStatus().online).toBe(true));
    await enterMark(tablet.db, { ...mark, value: 3550 });
    await vi.waitFor(async () => expect(await tablet.db.outbox.count()).toBe(0));
    network.flushPokes();
    await vi.waitFor(async () =>
      expect(
        (await venue.projector.db.marks.get([mark.roundId, mark.judgeId, mark.contestantId, 'content']))
          ?.value,
      ).toBe(3550),
    );
    expect(judgeClient.getStatus()).toMatchObject({ online: true, pending: 0, refusal: null });
    expect(judgeClient.getStatus().lastContact).not.toBeNull();
  });

  it('counts what waits to be sent while offline, retries with growing waits, and sends on `online`', async () => {
    const { network, mark, tablet } = await setUp();
    const { timers, scheduled } = manualTimers();
    const listeners = new Map<string, () => void>();
    const page = {
      addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
      removeEventListener: (type: string) => listeners.delete(type),
      isVisible: () => true,
    };
    const client = clientFor(tablet, { timers, page, firstRetryMs: 1000, maxRetryMs: 8000 });
    network.setOnline('judge-1', false);
    await client.start();
    await enterMark(tablet.db, { ...mark, value: 3000 });
    await enterMark(tablet.db, { ...mark, criterionId: 'language', value: 1500 });
    await vi.waitFor(() => expect(client.getStatus().pending).toBe(2));
    await client.syncNow();
    expect(client.getStatus().online).toBe(false);
    const retries = () =>
      scheduled.filter((entry) => !entry.cleared && entry.ms <= 8000).map((entry) => entry.ms);
    await vi.waitFor(() => expect(retries().length).toBeGreaterThan(0));
    // Each failed retry waits twice as long, up to the maximum.
    for (let i = 0; i < 5; i += 1) {
      const next = scheduled.filter((entry) => !entry.cleared).at(-1);
      next?.run();
      await client.syncNow();
    }
    const waits = scheduled.map((entry) => entry.ms).filter((ms) => ms <= 8000);
    expect(waits).toEqual(expect.arrayContaining([1000, 2000, 4000, 8000]));
    expect(Math.max(...waits)).toBe(8000);

    network.setOnline('judge-1', true);
    listeners.get('online')?.();
    await vi.waitFor(() => expect(client.getStatus().pending).toBe(0));
    expect(client.getStatus().refusal).toBeNull();
  });

  it('shows a revoked device as refused and offline, and stops asking', async () => {
    const { core, network, venue, tablet } = await setUp();
    const client = clientFor(tablet);
    await client.start();
    await vi.waitFor(() => expect(client.getStatus().online).toBe(true));
    const { revokeDevice } = await import('../../../src/sync/session');
    await revokeDevice(venue.organizer.db, venue.organizer.transport, tablet.session.deviceId);
    network.setOnline('judge-1', false);
    network.setOnline('judge-1', true);
    const calls = network.stats.calls;
    await client.syncNow();
    expect(client.getStatus().refusal?.code).toBe('unauthorized');
    expect(client.getStatus().online).toBe(false);
    expect(core.authenticate(tablet.session.token)).toBeNull();
    await client.syncNow();
    expect(network.stats.calls).toBeLessThanOrEqual(calls + 4);
  });
});
