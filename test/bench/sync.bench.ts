// Sync bench on loopback, against the real venue server process (test/e2e/venue-process.ts).
// - Latency, with the devices of a venue: 15 judges' tablets, 2 host consoles (organizer role,
//   with the password; host-1 claims the server and sets the round up) and 2 projectors, each a
//   node device (LeitaiDB on fake IndexedDB, the app's SyncClient over HTTP + WebSocket), a few
//   per worker thread (./sync-devices.ts), so that the devices are not one saturated event loop.
//   Pulls are filtered by role, so it times, while the judges mark about once a second each:
//   (a) a judge's mark committed on the tablet -> that event committed in each host's IndexedDB;
//   (b) host-1's reveal (`contestant.lock`, by revealContestant) -> committed in each projector's.
//   It prints p50 / p95 / max of each (target p95 <= 150 ms), where the time goes (push, poke,
//   pull, commit), the calls each kind of device made, and how busy the server, each worker and
//   the rest of the machine were meanwhile (CPU from /proc, each worker's event loop delay).
// - Push throughput of the server: events stored per second, in batches of 200 and as single
//   events from 15 concurrent judges' tablets.
// Times are process.hrtime: CLOCK_MONOTONIC, one clock for every thread (see clock()).
// Environment: JUDGES (15), MARKS_PER_JUDGE (30), REVEALS (25), DEVICES_PER_WORKER (4), and
// SYNC_BENCH_PROFILE=DIR for CPU profiles of the timed phase (server and workers) in DIR.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { createCompetition } from '../../src/db/competitions';
import { newId } from '../../src/db/ids';
import { importRoster } from '../../src/db/roster';
import { createRound } from '../../src/db/rounds';
import type { Id } from '../../src/domain/model';
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/sync/protocol';
import { nodeDevice } from '../e2e/node-device';
import { startVenueProcess, type VenueProcess } from '../e2e/venue-process';
import {
  type CallRecord,
  clock,
  type DeviceOperations,
  type DeviceRecord,
  type DeviceSpec,
  type Operation,
} from './sync-devices';

const JUDGES = Number(process.env.JUDGES ?? 15);
const MARKS_PER_JUDGE = Number(process.env.MARKS_PER_JUDGE ?? 30);
const REVEALS = Number(process.env.REVEALS ?? 25);
const DEVICES_PER_WORKER = Number(process.env.DEVICES_PER_WORKER ?? 4);
const PASSWORD = '擂台2026';
const SHEET = [
  { id: 'content', label: '内容', max: 4000 },
  { id: 'presence', label: '形象风采', max: 1500 },
  { id: 'language', label: '语言表达', max: 2000 },
  { id: 'ppt', label: 'PPT制作', max: 1500 },
  { id: 'overall', label: '综合印象', max: 1000 },
];
const TARGET_MS = 150;
/** The whole bench stops by itself past this, killing what it started. */
const BENCH_LIMIT_MS = 10 * 60_000;

const PROFILE_DIR = process.env.SYNC_BENCH_PROFILE;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const venues = new Set<VenueProcess>();

// ---------------------------------------------------------------------------------------------
// Workers

class DeviceWorker {
  readonly worker: Worker;
  tid = 0;
  private next = 0;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  readonly loaded: Promise<void>;

  constructor(readonly names: string[]) {
    // A worker does not inherit tsx's loader from the parent's --import: it registers it itself
    // before it loads the devices' module. And it has no BroadcastChannel, which Dexie would use
    // to tell every worker of the process about each write: tablets share no such channel.
    const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const module = JSON.stringify(new URL('./sync-devices.ts', import.meta.url).href);
    this.worker = new Worker(
      'delete globalThis.BroadcastChannel; ' +
        `import(${tsx}).then((tsx) => { tsx.register(); return import(${module}); })` +
        `.then(() => require('node:worker_threads').parentPort.postMessage({ loaded: true }));`,
      { eval: true },
    );
    let loaded: () => void = () => {};
    let failed: (error: Error) => void = () => {};
    this.loaded = new Promise((resolve, reject) => {
      loaded = resolve;
      failed = reject;
    });
    this.worker.on('message', (message: { loaded?: true; id: number; result?: unknown; error?: string }) => {
      if (message.loaded) return loaded();
      const call = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error === undefined) call?.resolve(message.result);
      else call?.reject(new Error(`worker (${this.names.join(', ')}): ${message.error}`));
    });
    const fail = (error: Error) => {
      failed(error);
      for (const call of this.waiting.values()) call.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`worker (${this.names.join(', ')}) exited (${code})`)));
  }

  call<K extends Operation>(
    op: K,
    ...args: Parameters<DeviceOperations[K]>
  ): Promise<Awaited<ReturnType<DeviceOperations[K]>>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, op, args });
    });
  }
}

