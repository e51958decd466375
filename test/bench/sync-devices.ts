// The sync bench's devices, a few per worker thread (test/bench/sync.bench.ts starts the
// workers): each a node device (test/e2e/node-device.ts: LeitaiDB on fake IndexedDB, the app's
// SyncClient over HTTP + WebSocket) that records, while the bench's timed phase runs, when each
// event commits in its IndexedDB and when its pushes, pulls and pokes happen. The main thread
// drives the workers with the calls of `operations`, one message each.
import { readlinkSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread, parentPort } from 'node:worker_threads';
import { createCompetition } from '../../src/db/competitions';
import { enterMark, submitSheet } from '../../src/db/marks';
import { revealContestant } from '../../src/db/reveal';
import { importRoster } from '../../src/db/roster';
import { createRound } from '../../src/db/rounds';
import type { EventType } from '../../src/domain/events';
import type { Criterion, Id } from '../../src/domain/model';
import type { SyncTransport } from '../../src/sync/transport';
import { type Joining, type NodeDevice, nodeDevice } from '../e2e/node-device';

/**
 * Milliseconds on CLOCK_MONOTONIC (libuv's hrtime on Linux): one clock for every thread of the
 * machine, so times taken in different workers (or processes) compare. performance.now() is
 * not used: its origin is per worker by specification, even where node happens to share it.
 */
export function clock(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - clock())));

export interface DeviceSpec {
  name: string;
  joining: Joining;
}

/** An event's commit in a device's IndexedDB: [id, type, at]. */
export type Commit = [Id, EventType, number];

/** One push or pull call: when it was sent, when its answer was read, the events it carried. */
export interface CallRecord {
  sent: number;
  answered: number;
  eventIds: Id[];
  /** The server's head in the answer (a push's events are numbered at most this). */
  head: number | null;
}

export interface DeviceRecord {
  name: string;
  deviceId: Id;
  /** Events this device wrote, when they committed locally. */
  written: Commit[];
  /** Events that came from the server, when the pull that brought them committed. */
  received: Commit[];
  pushes: CallRecord[];
  pulls: CallRecord[];
  /** [arrival, head] of each poke on the live socket. */
  pokes: [number, number][];
}

interface Device {
  node: NodeDevice;
  record: DeviceRecord;
}

const devices = new Map<string, Device>();
let recording = false;
/** How late this worker's event loop ran its callbacks while recording (ns). */
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
/** With SYNC_BENCH_PROFILE=DIR, each worker writes a CPU profile of the timed phase there. */
const profileDir = process.env.SYNC_BENCH_PROFILE;
let profiler: Session | null = null;

function record(name: string): DeviceRecord {
  return { name, deviceId: '', written: [], received: [], pushes: [], pulls: [], pokes: [] };
}

function clear(entry: DeviceRecord): void {
  entry.written.length = entry.received.length = 0;
  entry.pushes.length = entry.pulls.length = entry.pokes.length = 0;
}

/** Times the device's calls and pokes into `entry` while recording. */
function timed(entry: DeviceRecord) {
  return (inner: SyncTransport): SyncTransport => ({
    async call(call) {
      const sent = clock();
      const reply = await inner.call(call);
      if (recording && (call.path === '/push' || call.path === '/pull')) {
        const body = reply.body as { events?: { id: Id }[]; head?: number } | null;
        const events = call.path === '/push' ? (call.body as { events: { id: Id }[] }).events : body?.events;
        (call.path === '/push' ? entry.pushes : entry.pulls).push({
          sent,
          answered: clock(),
          eventIds: reply.status === 200 ? (events ?? []).map((event) => event.id) : [],
          head: body?.head ?? null,
        });
      }
      return reply;
    },
    openLive(token, handlers) {
      return inner.openLive(token, {
        onMessage(message) {
          if (recording && message.type === 'poke') entry.pokes.push([clock(), message.head]);
          handlers.onMessage(message);
        },
        onClose: () => handlers.onClose(),
      });
    },
  });
}

function device(name: string): Device {
  const found = devices.get(name);
  if (!found) throw new Error(`no device ${name} in this worker`);
  return found;
}

