// @vitest-environment node
// The city dashboard's combined tables (issue 17): each venue competition's 总成绩, equal to the
// venue's own results screen's (the domain's combination over the venue's IndexedDB), and the
// city table of every venue's contestants ranked together, marked 已晋级 once advancement put
// them on the city final's roster.
import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import { enterMark, submitSheet } from '../../../src/db/marks';
import { combinedStandingsOf } from '../../../src/db/queries/combination';
import { loadRoundInput } from '../../../src/db/read';
import { createCompetition, createRound, judgesOfRound } from '../../../src/db/repository';
import { putContestant } from '../../../src/db/roster';
import type { CombinedResult } from '../../../src/domain/combination';
import { computeLiveStandings } from '../../../src/domain/live-standings';
import type {
  AdvanceResponse,
  CityDashboard,
  DashboardCombined,
  VenueRegistration,
} from '../../../src/sync/hub-protocol';
import { combineFortySixty, seedTwoStages } from '../db/combination-seed';
import { freshDb, SECRETARY_SHEET } from '../db/helpers';
import { wireLog } from '../server/helpers';
import { ADMIN_SECRET, call, DASHBOARD_CODE, registerVenue, testHub } from './helpers';
import { scoredVenue } from './venues';

type Core = Parameters<typeof call>[0];

async function dashboard(core: Core): Promise<CityDashboard> {
  const answer = await call<CityDashboard>(core, 'GET', '/dashboard', { token: DASHBOARD_CODE });
  expect(answer.status).toBe(200);
  return answer.body;
}

/** What the hub lacks of the laptop's log, pushed as the venue's relay would (`sent` so far). */
async function pushLog(core: Core, venue: VenueRegistration, laptop: LeitaiDB, sent = 0): Promise<number> {
  const events = (await wireLog(laptop)).slice(sent);
  for (let start = 0; start < events.length; start += 200) {
    const batch = events.slice(start, start + 200);
    const answer = await call(core, 'POST', '/push', {
      token: venue.venueKey,
      body: { venueId: venue.venueId, serverId: 's1', through: sent + start + batch.length, events: batch },
    });
    expect(answer.status).toBe(200);
  }
  return sent + events.length;
}

/** The venue's own 总成绩 (its results screen's read), in the dashboard's words. */
async function ownCombined(laptop: LeitaiDB, competitionId: string): Promise<DashboardCombined> {
  const read = await combinedStandingsOf(laptop, competitionId);
  const standings = read?.standings;
  if (!read || !standings) throw new Error('the venue cannot combine its stages');
  const person = (result: CombinedResult) => ({ name: result.name, unit: result.unit });
  return {
    competitionId,
    competitionName: read.competition.name,
    stages: standings.stages.map((stage) => ({
      roundId: stage.roundId,
      roundName: stage.roundName,
      percent: stage.percent,
    })),
    standings: {
      ranked: standings.ranked.map((result) => ({
        ...person(result),
        rank: result.rank,
        tied: result.tied,
        stageScores: result.parts.map((part) => part.score),
        score: result.score,
        award: result.award,
      })),
      pending: standings.pending.map(person),
      excluded: standings.excluded.map(person),
    },
  } as DashboardCombined;
}

