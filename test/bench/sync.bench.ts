// Sync bench on loopback, against the real venue server process:
// - latency: 15 judges' tablets and 2 projectors (node devices: LeitaiDB on fake IndexedDB, the
//   app's sync client over HTTP + WebSocket); from a judge's mark committed on the tablet to the
//   mark's event committed in each projector's IndexedDB. p50 / p95 / max (target p95 <= 150 ms).
// - push throughput of the server: events stored per second, in batches of 200 and as single
//   events from 15 concurrent devices.
// Everything runs on this machine's 2 cores: the devices share one node process.
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createCompetition } from '../../src/db/competitions';
import { enterMark } from '../../src/db/marks';
import { importRoster } from '../../src/db/roster';
import { createRound } from '../../src/db/rounds';
import { PROTOCOL_VERSION } from '../../src/sync/protocol';
import { type NodeDevice, nodeDevice } from '../e2e/node-device';
import { startVenueProcess } from '../e2e/venue-process';

const JUDGES = Number(process.env.JUDGES ?? 15);
const MARKS_PER_JUDGE = Number(process.env.MARKS_PER_JUDGE ?? 30);
const SHEET = [
  { id: 'content', label: '内容', max: 4000 },
  { id: 'presence', label: '形象风采', max: 1500 },
  { id: 'language', label: '语言表达', max: 2000 },
  { id: 'ppt', label: 'PPT制作', max: 1500 },
  { id: 'overall', label: '综合印象', max: 1000 },
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function latency(): Promise<void> {
  const server = await startVenueProcess({ httpsPort: null });
  const devices: NodeDevice[] = [];
  try {
    const organizer = await nodeDevice('organizer', server.httpUrl, {
      as: 'organizer',
      claimCode: server.claimCode as string,
      password: '擂台2026',
    });
    devices.push(organizer);
    const competition = await createCompetition(organizer.db, { name: '擂台比武' });
    const round = await createRound(organizer.db, {
      competitionId: competition.id,
      name: '决赛',
      criteria: SHEET,
    });
    const roster = await importRoster(organizer.db, round.id, {
      judges: Array.from({ length: JUDGES }, (_, i) => ({ name: `评委${i + 1}`, title: '' })),
      contestants: Array.from({ length: 10 }, (_, i) => ({ name: `选手${i + 1}`, unit: null, topic: '' })),
    });
    await organizer.client.start();
    await organizer.client.syncNow();

    const judges: NodeDevice[] = [];
    for (const judge of roster.judges) {
      const device = await nodeDevice(judge.name, server.httpUrl, { as: 'judge', code: judge.joinCode });
      await device.client.start();
      judges.push(device);
      devices.push(device);
    }
    const arrivals: Map<string, number>[] = [];
    for (const name of ['projector-1', 'projector-2']) {
      const device = await nodeDevice(name, server.httpUrl, { as: 'projector', code: server.projectorCode });
      const seen = new Map<string, number>();
      // When the transaction that stores a pulled event commits, the mark is in IndexedDB.
      device.db.events.hook('creating', (_key, event, transaction) => {
        transaction.on('complete', () => seen.set(event.id, performance.now()));
      });
      arrivals.push(seen);
      await device.client.start();
      devices.push(device);
    }
    await Promise.all(devices.map((device) => device.client.syncNow()));
    await sleep(500);

    const committedAt = new Map<string, number>();
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    // Each judge marks about once a second (a fast judge), staggered.
    await Promise.all(
      judges.map(async (device, index) => {
        const judge = roster.judges[index] as (typeof roster.judges)[number];
        await sleep((index * 1000) / JUDGES);
        for (let step = 0; step < MARKS_PER_JUDGE; step += 1) {
          const criterion = SHEET[step % SHEET.length] as (typeof SHEET)[number];
          const contestant = roster.contestants[
            Math.floor(step / SHEET.length) % 10
          ] as (typeof roster.contestants)[number];
          const mark = await enterMark(device.db, {
            roundId: round.id,
            judgeId: judge.id,
            contestantId: contestant.id,
            criterionId: criterion.id,
            value: ((step + index) % 10) * 10 + 100,
          });
          if (mark) committedAt.set(mark.head.eventId, performance.now());
          await sleep(800 + ((step * 37 + index * 11) % 400));
        }
      }),
    );
    const deadline = Date.now() + 30_000;
    while (
      arrivals.some((seen) => [...committedAt.keys()].some((id) => !seen.has(id))) &&
      Date.now() < deadline
    ) {
      await sleep(100);
    }
    const cpu = process.cpuUsage(cpuStart);
    const latencies: number[] = [];
    let missing = 0;
    for (const seen of arrivals) {
      for (const [id, at] of committedAt) {
        const arrived = seen.get(id);
        if (arrived === undefined) missing += 1;
        else latencies.push(arrived - at);
      }
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `mark committed on a judge's tablet -> in a projector's IndexedDB (${JUDGES} judges, 2 projectors, ` +
        `${committedAt.size} marks, ${latencies.length} arrivals${missing ? `, ${missing} MISSING` : ''}):`,
    );
    console.log(
      `  p50 ${percentile(latencies, 50).toFixed(1)} ms   p95 ${percentile(latencies, 95).toFixed(1)} ms   ` +
        `max ${(latencies.at(-1) as number).toFixed(1)} ms   (target p95 <= 150 ms)`,
    );
    const busy = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallStart)) * 100;
    console.log(
      `  the devices' node process (all 18 fake-IndexedDB devices) used ${busy.toFixed(0)}% of one core`,
    );
  } finally {
    for (const device of devices) await device.client.stop();
    await server.stop();
    await rm(server.dataDir, { recursive: true, force: true });
  }
}

