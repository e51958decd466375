// Chaos against the real venue server process: 15 judges' tablets and 2 projectors (node devices:
// real LeitaiDBs on fake IndexedDB, the app's sync client over HTTP and WebSocket), marks flowing;
// the server killed with SIGKILL and restarted twice; one tablet offline for a while. At the end
// every event any device committed is on the server (its SQLite file) once, and every device holds
// exactly the stored events its role may read (src/sync/protocol.ts, readingOf), folded alike.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createCompetition } from '../../src/db/competitions';
import { enterMark } from '../../src/db/marks';
import { readProjection } from '../../src/db/read';
import { importRoster } from '../../src/db/roster';
import { createRound } from '../../src/db/rounds';
import { foldEvents, type LeitaiEvent } from '../../src/domain/events';
import { PROTOCOL_VERSION, readingOf, redactedEventText, type SessionInfo } from '../../src/sync/protocol';
import { readCursor } from '../../src/sync/sync-state';
import { fromWire } from '../../src/sync/wire';
import { type NodeDevice, nodeDevice } from './node-device';
import { portOf, startVenueProcess, type VenueProcess } from './venue-process';
import { until } from './waiting';

const SHEET = [
  { id: 'content', label: '内容', max: 4000 },
  { id: 'presence', label: '形象风采', max: 1500 },
  { id: 'language', label: '语言表达', max: 2000 },
  { id: 'ppt', label: 'PPT制作', max: 1500 },
  { id: 'overall', label: '综合印象', max: 1000 },
];

let venue: VenueProcess | null = null;
const devices: NodeDevice[] = [];

afterAll(async () => {
  for (const device of devices) {
    await device.client.stop();
    device.db.close();
  }
  if (venue) {
    await venue.stop();
    await rm(venue.dataDir, { recursive: true, force: true });
  }
});

/** Every event in the server's SQLite file, read after the server stopped, as stored. */
function storedBodies(dataDir: string): string[] {
  const file = new Database(join(dataDir, 'leitai.sqlite'), { readonly: true });
  try {
    const rows = file.prepare('SELECT body FROM events ORDER BY seq').all() as { body: string }[];
    return rows.map((row) => row.body);
  } finally {
    file.close();
  }
}

/** The stored events a device of this session reads, as the server sends them. */
function readableBy(bodies: readonly string[], session: SessionInfo): LeitaiEvent[] {
  return bodies.flatMap((body) => {
    const event = fromWire(JSON.parse(body));
    if (session.role === 'organizer') return [event];
    const reading = readingOf(event);
    const reads =
      session.role === 'projector'
        ? reading.projector
        : reading.reader === null || reading.reader === session.judgeId;
    if (!reads) return [];
    return [reading.redact ? fromWire(JSON.parse(redactedEventText(body, session.role))) : event];
  });
}

async function ownEvents(device: NodeDevice): Promise<LeitaiEvent[]> {
  const deviceId = device.session.deviceId;
  return device.db.events
    .where('[deviceId+deviceSeq]')
    .between([deviceId, 0], [deviceId, Number.MAX_SAFE_INTEGER])
    .toArray();
}

