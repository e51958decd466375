// @vitest-environment node
// The venue's relay to the hub (src/server/hub-relay.ts), between a venue server's core (SQLite)
// and a real hub over HTTP on a real PostgreSQL: every stored event reaches the hub exactly once,
// a restarted relay resumes from the hub's acknowledged point, and with the hub down the hall
// goes on (marks admitted and pulled) while the relay retries with growing waits.
import { createServer } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { getDeviceId } from '../../../src/db/repository';
import { HubCore } from '../../../src/hub/core';
import { startHubServer } from '../../../src/hub/http';
import { hashSecret } from '../../../src/hub/secrets';
import { HubStore } from '../../../src/hub/store';
import { HubRelay, META_RELAY_CURSOR } from '../../../src/server/hub-relay';
import type { PullResponse, WireEvent } from '../../../src/sync/protocol';
import { freshDb, seedRound } from '../db/helpers';
import { call, claim, joinJudge, push, testServer, wireLog } from '../server/helpers';
import { ADMIN_SECRET, DASHBOARD_CODE, registerVenue } from './helpers';
import { freshDatabase } from './postgres';

/** How long a condition may take on a loaded machine: a deadline, never a pause. */
const PATIENCE = { timeout: 20_000, interval: 50 };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A hub on a fresh database, over HTTP on loopback (on `port`, or any free one). */
async function runningHub(databaseUrl: string, port = 0) {
  const store = await HubStore.open(databaseUrl);
  const core = new HubCore({
    store,
    hubId: 'relay-test-hub',
    adminSecretHash: hashSecret(ADMIN_SECRET),
    dashboardCodeHash: hashSecret(DASHBOARD_CODE),
  });
  const server = await startHubServer({ core, host: '127.0.0.1', port, tls: null });
  cleanups.push(async () => {
    await server.close();
    await store.close();
  });
  return { core, store, url: `http://127.0.0.1:${server.port}` };
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A venue server's core with a claimed organizer, a seeded round and a judge's tablet joined. */
async function venue() {
  const server = testServer();
  const laptop = freshDb();
  const organizer = await claim(server.core, await getDeviceId(laptop));
  const seeded = await seedRound(laptop);
  expect((await push(server.core, organizer.token, await wireLog(laptop))).body.refused).toEqual([]);
  const tabletId = 'relay-test-tablet'.padEnd(32, '0');
  const judge = (await joinJudge(server.core, seeded.judges[0].joinCode, tabletId)).body;
  let deviceSeq = 0;
  /** The judge marks each contestant on one criterion, as the tablet pushes it. */
  async function mark(value: number) {
    const events = seeded.contestants.map((contestant) => {
      deviceSeq += 1;
      return {
        id: `relay-mark-${deviceSeq}`.padEnd(32, '0'),
        deviceId: tabletId,
        deviceSeq,
        author: { role: 'judge', judgeId: seeded.judges[0].id },
        competitionId: seeded.competition.id,
        roundId: seeded.round.id,
        recordedAt: '2026-12-04T09:30:00.000Z',
        type: 'mark.set',
        payload: {
          judgeId: seeded.judges[0].id,
          contestantId: contestant.id,
          criterionId: 'content',
          value,
          revision: deviceSeq,
        },
      } as WireEvent;
    });
    const answer = await push(server.core, judge.token, events);
    expect(answer.body.refused).toEqual([]);
    expect(answer.body.accepted).toBe(events.length);
  }
  return { ...server, judge, mark };
}

type Venue = Awaited<ReturnType<typeof venue>>;

function relayOf(v: Venue, hubUrl: string, venueKey: string, log: string[] = [], decisionsEveryMs = 50) {
  const relay = new HubRelay({
    store: v.store,
    serverId: v.core.serverId,
    hubUrl,
    venueKey,
    onCommit: (listener) =>
      v.core.subscribe((notice) => {
        if (notice.type === 'commit') listener();
      }),
    onDecisions: (hubDevice, events) => v.core.admitFromHub(hubDevice, events).refused,
    decisionsEveryMs,
    backoff: { firstMs: 20, maxMs: 320 },
    log: (message) => log.push(message),
  });
  cleanups.push(() => relay.stop());
  return relay;
}

/** Every event id the venue's store holds, in its order. */
function venueEventIds(v: Venue): string[] {
  return [...v.store.allEventBodies()].map((body) => (JSON.parse(body) as WireEvent).id);
}

async function hubEventIds(databaseUrl: string, venueId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM events WHERE venue_id = $1 ORDER BY seq',
      [venueId],
    );
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

describe('the hub relay of a venue server', () => {
  it("relays every stored event once, and a restarted relay resumes from the hub's acknowledged point", async () => {
    const database = await freshDatabase();
    cleanups.push(database.drop);
    const hub = await runningHub(database.url);
    const registration = await registerVenue(hub.core, '城关镇');
    const pushed: number[] = [];
    const handle = hub.core.handle.bind(hub.core);
    hub.core.handle = (request) => {
      if (request.path === '/push') pushed.push((request.body as { events: unknown[] }).events.length);
      return handle(request);
    };
    const v = await venue();
    await v.mark(3000);
    const first = relayOf(v, hub.url, registration.venueKey);
    await expect
      .poll(() => hubEventIds(database.url, registration.venueId), PATIENCE)
      .toEqual(venueEventIds(v));
    await first.stop();
    expect(Number(v.store.getMeta(META_RELAY_CURSOR))).toBe(v.store.head());
    const sentBefore = pushed.reduce((sum, n) => sum + n, 0);
    expect(sentBefore).toBe(venueEventIds(v).length);

    await v.mark(3100);
    relayOf(v, hub.url, registration.venueKey);
    await expect
      .poll(() => hubEventIds(database.url, registration.venueId), PATIENCE)
      .toEqual(venueEventIds(v));
    // The second relay sent only what the hub lacked: the three new marks.
    expect(pushed.reduce((sum, n) => sum + n, 0) - sentBefore).toBe(3);
  });

  it("pushes each commit as it lands, and looks for the hub's decisions on their own schedule, not after each push", async () => {
    const database = await freshDatabase();
    cleanups.push(database.drop);
    const hub = await runningHub(database.url);
    const registration = await registerVenue(hub.core, '新街镇');
    const requests: string[] = [];
    const handle = hub.core.handle.bind(hub.core);
    hub.core.handle = (request) => {
      requests.push(`${request.method} ${request.path}`);
      return handle(request);
    };
    const count = (route: string) => requests.filter((request) => request === route).length;
    const v = await venue();
    // Decisions looked for when the relay starts, and then not for ten minutes.
    relayOf(v, hub.url, registration.venueKey, [], 600_000);
    await expect
      .poll(() => hubEventIds(database.url, registration.venueId), PATIENCE)
      .toEqual(venueEventIds(v));
    await expect.poll(() => count('GET /pull'), PATIENCE).toBe(1);
    const pushesBefore = count('POST /push');
    for (const value of [2600, 2700, 2800]) {
      await v.mark(value);
      await expect
        .poll(() => hubEventIds(database.url, registration.venueId), PATIENCE)
        .toEqual(venueEventIds(v));
    }
    // One push for each commit, and no pull in between.
    expect(count('POST /push') - pushesBefore).toBe(3);
    expect(count('GET /pull')).toBe(1);
  });

  it('keeps the hall going with the hub down, retries with growing waits, then delivers everything', async () => {
    const database = await freshDatabase();
    cleanups.push(database.drop);
    const port = await freePort();
    // Registered on a hub that then goes away: the venue has its key, the hub is unreachable.
    const registering = await runningHub(database.url);
    const registration = await registerVenue(registering.core, '河口镇');
    const v = await venue();
    const log: string[] = [];
    const relay = relayOf(v, `http://127.0.0.1:${port}`, registration.venueKey, log);
    await expect.poll(() => relay.status().failures, PATIENCE).toBeGreaterThanOrEqual(5);
    // The hall: marks are admitted and the judge's tablet pulls them back, as without a hub.
    await v.mark(2500);
    const pulled = await call<PullResponse>(v.core, 'GET', '/pull', {
      token: v.judge.token,
      query: { after: '0' },
    });
    expect(pulled.body.events.filter((event) => event.type === 'mark.set')).toHaveLength(3);
    const waits = log.map((line) => Number(/retrying in (\d+) ms/.exec(line)?.[1]));
    expect(waits.slice(0, 5)).toEqual([20, 40, 80, 160, 320]);
    expect(relay.status().lastError).not.toBeNull();

    await runningHub(database.url, port);
    await expect
      .poll(() => hubEventIds(database.url, registration.venueId), PATIENCE)
      .toEqual(venueEventIds(v));
    await expect.poll(() => relay.status().failures, PATIENCE).toBe(0);
  });
});
