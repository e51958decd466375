// @vitest-environment node
// A malicious county hub, or whoever answers the venue's relay in its place on plain http: the
// venue takes from it new contestants for a roster, under the hub's own device id, and nothing
// else (src/server/core.ts admitFromHub, src/server/hub-relay.ts); and an answer of any size
// cannot make the venue hold more than a page of rosters.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { getDeviceId } from '../../../src/db/repository';
import { HubRelay } from '../../../src/server/hub-relay';
import { hubDeviceId } from '../../../src/sync/hub-protocol';
import { MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, type WireEvent } from '../../../src/sync/protocol';
import { freshDb, type SeededRound, seedRound } from '../db/helpers';
import { claim, joinJudge, push, type TestServer, testServer, wireLog } from './helpers';

/** How long a condition may take on a loaded machine: a deadline, never a pause. */
const PATIENCE = { timeout: 20_000, interval: 50 };
const HUB_ID = 'hostile';
const HUB_DEVICE = hubDeviceId(HUB_ID);
const TABLET = 'hostile-hub-tablet'.padEnd(32, '0');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A venue server's core with a claimed organizer, a seeded round and a judge's tablet joined. */
async function venue() {
  const server = testServer();
  const laptop = freshDb();
  const organizerDevice = await getDeviceId(laptop);
  const organizer = await claim(server.core, organizerDevice);
  const seeded = await seedRound(laptop);
  const setup = await wireLog(laptop);
  expect((await push(server.core, organizer.token, setup)).body.refused).toEqual([]);
  const judge = (await joinJudge(server.core, seeded.judges[0].joinCode, TABLET)).body;
  return { ...server, seeded, judge, organizerDevice, organizerSeq: setup.length };
}

let made = 0;
/** An event of the seeded round, as the hub would send it down. */
function decision(
  seeded: SeededRound,
  fields: { type: WireEvent['type']; payload: unknown } & Partial<Omit<WireEvent, 'type' | 'payload'>>,
): WireEvent {
  made += 1;
  return {
    id: `hostile-${made}`.padEnd(32, '0'),
    deviceId: HUB_DEVICE,
    deviceSeq: made,
    author: { role: 'organizer' },
    competitionId: seeded.competition.id,
    roundId: seeded.round.id,
    recordedAt: '2026-12-05T09:00:00.000Z',
    ...fields,
  } as WireEvent;
}

function newContestant(seeded: SeededRound, id: string, extra: Partial<WireEvent> = {}): WireEvent {
  return decision(seeded, {
    type: 'entity.put',
    payload: {
      table: 'contestants',
      revision: 1,
      entity: {
        id,
        roundId: seeded.round.id,
        name: '晋级选手',
        unit: '城关镇',
        topic: '强村富民',
        photoId: null,
        status: 'active',
        draw: null,
        order: 10,
      },
    },
    ...extra,
  });
}

/** What a hostile hub sends down: one genuine roster entry among writes it must never make. */
function hostileDecisions(v: Awaited<ReturnType<typeof venue>>) {
  const { seeded } = v;
  const [first, second] = seeded.contestants;
  return {
    genuine: newContestant(seeded, 'advanced-contestant'),
    forged: [
      // Under the judge's tablet's id, taking the sequence number of its next mark.
      newContestant(seeded, 'under-the-tablet', { deviceId: TABLET, deviceSeq: 1 }),
      // Under the organizer's laptop's id, likewise.
      newContestant(seeded, 'under-the-laptop', {
        deviceId: v.organizerDevice,
        deviceSeq: v.organizerSeq + 1,
      }),
      // The venue's own contestant renamed and withdrawn.
      decision(seeded, {
        type: 'entity.put',
        payload: {
          table: 'contestants',
          revision: 999,
          entity: { ...first, name: '被篡改', status: 'withdrawn' },
        },
      }),
      decision(seeded, {
        type: 'entity.delete',
        payload: { table: 'contestants', entityId: second.id, revision: 999 },
      }),
      decision(seeded, {
        type: 'mark.set',
        payload: {
          judgeId: seeded.judges[0].id,
          contestantId: first.id,
          criterionId: 'content',
          value: 100,
          revision: 1,
        },
      }),
      decision(seeded, {
        type: 'contestant.lock',
        payload: {
          contestantId: first.id,
          cells: [],
          override: { reason: '伪造', missingJudgeIds: [] },
          revision: 1,
        },
      }),
    ],
  };
}