function markEvent(deviceId: string, deviceSeq: number) {
  return {
    id: `${deviceId}-${deviceSeq}`,
    deviceId,
    deviceSeq,
    author: { role: 'judge', judgeId: 'j' },
    competitionId: 'c',
    roundId: 'r',
    recordedAt: '2026-11-23T09:00:00.000Z',
    type: 'mark.set',
    payload: { judgeId: 'j', contestantId: 'p', criterionId: 'content', value: 3550, revision: deviceSeq },
  };
}

async function throughput(): Promise<void> {
  const server = await startVenueProcess({ httpsPort: null });
  try {
    const claim = await fetch(`${server.httpUrl}/api/v1/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'leitai-protocol': String(PROTOCOL_VERSION) },
      body: JSON.stringify({ claimCode: server.claimCode, password: '擂台2026', deviceId: 'bench' }),
    });
    const { token } = (await claim.json()) as { token: string };
    const push = async (events: unknown[]) => {
      const response = await fetch(`${server.httpUrl}/api/v1/push`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'leitai-protocol': String(PROTOCOL_VERSION),
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ events }),
      });
      if (response.status !== 200) throw new Error(`push failed: ${await response.text()}`);
    };
    const batches = 100;
    let started = performance.now();
    for (let batch = 0; batch < batches; batch += 1) {
      await push(Array.from({ length: 200 }, (_, i) => markEvent('batcher', batch * 200 + i + 1)));
    }
    let seconds = (performance.now() - started) / 1000;
    console.log(
      `push throughput, batches of 200: ${Math.round((batches * 200) / seconds)} events/s (${batches * 200} events)`,
    );

    const perDevice = 200;
    started = performance.now();
    await Promise.all(
      Array.from({ length: JUDGES }, async (_, device) => {
        for (let seq = 1; seq <= perDevice; seq += 1) await push([markEvent(`tablet-${device}`, seq)]);
      }),
    );
    seconds = (performance.now() - started) / 1000;
    console.log(
      `push throughput, single events from ${JUDGES} concurrent devices: ${Math.round((JUDGES * perDevice) / seconds)} events/s ` +
        `(one SQLite transaction with synchronous=FULL each)`,
    );
  } finally {
    await server.stop();
    await rm(server.dataDir, { recursive: true, force: true });
  }
}

await latency();
await throughput();
process.exit(0);