describe('sync chaos', () => {
  it('15 judges, 2 projectors, two SIGKILLs, a tablet offline: every mark everywhere, exactly once', async () => {
    let server = await startVenueProcess({ httpsPort: null });
    venue = server;
    const dataDir = server.dataDir;
    const httpPort = portOf(server.httpUrl);
    const claimCode = server.claimCode as string;
    const projectorCode = server.projectorCode;

    const organizer = await nodeDevice('organizer', server.httpUrl, {
      as: 'organizer',
      claimCode,
      password: '擂台2026',
    });
    devices.push(organizer);
    const competition = await createCompetition(organizer.db, { name: '2026年昌吉市村党组织书记“擂台比武”' });
    const round = await createRound(organizer.db, {
      competitionId: competition.id,
      name: '市级决赛',
      criteria: SHEET,
    });
    const roster = await importRoster(organizer.db, round.id, {
      judges: Array.from({ length: 15 }, (_, i) => ({ name: `评委${i + 1}`, title: '' })),
      contestants: Array.from({ length: 6 }, (_, i) => ({
        name: `选手${i + 1}`,
        unit: `第${i + 1}镇`,
        topic: '乡村振兴',
      })),
    });
    await organizer.client.start();
    await organizer.client.syncNow();
    expect(organizer.client.getStatus().pending).toBe(0);

    const judges: NodeDevice[] = [];
    for (const [index, judge] of roster.judges.entries()) {
      const device = await nodeDevice(`judge-${index + 1}`, server.httpUrl, {
        as: 'judge',
        code: judge.joinCode,
      });
      devices.push(device);
      judges.push(device);
      await device.client.start();
    }
    for (const name of ['projector-1', 'projector-2']) {
      const device = await nodeDevice(name, server.httpUrl, { as: 'projector', code: projectorCode });
      devices.push(device);
      await device.client.start();
    }
    // Every tablet has the round before scoring.
    await Promise.all(judges.map((device) => device.client.syncNow()));
    for (const device of judges) expect(await device.db.rounds.count()).toBe(1);

    // The judges score in bursts, all tablets at once; the server is killed during a burst and
    // stays down through the next, so marks are committed while nothing can send them, and one
    // tablet is offline across the second kill. Each step starts when the last has finished:
    // the test waits for what it needs, never for a time.
    let committed = 0;
    const steps = judges.map(() => 0);
    const score = (marksPerJudge: number) =>
      Promise.all(
        judges.map(async (device, index) => {
          const judge = roster.judges[index] as (typeof roster.judges)[number];
          for (let mark = 0; mark < marksPerJudge; mark++) {
            const step = (steps[index] ?? 0) + 1;
            steps[index] = step;
            const contestant = roster.contestants[
              step % roster.contestants.length
            ] as (typeof roster.contestants)[number];
            const criterion = SHEET[(step + index) % SHEET.length] as (typeof SHEET)[number];
            await enterMark(device.db, {
              roundId: round.id,
              judgeId: judge.id,
              contestantId: contestant.id,
              criterionId: criterion.id,
              value: ((step * 7 + index) % (criterion.max / 10)) * 10 + 10,
            });
            committed += 1;
          }
        }),
      );
    const restart = async () => {
      server = await startVenueProcess({ dataDir, httpPort, httpsPort: null });
      venue = server;
    };
    /** Every device's state: marks waiting to be sent, and the server sequence applied up to. */
    let states: number[][] = [];
    const readStates = async () => {
      states = await Promise.all(
        devices.map(async (device) => [
          await device.db.outbox.count(),
          (await readCursor(device.db))?.cursor ?? 0,
        ]),
      );
      return states;
    };

    const offlineTablet = judges[14] as NodeDevice;
    await score(4);
    await Promise.all([score(3), server.stop('SIGKILL')]);
    await score(2);
    await restart();
    offlineTablet.setOffline(true);
    // The restarted server takes the marks the online tablets kept (they retry on their own;
    // nudged so that their back-off does not set the pace).
    await until(
      async () => {
        const pending = (await readStates()).filter((_, index) => devices[index] !== offlineTablet);
        if (pending.every(([outbox]) => outbox === 0)) return true;
        await Promise.all(devices.map((device) => device.client.syncNow()));
        return false;
      },
      () => `the online tablets to send their marks after the restart: ${JSON.stringify(states)}`,
      { timeoutMs: 45_000, pollMs: 200 },
    );
    await score(3);
    await Promise.all([score(3), server.stop('SIGKILL')]);
    await score(2);
    await restart();
    await score(3);
    offlineTablet.setOffline(false);
    await score(3);

    // The devices catch up on their own (pokes, reconnects, retries); nudge the slow timer along.
    let head = 0;
    await until(
      async () => {
        head = (
          (await (
            await fetch(`${server.httpUrl}/api/v1/hello`, {
              headers: { 'leitai-protocol': String(PROTOCOL_VERSION) },
            })
          ).json()) as { head: number }
        ).head;
        if ((await readStates()).every(([pending, cursor]) => pending === 0 && cursor === head)) return true;
        await Promise.all(devices.map((device) => device.client.syncNow()));
        return false;
      },
      () => `convergence: head ${head}, devices ${JSON.stringify(states)}`,
      { timeoutMs: 45_000, pollMs: 200 },
    );

    await server.stop('SIGTERM');
    const bodies = storedBodies(dataDir);
    const stored = bodies.map((body) => fromWire(JSON.parse(body)));
    const storedIds = stored.map((event) => event.id);
    expect(new Set(storedIds).size).toBe(storedIds.length);

    // Every event any device committed is stored once, and nothing else is.
    const committedByDevices = (await Promise.all(devices.map(ownEvents))).flat();
    expect(committedByDevices.length).toBe(stored.length);
    expect(new Set(committedByDevices.map((event) => event.id))).toEqual(new Set(storedIds));
    const marks = committedByDevices.filter((event) => event.type === 'mark.set');
    expect(marks.length).toBe(committed);
    expect((await ownEvents(offlineTablet)).length).toBeGreaterThan(10);

    // Every device holds each stored event it may read once, and folds them as the server would.
    for (const device of devices) {
      const readable = readableBy(bodies, device.session);
      const log = await device.db.events.toArray();
      expect(log.length, device.name).toBe(readable.length);
      expect(new Set(log.map((event) => event.id)), device.name).toEqual(
        new Set(readable.map((event) => event.id)),
      );
      expect(await readProjection(device.db), device.name).toEqual(foldEvents(readable));
    }
    // A projector never received a mark: none was revealed.
    for (const name of ['projector-1', 'projector-2']) {
      const projector = devices.find((device) => device.name === name) as NodeDevice;
      expect(await projector.db.marks.count(), name).toBe(0);
    }
  }, 120_000);
});
