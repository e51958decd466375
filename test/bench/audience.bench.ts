// 大众投票 load bench on loopback, against the real venue server process: 1,000 audience phones
// (simulated clients, each with its own audience token) join, then each votes once within a
// 30-second window, while 15 judges' tablets keep marking (about one mark a second each). Prints
// the p50 / p95 / max latency of a vote, the votes accepted against those sent (and that the log
// holds each accepted one), the judges' mark-to-host latency meanwhile (a judge's push -> the
// host's live socket poke -> the host's pull holding the mark), and the server's CPU and memory.
// Targets on a 2-core machine: vote p95 <= 300 ms, judges' p95 <= 150 ms. Prints, decides nothing.
// Environment: PHONES (1000), JUDGES (15), WINDOW_MS (30000).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { WebSocket } from 'ws';
import { openAudienceVoting } from '../../src/db/audience';
import { createCompetition } from '../../src/db/competitions';
import { importRoster } from '../../src/db/roster';
import { createRound } from '../../src/db/rounds';
import { callContestant } from '../../src/db/stage';
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION, type PullResponse } from '../../src/sync/protocol';
import { nodeDevice } from '../e2e/node-device';
import { startVenueProcess } from '../e2e/venue-process';
import { giveAudience, groupJudges, SUPPORT } from '../unit/audience/helpers';

const PHONES = Number(process.env.PHONES ?? 1000);
const JUDGES = Number(process.env.JUDGES ?? 15);
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 30_000);
const PASSWORD = '擂台2026';

const now = () => performance.now();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return `n=${sorted.length} p50=${ms(percentile(sorted, 50))} p95=${ms(percentile(sorted, 95))} max=${ms(sorted.at(-1) ?? Number.NaN)}`;
}

/** The server process's CPU time (user + system, ms) and resident memory (MB), from /proc. */
function processUsage(pid: number): { cpuMs: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { cpuMs: (ticks * 1000) / 100, rssMb: Number(rss ?? 0) / 1024 };
}

