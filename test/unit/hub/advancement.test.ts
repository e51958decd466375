// @vitest-environment node
// Advancement across venues (issue 17): the top N of each venue's round, or the top N overall,
// become the city final's roster in a fourth venue, written by the hub as that venue's events,
// which its relay pulls down and its server admits; once, however often it is run.
import { afterEach, describe, expect, it } from 'vitest';
import { createCompetition } from '../../../src/db/competitions';
import type { LeitaiDB } from '../../../src/db/database';
import { loadRoundInput } from '../../../src/db/read';
import { getDeviceId } from '../../../src/db/repository';
import { putContestant } from '../../../src/db/roster';
import { createRound } from '../../../src/db/rounds';
import { foldEvents, type LeitaiEvent } from '../../../src/domain/events';
import { computeLiveStandings } from '../../../src/domain/live-standings';
import { startHubServer } from '../../../src/hub/http';
import { HubRelay } from '../../../src/server/hub-relay';
import type { AdvanceResponse, CityDashboard } from '../../../src/sync/hub-protocol';
import { freshDb, SECRETARY_SHEET } from '../db/helpers';
import { claim, push, testServer, wireLog } from '../server/helpers';
import { ADMIN_SECRET, call, DASHBOARD_CODE, registerVenue, testHub } from './helpers';
import { scoredVenue } from './venues';

const PATIENCE = { timeout: 20_000, interval: 50 };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Gives every contestant of the round a photo of its own (its bytes name venue and contestant). */
async function photographAll(laptop: LeitaiDB, roundId: string, venue: string): Promise<void> {
  const contestants = (await loadRoundInput(laptop, roundId)).contestants;
  for (const contestant of contestants) {
    const photo = new Blob([`${venue} ${contestant.name}`], { type: 'image/jpeg' });
    await putContestant(laptop, { id: contestant.id, roundId, photo });
  }
}

/**
 * Two township venues with a scored round on the hub (each contestant with a photo when
 * `photos`), and the final's venue relaying to it.
 */
async function city({ photos = false } = {}) {
  const hub = await testHub();
  const server = await startHubServer({ core: hub.core, host: '127.0.0.1', port: 0, tls: null });
  cleanups.push(() => server.close());
  const townships = [];
  for (const name of ['城关镇', '河口镇']) {
    const registration = await registerVenue(hub.core, name);
    const { laptop, roundId } = await scoredVenue();
    if (photos) await photographAll(laptop, roundId, name);
    const events = await wireLog(laptop);
    for (let start = 0; start < events.length; start += 200) {
      const batch = events.slice(start, start + 200);
      await call(hub.core, 'POST', '/push', {
        token: registration.venueKey,
        body: { venueId: registration.venueId, serverId: name, through: start + batch.length, events: batch },
      });
    }
    townships.push({ venueId: registration.venueId, roundId, laptop });
  }
  // The final's venue: its organizer set the final round up (no contestant yet).
  const final = await registerVenue(hub.core, '市级决赛');
  const venue = testServer();
  const laptop = freshDb();
  const organizer = await claim(venue.core, await getDeviceId(laptop));
  const competition = await createCompetition(laptop, { name: '城市总决赛' });
  const round = await createRound(laptop, {
    competitionId: competition.id,
    name: '决赛',
    criteria: SECRETARY_SHEET,
  });
  expect((await push(venue.core, organizer.token, await wireLog(laptop))).body.refused).toEqual([]);
  const relay = new HubRelay({
    store: venue.store,
    serverId: venue.core.serverId,
    hubUrl: `http://127.0.0.1:${server.port}`,
    venueKey: final.venueKey,
    onCommit: (listener) =>
      venue.core.subscribe((notice) => {
        if (notice.type === 'commit') listener();
      }),
    onDecisions: (hubDevice, events) => venue.core.admitFromHub(hubDevice, events).refused,
    decisionsEveryMs: 50,
  });
  cleanups.push(() => relay.stop());
  const target = { venueId: final.venueId, roundId: round.id };
  // The hub knows the final round once the final venue's relay has sent it up.
  await expect
    .poll(async () => {
      const answer = await call<CityDashboard>(hub.core, 'GET', '/dashboard', { token: DASHBOARD_CODE });
      return answer.body.venues.find((entry) => entry.venueId === final.venueId)?.rounds.length;
    }, PATIENCE)
    .toBe(1);
  return { hub, townships, venue, target };
}

function venueLog(venue: ReturnType<typeof testServer>): LeitaiEvent[] {
  return [...venue.store.allEventBodies()].map((body) => JSON.parse(body) as LeitaiEvent);
}

