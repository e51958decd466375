/**
 * A venue server holding the organizer's seeded round, and the check that a write only the organizer
 * may make is refused from the other devices.
 */

import { expect } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import { getDeviceId } from '../../../src/db/repository';
import type { WireEvent } from '../../../src/sync/protocol';
import { freshDb, type SeededRound, seedRound } from '../db/helpers';
import { call, claim, joinJudge, push, testServer, wireLog } from './helpers';

/** The organizer's laptop claims a fresh server, seeds a round (`prepare` adds to it) and pushes it all. */
export async function seededVenue(
  prepare: (laptop: LeitaiDB, seeded: SeededRound) => Promise<void> = async () => {},
) {
  const server = testServer();
  const laptop = freshDb();
  const organizer = await claim(server.core, await getDeviceId(laptop));
  const seeded = await seedRound(laptop);
  await prepare(laptop, seeded);
  const setup = await wireLog(laptop);
  expect((await push(server.core, organizer.token, setup)).body.refused).toEqual([]);
  return { ...server, laptop, organizer, seeded, setup };
}

export type SeededVenue = Awaited<ReturnType<typeof seededVenue>>;

/**
 * The organizer's `event` sent by the first judge's tablet as its own is refused as forbiddenAuthor,
 * sent by the projector as readOnlyDevice; the server keeps nothing of either.
 */
export async function expectRefusedFromTabletAndProjector(v: SeededVenue, event: WireEvent): Promise<void> {
  const tablet = freshDb();
  const tabletId = await getDeviceId(tablet);
  const judge = (await joinJudge(v.core, v.seeded.judges[0].joinCode, tabletId)).body;
  const asJudge = {
    ...event,
    id: `judge-${event.id}`,
    deviceId: tabletId,
    deviceSeq: 1,
    author: { role: 'judge', judgeId: v.seeded.judges[0].id },
  } as WireEvent;
  const answer = await push(v.core, judge.token, [asJudge]);
  expect(answer.body.refused.map((refusal) => refusal.code)).toEqual(['forbiddenAuthor']);

  const code = (
    await call<{ projectorCode: string }>(v.core, 'GET', '/devices', { token: v.organizer.token })
  ).body.projectorCode;
  const projector = (
    await call<{ token: string }>(v.core, 'POST', '/join/projector', {
      body: { code, deviceId: 'projector-1' },
    })
  ).body;
  expect((await push(v.core, projector.token, [event])).error?.code).toBe('readOnlyDevice');
  expect(v.core.head()).toBe(v.setup.length);
}