/** Starts the workers and checks that their clock is the main thread's: each reading falls between two of ours. */
async function startWorkers(groups: string[][]): Promise<DeviceWorker[]> {
  const workers = groups.map((names) => new DeviceWorker(names));
  await Promise.all(workers.map((worker) => worker.loaded));
  for (const worker of workers) {
    const before = clock();
    const { tid, clock: theirs } = await worker.call('thread');
    const after = clock();
    if (theirs < before || theirs > after) {
      throw new Error(
        `worker ${tid}'s clock read ${theirs}, outside ${before}..${after} of the main thread's`,
      );
    }
    worker.tid = tid;
  }
  return workers;
}

/** Starts profiling the server through the inspector it opened; `stop` writes the profile. */
async function profileServer(server: VenueProcess): Promise<{ stop(file: string): Promise<void> }> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(server.output())?.[1];
  if (!url) throw new Error(`the server opened no inspector:\n${server.output()}`);
  const socket = new WebSocket(url);
  await once(socket, 'open');
  const answers = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) answers.get(message.id)?.(message.result);
  });
  let next = 0;
  const post = (method: string) =>
    new Promise<unknown>((resolve) => {
      next += 1;
      answers.set(next, resolve);
      socket.send(JSON.stringify({ id: next, method }));
    });
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      socket.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CPU time, from /proc

const TICK_MS = 1000 / (Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100);

/** utime + stime of a process or thread (a /proc/.../stat file), in ms. */
function cpuMs(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  // Fields from the third on, after the parenthesised command name; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Busy and total jiffies of the whole machine (all cores). */
function machineTicks(): { busy: number; total: number } {
  const [, ...values] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] as string).trim().split(/\s+/);
  const ticks = values.map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  // idle and iowait are the 4th and 5th.
  return { busy: total - (ticks[3] as number) - (ticks[4] as number), total };
}

interface CpuMeter {
  label: string;
  file: string;
  start: number;
}

function cpuMeters(entries: [string, string][]): CpuMeter[] {
  return entries.map(([label, file]) => ({ label, file, start: cpuMs(file) }));
}

// ---------------------------------------------------------------------------------------------
// Figures

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (value: number) => value.toFixed(1).padStart(7);

function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 'no samples';
  return `p50 ${ms(percentile(sorted, 50))} ms   p95 ${ms(percentile(sorted, 95))} ms   max ${ms(sorted.at(-1) as number)} ms`;
}

interface Arrival {
  eventId: Id;
  writer: DeviceRecord;
  writtenAt: number;
  receiver: DeviceRecord;
  receivedAt: number;
}

/** The first call of each event id that carried it (a push), or that brought it (a pull). */
function callsByEvent(calls: readonly CallRecord[], answered: boolean): Map<Id, CallRecord> {
  const byEvent = new Map<Id, CallRecord>();
  for (const call of calls) {
    if (answered && call.head === null) continue;
    for (const id of call.eventIds) if (!byEvent.has(id)) byEvent.set(id, call);
  }
  return byEvent;
}

const MILESTONES = [
  'push sent by the writer',
  'push acknowledged to the writer',
  'poke at the receiver',
  "receiver's pull sent",
  "receiver's pull answered",
  "committed in the receiver's IndexedDB",
] as const;

/**
 * Where an event's time goes: when each step happened, in ms after the commit on the writing
 * device. The poke is the first one at the receiver that covers the server's head in the push's
 * answer (the push's events are numbered at most that); a pull sent before the poke (a sync
 * already under way) gives a negative step.
 */
