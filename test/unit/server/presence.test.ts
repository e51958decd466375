// @vitest-environment node
// GET /presence: the host console sees, per judge of a round, whether a tablet is connected and
// when one last reached the server; nobody else may ask, and the answer gives away nothing more.
import { describe, expect, it } from 'vitest';
import { getDeviceId } from '../../../src/db/repository';
import type { PresenceResponse, SessionInfo } from '../../../src/sync/protocol';
import { freshDb, seedRound } from '../db/helpers';
import { call, claim, joinJudge, push, testServer, wireLog } from './helpers';

/** A claimed server with the organizer's round of three judges; the first judge's tablet joined at 09:00. */
async function venue() {
  const server = testServer();
  const laptop = freshDb();
  const organizer = await claim(server.core, await getDeviceId(laptop));
  const seeded = await seedRound(laptop);
  expect((await push(server.core, organizer.token, await wireLog(laptop))).body.refused).toEqual([]);
  const tablet = (await joinJudge(server.core, seeded.judges[0].joinCode, 'tablet-1')).body;
  return { ...server, organizer, seeded, tablet };
}

type Venue = Awaited<ReturnType<typeof venue>>;

const presence = (v: Venue, token: string | null, round: string | null = v.seeded.round.id) =>
  call<PresenceResponse>(v.core, 'GET', '/presence', {
    token,
    query: round === null ? {} : { round },
  });

const minutes = (v: Venue, count: number) => {
  v.clock.now += count * 60_000;
};

describe('GET /presence', () => {
  it('says, per judge of the round in panel order, whether a tablet is online and when one last made contact', async () => {
    const v = await venue();
    v.core.liveOpened(v.tablet.deviceId);
    minutes(v, 4);
    const answer = await presence(v, v.organizer.token);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      checkedAt: '2026-11-23T09:04:00.000Z',
      judges: [
        {
          judgeId: v.seeded.judges[0].id,
          tablets: 1,
          online: true,
          lastContactAt: '2026-11-23T09:00:00.000Z',
        },
        { judgeId: v.seeded.judges[1].id, tablets: 0, online: false, lastContactAt: null },
        { judgeId: v.seeded.judges[2].id, tablets: 0, online: false, lastContactAt: null },
      ],
    });
  });

  it('shows a tablet offline once its socket closes, with the last time it was heard from', async () => {
    const v = await venue();
    v.core.liveOpened(v.tablet.deviceId);
    minutes(v, 3);
    // A pull at 09:03, then the Wi-Fi drops at 09:05.
    await call(v.core, 'GET', '/pull', { token: v.tablet.token, query: { after: '0' } });
    minutes(v, 2);
    v.core.liveClosed(v.tablet.deviceId);
    minutes(v, 9);
    const [first] = (await presence(v, v.organizer.token)).body.judges;
    expect(first).toEqual({
      judgeId: v.seeded.judges[0].id,
      tablets: 1,
      online: false,
      lastContactAt: '2026-11-23T09:03:00.000Z',
    });
  });

  it('counts a judge online while any one of their tablets holds a socket', async () => {
    const v = await venue();
    const second = (await joinJudge(v.core, v.seeded.judges[0].joinCode, 'tablet-2')).body;
    v.core.liveOpened(v.tablet.deviceId);
    v.core.liveOpened(second.deviceId);
    v.core.liveClosed(v.tablet.deviceId);
    const [first] = (await presence(v, v.organizer.token)).body.judges;
    expect(first).toMatchObject({ tablets: 2, online: true });
    v.core.liveClosed(second.deviceId);
    expect((await presence(v, v.organizer.token)).body.judges[0]).toMatchObject({ online: false });
  });

  it('leaves out a revoked tablet', async () => {
    const v = await venue();
    v.core.liveOpened(v.tablet.deviceId);
    await call(v.core, 'POST', '/devices/revoke', {
      token: v.organizer.token,
      body: { deviceId: v.tablet.deviceId },
    });
    expect((await presence(v, v.organizer.token)).body.judges[0]).toMatchObject({
      tablets: 0,
      online: false,
    });
  });

  it("is the organizer's alone: a judge's tablet and the projector are refused, a stranger unauthorized", async () => {
    const v = await venue();
    const code = (
      await call<{ projectorCode: string }>(v.core, 'GET', '/devices', { token: v.organizer.token })
    ).body.projectorCode;
    const projector = (
      await call<SessionInfo>(v.core, 'POST', '/join/projector', { body: { code, deviceId: 'projector-1' } })
    ).body;
    for (const token of [v.tablet.token, projector.token]) {
      const refused = await presence(v, token);
      expect(refused.status).toBe(403);
      expect(refused.error?.code).toBe('organizerOnly');
      expect(refused.body).not.toHaveProperty('judges');
    }
    for (const token of [null, 'forged-token']) {
      const refused = await presence(v, token);
      expect(refused.status).toBe(401);
      expect(refused.error?.code).toBe('unauthorized');
    }
  });

  it('names a missing or unknown round in its refusal', async () => {
    const v = await venue();
    const missing = await presence(v, v.organizer.token, null);
    expect(missing.status).toBe(400);
    expect(missing.error?.message).toContain('round');
    const unknown = await presence(v, v.organizer.token, 'no-such-round');
    expect(unknown.status).toBe(404);
    expect(unknown.error?.message).toContain('no-such-round');
  });

  it('gives away no device id, device key, token or join code', async () => {
    const v = await venue();
    v.core.liveOpened(v.tablet.deviceId);
    const text = JSON.stringify((await presence(v, v.organizer.token)).body);
    const secrets = [
      v.tablet.deviceId,
      v.tablet.deviceKey as string,
      v.tablet.token,
      v.organizer.token,
      v.organizer.deviceId,
      ...v.seeded.judges.map((judge) => judge.joinCode),
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