function judgesHere(): Device[] {
  return [...devices.values()].filter((entry) => entry.node.session.role === 'judge');
}

export interface RoundPlan {
  roundId: Id;
  criteria: Criterion[];
  /** Every contestant of the round, in roster order. */
  contestantIds: Id[];
}

export interface MarkingPlan {
  /** When the timed phase starts (clock()). */
  at: number;
  round: RoundPlan;
  /** Judges mark these contestants' sheets, in order, and submit each. */
  marking: Id[];
  /** How many judges in all: their first marks are spread over the first second. */
  judges: number;
  marksPerJudge: number;
  /** The revealing host: these contestants, one every `everyMs` from `firstAfterMs` after `at`. */
  reveals: { host: string; contestantIds: Id[]; firstAfterMs: number; everyMs: number } | null;
}

const operations = {
  /** The worker's thread (its /proc task id, for its CPU time) and its clock, for a skew check. */
  thread(): { tid: number; clock: number } {
    return { tid: Number(readlinkSync('/proc/thread-self').split('/').at(-1)), clock: clock() };
  },

  /** Joins each device in turn; its SyncClient is not started yet. */
  async join(baseUrl: string, specs: DeviceSpec[]): Promise<void> {
    for (const spec of specs) {
      const entry = record(spec.name);
      const node = await nodeDevice(spec.name, baseUrl, spec.joining, { wrapTransport: timed(entry) });
      entry.deviceId = node.session.deviceId;
      node.db.events.hook('creating', (_key, event, transaction) => {
        if (!recording) return;
        const list = event.deviceId === entry.deviceId ? entry.written : entry.received;
        // When the transaction that stores the event commits, it is in IndexedDB.
        transaction.on('complete', () => list.push([event.id, event.type, clock()]));
      });
      devices.set(spec.name, { node, record: entry });
    }
  },

  /** The organizer's setup on `name`: a competition, a round with these criteria, a roster. */
  async setup(
    name: string,
    criteria: { id: Id; label: string; max: number }[],
    judges: number,
    contestants: number,
  ): Promise<{ round: RoundPlan; joinCodes: string[]; judgeIds: Id[] }> {
    const { db } = device(name).node;
    const competition = await createCompetition(db, { name: '擂台比武' });
    const round = await createRound(db, { competitionId: competition.id, name: '决赛', criteria });
    const roster = await importRoster(db, round.id, {
      judges: Array.from({ length: judges }, (_, i) => ({ name: `评委${i + 1}`, title: '' })),
      contestants: Array.from({ length: contestants }, (_, i) => ({
        name: `选手${i + 1}`,
        unit: null,
        topic: '',
      })),
    });
    return {
      round: {
        roundId: round.id,
        criteria: round.criteria,
        contestantIds: roster.contestants.map((contestant) => contestant.id),
      },
      joinCodes: roster.judges.map((judge) => judge.joinCode),
      judgeIds: roster.judges.map((judge) => judge.id),
    };
  },

  async start(): Promise<void> {
    for (const { node } of devices.values()) await node.client.start();
  },

  /** One round of push and pull on every device here. */
  async sync(): Promise<void> {
    await Promise.all([...devices.values()].map(({ node }) => node.client.syncNow()));
  },

  /** Every judge here marks and submits these contestants' sheets (untimed: the reveals' input). */
  async prefill(round: RoundPlan, contestantIds: Id[]): Promise<void> {
    await Promise.all(
      judgesHere().map(async ({ node }) => {
        const judgeId = node.session.judgeId as Id;
        for (const [index, contestantId] of contestantIds.entries()) {
          for (const [step, criterion] of round.criteria.entries()) {
            const value = (((index + step) % 10) + 1) * 100;
            await enterMark(node.db, {
              roundId: round.roundId,
              judgeId,
              contestantId,
              criterionId: criterion.id,
              value,
            });
          }
          await submitSheet(node.db, { roundId: round.roundId, judgeId, contestantId });
        }
      }),
    );
  },

  /** Submitted sheets in `name`'s IndexedDB. */
  submittedSheets(name: string): Promise<number> {
    return device(name)
      .node.db.sheets.filter((sheet) => sheet.status === 'submitted')
      .count();
  },

  /**
   * The timed phase: from `plan.at`, each judge here marks about once a second (a fast judge),
   * staggered, submitting each full sheet, and the revealing host reveals on its schedule.
   */
  async run(plan: MarkingPlan, judgeIndex: Record<string, number>): Promise<{ marks: Id[]; locks: Id[] }> {
    await sleepUntil(plan.at - 50);
    for (const { record: entry } of devices.values()) clear(entry);
    loopDelay.reset();
    loopDelay.enable();
    if (profileDir) {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    recording = true;
    const { round } = plan;
    const scripts = judgesHere().map(async ({ node, record: entry }) => {
      const index = judgeIndex[entry.name] as number;
      const judgeId = node.session.judgeId as Id;
      let next = plan.at + (index * 1000) / plan.judges;
      for (let step = 0; step < plan.marksPerJudge; step += 1) {
        await sleepUntil(next);
        const criterion = round.criteria[step % round.criteria.length] as Criterion;
        const contestantId = plan.marking[
          Math.floor(step / round.criteria.length) % plan.marking.length
        ] as Id;
        const ref = { roundId: round.roundId, judgeId, contestantId };
        await enterMark(node.db, {
          ...ref,
          criterionId: criterion.id,
          value: (((step + index) % 10) + 1) * 100,
        });
        if ((step + 1) % round.criteria.length === 0) await submitSheet(node.db, ref);
        next += 800 + ((step * 37 + index * 11) % 400);
      }
    });
    const reveals = plan.reveals;
    if (reveals && devices.has(reveals.host)) {
      const { db } = device(reveals.host).node;
      scripts.push(
        (async () => {
          for (const [index, contestantId] of reveals.contestantIds.entries()) {
            await sleepUntil(plan.at + reveals.firstAfterMs + index * reveals.everyMs);
            await revealContestant(db, { roundId: round.roundId, contestantId });
          }
        })(),
      );
    }
    await Promise.all(scripts);
    const written = [...devices.values()].flatMap(({ record: entry }) => entry.written);
    const ofType = (type: EventType) => written.filter((commit) => commit[1] === type).map(([id]) => id);
    return { marks: ofType('mark.set'), locks: ofType('contestant.lock') };
  },

  /** Resolves once each named device has received every listed event, or at `deadline`. */
  async arrivals(expected: Record<string, Id[]>, deadline: number): Promise<void> {
    const complete = () =>
      Object.entries(expected).every(([name, ids]) => {
        const seen = new Set(device(name).record.received.map(([id]) => id));
        return ids.every((id) => seen.has(id));
      });
    while (!complete() && clock() < deadline) await sleepUntil(clock() + 50);
  },

  /** What the devices here recorded, and this worker's event loop delay (ms); recording stops. */
  async collect(): Promise<{
    records: DeviceRecord[];
    loopDelay: { p50: number; p99: number; max: number };
  }> {
    recording = false;
    loopDelay.disable();
    if (profiler && profileDir) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(join(profileDir, `${[...devices.keys()].join('+')}.cpuprofile`), JSON.stringify(profile));
      profiler.disconnect();
      profiler = null;
    }
    return {
      records: [...devices.values()].map((entry) => entry.record),
      loopDelay: {
        p50: loopDelay.percentile(50) / 1e6,
        p99: loopDelay.percentile(99) / 1e6,
        max: loopDelay.max / 1e6,
      },
    };
  },

  async stop(): Promise<void> {
    for (const { node } of devices.values()) await node.client.stop();
  },
};

export type DeviceOperations = typeof operations;
export type Operation = keyof DeviceOperations;

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', async ({ id, op, args }: { id: number; op: Operation; args: unknown[] }) => {
    try {
      const result = await (operations[op] as (...args: unknown[]) => unknown)(...args);
      port.postMessage({ id, result });
    } catch (error) {
      port.postMessage({
        id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
}
