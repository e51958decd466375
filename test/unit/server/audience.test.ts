/**
 * 大众投票 at the venue server: audience tokens, their caps, votes judged by the server's clock,
 * and every way an audience token (or a device) might reach what it must not.
 */

import { describe, expect, it } from 'vitest';
import { closeAudienceVoting, getDeviceId, openAudienceVoting } from '../../../src/db/repository';
import type { LeitaiEvent } from '../../../src/domain/events';
import { VenueCore } from '../../../src/server/core';
import type {
  AudienceJoinResponse,
  AudienceStateResponse,
  PullResponse,
  WireEvent,
} from '../../../src/sync/protocol';
import { giveAudience } from '../audience/helpers';
import { freshDb, seedRound } from '../db/helpers';
import { type Answer, call, claim, joinJudge, push, type TestServer, testServer, wireLog } from './helpers';

async function venueWithVoting() {
  const v = testServer();
  const db = freshDb();
  const seeded = await seedRound(db);
  const round = await giveAudience(db, seeded.round);
  const organizer = await claim(v.core, await getDeviceId(db));
  const sync = async () => {
    const answer = await push(v.core, organizer.token, await wireLog(db));
    expect(answer.body.refused).toEqual([]);
  };
  await sync();
  return { ...v, db, seeded, round, organizer, sync };
}

async function joinPhone(v: TestServer, address = '192.168.1.50'): Promise<string> {
  const answer = await call<AudienceJoinResponse>(v.core, 'POST', '/audience/join', { address });
  expect(answer.status).toBe(200);
  return answer.body.token;
}

function vote(v: TestServer, token: string, body: unknown): Promise<Answer<AudienceStateResponse>> {
  return call<AudienceStateResponse>(v.core, 'POST', '/audience/vote', { token, body });
}

function state(v: TestServer, token: string): Promise<Answer<AudienceStateResponse>> {
  return call<AudienceStateResponse>(v.core, 'GET', '/audience/state', { token });
}

async function pulled(v: TestServer, token: string): Promise<LeitaiEvent[]> {
  const answer = await call<PullResponse>(v.core, 'GET', '/pull', { token, query: { after: '0' } });
  return answer.body.events as LeitaiEvent[];
}

