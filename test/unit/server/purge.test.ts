/**
 * The server's admission of purges (issue 12, finding 13 and 彩排): only the organizer purges;
 * only the demo competition or a rehearsal round, never a real competition with real marks;
 * a purged scope's events leave the log, the purge stays, and nothing of the scope is admitted
 * again. Simulated (organizer-authored) marks go only into a rehearsal round.
 */
import { describe, expect, it } from 'vitest';
import { purgeDemoCompetition, purgeRehearsalRound } from '../../../src/db/purge';
import { startRehearsal } from '../../../src/db/rehearsal';
import { enterMark, getDeviceId } from '../../../src/db/repository';
import type { LeitaiEvent } from '../../../src/domain/events';
import type { SessionInfo, WireEvent } from '../../../src/sync/protocol';
import { freshDb, seedRound } from '../db/helpers';
import { loadDemo } from '../results/demo';
import { call, claim, joinJudge, push, testServer, wireLog } from './helpers';

/** Pushes in batches of the protocol's size; the refusals of all of them. */
async function pushAll(core: Venue['core'], token: string, events: readonly WireEvent[]) {
  const refused = [];
  for (let start = 0; start < events.length; start += 500) {
    const answer = await push(core, token, events.slice(start, start + 500));
    if (answer.error) throw new Error(JSON.stringify(answer.error));
    refused.push(...answer.body.refused);
  }
  return refused;
}

async function venue() {
  const server = testServer();
  const laptop = freshDb();
  const organizer = await claim(server.core, await getDeviceId(laptop));
  const seeded = await seedRound(laptop);
  const demo = await loadDemo(laptop);
  expect(await pushAll(server.core, organizer.token, await wireLog(laptop))).toEqual([]);
  const tablet = freshDb();
  const tabletId = await getDeviceId(tablet);
  const judge = (await joinJudge(server.core, seeded.judges[0].joinCode, tabletId)).body;
  return { ...server, laptop, organizer, seeded, demo, tablet, tabletId, judge };
}

type Venue = Awaited<ReturnType<typeof venue>> & { core: ReturnType<typeof testServer>['core'] };

/** The laptop's events not yet on the server (sent in order, as the device would). */
async function sendNew(v: Venue) {
  const stored = new Set(
    v.store.readFor({ role: 'organizer' }, 0, 100_000).events.map((row) => JSON.parse(row.body).id),
  );
  const fresh = (await wireLog(v.laptop)).filter((event) => !stored.has(event.id));
  return pushAll(v.core, v.organizer.token, fresh);
}

function storedEvents(v: Venue): LeitaiEvent[] {
  return v.store.readFor({ role: 'organizer' }, 0, 100_000).events.map((row) => JSON.parse(row.body));
}

/** A purge as another device would send it. */
function purgeEvent(
  deviceId: string,
  scope: { competitionId: string; roundId: string | null },
  author: WireEvent['author'] = { role: 'organizer' },
): WireEvent {
  return {
    id: `purge-${deviceId}-${scope.roundId ?? scope.competitionId}`,
    deviceId,
    deviceSeq: 1,
    author,
    ...scope,
    recordedAt: '2026-06-17T20:00:00.000Z',
    type: 'scope.purge',
    payload: { purpose: scope.roundId === null ? 'demo' : 'rehearsal' },
  };
}