const venue = await startVenueProcess({
  httpsPort: null,
  extraArgs: ['--phones-per-address', String(PHONES + 10)],
});
const base = venue.httpUrl;
const headers = (token?: string) => ({
  [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});
async function api<T>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${API_PREFIX}${path}`, {
    method,
    headers: headers(token),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

try {
  // The organizer sets up a round: 专家评委 70 + 大众评审 30 (support), 15 judges, one contestant on stage.
  const host = await nodeDevice('host', base, {
    as: 'organizer',
    claimCode: venue.claimCode as string,
    password: PASSWORD,
  });
  const competition = await createCompetition(host.db, { name: '大众投票压力测试' });
  const created = await createRound(host.db, {
    competitionId: competition.id,
    name: '决赛',
    criteria: [{ id: 'content', label: '内容', max: 4000 }],
  });
  const { judges, contestants } = await importRoster(host.db, created.id, {
    judges: Array.from({ length: JUDGES }, (_, index) => ({ name: `评委${index + 1}`, title: '' })),
    contestants: [{ name: '张三', unit: null, topic: '' }],
  });
  const round = await giveAudience(host.db, created, {
    ...SUPPORT,
    windowSeconds: Math.ceil(WINDOW_MS / 1000) + 30,
  });
  await groupJudges(host.db, judges);
  const contestant = contestants[0] as { id: string };
  await callContestant(host.db, { roundId: round.id, contestantId: contestant.id });
  await host.client.start();
  await host.client.syncNow();
  // The host console whose latency is timed: another organizer device, its live socket and pulls raw.
  const watcher = (await nodeDevice('watcher', base, { as: 'organizer', password: PASSWORD })).session.token;

  // The judges' tablets join (raw HTTP: each its own device id and sequence).
  const tablets = [];
  for (const [index, judge] of judges.entries()) {
    const joined = await api<{ token: string }>('POST', '/join/judge', undefined, {
      code: judge.joinCode,
      deviceId: `bench-tablet-${index}`,
    });
    if (joined.status !== 200)
      throw new Error(`judge ${index} could not join: ${JSON.stringify(joined.body)}`);
    tablets.push({ judge, token: joined.body.token, deviceId: `bench-tablet-${index}`, seq: 0 });
  }

  // The host's live socket: each poke is answered by a pull; a mark's latency ends when it arrives.
  const sent = new Map<string, number>();
  const markLatency: number[] = [];
  let cursor = (await api<PullResponse>('GET', `/pull?after=0&limit=1000`, watcher)).body.head;
  let pulling = false;
  let again = false;
  const pull = async () => {
    if (pulling) {
      again = true;
      return;
    }
    pulling = true;
    do {
      again = false;
      let more = true;
      while (more) {
        const page = (await api<PullResponse>('GET', `/pull?after=${cursor}&limit=1000`, watcher)).body;
        for (const event of page.events) {
          const at = sent.get(event.id);
          if (at !== undefined) {
            markLatency.push(now() - at);
            sent.delete(event.id);
          }
        }
        more = page.cursor < page.head && page.cursor > cursor;
        cursor = page.cursor;
      }
    } while (again);
    pulling = false;
  };
  const socket = new WebSocket(`${base.replace('http', 'ws')}${API_PREFIX}/live`);
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token: watcher }));
  socket.on('message', (data) => {
    if ((JSON.parse(String(data)) as { type: string }).type === 'poke') void pull();
  });

  // 1,000 phones join, 50 at a time.
  const joinStarted = now();
  const phones: string[] = [];
  for (let at = 0; at < PHONES; at += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, PHONES - at) }, () =>
        api<{ token: string }>('POST', '/audience/join'),
      ),
    );
    for (const joined of batch) phones.push(joined.body.token);
  }
  console.log(`${phones.length} phones joined in ${((now() - joinStarted) / 1000).toFixed(1)} s`);

  // The host opens voting; judges mark once a second each while every phone votes once in the window.
  await openAudienceVoting(host.db, round.id, contestant.id);
  await host.client.syncNow();
  // From here the watcher is the host console: one organizer device pulling for every poke.
  await host.client.stop();
  const before = processUsage(venue.child.pid as number);
  const started = now();
  let marking = true;
  const judging = tablets.map(async (tablet, index) => {
    await new Promise((resolve) => setTimeout(resolve, (index * 1000) / tablets.length));
    while (marking) {
      tablet.seq += 1;
      const event = {
        id: randomBytes(16).toString('hex'),
        deviceId: tablet.deviceId,
        deviceSeq: tablet.seq,
        author: { role: 'judge', judgeId: tablet.judge.id },
        competitionId: round.competitionId,
        roundId: round.id,
        recordedAt: new Date().toISOString(),
        type: 'mark.set',
        payload: {
          judgeId: tablet.judge.id,
          contestantId: contestant.id,
          criterionId: 'content',
          value: 3000 + (tablet.seq % 10) * 100,
          revision: tablet.seq,
        },
      };
      sent.set(event.id, now());
      const pushed = await api<{ refused: unknown[] }>('POST', '/push', tablet.token, { events: [event] });
      if (pushed.status !== 200 || pushed.body.refused.length > 0)
        console.error('a mark was refused', pushed.status, JSON.stringify(pushed.body));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  });
  const voteLatency: number[] = [];
  const statuses = new Map<number, number>();
  await Promise.all(
    phones.map(async (token, index) => {
      await new Promise((resolve) => setTimeout(resolve, ((index + 0.5) * WINDOW_MS) / phones.length));
      const at = now();
      const answer = await api('POST', '/audience/vote', token, {
        roundId: round.id,
        contestantId: contestant.id,
        value: index % 3 === 0 ? 0 : 1,
      });
      voteLatency.push(now() - at);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }),
  );
  const elapsed = now() - started;
  marking = false;
  await Promise.all(judging);
  const after = processUsage(venue.child.pid as number);
  await pull();

  // The log holds every accepted vote.
  let logged = 0;
  let after0 = 0;
  for (;;) {
    const page = (await api<PullResponse>('GET', `/pull?after=${after0}&limit=1000`, watcher)).body;
    logged += page.events.filter((event) => event.type === 'audience.vote').length;
    if (page.cursor >= page.head || page.cursor === after0) break;
    after0 = page.cursor;
  }
  const accepted = statuses.get(200) ?? 0;
  console.log(`votes: ${summary(voteLatency)} (target p95 <= 300 ms)`);
  console.log(
    `votes sent ${phones.length}, accepted ${accepted}, in the log ${logged}, lost ${phones.length - logged}; answers ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  console.log(
    `judges' mark -> host: ${summary(markLatency)} (target p95 <= 150 ms); ${sent.size} marks never arrived`,
  );
  console.log(
    `server: ${((100 * (after.cpuMs - before.cpuMs)) / elapsed).toFixed(0)}% of one core over ${(elapsed / 1000).toFixed(1)} s, ${after.rssMb.toFixed(0)} MB resident`,
  );
  socket.close();
} finally {
  await venue.stop();
  await rm(venue.dataDir, { recursive: true, force: true });
}
