// The county hub end to end (issue 17): a real PostgreSQL, a hub process (`npm run hub`) and
// three venue server processes (`npm start -- --hub URL --venue-key KEY`), each with an organizer
// and three judges on the app's sync client scoring a round. One venue's line to the hub is cut
// for a while (its hall goes on), then the hub is killed with SIGKILL mid-round and restarted, and at
// the end the hub holds every event of every venue exactly once, in each venue's order, and the
// city dashboard's standings of each venue are the venue's own. Then advancement puts each
// venue's winner on the city final's roster, in a fourth venue, each with its photo, and the
// city table marks them 已晋级.
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { competitionEvents } from '../../src/db/backup';
import { createCompetition } from '../../src/db/competitions';
import { enterMark, submitSheet } from '../../src/db/marks';
import { loadRoundInput } from '../../src/db/read';
import { revealContestant } from '../../src/db/reveal';
import { importRoster, putContestant } from '../../src/db/roster';
import { createRound } from '../../src/db/rounds';
import { foldEvents } from '../../src/domain/events';
import { computeLiveStandings } from '../../src/domain/live-standings';
import type { Id } from '../../src/domain/model';
import { compareIds } from '../../src/domain/order';
import { type Period, parsePeriod, postRound, type Season, seasonStandings } from '../../src/domain/season';
import { competitionPostings, DEFAULT_POINTS_TABLE } from '../../src/domain/season-import';
import { registerVenue } from '../../src/hub/register';
import { createSeason } from '../../src/hub/season-client';
import type { AdvanceResponse, CityDashboard } from '../../src/sync/hub-protocol';
import type { HubSeasonsResponse, HubSeasonView } from '../../src/sync/hub-season-protocol';
import { PROTOCOL_VERSION, type PullResponse, type WireEvent } from '../../src/sync/protocol';
import { freshDatabase } from '../unit/hub/postgres';
import {
  HUB_ADMIN_SECRET,
  HUB_DASHBOARD_CODE,
  type HubProcess,
  type Line,
  startHubProcess,
  startLine,
} from './hub-harness';
import { type NodeDevice, nodeDevice } from './node-device';
import { startVenueProcess, type VenueProcess } from './venue-process';
import { until } from './waiting';

const CRITERIA = [
  { id: 'content', label: '内容', max: 4000 },
  { id: 'presence', label: '形象风采', max: 1500 },
  { id: 'language', label: '语言表达', max: 2000 },
];
const JUDGES = 3;
/** The halls' competitions' day: their final rounds count in this month of the hub's season. */
const SEASON_DAY = '2026-11-05';
const CONTESTANTS = 4;

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Hall {
  name: string;
  venueId: Id;
  competitionId: Id;
  process: VenueProcess;
  organizer: NodeDevice;
  judges: NodeDevice[];
  roundId: Id;
  contestantIds: Id[];
}

/** A venue server joined to the hub at `hubUrl`, its organizer's round, its judges' tablets. */
async function openHall(name: string, hubUrl: string, admin: string): Promise<Hall> {
  const registration = await registerVenue(admin, HUB_ADMIN_SECRET, name);
  const process = await startVenueProcess({
    httpsPort: null,
    extraArgs: ['--hub', hubUrl, '--venue-key', registration.venueKey],
  });
  cleanups.push(async () => {
    await process.stop();
    await rm(process.dataDir, { recursive: true, force: true });
  });
  const organizer = await nodeDevice(`${name}-organizer`, process.httpUrl, {
    as: 'organizer',
    claimCode: process.claimCode as string,
    password: '擂台密码2026',
  });
  const competition = await createCompetition(organizer.db, { name: `${name}擂台比武`, date: SEASON_DAY });
  const round = await createRound(organizer.db, {
    competitionId: competition.id,
    name: '初赛',
    criteria: CRITERIA,
  });
  const roster = await importRoster(organizer.db, round.id, {
    judges: Array.from({ length: JUDGES }, (_, i) => ({ name: `评委${i + 1}`, title: '' })),
    contestants: Array.from({ length: CONTESTANTS }, (_, i) => ({
      name: `选手${i + 1}`,
      unit: null,
      topic: '',
    })),
  });
  // Each contestant's photo: advancement carries the winners' to the final.
  for (const contestant of roster.contestants) {
    const photo = new Blob([`${name} ${contestant.name}`], { type: 'image/jpeg' });
    await putContestant(organizer.db, { id: contestant.id, roundId: round.id, photo });
  }
  await organizer.client.start();
  cleanups.push(() => organizer.client.stop());
  await organizer.client.syncNow();
  const judges: NodeDevice[] = [];
  for (const [index, judge] of roster.judges.entries()) {
    const tablet = await nodeDevice(`${name}-judge-${index + 1}`, process.httpUrl, {
      as: 'judge',
      code: judge.joinCode,
    });
    await tablet.client.start();
    cleanups.push(() => tablet.client.stop());
    judges.push(tablet);
  }
  for (const tablet of judges) {
    await until(async () => (await tablet.db.rounds.count()) === 1, `${tablet.name} to receive the round`);
  }
  return {
    name,
    venueId: registration.venueId,
    competitionId: competition.id,
    process,
    organizer,
    judges,
    roundId: round.id,
    contestantIds: roster.contestants.map((contestant) => contestant.id),
  };
}

