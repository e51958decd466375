// @vitest-environment node
// The city dashboard (issue 17): each venue's live progress and its standings computed by the
// engine from the hub's events, equal to the venue's own results; and the dashboard code, which
// reads the dashboard and nothing else, never writes.
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { enterMark } from '../../../src/db/marks';
import { loadRoundInput } from '../../../src/db/read';
import { importRoster } from '../../../src/db/roster';
import { createRound } from '../../../src/db/rounds';
import { foldEvents, type LeitaiEvent } from '../../../src/domain/events';
import { computeLiveStandings } from '../../../src/domain/live-standings';
import { Dashboard } from '../../../src/hub/dashboard';
import { DASHBOARD_JS } from '../../../src/hub/dashboard-page';
import { roundsOfVenue } from '../../../src/hub/venue-progress';
import type { CityDashboard, DashboardRound } from '../../../src/sync/hub-protocol';
import { hubDeviceId } from '../../../src/sync/hub-protocol';
import { SECRETARY_SHEET } from '../db/helpers';
import { wireLog } from '../server/helpers';
import { ADMIN_SECRET, call, DASHBOARD_CODE, markEvent, registerVenue, testHub } from './helpers';
import { scoredVenue } from './venues';

async function dashboard(core: Parameters<typeof call>[0]): Promise<CityDashboard> {
  const answer = await call<CityDashboard>(core, 'GET', '/dashboard', { token: DASHBOARD_CODE });
  expect(answer.status).toBe(200);
  return answer.body;
}

