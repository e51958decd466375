// @vitest-environment node
// SyncClient: when a device syncs (a local write, a poke, reconnecting) and what its status says.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enterMark } from '../../../src/db/marks';
import { readOutbox } from '../../../src/db/remote';
import { updateRound } from '../../../src/db/rounds';
import { pushOutbox, SyncClient, type Timers } from '../../../src/sync/client';
import { joinWithJudgeCode, readmitDevice, revokeDevice } from '../../../src/sync/session';
import type { ApiCall } from '../../../src/sync/transport';
import { SECRETARY_SHEET } from '../db/helpers';
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
  // The organizer's devices read every mark; the projector and the other judges do not.
  it('pushes a judge’s mark as soon as it commits, and the poked organizer pulls it', async () => {
    const { network, venue, mark, tablet } = await setUp();
    const judgeClient = clientFor(tablet);
    const organizerClient = clientFor(venue.organizer);
    await judgeClient.start();
    await organizerClient.start();
    await vi.waitFor(() => expect(organizerClient.getStatus().online).toBe(true));
    await enterMark(tablet.db, { ...mark, value: 3550 });
    await vi.waitFor(async () => expect(await tablet.db.outbox.count()).toBe(0));
    network.flushPokes();
    await vi.waitFor(async () =>
      expect(
        (await venue.organizer.db.marks.get([mark.roundId, mark.judgeId, mark.contestantId, 'content']))
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

  it('keeps the judge’s marks flowing past one the server refuses: the maximum was lowered meanwhile', async () => {
    const { core, venue, mark, tablet } = await setUp();
    const { organizer, seeded } = venue;
    const lowered = SECRETARY_SHEET.map((criterion) =>
      criterion.id === 'content' ? { ...criterion, max: 3000 } : criterion,
    );
    await updateRound(organizer.db, seeded.round.id, { criteria: lowered });
    await pushOutbox(organizer.db, organizer.transport, organizer.session.token);
    // The tablet has not pulled the change: 35.5 is within its 内容's 40.
    await enterMark(tablet.db, { ...mark, value: 3550 });
    await enterMark(tablet.db, { ...mark, criterionId: 'language', value: 1500 });
    const [content, language] = await readOutbox(tablet.db);
    const client = clientFor(tablet);
    await client.start();
    await vi.waitFor(() =>
      expect(client.getStatus()).toMatchObject({ pending: 0, refused: 1, refusal: null }),
    );
    expect(await tablet.db.refused.toArray()).toEqual([
      expect.objectContaining({ eventId: content?.id, code: 'invalidMark', path: 'payload.value' }),
    ]);
    const stored = [...core.store.allEventBodies()].map((body) => (JSON.parse(body) as { id: string }).id);
    expect(stored).toContain(language?.id);
    expect(stored).not.toContain(content?.id);
  });

  it('keeps a new session online when a round sent with the replaced token is answered 401 after the join', async () => {
    const { venue, tablet } = await setUp();
    // The tablet's pulls wait at a gate, so that a round is still out when the judge joins again.
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const gatedReplies: Promise<unknown>[] = [];
    const transport = {
      ...tablet.transport,
      call: (call: ApiCall) => {
        if (call.path !== '/pull' || call.token !== tablet.session.token) return tablet.transport.call(call);
        const reply = gate.then(() => tablet.transport.call(call));
        gatedReplies.push(reply.catch(() => undefined));
        return reply;
      },
    };
    const client = clientFor(tablet, { transport });
    await client.start();
    await vi.waitFor(() => expect(client.getStatus().online).toBe(true));
    void client.syncNow();
    await vi.waitFor(() => expect(gatedReplies.length).toBeGreaterThan(0));

    // The judge joins again: the server gives this tablet a new token and forgets the old one.
    const joined = await joinWithJudgeCode(tablet.db, tablet.transport, venue.seeded.judges[0].joinCode);
    expect(joined.token).not.toBe(tablet.session.token);
    // It resolves once the sync under way is over: after the old round's answer.
    const changed = client.sessionChanged();
    // The new session's socket is welcomed.
    await vi.waitFor(() =>
      expect(client.getStatus()).toMatchObject({ online: true, session: { token: joined.token } }),
    );

    // The old round's answer: 401 for the forgotten token, about a session this tablet has left.
    openGate();
    await Promise.all(gatedReplies);
    await changed;
    await client.syncNow();
    expect(client.getStatus()).toMatchObject({
      online: true,
      refusal: null,
      session: { token: joined.token },
    });
  });

  it('tells a revoked tablet so when it joins again, and lets it in once the organizer readmits it', async () => {
    const { venue, tablet } = await setUp();
    const { organizer, seeded } = venue;
    const code = seeded.judges[0].joinCode;
    await revokeDevice(organizer.db, organizer.transport, tablet.session.deviceId);
    await expect(joinWithJudgeCode(tablet.db, tablet.transport, code)).rejects.toMatchObject({
      error: { code: 'deviceRevoked' },
    });
    expect(await readmitDevice(organizer.db, organizer.transport, tablet.session.deviceId)).toBe(1);
    // The tablet proves it is the same device with the key the server issued at its first join.
    const again = await joinWithJudgeCode(tablet.db, tablet.transport, code);
    expect(again).toMatchObject({ deviceId: tablet.session.deviceId, judgeId: seeded.judges[0].id });
  });
});