/** The city dashboard as its page reads it, with the dashboard code. */
async function readDashboard(hubUrl: string): Promise<CityDashboard> {
  const response = await fetch(`${hubUrl}/hub/v1/dashboard`, {
    headers: { 'leitai-protocol': String(PROTOCOL_VERSION), authorization: `Bearer ${HUB_DASHBOARD_CODE}` },
  });
  return (await response.json()) as CityDashboard;
}

/** The city final's venue: joined to the hub, its organizer's final round set up, no contestant yet. */
async function openFinal(hubUrl: string) {
  const registration = await registerVenue(hubUrl, HUB_ADMIN_SECRET, '市级决赛');
  const process = await startVenueProcess({
    httpsPort: null,
    extraArgs: ['--hub', hubUrl, '--venue-key', registration.venueKey],
  });
  cleanups.push(async () => {
    await process.stop();
    await rm(process.dataDir, { recursive: true, force: true });
  });
  const organizer = await nodeDevice('final-organizer', process.httpUrl, {
    as: 'organizer',
    claimCode: process.claimCode as string,
    password: '擂台密码2026',
  });
  const competition = await createCompetition(organizer.db, { name: '城市总决赛' });
  const round = await createRound(organizer.db, {
    competitionId: competition.id,
    name: '决赛',
    criteria: CRITERIA,
  });
  await organizer.client.start();
  cleanups.push(() => organizer.client.stop());
  await organizer.client.syncNow();
  return { venueId: registration.venueId, roundId: round.id, organizer };
}

/** Every judge of the hall marks and submits these contestants' sheets, and syncs. */
async function score(hall: Hall, contestantIds: Id[]): Promise<void> {
  await Promise.all(
    hall.judges.map(async (tablet, judgeIndex) => {
      const judgeId = tablet.session.judgeId as Id;
      for (const contestantId of contestantIds) {
        for (const [step, criterion] of CRITERIA.entries()) {
          const value = criterion.max - ((judgeIndex + step + contestantId.length) % 5) * 100;
          await enterMark(tablet.db, {
            roundId: hall.roundId,
            judgeId,
            contestantId,
            criterionId: criterion.id,
            value,
          });
        }
        await submitSheet(tablet.db, { roundId: hall.roundId, judgeId, contestantId });
      }
      await tablet.client.syncNow();
    }),
  );
}

/** Every event the venue server holds, in its order, as its organizer pulls them. */
async function venueEventIds(hall: Hall): Promise<string[]> {
  const ids: string[] = [];
  let after = 0;
  for (;;) {
    const response = await fetch(`${hall.process.httpUrl}/api/v1/pull?after=${after}`, {
      headers: {
        'leitai-protocol': String(PROTOCOL_VERSION),
        authorization: `Bearer ${hall.organizer.session.token}`,
      },
    });
    const page = (await response.json()) as PullResponse;
    ids.push(...page.events.map((event: WireEvent) => event.id));
    after = page.cursor;
    if (page.cursor >= page.head) return ids;
  }
}

async function hubEventIds(
  databaseUrl: string,
  venueId: Id,
  type: string | null = null,
): Promise<{ ids: string[]; distinct: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM events WHERE venue_id = $1 AND ($2::text IS NULL OR type = $2) ORDER BY seq',
      [venueId, type],
    );
    const distinct = await client.query<{ n: number }>(
      'SELECT COUNT(DISTINCT id)::int AS n FROM events WHERE venue_id = $1',
      [venueId],
    );
    return { ids: rows.map((row) => row.id), distinct: distinct.rows[0]?.n ?? 0 };
  } finally {
    await client.end();
  }
}

