// @vitest-environment node
// The device side of sync against a server that answers each event on its own: a refused event
// leaves the outbox for the refused list and the rest flows; failures are retried by status;
// pulls go on whatever happens to pushes; a device reaches a server back from the dead within
// 2 s; the device key a server issues is kept and shown at every later join.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import { getDeviceId } from '../../../src/db/log';
import { enterMark } from '../../../src/db/marks';
import { readOutbox } from '../../../src/db/remote';
import { callContestant, readStageCall } from '../../../src/db/stage';
import { pullEvents, pushOutbox, SyncClient } from '../../../src/sync/client';
import type { SyncError } from '../../../src/sync/protocol';
import { forgetSession, joinWithJudgeCode } from '../../../src/sync/session';
import { readDeviceKey, readSession } from '../../../src/sync/sync-state';
import {
  type ApiReply,
  request,
  SyncRefusal,
  type SyncTransport,
  Unreachable,
} from '../../../src/sync/transport';
import { freshDb, type SeededRound, seedRound } from '../db/helpers';
import { FakeVenue, VirtualClock } from './fake-venue';

const clients: SyncClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.stop();
});

/** The organizer's laptop sets a round up and sends it; judge 1's tablet joins and pulls it. */
async function setUp() {
  const clock = new VirtualClock();
  const venue = new FakeVenue(() => clock.now);
  const laptop = freshDb();
  const seeded = await seedRound(laptop);
  const organizer = venue.session({ role: 'organizer', deviceId: await getDeviceId(laptop), judgeId: null });
  await pushOutbox(laptop, venue.transport('laptop'), organizer.token);
  const tablet = freshDb();
  const transport = venue.transport('tablet');
  const judge = seeded.judges[0];
  const session = await joinWithJudgeCode(tablet, transport, judge.joinCode);
  await pullEvents(tablet, transport, session);
  const cell = (contestant: number, criterionId: string) => ({
    roundId: seeded.round.id,
    judgeId: judge.id,
    contestantId: (seeded.contestants[contestant] as SeededRound['contestants'][number]).id,
    criterionId,
  });
  /** The laptop's new events reach the server. */
  const laptopSends = () => pushOutbox(laptop, venue.transport('laptop'), organizer.token);
  return { clock, venue, seeded, laptop, laptopSends, tablet, transport, session, cell };
}

function clientOf(db: LeitaiDB, transport: SyncTransport, clock: VirtualClock) {
  const client = new SyncClient({
    db,
    transport,
    timers: clock.timers,
    now: () => clock.now,
    random: () => 1,
  });
  clients.push(client);
  return client;
}

const pushCalls = (venue: FakeVenue, device: string) =>
  venue.calls.filter(({ call, device: from }) => call.path === '/push' && from === device);

const refused = (status: number, code: SyncError['code']): ApiReply => ({
  status,
  body: { error: { code, message: `${code} (test)` } },
});

describe('pushOutbox, event by event', () => {
  it('moves a refused event in the middle of a batch to the refused list; the others, and later marks, flow', async () => {
    const { venue, tablet, transport, session, cell } = await setUp();
    venue.refuseEvent = (event) =>
      event.type === 'mark.set' && event.payload.criterionId === 'presence'
        ? { code: 'invalidMark', message: 'value 1600 above the maximum 1500', path: 'payload.value' }
        : null;
    await enterMark(tablet, { ...cell(0, 'content'), value: 3550 });
    await enterMark(tablet, { ...cell(0, 'presence'), value: 1200 });
    await enterMark(tablet, { ...cell(0, 'language'), value: 1800 });
    const [content, presence, language] = (await readOutbox(tablet)).map((event) => event.id);

    const refusedAt = Date.parse('2026-11-23T10:15:00Z');
    expect(await pushOutbox(tablet, transport, session.token, { now: () => refusedAt })).toBe(2);
    expect(pushCalls(venue, 'tablet')).toHaveLength(1);
    expect([content, presence, language].map((id) => venue.stored(id as string))).toEqual([
      true,
      false,
      true,
    ]);
    expect(await tablet.outbox.count()).toBe(0);
    expect(await tablet.refused.toArray()).toEqual([
      {
        eventId: presence,
        code: 'invalidMark',
        message: 'value 1600 above the maximum 1500',
        path: 'payload.value',
        refusedAt: '2026-11-23T10:15:00.000Z',
      },
    ]);
    // The refused mark stays in this device's log: only the server does not have it.
    expect(await tablet.events.get(presence as string)).toBeDefined();

    await enterMark(tablet, { ...cell(1, 'content'), value: 3000 });
    const [later] = (await readOutbox(tablet)).map((event) => event.id);
    expect(await pushOutbox(tablet, transport, session.token)).toBe(1);
    expect(venue.stored(later as string)).toBe(true);
    expect(await tablet.refused.count()).toBe(1);
  });

  it('sends a batch too large for the server in halves; an event too large on its own is refused', async () => {
    const { venue, tablet, transport, session, cell } = await setUp();
    for (const criterionId of ['content', 'presence', 'language']) {
      await enterMark(tablet, { ...cell(0, criterionId), value: 1000 });
    }
    venue.maxPushEvents = 1;
    expect(await pushOutbox(tablet, transport, session.token)).toBe(3);
    // 3 -> 413, 2 -> 413, then one at a time.
    expect(
      pushCalls(venue, 'tablet').map(({ call }) => (call.body as { events: unknown[] }).events.length),
    ).toEqual([3, 2, 1, 1, 1]);

    venue.maxPushEvents = 0;
    await enterMark(tablet, { ...cell(1, 'content'), value: 1000 });
    expect(await pushOutbox(tablet, transport, session.token)).toBe(0);
    expect(await tablet.outbox.count()).toBe(0);
    expect((await tablet.refused.toArray()).map((row) => row.code)).toEqual(['tooLarge']);
  });

  it('leaves every event in the outbox when the whole request is refused', async () => {
    const { venue, tablet, transport, session, cell } = await setUp();
    await enterMark(tablet, { ...cell(0, 'content'), value: 3550 });
    await enterMark(tablet, { ...cell(0, 'presence'), value: 1200 });
    venue.intercept = (call) => (call.path === '/push' ? refused(426, 'protocolTooOld') : undefined);
    const push = pushOutbox(tablet, transport, session.token);
    await expect(push).rejects.toBeInstanceOf(SyncRefusal);
    await expect(push).rejects.toMatchObject({ error: { code: 'protocolTooOld' } });
    expect(await tablet.outbox.count()).toBe(2);
    expect(await tablet.refused.count()).toBe(0);
  });
});