describe('a purge', { timeout: 60_000 }, () => {
  it('is written by the organizer only: refused to a judge, the projector and anyone without a session', async () => {
    const v = await venue();
    const scope = { competitionId: v.demo.competition.id, roundId: null };
    const byJudge = await push(v.core, v.judge.token, [
      purgeEvent(v.tabletId, scope, { role: 'judge', judgeId: v.seeded.judges[0].id }),
    ]);
    expect(byJudge.body.refused.map((refusal) => refusal.code)).toEqual(['forbiddenAuthor']);
    const projector = await call<SessionInfo>(v.core, 'POST', '/join/projector', {
      body: { code: v.core.projectorCode(), deviceId: 'projector-1' },
    });
    const byProjector = await push(v.core, projector.body.token, [purgeEvent('projector-1', scope)]);
    expect(byProjector.error?.code).toBe('readOnlyDevice');
    const byAudience = await call(v.core, 'POST', '/push', {
      body: { events: [purgeEvent('phone', scope)] },
    });
    expect(byAudience.error?.code).toBe('unauthorized');
    // A relayed log (another device's, imported by the organizer) carries judges' events only.
    const relayed = await push(v.core, v.organizer.token, [purgeEvent('other-laptop', scope)]);
    expect(relayed.body.refused.map((refusal) => refusal.code)).toEqual(['forbiddenAuthor']);
    expect(
      storedEvents(v).filter((event) => event.competitionId === v.demo.competition.id).length,
    ).toBeGreaterThan(500);
  });

  it('removes the demo from the log although a judge marked it, keeps the purge, and refuses the demo afterwards', async () => {
    const v = await venue();
    const demoJudge = v.demo.judges[0];
    const contestant = v.demo.contestants.find((each) => each.draw === 13);
    if (!demoJudge || !contestant) throw new Error('the demo has judges and contestants');
    const demoTablet = freshDb();
    const demoTabletId = await getDeviceId(demoTablet);
    const session = (await joinJudge(v.core, demoJudge.joinCode, demoTabletId)).body;
    // The tablet holds the setup as a pull gives it, and marks.
    const { applyRemoteEvents } = await import('../../../src/db/remote');
    await applyRemoteEvents(demoTablet, storedEvents(v));
    const criterion = v.demo.round.criteria[0];
    if (!criterion) throw new Error('the demo has criteria');
    const cell = {
      roundId: v.demo.round.id,
      judgeId: demoJudge.id,
      contestantId: contestant.id,
      criterionId: criterion.id,
    };
    await enterMark(demoTablet, { ...cell, value: criterion.step });
    expect(
      (
        await push(
          v.core,
          session.token,
          await wireLog(demoTablet).then((log) => log.filter((event) => event.deviceId === demoTabletId)),
        )
      ).body.refused,
    ).toEqual([]);

    await purgeDemoCompetition(v.laptop, v.demo.competition.id);
    expect(await sendNew(v)).toEqual([]);
    const left = storedEvents(v).filter((event) => event.competitionId === v.demo.competition.id);
    expect(left.map((event) => event.type)).toEqual(['scope.purge']);
    // The real competition is untouched.
    expect(
      storedEvents(v).filter((event) => event.competitionId === v.seeded.competition.id).length,
    ).toBeGreaterThan(0);

    // The judge's next mark (written before it learnt of the purge) is refused, named.
    await enterMark(demoTablet, { ...cell, value: criterion.step * 2 });
    const late = (await wireLog(demoTablet)).filter((event) => event.deviceId === demoTabletId).slice(-1);
    const answer = await push(v.core, session.token, late);
    expect(answer.body.refused.map((refusal) => refusal.code)).toEqual(['purgedScope']);
    expect(storedEvents(v).filter((event) => event.competitionId === v.demo.competition.id)).toHaveLength(1);
  });

  it('removes a demo loaded before the demo flag existed, known by its draw', async () => {
    const server = testServer();
    const laptop = freshDb();
    const organizer = await claim(server.core, await getDeviceId(laptop));
    const demo = await loadDemo(laptop);
    // The demo as an older version wrote it: a competition without `demo`.
    const older = (await wireLog(laptop)).map((event) =>
      event.type === 'entity.put' && event.payload.table === 'competitions'
        ? { ...event, payload: { ...event.payload, entity: { ...event.payload.entity, demo: undefined } } }
        : event,
    );
    expect(await pushAll(server.core, organizer.token, JSON.parse(JSON.stringify(older)))).toEqual([]);
    await laptop.competitions.update(demo.competition.id, { demo: undefined });
    await purgeDemoCompetition(laptop, demo.competition.id);
    const [purge] = (await wireLog(laptop)).filter((event) => event.type === 'scope.purge');
    expect(await pushAll(server.core, organizer.token, [purge as WireEvent])).toEqual([]);
    const left = server.store.readFor({ role: 'organizer' }, 0, 100_000).events;
    expect(left.map((row) => JSON.parse(row.body).type)).toEqual(['scope.purge']);
  });

  it('never removes a real competition with real marks, nor a real round', async () => {
    const v = await venue();
    // The tablet holds the setup as a pull gives it, and a judge marks the real round.
    const { applyRemoteEvents } = await import('../../../src/db/remote');
    await applyRemoteEvents(v.tablet, storedEvents(v));
    await enterMark(v.tablet, {
      roundId: v.seeded.round.id,
      judgeId: v.seeded.judges[0].id,
      contestantId: v.seeded.contestants[1].id,
      criterionId: 'content',
      value: 3550,
    });
    const marks = (await wireLog(v.tablet)).filter((event) => event.deviceId === v.tabletId);
    expect((await push(v.core, v.judge.token, marks)).body.refused).toEqual([]);

    const laptopId = await getDeviceId(v.laptop);
    const realCompetition = { competitionId: v.seeded.competition.id, roundId: null };
    const realRound = { competitionId: v.seeded.competition.id, roundId: v.seeded.round.id };
    const answer = await push(v.core, v.organizer.token, [
      { ...purgeEvent(laptopId, realCompetition), deviceSeq: 10_000 },
      { ...purgeEvent(laptopId, realRound), deviceSeq: 10_001 },
    ]);
    expect(answer.body.refused.map((refusal) => refusal.code)).toEqual(['purgeRefused', 'purgeRefused']);
    expect(storedEvents(v).some((event) => event.type === 'scope.purge')).toBe(false);
  });
});