async function submittedSheets(device: NodeDevice): Promise<number> {
  return device.db.sheets.filter((sheet) => sheet.status === 'submitted').count();
}

describe('the county hub with three venues', () => {
  it("holds every event of every venue exactly once after a venue was cut off and the hub was killed; the dashboard shows the venues' own standings; advancement fills the final's roster", async () => {
    const database = await freshDatabase();
    cleanups.push(database.drop);
    let hub: HubProcess = await startHubProcess(database.url);
    cleanups.push(() => hub.stop());
    const line: Line = await startLine(hub.port);
    cleanups.push(() => line.close());

    const first = await openHall('城关镇', hub.url, hub.url);
    const second = await openHall('河口镇', hub.url, hub.url);
    // The third venue reaches the hub over a line that goes down before its judges score.
    const third = await openHall('三工镇', line.url, hub.url);
    const halls = [first, second, third];
    line.cut();

    const half = CONTESTANTS / 2;
    await Promise.all(halls.map((hall) => score(hall, hall.contestantIds.slice(0, half))));
    // Cut off, the third hall goes on: its organizer has the first half's sheets, the hub none.
    await until(
      async () => (await submittedSheets(third.organizer)) === JUDGES * half,
      `${third.name}'s organizer to see the first half's sheets`,
    );
    const marksOnHub = await hubEventIds(database.url, third.venueId, 'mark.set');
    expect(marksOnHub.ids).toEqual([]);
    line.restore();

    await hub.stop('SIGKILL');
    await Promise.all(halls.map((hall) => score(hall, hall.contestantIds.slice(half))));

    // Without the hub, every hall has all of its sheets.
    for (const hall of halls) {
      await until(
        async () => (await submittedSheets(hall.organizer)) === JUDGES * CONTESTANTS,
        `${hall.name}'s organizer to see every sheet submitted`,
      );
    }

    // The host reveals the first contestant (公布) while the hub is still down.
    for (const hall of halls) {
      await revealContestant(hall.organizer.db, {
        roundId: hall.roundId,
        contestantId: hall.contestantIds[0] as Id,
      });
      await hall.organizer.client.syncNow();
    }

    hub = await startHubProcess(database.url, hub.port);
    for (const hall of halls) {
      const expected = await venueEventIds(hall);
      expect(expected.length).toBeGreaterThan(JUDGES * CONTESTANTS * (CRITERIA.length + 1));
      await until(
        async () => (await hubEventIds(database.url, hall.venueId)).ids.length === expected.length,
        () => `the hub to hold ${hall.name}'s ${expected.length} events`,
        { timeoutMs: 120_000, pollMs: 200 },
      );
      const onHub = await hubEventIds(database.url, hall.venueId);
      expect(onHub.ids).toEqual(expected);
      expect(onHub.distinct).toBe(expected.length);
    }

    // The city dashboard: every hall's round complete, and its standings the venue's own.
    const city = await readDashboard(hub.url);
    expect(city.venues.map((venue) => venue.name)).toEqual(halls.map((hall) => hall.name));
    for (const [index, hall] of halls.entries()) {
      const round = city.venues[index]?.rounds[0];
      expect(round).toMatchObject({
        roundId: hall.roundId,
        sheetsIn: JUDGES * CONTESTANTS,
        sheetsExpected: JUDGES * CONTESTANTS,
        marks: JUDGES * CONTESTANTS * CRITERIA.length,
        revealed: 1,
      });
      const own = computeLiveStandings(await loadRoundInput(hall.organizer.db, hall.roundId));
      expect(own.ranked).toHaveLength(CONTESTANTS);
      expect(round?.standings).toEqual({
        ranked: own.ranked.map((result) => ({
          rank: result.rank,
          contestantId: result.id,
          name: result.name,
          unit: result.unit,
          score: result.announcedScore,
          award: result.award,
        })),
        pending: 0,
      });
    }

    // The city final: each venue's winner goes to the fourth venue's round, in one action.
    const final = await openFinal(hub.url);
    await until(async () => {
      const now = await readDashboard(hub.url);
      return now.venues.find((venue) => venue.venueId === final.venueId)?.rounds.length === 1;
    }, 'the hub to hold the final round');
    const advance = await fetch(`${hub.url}/hub/v1/admin/advance`, {
      method: 'POST',
      headers: {
        'leitai-protocol': String(PROTOCOL_VERSION),
        authorization: `Bearer ${HUB_ADMIN_SECRET}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        sources: halls.map((hall) => ({ venueId: hall.venueId, roundId: hall.roundId })),
        rule: 'eachRound',
        count: 1,
        target: { venueId: final.venueId, roundId: final.roundId },
      }),
    });
    const advanced = (await advance.json()) as AdvanceResponse;
    const winners: string[] = [];
    for (const hall of halls) {
      const own = computeLiveStandings(await loadRoundInput(hall.organizer.db, hall.roundId));
      winners.push(...own.ranked.filter((result) => result.rank === 1).map((result) => result.id));
    }
    expect(advanced.advanced.map((entry) => entry.fromContestantId)).toEqual(winners);
    // Down to the final venue, and on to its organizer's laptop.
    const finalists = () =>
      final.organizer.db.contestants.where('roundId').equals(final.roundId).sortBy('order');
    await until(
      async () => (await finalists()).length === winners.length,
      "the final's roster on its organizer's laptop",
      {
        timeoutMs: 60_000,
      },
    );
    expect((await finalists()).map((contestant) => contestant.name)).toEqual(
      advanced.advanced.map((entry) => entry.name),
    );
    // Each with the photo of its township, on the final organizer's laptop.
    const photoText = async (db: NodeDevice['db'], photoId: Id | null) => {
      const photo = photoId === null ? undefined : await db.photos.get(photoId);
      return photo ? await photo.blob.text() : null;
    };
    const shown = async () =>
      Promise.all((await finalists()).map((contestant) => photoText(final.organizer.db, contestant.photoId)));
    const sourcePhotos = await Promise.all(
      advanced.advanced.map(async (entry) => {
        const hall = halls.find((found) => found.venueId === entry.fromVenueId) as Hall;
        const source = await hall.organizer.db.contestants.get(entry.fromContestantId);
        return photoText(hall.organizer.db, source?.photoId ?? null);
      }),
    );
    expect(sourcePhotos.every((text) => text !== null)).toBe(true);
    await until(
      async () => JSON.stringify(await shown()) === JSON.stringify(sourcePhotos),
      "the finalists' photos on the final organizer's laptop",
      { timeoutMs: 60_000 },
    );
    // The city table marks them 已晋级.
    await until(async () => {
      const now = await readDashboard(hub.url);
      const marked = now.cityTable.ranked
        .filter((entry) => entry.advanced)
        .map((entry) => entry.contestantId);
      return JSON.stringify(marked.sort()) === JSON.stringify([...winners].sort());
    }, 'the city table to mark the finalists 已晋级');

    const page = await fetch(`${hub.url}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('城市看板');

    // The season: once every contestant is revealed, each hall's round is final and posted, as
    // the domain posts the hall's own events; the final's competition has no date, and says so.
    await createSeason(hub.url, HUB_ADMIN_SECRET, { id: 'e2e', name: '城市积分' });
    let expected: Season = {
      id: 'e2e',
      name: '城市积分',
      members: [],
      table: DEFAULT_POINTS_TABLE,
      entries: [],
    };
    for (const hall of [...halls].sort((a, b) => compareIds(a.competitionId, b.competitionId))) {
      for (const contestantId of hall.contestantIds.slice(1))
        await revealContestant(hall.organizer.db, { roundId: hall.roundId, contestantId });
      await hall.organizer.client.syncNow();
      const events = await competitionEvents(hall.organizer.db, hall.competitionId);
      expected = competitionPostings(hall.competitionId, foldEvents(events), events).postings.reduce(
        postRound,
        expected,
      );
    }
    expect(expected.entries).toHaveLength(halls.length * CONTESTANTS);
    const seasonOnHub = async () => {
      const read = await fetch(`${hub.url}/hub/v1/season?period=${SEASON_DAY.slice(0, 7)}&season=e2e`, {
        headers: {
          'leitai-protocol': String(PROTOCOL_VERSION),
          authorization: `Bearer ${HUB_DASHBOARD_CODE}`,
        },
      });
      return ((await read.json()) as HubSeasonsResponse).seasons[0] as HubSeasonView;
    };
    await until(
      async () => (await seasonOnHub()).ledger?.entries.length === expected.entries.length,
      "every hall's final round in the hub's season",
      { timeoutMs: 60_000 },
    );
    const season = await seasonOnHub();
    expect(season.ledger).toEqual(expected);
    expect(season.standings).toEqual(
      seasonStandings(expected, parsePeriod(SEASON_DAY.slice(0, 7)) as Period),
    );
    expect(season.notes.map((note) => note.code)).toEqual(['venueCompetitionUndated']);
  });
});