describe('audience voting at the venue server', () => {
  it('a phone joins, reads the open window, votes and changes its vote; the server writes each vote', async () => {
    const v = await venueWithVoting();
    const [first] = v.seeded.contestants;
    const phone = await joinPhone(v);
    expect((await state(v, phone)).body).toEqual({ voting: null });

    const windowId = await openAudienceVoting(v.db, v.round.id, first.id);
    await v.sync();
    const open = await state(v, phone);
    expect(open.body.voting).toEqual({
      roundId: v.round.id,
      roundName: v.round.name,
      contestantId: first.id,
      contestantName: first.name,
      mode: 'support',
      remainingMs: 30_000,
      myVote: null,
    });
    const target = { roundId: v.round.id, contestantId: first.id };
    expect((await vote(v, phone, { ...target, value: 1 })).body.voting?.myVote).toBe(1);
    v.clock.now += 1000;
    expect((await vote(v, phone, { ...target, value: 0 })).body.voting?.myVote).toBe(0);

    const votes = (await pulled(v, v.organizer.token)).filter((event) => event.type === 'audience.vote');
    expect(votes.map((event) => event.payload)).toEqual([
      { windowId, contestantId: first.id, voterId: 'aud-1', value: 1, n: 1, atMs: 0 },
      { windowId, contestantId: first.id, voterId: 'aud-1', value: 0, n: 2, atMs: 1000 },
    ]);
    expect(votes.every((event) => event.author.role === 'server')).toBe(true);
  });

  it('refuses a vote after the window’s seconds, and after the host closed it, changing nothing', async () => {
    const v = await venueWithVoting();
    const [first, second] = v.seeded.contestants;
    const phone = await joinPhone(v);
    await openAudienceVoting(v.db, v.round.id, first.id);
    await v.sync();
    v.clock.now += 30_000;
    const head = v.core.head();
    const late = await vote(v, phone, { roundId: v.round.id, contestantId: first.id, value: 1 });
    expect(late.status).toBe(409);
    expect(late.error).toMatchObject({ code: 'votingClosed' });
    expect(late.error?.message).toContain('is not open');
    expect(v.core.head()).toBe(head);

    const windowId = await openAudienceVoting(v.db, v.round.id, second.id);
    await v.sync();
    const target = { roundId: v.round.id, contestantId: second.id };
    expect((await vote(v, phone, { ...target, value: 1 })).status).toBe(200);
    await closeAudienceVoting(v.db, v.round.id, windowId);
    await v.sync();
    const seals = (await pulled(v, v.organizer.token)).filter((event) => event.type === 'audience.seal');
    // Opening the second contestant closed the first window, which took no vote.
    expect(seals.map((event) => (event.payload as { votes: number }).votes)).toEqual([0, 1]);
    const seal = seals.at(-1);
    expect(seal?.payload).toEqual({ windowId, contestantId: second.id, votes: 1 });
    const afterClose = v.core.head();
    expect((await vote(v, phone, { ...target, value: 0 })).status).toBe(409);
    expect(v.core.head()).toBe(afterClose);
  });

  it('judges a window by the time the server admitted it, across a restart', async () => {
    const v = await venueWithVoting();
    const [first] = v.seeded.contestants;
    const phone = await joinPhone(v);
    await openAudienceVoting(v.db, v.round.id, first.id);
    await v.sync();
    v.clock.now += 10_000;
    const target = { roundId: v.round.id, contestantId: first.id };
    expect((await vote(v, phone, { ...target, value: 1 })).status).toBe(200);
    const restarted = new VenueCore({ store: v.store, now: () => v.clock.now });
    const again = { ...v, core: restarted };
    expect((await state(again, phone)).body.voting).toMatchObject({ remainingMs: 20_000, myVote: 1 });
    await vote(again, phone, { ...target, value: 0 });
    const votes = (await pulled(again, v.organizer.token)).filter((event) => event.type === 'audience.vote');
    expect(votes.map((event) => (event.payload as { n: number }).n)).toEqual([1, 2]);
  });

  it('caps the phones of one address and each phone’s requests', async () => {
    const v = await venueWithVoting();
    for (let index = 0; index < 8; index += 1) await joinPhone(v, '10.0.0.7');
    const ninth = await call(v.core, 'POST', '/audience/join', { address: '10.0.0.7' });
    expect(ninth.status).toBe(429);
    expect(ninth.error).toMatchObject({ code: 'tooManyPhones' });
    await joinPhone(v, '10.0.0.8');

    const phone = await joinPhone(v, '10.0.0.9');
    for (let index = 0; index < 10; index += 1) expect((await state(v, phone)).status).toBe(200);
    const flooded = await state(v, phone);
    expect(flooded.status).toBe(429);
    expect(flooded.error).toMatchObject({ code: 'tooManyRequests' });
    expect(flooded.error?.retryAfterMs).toBeGreaterThan(0);
    v.clock.now += 1000;
    expect((await state(v, phone)).status).toBe(200);
  });

  it('refuses a value the round’s mode does not take', async () => {
    const v = await venueWithVoting();
    const [first] = v.seeded.contestants;
    const phone = await joinPhone(v);
    await openAudienceVoting(v.db, v.round.id, first.id);
    await v.sync();
    const answer = await vote(v, phone, { roundId: v.round.id, contestantId: first.id, value: 7 });
    expect(answer.status).toBe(422);
    expect(answer.error).toMatchObject({ code: 'invalidVote' });
  });
});

