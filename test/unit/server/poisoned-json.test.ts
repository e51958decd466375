// @vitest-environment node
// JSON.parse gives objects whose own keys shadow Object.prototype ({"toString": null}): String()
// or a template literal on one throws. Every field of every request the server accepts, replaced
// by such an object, must be refused with a 4xx naming the request as malformed, never a 5xx or
// a thrown error; and the server must still hold and serve what it had.
import { describe, expect, it } from 'vitest';
import { getDeviceId } from '../../../src/db/repository';
import type { PullResponse, PushResponse, WireEvent } from '../../../src/sync/protocol';
import { freshDb, seedRound } from '../db/helpers';
import { call, claim, joinJudge, push, testServer, wireLog } from './helpers';

const POISONS: readonly unknown[] = [
  JSON.parse('{"toString": null, "valueOf": null}'),
  JSON.parse('{"toString": {}, "valueOf": {}}'),
  JSON.parse('[{"toString": null}]'),
];

/** Every path to a value inside `value` (the root too), as key lists. */
function pathsOf(value: unknown, path: readonly string[] = []): (readonly string[])[] {
  const paths = [path];
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) paths.push(...pathsOf(child, [...path, key]));
  }
  return paths;
}

/** A deep copy of `value` with the value at `path` replaced. */
function replacedAt(value: unknown, path: readonly string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1] as string] = replacement;
  return copy;
}

async function venue() {
  const server = testServer();
  const laptop = freshDb();
  const organizer = await claim(server.core, await getDeviceId(laptop));
  const seeded = await seedRound(laptop);
  const setup = await wireLog(laptop);
  expect((await push(server.core, organizer.token, setup)).body.refused).toEqual([]);
  const judge = (await joinJudge(server.core, seeded.judges[0].joinCode, 'tablet-1')).body;
  const mark = {
    id: 'mark-tablet-1-1',
    deviceId: 'tablet-1',
    deviceSeq: 1,
    author: { role: 'judge', judgeId: seeded.judges[0].id },
    competitionId: seeded.competition.id,
    roundId: seeded.round.id,
    recordedAt: '2026-11-23T09:30:00.000Z',
    type: 'mark.set',
    payload: {
      judgeId: seeded.judges[0].id,
      contestantId: seeded.contestants[1].id,
      criterionId: 'content',
      value: 3550,
      revision: 1,
    },
  } as WireEvent;
  return { ...server, organizer, seeded, setup, judge, mark };
}

describe('a request with an object that shadows toString in any field', () => {
  it('is refused as malformed on every route, and the server still serves its log', async () => {
    const v = await venue();
    const requests: { path: string; token: string | null; body: unknown }[] = [
      { path: '/claim', token: null, body: { claimCode: '12345678', password: 'x', deviceId: 'd' } },
      { path: '/login', token: null, body: { password: 'x', deviceId: 'd', deviceKey: 'k' } },
      { path: '/join/judge', token: null, body: { code: '00000000', deviceId: 'd' } },
      { path: '/join/projector', token: null, body: { code: '00000000', deviceId: 'd' } },
      { path: '/devices/revoke', token: v.organizer.token, body: { deviceId: 'nobody' } },
      { path: '/push', token: v.judge.token, body: { events: [v.mark] } },
      { path: '/push', token: v.organizer.token, body: { events: v.setup.slice(0, 3) } },
    ];
    let probes = 0;
    for (const request of requests) {
      for (const path of pathsOf(request.body)) {
        for (const poison of POISONS) {
          const body = replacedAt(request.body, path, poison);
          const answer = await call<PushResponse>(v.core, 'POST', request.path, {
            token: request.token,
            body,
          });
          probes++;
          const probe = `${request.path} with ${path.join('.') || 'the body'} poisoned`;
          if (request.path === '/push' && answer.status === 200) {
            // A push is answered event by event: the poisoned event is refused, nothing stored.
            expect(answer.body.accepted, probe).toBe(0);
            expect(answer.body.refused.length, probe).toBeGreaterThan(0);
          } else {
            expect(answer.status, probe).toBeGreaterThanOrEqual(400);
            expect(answer.status, probe).toBeLessThan(500);
          }
        }
      }
    }
    for (const poison of POISONS) {
      const answer = await call(v.core, 'GET', '/pull', {
        token: v.organizer.token,
        query: { since: '0' },
        protocol: JSON.stringify(poison),
      });
      expect(answer.status).toBe(400);
    }
    expect(probes).toBeGreaterThan(100);
    const pulled = await call<PullResponse>(v.core, 'GET', '/pull', {
      token: v.organizer.token,
      query: { since: '0' },
    });
    expect(pulled.status).toBe(200);
    expect(pulled.body.events.map((event) => event.id)).toEqual(v.setup.map((event) => event.id));
  });
});