/** The judge's tablet pushes its first mark (device sequence 1): the hall goes on as before. */
async function tabletMarks(v: Awaited<ReturnType<typeof venue>>) {
  const mark = {
    id: 'hostile-hub-mark'.padEnd(32, '0'),
    deviceId: TABLET,
    deviceSeq: 1,
    author: { role: 'judge', judgeId: v.seeded.judges[0].id },
    competitionId: v.seeded.competition.id,
    roundId: v.seeded.round.id,
    recordedAt: '2026-12-05T09:01:00.000Z',
    type: 'mark.set',
    payload: {
      judgeId: v.seeded.judges[0].id,
      contestantId: v.seeded.contestants[0].id,
      criterionId: 'content',
      value: 2500,
      revision: 1,
    },
  } as WireEvent;
  return (await push(v.core, v.judge.token, [mark])).body;
}

function storedEvents(v: TestServer): WireEvent[] {
  return [...v.store.allEventBodies()].map((body) => JSON.parse(body) as WireEvent);
}

type Answerer = (res: ServerResponse, url: URL, body: { through?: number } | undefined) => void;

/** An HTTP server answering the relay as `answer` says. */
async function fakeHub(answer: Answerer): Promise<string> {
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    req.on('end', () =>
      answer(res, new URL(req.url ?? '/', 'http://hub'), text ? JSON.parse(text) : undefined),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** The hub's usual answers to the relay, with `decisions` as its pull of origin=hub. */
function answering(pull: (res: ServerResponse, after: number) => void): Answerer {
  return (res, url, body) => {
    const path = url.pathname.replace('/hub/v1', '');
    if (path === '/hello')
      sendJson(res, { protocol: PROTOCOL_VERSION, minProtocol: MIN_PROTOCOL_VERSION, hubId: HUB_ID });
    else if (path === '/venue') sendJson(res, { venueId: 'venue', name: '城关镇', ackedThrough: 0 });
    else if (path === '/push')
      sendJson(res, { accepted: 0, duplicates: 0, refused: [], ackedThrough: body?.through ?? 0 });
    else pull(res, Number(url.searchParams.get('after')));
  };
}

function relayTo(v: Awaited<ReturnType<typeof venue>>, hubUrl: string) {
  const relay = new HubRelay({
    store: v.store,
    serverId: v.core.serverId,
    hubUrl,
    venueKey: 'venue-key',
    onCommit: (listener) =>
      v.core.subscribe((notice) => {
        if (notice.type === 'commit') listener();
      }),
    onDecisions: (hubDevice, events) => v.core.admitFromHub(hubDevice, events).refused,
    decisionsEveryMs: 50,
    backoff: { firstMs: 20, maxMs: 200 },
  });
  cleanups.push(() => relay.stop());
  return relay;
}

describe('a hostile hub answering the venue', () => {
  it("adds only new contestants under the hub's own device id: no mark, lock, deletion, change of the venue's own, or device's id", async () => {
    const v = await venue();
    const { genuine, forged } = hostileDecisions(v);
    const answer = v.core.admitFromHub(HUB_DEVICE, [...forged, genuine]);
    expect(answer.accepted).toBe(1);
    expect(answer.refused.map((refused) => [refused.index, refused.code])).toEqual([
      [0, 'foreignDevice'],
      [1, 'foreignDevice'],
      [2, 'forbiddenAuthor'],
      [3, 'forbiddenAuthor'],
      [4, 'forbiddenAuthor'],
      [5, 'forbiddenAuthor'],
    ]);
    // No device joins under an id of the hub's, so none can take the hub's decisions' place.
    const squatter = await joinJudge(v.core, v.seeded.judges[1].joinCode, hubDeviceId('another-hub'));
    expect(squatter.error?.code).toBe('deviceTaken');
    // Under a joined device's own id the hub writes nothing, whatever it calls itself.
    expect(
      v.core.admitFromHub(TABLET, [newContestant(v.seeded, 'as-tablet', { deviceId: TABLET })]).accepted,
    ).toBe(0);
    // Sent again, the genuine one is acknowledged as a duplicate.
    expect(v.core.admitFromHub(HUB_DEVICE, [genuine]).duplicates).toBe(1);
    const stored = storedEvents(v);
    expect(stored.filter((event) => event.deviceId === HUB_DEVICE).map((event) => event.id)).toEqual([
      genuine.id,
    ]);
    expect(v.store.device(HUB_DEVICE)).toBeUndefined();
    // The tablet's own first mark is still its own to write.
    expect(await tabletMarks(v)).toMatchObject({ accepted: 1, refused: [] });
    // Once a judge has marked the round, the hub adds no one to it.
    const late = v.core.admitFromHub(HUB_DEVICE, [newContestant(v.seeded, 'late-entry')]);
    expect(late.refused.map((refused) => refused.code)).toEqual(['forbiddenAuthor']);
  });

  it('through the relay, takes the genuine roster entry only; the venue goes on writing under its ids', async () => {
    const v = await venue();
    const { genuine, forged } = hostileDecisions(v);
    const events = [forged[0], forged[1], forged[2], genuine] as WireEvent[];
    const hubUrl = await fakeHub(
      answering((res, after) =>
        sendJson(res, { venueId: 'venue', events: after < 4 ? events : [], cursor: 4, head: 4 }),
      ),
    );
    relayTo(v, hubUrl);
    await expect.poll(() => storedEvents(v).some((event) => event.id === genuine.id), PATIENCE).toBe(true);
    const stored = storedEvents(v);
    for (const event of forged) expect(stored.map((found) => found.id)).not.toContain(event.id);
    const names = stored.flatMap((event) =>
      event.type === 'entity.put' && event.payload.table === 'contestants' ? [event.payload.entity.name] : [],
    );
    expect(names).not.toContain('被篡改');
    expect(await tabletMarks(v)).toMatchObject({ accepted: 1, refused: [] });
  });

  it('reads no more than a page of an endless answer, and the venue stays up', async () => {
    const v = await venue();
    // The most bytes one answer got written before the relay hung up.
    let mostSent = 0;
    const chunk = Buffer.alloc(1024 * 1024, ' ');
    const hubUrl = await fakeHub(
      answering((res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"events":[');
        let sent = 0;
        // Writes while the relay reads; stops when it hangs up.
        const more = () => {
          while (!res.destroyed && res.write(chunk)) {
            sent += chunk.length;
            mostSent = Math.max(mostSent, sent);
          }
        };
        res.on('drain', more);
        res.on('close', () => res.off('drain', more));
        more();
      }),
    );
    const relay = relayTo(v, hubUrl);
    await expect.poll(() => relay.status().lastError ?? '', PATIENCE).toMatch(/more than \d+ bytes/);
    expect(mostSent).toBeLessThan(64 * 1024 * 1024);
    expect(await tabletMarks(v)).toMatchObject({ accepted: 1, refused: [] });
  });

  it('asks again only after its wait when the hub sends the same page over and over', async () => {
    const v = await venue();
    const { genuine } = hostileDecisions(v);
    let pulls = 0;
    let marked = false;
    let pullsWhenPushed: number | null = null;
    const usual = answering((res) => {
      pulls += 1;
      // Whatever the venue asks after, the same page with the same cursor.
      sendJson(res, { venueId: 'venue', events: [genuine], cursor: 1, head: 1 });
    });
    const hubUrl = await fakeHub((res, url, body) => {
      if (marked && pullsWhenPushed === null && url.pathname.endsWith('/push')) pullsWhenPushed = pulls;
      usual(res, url, body);
    });
    const relay = new HubRelay({
      store: v.store,
      serverId: v.core.serverId,
      hubUrl,
      venueKey: 'venue-key',
      onCommit: (listener) =>
        v.core.subscribe((notice) => {
          if (notice.type === 'commit') listener();
        }),
      onDecisions: (hubDevice, events) => v.core.admitFromHub(hubDevice, events).refused,
      // Long: the relay asks for decisions again only when a commit wakes it.
      decisionsEveryMs: 600_000,
    });
    cleanups.push(() => relay.stop());
    await expect.poll(() => storedEvents(v).some((event) => event.id === genuine.id), PATIENCE).toBe(true);
    // The page again, not moving the cursor: the relay then waits (for good, in this test).
    await expect.poll(() => pulls, PATIENCE).toBeGreaterThanOrEqual(2);
    // A commit wakes the relay: its push shows how often it asked meanwhile.
    marked = true;
    expect(await tabletMarks(v)).toMatchObject({ accepted: 1 });
    await expect.poll(() => pullsWhenPushed, PATIENCE).not.toBeNull();
    expect(pullsWhenPushed).toBeLessThanOrEqual(2);
  });
});