describe('request: retry or refusal, by status', () => {
  const answering = (reply: ApiReply): SyncTransport => ({
    call: async () => reply,
    openLive: () => ({ close() {} }),
  });
  const outcome = (reply: ApiReply) =>
    request(answering(reply), { method: 'POST', path: '/push' }).then(
      () => 'answered',
      (error: unknown) =>
        error instanceof SyncRefusal
          ? `refused ${error.error.code}`
          : error instanceof Unreachable && 'unreachable',
    );

  it.each([
    ['a 500 with a named error', 'unreachable', refused(500, 'malformedRequest')],
    ['a 503 without a body', 'unreachable', { status: 503, body: null }],
    ['a 408 timeout', 'unreachable', { status: 408, body: null }],
    ['a 200 that is not the API’s JSON', 'unreachable', { status: 200, body: null }],
    ['a 401 unauthorized', 'refused unauthorized', refused(401, 'unauthorized')],
    ['a 403 deviceRevoked', 'refused deviceRevoked', refused(403, 'deviceRevoked')],
    ['a proxy’s bare 413', 'refused tooLarge', { status: 413, body: null }],
    ['a bare 404 (a host without the API)', 'refused notFound', { status: 404, body: null }],
  ])('takes %s as %s', async (_what, expected, reply) => {
    expect(await outcome(reply)).toBe(expected);
  });
});

describe('pulling', () => {
  it('keeps pulling past a page the server filtered empty, and writes nothing when nothing is new', async () => {
    const { venue, seeded, laptop, laptopSends, tablet, transport, session } = await setUp();
    // A judge's tablet does not read another judge's marks.
    venue.readable = (event, reader) =>
      reader.role !== 'judge' || event.type !== 'mark.set' || event.payload.judgeId === reader.judgeId;
    const other = {
      roundId: seeded.round.id,
      judgeId: seeded.judges[1].id,
      contestantId: seeded.contestants[0].id,
    };
    await enterMark(laptop, { ...other, criterionId: 'content', value: 3000 });
    await enterMark(laptop, { ...other, criterionId: 'presence', value: 1000 });
    const call = await callContestant(laptop, {
      roundId: seeded.round.id,
      contestantId: seeded.contestants[0].id,
    });
    await laptopSends();

    const pullsBefore = venue.calls.length;
    expect(await pullEvents(tablet, transport, session, { limit: 2 })).toBe(1);
    // The two marks filled a page of their own, returned empty with the cursor past them.
    expect(venue.calls.length - pullsBefore).toBe(2);
    expect(await readStageCall(tablet, seeded.round.id)).toEqual(call);
    expect(await tablet.marks.count()).toBe(0);

    const transactions = vi.spyOn(tablet, 'transaction');
    expect(await pullEvents(tablet, transport, session, { limit: 2 })).toBe(0);
    expect(transactions.mock.calls.filter(([mode]) => mode === 'rw')).toHaveLength(0);
  });
});

