// @vitest-environment node
/**
 * 删除示例赛事 (issue 12, finding 13): the demo goes from every device and the server with one
 * purge, although judges marked it; a tablet that was offline with unsent demo marks does not
 * bring it back, and learns of the purge on its next pull.
 */
import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import type { Demo } from '../../../src/db/demo';
import { RepositoryError } from '../../../src/db/errors';
import { enterMark, submitSheet } from '../../../src/db/marks';
import { purgeDemoCompetition } from '../../../src/db/purge';
import { createCompetition, deleteCompetition } from '../../../src/db/repository';
import { pullEvents, pushOutbox } from '../../../src/sync/client';
import { claimServer, joinWithJudgeCode, loginAsOrganizer } from '../../../src/sync/session';
import { loadDemo } from '../results/demo';
import { CLAIM_CODE, PASSWORD, testServer } from '../server/helpers';
import { type Device, deviceDb, pushAndPull, serverEvents } from './helpers';
import { MemoryNetwork } from './memory-network';

/** What a device still holds, table by table (the demo is the only competition here). */
async function holdings(db: LeitaiDB, competitionId: string) {
  return {
    competition: (await db.competitions.get(competitionId)) ?? null,
    rounds: await db.rounds.count(),
    judges: await db.judges.count(),
    contestants: await db.contestants.count(),
    events: (await db.events.where('competitionId').equals(competitionId).toArray()).map(
      (event) => event.type,
    ),
    marks: await db.marks.count(),
    sheets: await db.sheets.count(),
    adjustments: await db.adjustments.count(),
    entityHeads: await db.entityHeads.count(),
    outbox: (await db.outbox.toArray()).length,
    refused: await db.refused.count(),
    drafts: await db.drafts.count(),
    judgeSession: (await db.judgeSession.get('self')) ?? null,
  };
}

async function venueWithDemo() {
  const { core } = testServer();
  const network = new MemoryNetwork(core);
  const laptopDb = deviceDb();
  const laptop: Device = {
    name: 'laptop',
    db: laptopDb,
    transport: network.transport('laptop'),
    session: await claimServer(laptopDb, network.transport('laptop-claim'), CLAIM_CODE, PASSWORD),
  };
  const demo = await loadDemo(laptop.db);
  await pushAndPull(laptop);
  const hostDb = deviceDb();
  const hostTransport = network.transport('host');
  const host: Device = {
    name: 'host',
    db: hostDb,
    transport: hostTransport,
    session: await loginAsOrganizer(hostDb, hostTransport, PASSWORD),
  };
  await pushAndPull(host);
  return { core, network, laptop, host, demo };
}

async function judgeTablet(network: MemoryNetwork, name: string, joinCode: string): Promise<Device> {
  const db = deviceDb();
  const transport = network.transport(name);
  const session = await joinWithJudgeCode(db, transport, joinCode);
  await pullEvents(db, transport, session);
  return { name, db, transport, session };
}

/** The contestant that nobody in the demo has marked yet (the last in the order of appearance). */
function lastContestant(demo: Demo) {
  const last = [...demo.contestants].sort((a, b) => (b.draw ?? 0) - (a.draw ?? 0))[0];
  if (!last) throw new Error('the demo has contestants');
  return last;
}

describe('the demo, once judges have marked it', () => {
  it('is removed from the server and every device with one purge; a late tablet cannot bring it back', async () => {
    const { core, network, laptop, host, demo } = await venueWithDemo();
    const [first, second] = demo.judges;
    if (!first || !second) throw new Error('the demo has judges');
    const contestant = lastContestant(demo);
    const criterion = demo.round.criteria[0];
    if (!criterion) throw new Error('the demo has criteria');
    const cell = { roundId: demo.round.id, contestantId: contestant.id, criterionId: criterion.id };

    // A judge marks the demo on a tablet, and it reaches the server.
    const marking = await judgeTablet(network, 'tablet-1', first.joinCode);
    for (const [index, each] of demo.round.criteria.entries()) {
      await enterMark(marking.db, {
        ...cell,
        judgeId: first.id,
        criterionId: each.id,
        value: each.step * (index + 1),
      });
    }
    await submitSheet(marking.db, { roundId: demo.round.id, judgeId: first.id, contestantId: contestant.id });
    await pushAndPull(marking);
    // Another tablet marks offline: its marks wait in its outbox.
    const offline = await judgeTablet(network, 'tablet-2', second.joinCode);
    network.setOnline('tablet-2', false);
    await enterMark(offline.db, { ...cell, judgeId: second.id, value: criterion.step });
    expect(await offline.db.outbox.count()).toBe(1);
    await pushAndPull(laptop);
    await pushAndPull(host);

    // What the organizer met before: the ordinary delete refuses the marked demo.
    await expect(deleteCompetition(laptop.db, demo.competition.id)).rejects.toThrow(RepositoryError);

    const wiped = await purgeDemoCompetition(laptop.db, demo.competition.id);
    expect(wiped.events).toBeGreaterThan(500);
    await pushAndPull(laptop);

    // The server keeps the purge alone.
    const stored = serverEvents(core).filter((event) => event.competitionId === demo.competition.id);
    expect(stored.map((event) => event.type)).toEqual(['scope.purge']);

    // The laptop, the host console and the marking tablet hold nothing of it.
    for (const device of [laptop, host, marking]) {
      await pushAndPull(device);
      expect(await holdings(device.db, demo.competition.id)).toEqual({
        competition: null,
        rounds: 0,
        judges: 0,
        contestants: 0,
        events: ['scope.purge'],
        marks: 0,
        sheets: 0,
        adjustments: 0,
        entityHeads: 0,
        outbox: 0,
        refused: 0,
        drafts: 0,
        judgeSession: null,
      });
    }

    // The offline tablet comes back: its demo mark is refused, named, and it wipes the demo too.
    network.setOnline('tablet-2', true);
    await pushOutbox(offline.db, offline.transport, offline.session.token);
    expect((await offline.db.refused.toArray()).map((row) => row.code)).toEqual(['purgedScope']);
    await pullEvents(offline.db, offline.transport, offline.session);
    expect(await holdings(offline.db, demo.competition.id)).toMatchObject({
      competition: null,
      events: ['scope.purge'],
      marks: 0,
      outbox: 0,
      refused: 0,
      judgeSession: null,
    });
    expect(serverEvents(core).filter((event) => event.competitionId === demo.competition.id)).toHaveLength(1);
  }, 60_000);

  it('is the only competition a purge removes: a real one with marks is refused, on the device and the server', async () => {
    const { core, laptop } = await venueWithDemo();
    const real = await createCompetition(laptop.db, { name: '2026年演讲比赛' });
    await expect(purgeDemoCompetition(laptop.db, real.id)).rejects.toMatchObject({ code: 'not-purgeable' });
    expect(serverEvents(core).some((event) => event.type === 'scope.purge')).toBe(false);
  }, 60_000);
});