function breakdown(arrivals: readonly Arrival[]): string[] {
  const pushes = new Map<DeviceRecord, { sent: Map<Id, CallRecord>; acked: Map<Id, CallRecord> }>();
  const pulls = new Map<DeviceRecord, Map<Id, CallRecord>>();
  const offsets: number[][] = MILESTONES.map(() => []);
  const steps: number[][] = MILESTONES.map(() => []);
  for (const arrival of arrivals) {
    const { writer, receiver } = arrival;
    if (!pushes.has(writer)) {
      pushes.set(writer, {
        sent: callsByEvent(writer.pushes, false),
        acked: callsByEvent(writer.pushes, true),
      });
    }
    if (!pulls.has(receiver)) pulls.set(receiver, callsByEvent(receiver.pulls, false));
    const push = pushes.get(writer);
    const sent = push?.sent.get(arrival.eventId);
    const acked = push?.acked.get(arrival.eventId);
    const pull = pulls.get(receiver)?.get(arrival.eventId);
    if (!sent || !acked || !pull) continue;
    const poke = receiver.pokes.find(([at, head]) => head >= (acked.head as number) && at >= sent.sent);
    const times = [
      sent.sent,
      acked.answered,
      poke?.[0] ?? Number.NaN,
      pull.sent,
      pull.answered,
      arrival.receivedAt,
    ];
    times.forEach((time, index) => {
      if (Number.isNaN(time)) return;
      offsets[index]?.push(time - arrival.writtenAt);
      const previous = index === 0 ? arrival.writtenAt : (times[index - 1] as number);
      if (!Number.isNaN(previous)) steps[index]?.push(time - previous);
    });
  }
  const p = (values: number[], q: number) =>
    values.length === 0
      ? '      -'
      : ms(
          percentile(
            [...values].sort((a, b) => a - b),
            q,
          ),
        );
  return [
    `    where the time goes (ms)                        after the commit   this step`,
    `                                                       p50     p95     p50     p95`,
    ...MILESTONES.map(
      (name, index) =>
        `      ${name.padEnd(40)} ${p(offsets[index] as number[], 50)} ${p(offsets[index] as number[], 95)} ` +
        `${p(steps[index] as number[], 50)} ${p(steps[index] as number[], 95)}`,
    ),
  ];
}

function arrivalsOf(
  ids: readonly Id[],
  records: readonly DeviceRecord[],
  receivers: readonly string[],
): { arrivals: Arrival[]; missing: number } {
  const written = new Map<Id, { writer: DeviceRecord; at: number }>();
  for (const writer of records) for (const [id, , at] of writer.written) written.set(id, { writer, at });
  const arrivals: Arrival[] = [];
  let missing = 0;
  for (const name of receivers) {
    const receiver = records.find((entry) => entry.name === name) as DeviceRecord;
    const received = new Map(receiver.received.map(([id, , at]) => [id, at]));
    for (const id of ids) {
      const origin = written.get(id);
      const receivedAt = received.get(id);
      if (!origin || receivedAt === undefined) missing += 1;
      else arrivals.push({ eventId: id, writer: origin.writer, writtenAt: origin.at, receiver, receivedAt });
    }
  }
  return { arrivals, missing };
}

function report(title: string, { arrivals, missing }: { arrivals: Arrival[]; missing: number }): void {
  const latencies = arrivals.map((arrival) => arrival.receivedAt - arrival.writtenAt);
  const sorted = [...latencies].sort((a, b) => a - b);
  const verdict = sorted.length > 0 && percentile(sorted, 95) <= TARGET_MS ? 'meets' : 'MISSES';
  console.log(`${title} (${arrivals.length} arrivals${missing ? `, ${missing} MISSING` : ''}):`);
  console.log(`    ${spread(latencies)}   (target p95 <= ${TARGET_MS} ms: ${verdict})`);
  for (const line of breakdown(arrivals)) console.log(line);
}

