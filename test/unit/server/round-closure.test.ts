// @vitest-environment node
// 结束本轮，成绩定稿 on the venue server: the organizer's close and reopen of a round are stored;
// a judge's tablet, the projector and a host-authored closure are refused, as is one without a
// round or with a malformed payload.
import { describe, expect, it } from 'vitest';
import { getDeviceId, setRoundClosed } from '../../../src/db/repository';
import type { WireEvent } from '../../../src/sync/protocol';
import { freshDb, seedRound } from '../db/helpers';
import { call, claim, joinJudge, push, testServer, wireLog } from './helpers';

async function venue() {
  const server = testServer();
  const laptop = freshDb();
  const organizer = await claim(server.core, await getDeviceId(laptop));
  const seeded = await seedRound(laptop);
  const setup = await wireLog(laptop);
  expect((await push(server.core, organizer.token, setup)).body.refused).toEqual([]);
  return { ...server, laptop, organizer, seeded, setup };
}

type Venue = Awaited<ReturnType<typeof venue>>;

/** The laptop's closure events, as it writes them, on the wire. */
async function closureEvents(v: Venue): Promise<WireEvent[]> {
  await setRoundClosed(v.laptop, { roundId: v.seeded.round.id, closed: true });
  await setRoundClosed(v.laptop, { roundId: v.seeded.round.id, closed: false });
  return (await wireLog(v.laptop)).slice(v.setup.length);
}

describe('closing a round on the venue server', () => {
  it('stores the organizer’s close and reopen', async () => {
    const v = await venue();
    const events = await closureEvents(v);
    expect(events.map((event) => event.type)).toEqual(['round.close', 'round.reopen']);
    const answer = await push(v.core, v.organizer.token, events);
    expect(answer.body.refused).toEqual([]);
    expect(answer.body.accepted).toBe(2);
  });

  it('refuses a closure from a judge’s tablet or the projector', async () => {
    const v = await venue();
    const tablet = freshDb();
    const tabletId = await getDeviceId(tablet);
    const judge = (await joinJudge(v.core, v.seeded.judges[0].joinCode, tabletId)).body;
    const [close] = await closureEvents(v);
    const asJudge = {
      ...(close as WireEvent),
      id: 'judge-close',
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
    expect((await push(v.core, projector.token, [close])).error?.code).toBe('readOnlyDevice');
    expect(v.core.head()).toBe(v.setup.length);
  });

  it('refuses a closure authored by the host, one without a round, and a malformed one', async () => {
    const v = await venue();
    const [close] = (await closureEvents(v)) as [WireEvent];
    const byHost = { ...close, author: { role: 'host' } } as WireEvent;
    const noRound = { ...close, id: 'no-round', deviceSeq: close.deviceSeq + 2, roundId: null } as WireEvent;
    const extraField = {
      ...close,
      id: 'extra',
      deviceSeq: close.deviceSeq + 3,
      payload: { revision: 1, final: true },
    } as unknown as WireEvent;
    const answer = await push(v.core, v.organizer.token, [byHost, noRound, extraField]);
    expect(answer.body.refused.map((refusal) => refusal.code)).toEqual([
      'forbiddenAuthor',
      'unknownEntity',
      'malformedEvent',
    ]);
    expect(answer.body.refused[0]?.message).toContain('only the organizer');
    expect(v.core.head()).toBe(v.setup.length);
  });
});