describe('a rehearsal round at the server', { timeout: 60_000 }, () => {
  it('takes simulated marks, refuses them in the real round, and is purged leaving the real round as it was', async () => {
    const v = await venue();
    const before = storedEvents(v).filter((event) => event.roundId === v.seeded.round.id);
    const rehearsal = await startRehearsal(v.laptop, v.seeded.round.id);
    const judges = await v.laptop.judges.where('roundIds').equals(rehearsal.id).toArray();
    const contestants = await v.laptop.contestants.where('roundId').equals(rehearsal.id).toArray();
    const judge = judges.find((each) => each.unit === null);
    const contestant = contestants.find((each) => each.unit !== '三工镇');
    if (!judge || !contestant) throw new Error('the rehearsal has judges and contestants');
    await enterMark(
      v.laptop,
      {
        roundId: rehearsal.id,
        judgeId: judge.id,
        contestantId: contestant.id,
        criterionId: 'content',
        value: 3000,
      },
      true,
    );
    expect(await sendNew(v)).toEqual([]);

    // The same simulated mark in the real round, as a forged push would carry it.
    const [simulated] = (await wireLog(v.laptop)).filter(
      (event) => event.type === 'mark.set' && event.author.role === 'organizer',
    );
    if (simulated?.type !== 'mark.set') throw new Error('a simulated mark');
    const forged = {
      ...simulated,
      id: 'forged-mark',
      deviceSeq: 10_000,
      roundId: v.seeded.round.id,
      payload: {
        ...simulated.payload,
        judgeId: v.seeded.judges[0].id,
        contestantId: v.seeded.contestants[1].id,
      },
    };
    expect(
      (await push(v.core, v.organizer.token, [forged])).body.refused.map((refusal) => refusal.code),
    ).toEqual(['forbiddenAuthor']);
    // Nor does a real round become a rehearsal (and so purgeable) afterwards.
    const flipped = {
      ...purgeEvent(await getDeviceId(v.laptop), {
        competitionId: v.seeded.competition.id,
        roundId: v.seeded.round.id,
      }),
      id: 'flip',
      deviceSeq: 10_001,
      type: 'entity.put',
      payload: { table: 'rounds', entity: { ...v.seeded.round, rehearsalOf: rehearsal.id }, revision: 2 },
    } as WireEvent;
    expect(
      (await push(v.core, v.organizer.token, [flipped])).body.refused.map((refusal) => refusal.code),
    ).toEqual(['forbiddenAuthor']);

    await purgeRehearsalRound(v.laptop, rehearsal.id);
    expect(await sendNew(v)).toEqual([]);
    expect(
      storedEvents(v)
        .filter((event) => event.roundId === rehearsal.id)
        .map((event) => event.type),
    ).toEqual(['scope.purge']);
    expect(storedEvents(v).filter((event) => event.roundId === v.seeded.round.id)).toEqual(before);
  });
});