describe("the dashboard's combined tables", () => {
  it("shows a competition's 总成绩 equal to the venue's own, and again once a mark arrives", async () => {
    const { core } = await testHub();
    const venue = await registerVenue(core, '城关镇');
    const laptop = freshDb();
    const stages = await seedTwoStages(laptop);
    await combineFortySixty(laptop, stages);
    const sent = await pushLog(core, venue, laptop);
    const own = await ownCombined(laptop, stages.competition.id);
    // Some ranked and one pending (not scored in the second stage yet): both are shown.
    expect('ranked' in own.standings && own.standings.ranked.length).toBeGreaterThan(0);
    expect('pending' in own.standings && own.standings.pending.length).toBe(1);
    expect((await dashboard(core)).venues[0]?.combined).toEqual([own]);

    const [judge] = await judgesOfRound(laptop, stages.stage.id);
    const pendingId = (await loadRoundInput(laptop, stages.stage.id)).contestants[2]?.id as string;
    const ref = { roundId: stages.stage.id, judgeId: judge?.id as string, contestantId: pendingId };
    await enterMark(laptop, { ...ref, criterionId: 'score', value: 9900 });
    await submitSheet(laptop, ref);
    await pushLog(core, venue, laptop, sent);
    const complete = await ownCombined(laptop, stages.competition.id);
    expect('pending' in complete.standings && complete.standings.pending).toEqual([]);
    expect((await dashboard(core)).venues[0]?.combined).toEqual([complete]);
  });

  it('says so when the combination cannot be computed, naming the same problems as the venue', async () => {
    const { core } = await testHub();
    const venue = await registerVenue(core, '城关镇');
    const laptop = freshDb();
    const stages = await seedTwoStages(laptop);
    await combineFortySixty(laptop, stages);
    // A second 张三（三工镇） in one stage: people are matched by name and unit, so it cannot combine.
    await putContestant(laptop, { roundId: stages.stage.id, name: '张三', unit: '三工镇', topic: '' });
    await pushLog(core, venue, laptop);
    const own = await combinedStandingsOf(laptop, stages.competition.id);
    const codes = [...new Set(own?.refusal?.map((issue) => issue.code))];
    expect(codes.length).toBeGreaterThan(0);
    expect((await dashboard(core)).venues[0]?.combined).toEqual([
      {
        competitionId: stages.competition.id,
        competitionName: stages.competition.name,
        stages: [],
        standings: { refused: codes },
      },
    ]);
  });

  it("ranks every venue's contestants together and marks those advanced to the city final", async () => {
    const { core } = await testHub();
    const townships = [];
    for (const name of ['城关镇', '河口镇']) {
      const registration = await registerVenue(core, name);
      const { laptop, roundId } = await scoredVenue();
      await pushLog(core, registration, laptop);
      townships.push({ name, registration, laptop, roundId });
    }
    const finalVenue = await registerVenue(core, '市级决赛');
    const finalLaptop = freshDb();
    const competition = await createCompetition(finalLaptop, { name: '城市总决赛' });
    const finalRound = await createRound(finalLaptop, {
      competitionId: competition.id,
      name: '决赛',
      criteria: SECRETARY_SHEET,
    });
    await pushLog(core, finalVenue, finalLaptop);

    // The venues' own standings, ranked together by announced score (ties share a rank).
    const places: { venueId: string; venueName: string; contestantId: string; score: string | null }[] = [];
    const pending: { venueId: string; venueName: string; contestantId: string; name: string }[] = [];
    for (const township of townships) {
      const own = computeLiveStandings(await loadRoundInput(township.laptop, township.roundId));
      const where = { venueId: township.registration.venueId, venueName: township.name };
      places.push(
        ...own.ranked.map((result) => ({ ...where, contestantId: result.id, score: result.announcedScore })),
      );
      pending.push(
        ...own.pending.map((result) => ({ ...where, contestantId: result.id, name: result.name })),
      );
    }
    const expectedRanked = [...places]
      .sort((a, b) => Number(b.score) - Number(a.score))
      .map((place) => ({
        ...place,
        rank: 1 + places.filter((other) => Number(other.score) > Number(place.score)).length,
      }));
    const shown = (city: CityDashboard) =>
      city.cityTable.ranked.map(({ venueId, venueName, contestantId, score, rank }) => ({
        venueId,
        venueName,
        contestantId,
        score,
        rank,
      }));
    const before = await dashboard(core);
    expect(shown(before)).toEqual(expectedRanked);
    // Both venues scored alike: ties across venues share a rank.
    expect(new Set(expectedRanked.map((place) => place.rank)).size).toBeLessThan(expectedRanked.length);
    expect(before.cityTable.ranked.every((entry) => !entry.advanced)).toBe(true);
    expect(
      before.cityTable.pending.map(({ venueId, venueName, contestantId, name, rank, score }) => ({
        venueId,
        venueName,
        contestantId,
        name,
        rank,
        score,
      })),
    ).toEqual(pending.map((entry) => ({ ...entry, rank: null, score: null })));

    const advanced = await call<AdvanceResponse>(core, 'POST', '/admin/advance', {
      token: ADMIN_SECRET,
      body: {
        sources: townships.map(({ registration, roundId }) => ({ venueId: registration.venueId, roundId })),
        rule: 'eachRound',
        count: 1,
        target: { venueId: finalVenue.venueId, roundId: finalRound.id },
      },
    });
    expect(advanced.status).toBe(200);
    const winners = advanced.body.advanced.map((entry) => `${entry.fromVenueId}/${entry.fromContestantId}`);
    expect(winners.length).toBe(2);
    const after = await dashboard(core);
    // The same table, the winners marked; the final's own round (its new roster) is not in it.
    expect(shown(after)).toEqual(expectedRanked);
    expect(
      after.cityTable.ranked
        .filter((entry) => entry.advanced)
        .map((entry) => `${entry.venueId}/${entry.contestantId}`),
    ).toEqual(
      expectedRanked
        .filter((place) => winners.includes(`${place.venueId}/${place.contestantId}`))
        .map((place) => `${place.venueId}/${place.contestantId}`),
    );
    expect(
      [...after.cityTable.ranked, ...after.cityTable.pending].some(
        (entry) => entry.venueId === finalVenue.venueId,
      ),
    ).toBe(false);
    expect(after.venues.find((entry) => entry.venueId === finalVenue.venueId)?.rounds[0]?.contestants).toBe(
      2,
    );
  });
});