describe('what an audience token cannot do', () => {
  async function withPhone() {
    const v = await venueWithVoting();
    const [first, second] = v.seeded.contestants;
    const phone = await joinPhone(v);
    await openAudienceVoting(v.db, v.round.id, first.id);
    await v.sync();
    return { ...v, phone, first, second };
  }

  it('cannot push any event: a mark, an entity or a stage event', async () => {
    const v = await withPhone();
    const log = await wireLog(v.db);
    const entity = log.find((event) => event.type === 'entity.put') as WireEvent;
    const mark = {
      ...entity,
      id: 'forged-mark',
      type: 'mark.set',
      author: { role: 'judge', judgeId: v.seeded.judges[0].id },
      payload: {
        judgeId: v.seeded.judges[0].id,
        contestantId: v.first.id,
        criterionId: 'content',
        value: 100,
        revision: 1,
      },
    };
    const stage = {
      ...entity,
      id: 'forged-call',
      type: 'stage.call',
      payload: { contestantId: v.first.id, revision: 9 },
    };
    const head = v.core.head();
    for (const event of [mark, entity, stage]) {
      const answer = await push(v.core, v.phone, [event]);
      expect(answer.status).toBe(401);
    }
    expect(v.core.head()).toBe(head);
  });

  it('cannot pull, open presence, list devices or read its session', async () => {
    const v = await withPhone();
    for (const [method, path, query] of [
      ['GET', '/pull', { after: '0' }],
      ['GET', '/presence', { round: v.round.id }],
      ['GET', '/devices', {}],
      ['GET', '/session', {}],
      ['POST', '/devices/revoke', {}],
    ] as const) {
      const answer = await call(v.core, method, path, { token: v.phone, query });
      expect(answer.status, path).toBe(401);
      expect(JSON.stringify(answer.body)).not.toContain('aud-');
    }
  });

  it('cannot vote for a contestant whose window is not open, nor in another round', async () => {
    const v = await withPhone();
    const head = v.core.head();
    const other = await vote(v, v.phone, { roundId: v.round.id, contestantId: v.second.id, value: 1 });
    expect(other.error).toMatchObject({ code: 'votingClosed' });
    const elsewhere = await vote(v, v.phone, {
      roundId: 'another-round',
      contestantId: v.first.id,
      value: 1,
    });
    expect(elsewhere.error).toMatchObject({ code: 'votingClosed' });
    expect(v.core.head()).toBe(head);
  });

  it('cannot name its voter, nor vote without a token or with a device’s', async () => {
    const v = await withPhone();
    const target = { roundId: v.round.id, contestantId: v.first.id, value: 1 };
    const forged = await vote(v, v.phone, { ...target, voterId: 'aud-99' });
    expect(forged.status).toBe(400);
    expect(forged.error?.message).toContain('voterId');
    expect((await vote(v, 'not-a-token', target)).status).toBe(401);
    expect((await vote(v, v.organizer.token, target)).status).toBe(401);
    const judge = (await joinJudge(v.core, v.seeded.judges[0].joinCode, 'tablet-1')).body;
    expect((await vote(v, judge.token, target)).status).toBe(401);
  });

  it('never reaches a judge; the organizer and the projector read the votes', async () => {
    const v = await withPhone();
    await vote(v, v.phone, { roundId: v.round.id, contestantId: v.first.id, value: 1 });
    const judge = (await joinJudge(v.core, v.seeded.judges[0].joinCode, 'tablet-1')).body;
    const projector = (
      await call<{ token: string }>(v.core, 'POST', '/join/projector', {
        body: { code: v.core.projectorCode(), deviceId: 'projector-1' },
      })
    ).body;
    const votesOf = async (token: string) =>
      (await pulled(v, token)).filter((event) => event.type === 'audience.vote').length;
    expect(await votesOf(judge.token)).toBe(0);
    expect(await votesOf(projector.token)).toBe(1);
    expect(await votesOf(v.organizer.token)).toBe(1);
  });

  it('no device writes a vote or a seal, nor as the server, nor under the server’s device id', async () => {
    const v = await withPhone();
    await vote(v, v.phone, { roundId: v.round.id, contestantId: v.first.id, value: 1 });
    const real = (await pulled(v, v.organizer.token)).find(
      (event) => event.type === 'audience.vote',
    ) as LeitaiEvent;
    const ownDevice = await getDeviceId(v.db);
    const copy = { ...real, id: 'forged-vote', deviceId: ownDevice, deviceSeq: 9000 };
    const asServer = {
      ...copy,
      id: 'forged-open',
      deviceSeq: 9001,
      type: 'audience.open',
      payload: { contestantId: v.first.id, seconds: 60 },
    };
    const underServerId = {
      ...asServer,
      id: 'forged-slot',
      deviceId: real.deviceId,
      author: { role: 'host' },
    };
    const answer = await push(v.core, v.organizer.token, [copy, asServer, underServerId]);
    expect(answer.body.refused.map((refused) => refused.code)).toEqual([
      'forbiddenAuthor',
      'forbiddenAuthor',
      'foreignDevice',
    ]);
  });
});