/** What each kind of device did on the network in the timed phase, per device and second. */
function traffic(kinds: [string, string[]][], records: readonly DeviceRecord[], seconds: number): void {
  console.log('\nsync traffic in the timed phase, per device and second:');
  console.log(`  ${''.padEnd(16)} pokes   pulls   pulls that brought nothing   pushes`);
  for (const [kind, names] of kinds) {
    const mine = records.filter((entry) => names.includes(entry.name));
    const rate = (count: (entry: DeviceRecord) => number) =>
      (mine.reduce((sum, entry) => sum + count(entry), 0) / mine.length / seconds).toFixed(1).padStart(5);
    console.log(
      `  ${`${kind} (${mine.length})`.padEnd(16)} ${rate((entry) => entry.pokes.length)}   ` +
        `${rate((entry) => entry.pulls.length)}   ` +
        `${rate((entry) => entry.pulls.filter((pull) => pull.eventIds.length === 0).length).padEnd(26)}   ` +
        `${rate((entry) => entry.pushes.length)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Latency

async function latency(): Promise<void> {
  // With SYNC_BENCH_PROFILE=DIR, the server opens its inspector, for a profile of the timed phase.
  const nodeOptions = process.env.NODE_OPTIONS;
  if (PROFILE_DIR) process.env.NODE_OPTIONS = `${nodeOptions ?? ''} --inspect=127.0.0.1:0`;
  const server = await startVenueProcess({ httpsPort: null });
  if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = nodeOptions;
  venues.add(server);
  const hosts = ['host-1', 'host-2'];
  const projectors = ['projector-1', 'projector-2'];
  const judges = Array.from({ length: JUDGES }, (_, i) => `judge-${i + 1}`);
  const names = [...hosts, ...projectors, ...judges];
  // Round-robin: the hosts and projectors land in different workers, the judges spread over all.
  const workerCount = Math.ceil(names.length / DEVICES_PER_WORKER);
  const groups = Array.from({ length: workerCount }, (_, w) => names.filter((_, i) => i % workerCount === w));
  const workers = await startWorkers(groups);
  const workerOf = (name: string) => workers.find((worker) => worker.names.includes(name)) as DeviceWorker;
  const all = <K extends Operation>(op: K, ...args: Parameters<DeviceOperations[K]>) =>
    Promise.all(workers.map((worker) => worker.call(op, ...args)));
  try {
    const hostWorker = workerOf('host-1');
    await hostWorker.call('join', server.httpUrl, [
      {
        name: 'host-1',
        joining: { as: 'organizer', claimCode: server.claimCode as string, password: PASSWORD },
      },
    ]);
    const contestants = REVEALS + Math.ceil(MARKS_PER_JUDGE / SHEET.length);
    const { round, joinCodes } = await hostWorker.call('setup', 'host-1', SHEET, JUDGES, contestants);
    await hostWorker.call('start');
    await hostWorker.call('sync');
    const specOf = (name: string): DeviceSpec => {
      if (name === 'host-2') return { name, joining: { as: 'organizer', password: PASSWORD } };
      if (projectors.includes(name))
        return { name, joining: { as: 'projector', code: server.projectorCode } };
      return { name, joining: { as: 'judge', code: joinCodes[judges.indexOf(name)] as string } };
    };
    await Promise.all(
      workers.map((worker) =>
        worker.call('join', server.httpUrl, worker.names.filter((name) => name !== 'host-1').map(specOf)),
      ),
    );
    await all('start');
    await all('sync');

    // The contestants to reveal are marked and submitted by every judge beforehand, untimed.
    let started = clock();
    const revealed = round.contestantIds.slice(0, REVEALS);
    await all('prefill', round, revealed);
    await all('sync');
    const deadline = clock() + 120_000;
    for (const host of hosts) {
      while ((await workerOf(host).call('submittedSheets', host)) < REVEALS * JUDGES) {
        if (clock() > deadline) throw new Error(`${host} did not receive the prefilled sheets`);
        await sleep(200);
      }
    }
    await all('sync');
    console.log(
      `${names.length} devices in ${workers.length} worker threads (${groups.map((group) => group.length).join(', ')} devices): ` +
        `${JUDGES} judges, ${hosts.length} hosts, ${projectors.length} projectors; ` +
        `${REVEALS * JUDGES} sheets filled in before the timed phase (${((clock() - started) / 1000).toFixed(1)} s)`,
    );
    await sleep(500);

    const spanMs = MARKS_PER_JUDGE * 1000;
    const profiler = PROFILE_DIR ? await profileServer(server) : null;
    const at = clock() + 300;
    const runs = workers.map((worker) =>
      worker.call(
        'run',
        {
          at,
          round,
          marking: round.contestantIds.slice(REVEALS),
          judges: JUDGES,
          marksPerJudge: MARKS_PER_JUDGE,
          reveals: {
            host: 'host-1',
            contestantIds: revealed,
            firstAfterMs: 1000,
            everyMs: Math.floor((spanMs - 2000) / REVEALS),
          },
        },
        Object.fromEntries(judges.map((name, index) => [name, index])),
      ),
    );
    await sleep(at - clock());
    started = clock();
    const meters = cpuMeters([
      [`venue server (pid ${server.child.pid})`, `/proc/${server.child.pid}/stat`],
      ['  its main thread', `/proc/${server.child.pid}/task/${server.child.pid}/stat`],
      ...workers.map((worker, index): [string, string] => [
        `worker ${index + 1}: ${worker.names.join(', ')}`,
        `/proc/${process.pid}/task/${worker.tid}/stat`,
      ]),
      ['bench main thread', `/proc/${process.pid}/task/${process.pid}/stat`],
      ['bench process in all (with V8 and libuv threads)', `/proc/${process.pid}/stat`],
    ]);
    const machineStart = machineTicks();
    const written = await Promise.all(runs);
    const marks = written.flatMap((ids) => ids.marks);
    const locks = written.flatMap((ids) => ids.locks);
    const expected: Record<string, Id[]> = {
      ...Object.fromEntries(hosts.map((name) => [name, marks])),
      ...Object.fromEntries(projectors.map((name) => [name, locks])),
    };
    const arrivalDeadline = clock() + 30_000;
    await Promise.all(
      workers.map((worker) => {
        const mine = Object.fromEntries(
          Object.entries(expected).filter(([name]) => worker.names.includes(name)),
        );
        return worker.call('arrivals', mine, arrivalDeadline);
      }),
    );
    const seconds = (clock() - started) / 1000;
    await profiler?.stop(join(PROFILE_DIR as string, 'server.cpuprofile'));
    const cpu = meters.map((meter) => ({
      label: meter.label,
      percent: (cpuMs(meter.file) - meter.start) / seconds / 10,
    }));
    const machineEnd = machineTicks();
    const collected = await all('collect');
    const records = collected.flatMap((worker) => worker.records);

    console.log(
      `timed phase: ${seconds.toFixed(1)} s, ${marks.length} marks (each judge about one a second, sheets ` +
        `submitted as they fill), ${locks.length} reveals by host-1\n`,
    );
    report(
      `(a) judge's mark committed on the tablet -> in a host's IndexedDB (${marks.length} marks x ${hosts.length} hosts)`,
      arrivalsOf(marks, records, hosts),
    );
    console.log('');
    report(
      `(b) host-1's reveal (contestant.lock) committed -> in a projector's IndexedDB (${locks.length} reveals x ${projectors.length} projectors)`,
      arrivalsOf(locks, records, projectors),
    );
    traffic(
      [
        ['judges', judges],
        ['hosts', hosts],
        ['projectors', projectors],
      ],
      records,
      seconds,
    );
    const cores = machineCores();
    const machine =
      ((machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total)) * cores * 100;
    const ours = (cpu[0]?.percent ?? 0) + (cpu.at(-1)?.percent ?? 0);
    cpu.push({ label: `other processes on this machine (${cores} cores in all)`, percent: machine - ours });
    console.log(`\nCPU in the timed phase, % of one core (${TICK_MS} ms ticks):`);
    for (const { label, percent } of cpu)
      console.log(`  ${label.padEnd(62)} ${percent.toFixed(0).padStart(4)}%`);
    console.log('\nevent loop delay of each worker in the timed phase (ms):');
    collected.forEach(({ loopDelay }, index) => {
      console.log(
        `  worker ${index + 1}   p50 ${ms(loopDelay.p50)}   p99 ${ms(loopDelay.p99)}   max ${ms(loopDelay.max)}`,
      );
    });
    if (machine - ours > 10) {
      console.log(
        "  (other processes were busy: these figures are not the bench's alone; re-run on a quiet machine)",
      );
    }
  } finally {
    await Promise.allSettled(workers.map((worker) => worker.call('stop')));
    await Promise.all(workers.map((worker) => worker.worker.terminate()));
    await server.stop();
    venues.delete(server);
    await rm(server.dataDir, { recursive: true, force: true });
  }
}

function machineCores(): number {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d/.test(line)).length;
}

// ---------------------------------------------------------------------------------------------
// Push throughput

async function throughput(): Promise<void> {
  const server = await startVenueProcess({ httpsPort: null });
  venues.add(server);
  try {
    // A real round, so that every pushed mark is one the server stores (not refuses).
    const organizer = await nodeDevice('organizer', server.httpUrl, {
      as: 'organizer',
      claimCode: server.claimCode as string,
      password: PASSWORD,
    });
    const competition = await createCompetition(organizer.db, { name: '吞吐量' });
    const round = await createRound(organizer.db, {
      competitionId: competition.id,
      name: '决赛',
      criteria: SHEET,
    });
    // 40 contestants x 5 criteria: 200 cells, so a batch of 200 marks one cell each.
    const roster = await importRoster(organizer.db, round.id, {
      judges: Array.from({ length: JUDGES + 1 }, (_, i) => ({ name: `评委${i + 1}`, title: '' })),
      contestants: Array.from({ length: 40 }, (_, i) => ({ name: `选手${i + 1}`, unit: null, topic: '' })),
    });
    await organizer.client.start();
    await organizer.client.syncNow();
    await organizer.client.stop();

    const api = async (path: string, token: string | null, body: unknown) => {
      const response = await fetch(`${server.httpUrl}${API_PREFIX}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      const refused = (JSON.parse(text) as { refused?: unknown[] }).refused;
      if (response.status !== 200 || (refused && refused.length > 0)) throw new Error(`${path}: ${text}`);
      return JSON.parse(text) as { token: string; deviceId: Id; judgeId: Id };
    };
    const tablets = await Promise.all(
      roster.judges.map((judge, index) =>
        api('/join/judge', null, { code: judge.joinCode, deviceId: `bench-tablet-${index + 1}` }),
      ),
    );
    const cells = roster.contestants.flatMap((contestant) =>
      SHEET.map((criterion) => ({ contestantId: contestant.id, criterionId: criterion.id })),
    );
    const mark = (tablet: (typeof tablets)[number], deviceSeq: number, cell: number, revision: number) => ({
      id: newId(),
      deviceId: tablet.deviceId,
      deviceSeq,
      author: { role: 'judge', judgeId: tablet.judgeId },
      competitionId: competition.id,
      roundId: round.id,
      recordedAt: new Date().toISOString(),
      type: 'mark.set',
      payload: { judgeId: tablet.judgeId, ...cells[cell], value: 100 + (deviceSeq % 9) * 100, revision },
    });
    const serverCpu = () => cpuMs(`/proc/${server.child.pid}/stat`);

    const [batcher, ...singles] = tablets as [(typeof tablets)[number], ...typeof tablets];
    const batches = 100;
    let cpuStart = serverCpu();
    let started = clock();
    for (let batch = 0; batch < batches; batch += 1) {
      const events = cells.map((_, cell) => mark(batcher, batch * cells.length + cell + 1, cell, batch + 1));
      await api('/push', batcher.token, { events });
    }
    let seconds = (clock() - started) / 1000;
    console.log(
      `push throughput, batches of ${cells.length}: ${Math.round((batches * cells.length) / seconds)} events/s ` +
        `(${batches * cells.length} events; server at ${((serverCpu() - cpuStart) / seconds / 10).toFixed(0)}% of a core)`,
    );

    const perDevice = cells.length;
    cpuStart = serverCpu();
    started = clock();
    await Promise.all(
      singles.map(async (tablet) => {
        for (let seq = 1; seq <= perDevice; seq += 1)
          await api('/push', tablet.token, { events: [mark(tablet, seq, seq - 1, 1)] });
      }),
    );
    seconds = (clock() - started) / 1000;
    console.log(
      `push throughput, single events from ${singles.length} concurrent tablets: ` +
        `${Math.round((singles.length * perDevice) / seconds)} events/s (one SQLite transaction with ` +
        `synchronous=FULL each; server at ${((serverCpu() - cpuStart) / seconds / 10).toFixed(0)}% of a core)`,
    );
  } finally {
    await server.stop();
    venues.delete(server);
    await rm(server.dataDir, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.error(`the sync bench did not finish in ${BENCH_LIMIT_MS / 60_000} minutes`);
  for (const venue of venues) venue.child.kill('SIGKILL');
  process.exit(1);
}, BENCH_LIMIT_MS);
await latency();
console.log('');
await throughput();
clearTimeout(watchdog);
process.exit(0);