describe('SyncClient, push and pull apart', () => {
  it('retries a push answered 500, and the next attempt goes through', async () => {
    const { clock, venue, tablet, transport, cell } = await setUp();
    let failed = false;
    venue.intercept = (call) => {
      if (call.path !== '/push' || failed) return undefined;
      failed = true;
      return refused(500, 'malformedRequest');
    };
    await enterMark(tablet, { ...cell(0, 'content'), value: 3550 });
    const [mark] = (await readOutbox(tablet)).map((event) => event.id);
    const client = clientOf(tablet, transport, clock);
    await client.start();
    await vi.waitFor(() => expect(failed).toBe(true));
    await clock.runNext(1500);
    await vi.waitFor(() => expect(venue.stored(mark as string)).toBe(true));
    await vi.waitFor(() =>
      expect(client.getStatus()).toMatchObject({ pending: 0, refused: 0, refusal: null }),
    );
    expect(pushCalls(venue, 'tablet')).toHaveLength(2);
  });

  it.each([
    ['out of reach (500)', { status: 500, body: null }, null],
    ['refused whole (426)', refused(426, 'protocolTooOld'), 'protocolTooOld'],
  ] as const)('receives the host’s call while its pushes are %s', async (_what, reply, refusal) => {
    const { clock, venue, seeded, laptop, laptopSends, tablet, transport, cell } = await setUp();
    venue.intercept = (call, device) => (call.path === '/push' && device === 'tablet' ? reply : undefined);
    await enterMark(tablet, { ...cell(0, 'content'), value: 3550 });
    const client = clientOf(tablet, transport, clock);
    await client.start();
    await vi.waitFor(() => expect(pushCalls(venue, 'tablet').length).toBeGreaterThan(0));

    const call = await callContestant(laptop, {
      roundId: seeded.round.id,
      contestantId: seeded.contestants[1].id,
    });
    await laptopSends();
    await client.syncNow();
    expect(await readStageCall(tablet, seeded.round.id)).toEqual(call);
    expect(client.getStatus()).toMatchObject({ pending: 1, refusal: refusal && { code: refusal } });
    expect(await tablet.outbox.count()).toBe(1);
  });

  it('reaches a server back from the dead within 2 s, with retries doubling from 250 ms up to 1.5 s', async () => {
    const { clock, venue, tablet, transport, cell } = await setUp();
    // Sockets neither open nor close (a dead link): only the retries bring the device back.
    venue.liveFate = () => 'hang';
    venue.up = false;
    await enterMark(tablet, { ...cell(0, 'content'), value: 3550 });
    const [mark] = (await readOutbox(tablet)).map((event) => event.id);
    const client = clientOf(tablet, transport, clock);
    await client.start();
    while (clock.now < 20_000) await clock.runNext();
    // The attempt of the last retry is over (it scheduled the next) before the server returns.
    await clock.whenScheduled();
    const retriesWhileDown = [...clock.asked];
    venue.up = true;
    const backAt = clock.now;

    await clock.runNext();
    await vi.waitFor(() => expect(venue.stored(mark as string)).toBe(true));
    const arrivedAt = pushCalls(venue, 'tablet').at(-1)?.at as number;
    expect(arrivedAt - backAt).toBeLessThanOrEqual(2000);
    expect(retriesWhileDown.slice(0, 4)).toEqual([250, 500, 1000, 1500]);
    expect(Math.max(...retriesWhileDown)).toBe(1500);
  });

  it('reopens a closed live socket after 250 ms, doubling up to 1.5 s', async () => {
    const { clock, venue, tablet, transport } = await setUp();
    let closes = 5;
    venue.liveFate = () => (closes-- > 0 ? 'close' : 'welcome');
    const client = clientOf(tablet, transport, clock);
    await client.start();
    for (let reopen = 0; reopen < 5; reopen += 1) await clock.runNext(1500);
    await vi.waitFor(() => expect(client.getStatus().online).toBe(true));
    // The slow poll (30 s and more) is not a reopening.
    expect(clock.asked.filter((ms) => ms <= 1500)).toEqual([250, 500, 1000, 1500, 1500]);
  });
});

describe('device keys', () => {
  it('keeps the key the server issued past a logout, and shows it at the next join', async () => {
    const { venue, seeded, tablet, transport } = await setUp();
    const deviceId = await getDeviceId(tablet);
    const key = await readDeviceKey(tablet, venue.serverId);
    expect(key).toEqual(expect.any(String));

    await forgetSession(tablet);
    expect(await readSession(tablet)).toBeNull();
    expect(await readDeviceKey(tablet, venue.serverId)).toBe(key);

    await joinWithJudgeCode(tablet, transport, seeded.judges[0].joinCode);
    const joins = venue.calls.filter(({ call }) => call.path === '/join/judge').map(({ call }) => call.body);
    expect(joins[0]).toEqual({ code: seeded.judges[0].joinCode, deviceId });
    expect(joins[1]).toEqual({ code: seeded.judges[0].joinCode, deviceId, deviceKey: key });
    // The server issues a key once: a later session carries none, and the kept one stays.
    expect((await readSession(tablet))?.deviceKey).toBeNull();
    expect(await readDeviceKey(tablet, venue.serverId)).toBe(key);
    expect(await readDeviceKey(tablet, 'another-server')).toBeUndefined();
  });
});
