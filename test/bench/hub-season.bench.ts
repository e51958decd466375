// The hub's season 积分制 read as the dashboard reads it (GET /hub/v1/season every few seconds
// per screen), in process on a real PostgreSQL: 19 venues, each with a competition of 13
// contestants whose final round is closed, the same 30 people appearing across venues.
//   bash .ci/with-postgres npm run bench -- hub-season
// It prints the time of a read (p50 / p95 / max, 200 reads): the first one (every venue's
// postings worked out), with nothing new since the last, and after one mark arrived at a venue
// (that venue's postings worked out again, and the ledger when a result changed).
import { type Period, parsePeriod } from '../../src/domain/season';
import { HubCore } from '../../src/hub/core';
import { hashSecret } from '../../src/hub/secrets';
import { HubStore } from '../../src/hub/store';
import type { VenueRegistration } from '../../src/sync/hub-protocol';
import type { HubSeasonsResponse } from '../../src/sync/hub-season-protocol';
import { PROTOCOL_VERSION } from '../../src/sync/protocol';
import { competitionBackup } from '../unit/domain/season-backups';
import { freshDatabase } from '../unit/hub/postgres';

const VENUES = 19;
const CONTESTANTS = 13;
const PEOPLE = 30;
const READS = 200;
const ADMIN = 'bench-admin';
const CODE = 'bench-code';

const clock = () => Number(process.hrtime.bigint()) / 1e6;

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
  return `p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${at(1).toFixed(2)} ms`;
}

async function call<T>(
  core: HubCore,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  query = '',
) {
  const response = await core.handle({
    method,
    path,
    query: new URLSearchParams(query),
    protocol: String(PROTOCOL_VERSION),
    token,
    address: '127.0.0.1',
    body,
  });
  if (response.status !== 200) throw new Error(`${path}: ${response.body}`);
  return JSON.parse(response.body) as T;
}

function venueEvents(index: number) {
  const backup = competitionBackup({
    id: `c-venue-${index}`,
    name: `第${index + 1}赛区擂台比武`,
    date: '2026-11-05',
    rounds: [
      {
        id: `r-venue-${index}`,
        name: '初赛',
        closed: true,
        contestants: Array.from({ length: CONTESTANTS }, (_, c) => {
          const person = (index * 7 + c) % PEOPLE;
          return {
            id: `p-${index}-${c}`,
            name: `选手${person}`,
            unit: `单位${person % 9}`,
            mark: String(60 + ((c * 13 + index) % 40)),
          };
        }),
      },
    ],
  });
  return backup.events.map(({ event }) => event);
}

const database = await freshDatabase();
const store = await HubStore.open(database.url);
try {
  const core = new HubCore({
    store,
    hubId: 'bench',
    adminSecretHash: hashSecret(ADMIN),
    dashboardCodeHash: hashSecret(CODE),
  });
  await call(core, 'POST', '/admin/seasons', ADMIN, { id: 's', name: '积分' });
  const venues: { registration: VenueRegistration; events: ReturnType<typeof venueEvents> }[] = [];
  for (let index = 0; index < VENUES; index++) {
    const registration = await call<VenueRegistration>(core, 'POST', '/admin/venues', ADMIN, {
      name: `第${index + 1}赛区`,
    });
    const events = venueEvents(index);
    await call(core, 'POST', '/push', registration.venueKey, {
      venueId: registration.venueId,
      serverId: 'bench',
      through: events.length,
      events,
    });
    venues.push({ registration, events });
  }
  const period = (parsePeriod('2026-11') as Period).text;
  const read = () =>
    call<HubSeasonsResponse>(core, 'GET', '/season', CODE, undefined, `period=${period}&ledger=no`);
  const started = clock();
  const first = await read();
  const firstMs = clock() - started;
  const quiet: number[] = [];
  for (let n = 0; n < READS; n++) {
    const at = clock();
    await read();
    quiet.push(clock() - at);
  }
  const afterMark: number[] = [];
  for (let n = 0; n < READS; n++) {
    const venue = venues[n % VENUES] as (typeof venues)[number];
    const mark = venue.events.find((event) => event.type === 'mark.set');
    if (mark?.type !== 'mark.set' || mark.payload.value === null) throw new Error('the venue has a mark');
    const remark = {
      ...mark,
      id: `remark-${n}`.padEnd(32, '0'),
      deviceSeq: venue.events.length + n + 1,
      payload: { ...mark.payload, value: mark.payload.value - 100 * (n % 3), revision: n + 2 },
    };
    await call(core, 'POST', '/push', venue.registration.venueKey, {
      venueId: venue.registration.venueId,
      serverId: 'bench',
      through: n + 1,
      events: [remark],
    });
    const at = clock();
    await read();
    afterMark.push(clock() - at);
  }
  console.log(
    `${VENUES} venues × ${CONTESTANTS} contestants, ${first.seasons[0]?.standings.ranked.length} members ranked`,
  );
  console.log(`first read:                ${firstMs.toFixed(1)} ms`);
  console.log(`read, nothing new:         ${summary(quiet)}`);
  console.log(`read after a mark arrived: ${summary(afterMark)}`);
} finally {
  await store.close();
  await database.drop();
}