/** The final round's contestants in the final venue's own log. */
function finalRoster(venue: ReturnType<typeof testServer>, roundId: string) {
  return Object.values(foldEvents(venueLog(venue)).entities.contestants)
    .filter((contestant) => contestant.roundId === roundId)
    .sort((a, b) => a.order - b.order)
    .map((contestant) => ({ name: contestant.name, unit: contestant.unit, order: contestant.order }));
}

describe('advancement across venues', () => {
  it("puts the top N of each venue's round on the final venue's roster, once", async () => {
    const { hub, townships, venue, target } = await city();
    const body = {
      sources: townships.map(({ venueId, roundId }) => ({ venueId, roundId })),
      rule: 'eachRound',
      count: 1,
      target,
    };
    const answer = await call<AdvanceResponse>(hub.core, 'POST', '/admin/advance', {
      token: ADMIN_SECRET,
      body,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.written).toBe(2);
    // Each township's winner, by the township's own standings.
    const winners = [];
    for (const township of townships) {
      const own = computeLiveStandings(await loadRoundInput(township.laptop, township.roundId));
      winners.push(own.ranked[0]);
    }
    expect(answer.body.advanced.map((entry) => [entry.fromContestantId, entry.rank, entry.score])).toEqual(
      winners.map((winner) => [winner?.id, 1, winner?.announcedScore]),
    );
    const expected = winners.map((winner, index) => ({
      name: winner?.name,
      unit: winner?.unit,
      order: index + 1,
    }));
    await expect.poll(() => finalRoster(venue, target.roundId), PATIENCE).toEqual(expected);

    const again = await call<AdvanceResponse>(hub.core, 'POST', '/admin/advance', {
      token: ADMIN_SECRET,
      body,
    });
    expect(again.body.written).toBe(0);
    expect(finalRoster(venue, target.roundId)).toEqual(expected);
  });

  it('takes the top N overall by score, and refuses what it cannot do, writing nothing', async () => {
    const { hub, townships, venue, target } = await city();
    const sources = townships.map(({ venueId, roundId }) => ({ venueId, roundId }));
    const refusals: [string | null, unknown, string][] = [
      [null, { sources, rule: 'overall', count: 2, target }, 'unauthorized'],
      [DASHBOARD_CODE, { sources, rule: 'overall', count: 2, target }, 'unauthorized'],
      [ADMIN_SECRET, { sources, rule: 'best', count: 2, target }, 'malformedRequest'],
      [ADMIN_SECRET, { sources, rule: 'overall', count: 0, target }, 'malformedRequest'],
      [ADMIN_SECRET, { sources: [], rule: 'overall', count: 2, target }, 'malformedRequest'],
      [
        ADMIN_SECRET,
        { sources, rule: 'overall', count: 2, target: { ...target, venueId: 'nowhere' } },
        'notFound',
      ],
      [
        ADMIN_SECRET,
        { sources, rule: 'overall', count: 2, target: { ...target, roundId: 'no-round' } },
        'unknownEntity',
      ],
    ];
    for (const [token, body, code] of refusals) {
      const refused = await call(hub.core, 'POST', '/admin/advance', { token, body });
      expect(refused.error?.code).toBe(code);
    }
    const written = await hub.store.pool.query("SELECT COUNT(*)::int AS n FROM events WHERE origin = 'hub'");
    expect(written.rows[0]?.n).toBe(0);
    const answer = await call<AdvanceResponse>(hub.core, 'POST', '/admin/advance', {
      token: ADMIN_SECRET,
      body: { sources, rule: 'overall', count: 2, target },
    });
    const all = [];
    for (const township of townships) {
      const own = computeLiveStandings(await loadRoundInput(township.laptop, township.roundId));
      all.push(...own.ranked.map((result) => ({ id: result.id, score: Number(result.announcedScore) })));
    }
    const cut = all.map((entry) => entry.score).sort((a, b) => b - a)[1] as number;
    const expected = all.filter((entry) => entry.score >= cut).sort((a, b) => b.score - a.score);
    expect(answer.body.advanced.map((entry) => entry.fromContestantId)).toEqual(
      expected.map((entry) => entry.id),
    );
    await expect.poll(() => finalRoster(venue, target.roundId).length, PATIENCE).toBe(expected.length);
  });

  it("carries each finalist's photo to the final venue, and none of the others", async () => {
    const { hub, townships, venue, target } = await city({ photos: true });
    const answer = await call<AdvanceResponse>(hub.core, 'POST', '/admin/advance', {
      token: ADMIN_SECRET,
      body: {
        sources: townships.map(({ venueId, roundId }) => ({ venueId, roundId })),
        rule: 'eachRound',
        count: 1,
        target,
      },
    });
    expect(answer.status).toBe(200);
    // Each finalist's photo as its township's log holds it.
    const expected = [];
    for (const entry of answer.body.advanced) {
      const township = townships.find((found) => found.venueId === entry.fromVenueId);
      const log = await wireLog(township?.laptop as LeitaiDB);
      const source = foldEvents(log as LeitaiEvent[]).entities.contestants[entry.fromContestantId];
      const photo = log.find(
        (event) =>
          event.type === 'entity.put' &&
          event.payload.table === 'photos' &&
          event.payload.entity.id === source?.photoId,
      );
      expect(photo).toBeDefined();
      expected.push({
        name: entry.name,
        blob: (photo?.payload as { entity: { blob: unknown } } | undefined)?.entity.blob,
      });
    }
    const carried = () => {
      const folded = foldEvents(venueLog(venue)).entities;
      return Object.values(folded.contestants)
        .filter((contestant) => contestant.roundId === target.roundId)
        .sort((a, b) => a.order - b.order)
        .map((contestant) => ({
          name: contestant.name,
          blob: contestant.photoId === null ? null : (folded.photos[contestant.photoId]?.blob ?? null),
        }));
    };
    await expect.poll(carried, PATIENCE).toEqual(expected);
    // The finalists' photos only, each in the final round: the townships' others stay there.
    const photos = venueLog(venue).filter(
      (event) => event.type === 'entity.put' && event.payload.table === 'photos',
    );
    expect(photos.map((event) => event.roundId)).toEqual([target.roundId, target.roundId]);
  });

  it('takes from the hub only contestants and the photos they show, never replacing a photo', async () => {
    const venue = testServer();
    const laptop = freshDb();
    const organizer = await claim(venue.core, await getDeviceId(laptop));
    const competition = await createCompetition(laptop, { name: '城市总决赛' });
    const round = await createRound(laptop, {
      competitionId: competition.id,
      name: '决赛',
      criteria: SECRETARY_SHEET,
    });
    expect((await push(venue.core, organizer.token, await wireLog(laptop))).body.refused).toEqual([]);
    const hubDevice = 'hub-test-hub';
    let seq = 0;
    const decision = (type: string, payload: unknown) => {
      seq += 1;
      return {
        id: `hub-decision-${seq}`,
        deviceId: hubDevice,
        deviceSeq: seq,
        author: { role: 'organizer' },
        competitionId: competition.id,
        roundId: round.id,
        recordedAt: '2026-12-05T09:00:00.000Z',
        type,
        payload,
      };
    };
    const contestant = (id: string, photoId: string | null, order: number) =>
      decision('entity.put', {
        table: 'contestants',
        revision: 1,
        entity: {
          id,
          roundId: round.id,
          name: id,
          unit: null,
          topic: '',
          photoId,
          status: 'active',
          draw: null,
          order,
        },
      });
    const photo = (id: string, text: string) =>
      decision('entity.put', {
        table: 'photos',
        revision: 1,
        entity: {
          id,
          roundId: round.id,
          blob: { mediaType: 'image/jpeg', base64: Buffer.from(text).toString('base64') },
        },
      });
    const first = venue.core.admitFromHub(hubDevice, [
      contestant('finalist-1', 'photo-1', 1),
      photo('photo-1', 'finalist 1'),
      photo('photo-other', 'another venue'),
      decision('round.close', { revision: 1 }),
    ]);
    expect(first.refused.map((entry) => [entry.index, entry.code])).toEqual([
      [2, 'forbiddenAuthor'],
      [3, 'forbiddenAuthor'],
    ]);
    expect(first.accepted).toBe(2);
    // A page of decisions may end between a finalist and its photo: the photo comes next, and
    // the finalist the venue holds shows it. A photo the venue holds is never replaced.
    expect(venue.core.admitFromHub(hubDevice, [contestant('finalist-2', 'photo-2', 2)]).accepted).toBe(1);
    const second = venue.core.admitFromHub(hubDevice, [
      photo('photo-2', 'finalist 2'),
      photo('photo-1', 'forged'),
    ]);
    expect(second.accepted).toBe(1);
    expect(second.refused.map((entry) => [entry.index, entry.code])).toEqual([[1, 'forbiddenAuthor']]);
    const photos = foldEvents(venueLog(venue)).entities.photos;
    expect(Object.keys(photos).sort()).toEqual(['photo-1', 'photo-2']);
    expect((photos['photo-1']?.blob as unknown as { base64: string } | undefined)?.base64).toBe(
      Buffer.from('finalist 1').toString('base64'),
    );
  });
});