describe('the city dashboard', () => {
  it("shows each venue's progress, and standings equal to the venue's own", async () => {
    const { core } = await testHub();
    const venue = await registerVenue(core, '城关镇');
    const quiet = await registerVenue(core, '河口镇');
    const { laptop, seeded, roundId } = await scoredVenue();
    const events = await wireLog(laptop);
    for (let start = 0; start < events.length; start += 100) {
      const batch = events.slice(start, start + 100);
      await call(core, 'POST', '/push', {
        token: venue.venueKey,
        body: { venueId: venue.venueId, serverId: 's1', through: start + batch.length, events: batch },
      });
    }
    const city = await dashboard(core);
    expect(city.venues.map((entry) => [entry.name, entry.events])).toEqual([
      ['城关镇', events.length],
      ['河口镇', 0],
    ]);
    expect(city.venues[1]).toMatchObject({ venueId: quiet.venueId, rounds: [], lastEventAt: null });
    const round = city.venues[0]?.rounds[0] as DashboardRound;
    expect(round).toMatchObject({
      roundId,
      roundName: seeded.round.name,
      competitionName: seeded.competition.name,
      current: { contestantId: seeded.contestants[0].id, name: seeded.contestants[0].name },
      contestants: 3,
      marks: 7 * SECRETARY_SHEET.length,
      sheetsIn: 7,
      sheetsExpected: 8,
      revealed: 1,
    });
    // The venue's own results screen: the engine over its IndexedDB (src/app/results/report.ts).
    const own = computeLiveStandings(await loadRoundInput(laptop, roundId));
    expect(own.ranked.length).toBe(2);
    expect(round.standings).toEqual({
      ranked: own.ranked.map((result) => ({
        rank: result.rank,
        contestantId: result.id,
        name: result.name,
        unit: result.unit,
        score: result.announcedScore,
        award: result.award,
      })),
      pending: 1,
    });

    // A mark that arrives later shows on the next read.
    const late = await wireLog(laptop);
    await enterMark(laptop, {
      roundId,
      judgeId: seeded.judges[2].id,
      contestantId: seeded.contestants[2].id,
      criterionId: 'content',
      value: 3000,
    });
    const added = (await wireLog(laptop)).slice(late.length);
    await call(core, 'POST', '/push', {
      token: venue.venueKey,
      body: { venueId: venue.venueId, serverId: 's1', through: events.length + 1, events: added },
    });
    const after = await dashboard(core);
    expect(after.venues[0]?.rounds[0]?.marks).toBe(7 * SECRETARY_SHEET.length + 1);
  });

  it('computes again only the round whose events changed, and equals a fold of everything', async () => {
    const { core, store } = await testHub();
    const venue = await registerVenue(core, '城关镇');
    const { laptop, seeded, roundId } = await scoredVenue();
    const final = await createRound(laptop, {
      competitionId: seeded.competition.id,
      name: '复赛',
      criteria: SECRETARY_SHEET,
    });
    await importRoster(laptop, final.id, {
      judges: [],
      contestants: [{ name: '赵六', unit: '三工镇', topic: '产业发展' }],
    });
    let sent = 0;
    const relay = async () => {
      const events = await wireLog(laptop);
      await call(core, 'POST', '/push', {
        token: venue.venueKey,
        body: { venueId: venue.venueId, serverId: 's1', through: events.length, events: events.slice(sent) },
      });
      sent = events.length;
      return events as unknown as LeitaiEvent[];
    };
    await relay();
    const view = new Dashboard(store, hubDeviceId('test-hub'));
    const before = (await view.read(new Date())).venues[0]?.rounds ?? [];
    expect(before.map((round) => round.roundId).sort()).toEqual([roundId, final.id].sort());
    await enterMark(laptop, {
      roundId,
      judgeId: seeded.judges[2].id,
      contestantId: seeded.contestants[2].id,
      criterionId: 'content',
      value: 3000,
    });
    const all = await relay();
    const after = (await view.read(new Date())).venues[0]?.rounds ?? [];
    const untouched = (rounds: DashboardRound[]) => rounds.find((round) => round.roundId === final.id);
    expect(untouched(after)).toBe(untouched(before));
    expect(after.find((round) => round.roundId === roundId)?.marks).toBe(7 * SECRETARY_SHEET.length + 1);
    expect(after).toEqual(roundsOfVenue(foldEvents(all), all));
  });

  it('lets the dashboard code read the dashboard and do nothing else; no other secret reads it', async () => {
    const { core, store, url } = await testHub();
    const venue = await registerVenue(core, '城关镇');
    await call(core, 'POST', '/push', {
      token: venue.venueKey,
      body: { venueId: venue.venueId, serverId: 's1', through: 1, events: [markEvent(1)] },
    });
    const snapshot = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const events = await client.query('SELECT venue_id, id, body FROM events ORDER BY seq');
        const venues = await client.query(
          'SELECT id, name, key_hash, acked_through, acked_server FROM venues',
        );
        const meta = await client.query('SELECT key, value FROM hub_meta ORDER BY key');
        return { events: events.rows, venues: venues.rows, meta: meta.rows };
      } finally {
        await client.end();
      }
    };
    const before = await snapshot();
    const attempts: [string, string, unknown][] = [
      ['POST', '/push', { venueId: venue.venueId, serverId: 's1', through: 2, events: [markEvent(2)] }],
      ['POST', '/admin/venues', { name: '伪造镇' }],
      ['GET', '/pull', undefined],
      ['GET', '/venue', undefined],
    ];
    for (const [method, path, body] of attempts) {
      const refused = await call(core, method, path, {
        token: DASHBOARD_CODE,
        body,
        query: { server: 's1' },
      });
      expect(refused.status).toBe(401);
      expect(refused.error?.code).toBe('unauthorized');
    }
    // The connections the dashboard reads on cannot write, whatever a bug would ask of them.
    await expect(
      store.reader.query("INSERT INTO hub_meta (key, value) VALUES ('forged', 'x')"),
    ).rejects.toThrow(/read-only transaction/);
    const posted = await call(core, 'POST', '/dashboard', { token: DASHBOARD_CODE, body: {} });
    expect(posted.error?.code).toBe('notFound');
    expect(await snapshot()).toEqual(before);
    for (const token of [null, venue.venueKey, ADMIN_SECRET]) {
      const refused = await call(core, 'GET', '/dashboard', { token });
      expect(refused.error?.code).toBe('unauthorized');
    }
  });

  it('serves a page script that parses, and writes names as text, never as HTML', () => {
    expect(() => runInNewContext(`(function () { ${DASHBOARD_JS} })`)).not.toThrow();
    expect(DASHBOARD_JS).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
