// @vitest-environment node
// The venue server's core in process: storage, idempotent push, pull by cursor, and every
// refusal (who may do what).
import { describe, expect, it } from 'vitest';
import { enterMark, getDeviceId } from '../../../src/db/repository';
import type { PullResponse, PushResponse, SessionInfo, WireEvent } from '../../../src/sync/protocol';
import { toWire } from '../../../src/sync/wire';
import { freshDb, seedRound } from '../db/helpers';
import { CLAIM_CODE, call, claim, joinJudge, PASSWORD, push, testServer, wireLog } from './helpers';

/** A claimed server holding an organizer's round (three judges), and a judge's tablet joined. */
async function venue() {
  const server = testServer();
  const organizer = claim(server.core);
  const laptop = freshDb();
  const seeded = await seedRound(laptop);
  const setup = await wireLog(laptop);
  expect(push(server.core, organizer.token, setup).status).toBe(200);
  const tablet = freshDb();
  const tabletId = await getDeviceId(tablet);
  const judge = joinJudge(server.core, seeded.judges[0].joinCode, tabletId).body;
  return { ...server, organizer, laptop, seeded, setup, tablet, tabletId, judge };
}

/** A mark.set written by a judge's tablet as src/db/marks.ts writes it. */
function markEvent(deviceId: string, judgeId: string, overrides: Partial<WireEvent> = {}): WireEvent {
  return {
    id: `mark-${deviceId}-${overrides.deviceSeq ?? 1}`,
    deviceId,
    deviceSeq: 1,
    author: { role: 'judge', judgeId },
    competitionId: 'c',
    roundId: 'r',
    recordedAt: '2026-11-23T09:30:00.000Z',
    type: 'mark.set',
    payload: { judgeId, contestantId: 'p', criterionId: 'content', value: 3550, revision: 1 },
    ...overrides,
  } as WireEvent;
}

describe('push and pull', () => {
  it('stores each event once, numbers the new ones, and acknowledges duplicates', async () => {
    const { core, organizer, setup } = await venue();
    const again = push(core, organizer.token, setup);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      acknowledged: setup.map((event) => event.id),
      accepted: 0,
      duplicates: setup.length,
      head: setup.length,
    } satisfies PushResponse);
    const pulled = call<PullResponse>(core, 'GET', '/pull', {
      token: organizer.token,
      query: { after: '0' },
    });
    expect(pulled.body.events).toEqual(setup);
    expect(pulled.body.cursor).toBe(setup.length);
    expect(pulled.body.head).toBe(setup.length);
  });

  it('pulls after a cursor, in pages', async () => {
    const { core, organizer, setup } = await venue();
    const page = (after: number) =>
      call<PullResponse>(core, 'GET', '/pull', {
        token: organizer.token,
        query: { after: String(after), limit: '3' },
      }).body;
    const first = page(0);
    expect(first.events).toEqual(setup.slice(0, 3));
    expect(first.cursor).toBe(3);
    const second = page(first.cursor);
    expect(second.events).toEqual(setup.slice(3, 6));
    const end = page(setup.length);
    expect(end).toMatchObject({ events: [], cursor: setup.length, head: setup.length });
  });

  it('takes a batch whole or not at all: a bad event refuses the batch', async () => {
    const { core, judge, tabletId, seeded } = await venue();
    const head = core.head();
    const good = markEvent(tabletId, seeded.judges[0].id);
    const bad = { ...markEvent(tabletId, seeded.judges[0].id, { deviceSeq: 2 }), payload: { value: '35.5' } };
    const answer = push(core, judge.token, [good, bad]);
    expect(answer.status).toBe(400);
    expect(answer.error).toMatchObject({ code: 'malformedEvent', index: 1, path: 'payload.judgeId' });
    expect(core.head()).toBe(head);
  });

  it('refuses a second, different event in a device’s sequence slot, and keeps nothing of that batch', async () => {
    const { core, judge, tabletId, seeded } = await venue();
    const judgeId = seeded.judges[0].id;
    expect(push(core, judge.token, [markEvent(tabletId, judgeId)]).status).toBe(200);
    const head = core.head();
    const next = markEvent(tabletId, judgeId, { deviceSeq: 2, id: 'next' });
    const clash = markEvent(tabletId, judgeId, { id: 'impostor' });
    const answer = push(core, judge.token, [next, clash]);
    expect(answer.status).toBe(409);
    expect(answer.error).toMatchObject({ code: 'eventConflict', index: 1, eventId: 'impostor' });
    expect(core.head()).toBe(head);
  });

  it('stores a judge’s real marks pushed from the tablet’s outbox', async () => {
    const { core, judge, tablet, setup, seeded } = await venue();
    const { applyRemoteEvents, readOutbox } = await import('../../../src/db/repository');
    const { fromWire } = await import('../../../src/sync/wire');
    await applyRemoteEvents(tablet, setup.map(fromWire));
    await enterMark(tablet, {
      roundId: seeded.round.id,
      judgeId: seeded.judges[0].id,
      contestantId: seeded.contestants[1].id,
      criterionId: 'content',
      value: 3550,
    });
    const outbox = await Promise.all((await readOutbox(tablet)).map(toWire));
    expect(outbox).toHaveLength(1);
    const answer = push(core, judge.token, outbox);
    expect(answer.body).toMatchObject({ accepted: 1, duplicates: 0, head: setup.length + 1 });
  });

  it('pokes subscribers after a commit that added events, not after a duplicate', async () => {
    const { core, organizer, setup } = await venue();
    const notices: unknown[] = [];
    core.subscribe((notice) => notices.push(notice));
    push(core, organizer.token, setup);
    expect(notices).toEqual([]);
    push(core, organizer.token, [{ ...setup[0], id: 'another', deviceSeq: 999 }]);
    expect(notices).toEqual([{ type: 'commit', head: setup.length + 1 }]);
  });
});

describe('claim and login', () => {
  it('lets the organizer claim the server once with the printed code, then log in with the password', () => {
    const { core, store } = testServer();
    expect(core.pendingClaimCode()).toBe(CLAIM_CODE);
    expect(call(core, 'GET', '/hello').body).toMatchObject({ claimed: false, protocol: 1 });
    const session = claim(core);
    expect(session).toMatchObject({ role: 'organizer', judgeId: null, deviceId: 'organizer-laptop' });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(core.pendingClaimCode()).toBeNull();
    expect(call(core, 'GET', '/hello').body).toMatchObject({ claimed: true });
    const again = call(core, 'POST', '/claim', {
      body: { claimCode: CLAIM_CODE, password: 'x'.repeat(8), deviceId: 'd' },
    });
    expect(again.error?.code).toBe('alreadyClaimed');
    const login = call<SessionInfo>(core, 'POST', '/login', {
      body: { password: PASSWORD, deviceId: 'host' },
    });
    expect(login.body.role).toBe('organizer');
    // Tokens are stored hashed: neither token is in the database file's tables.
    const stored = JSON.stringify(store.db.prepare('SELECT * FROM tokens').all());
    expect(stored).not.toContain(session.token);
    expect(stored).not.toContain(login.body.token);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM meta').all())).not.toContain(PASSWORD);
  });

  it('refuses a wrong claim code, a short password, and a login before the claim', () => {
    const { core } = testServer();
    const attempt = (claimCode: string, password: string) =>
      call(core, 'POST', '/claim', { body: { claimCode, password, deviceId: 'd' } }).error?.code;
    expect(attempt('00000000', PASSWORD)).toBe('badClaimCode');
    expect(attempt(CLAIM_CODE, '12345')).toBe('weakPassword');
    expect(call(core, 'POST', '/login', { body: { password: PASSWORD, deviceId: 'd' } }).error?.code).toBe(
      'notClaimed',
    );
    expect(core.isClaimed()).toBe(false);
  });

  it('slows down repeated failures from one address, and only that address', () => {
    const { core, clock } = testServer();
    claim(core);
    const login = (password: string, address = '192.168.1.66') =>
      call(core, 'POST', '/login', { body: { password, deviceId: 'd' }, address });
    for (let i = 0; i < 3; i += 1) expect(login('guess').error?.code).toBe('badPassword');
    expect(login('guess').error?.code).toBe('badPassword'); // the 4th failure starts a 1 s wait
    const blocked = login(PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.error).toMatchObject({ code: 'tooManyAttempts', retryAfterMs: 1000 });
    expect(login(PASSWORD, '192.168.1.67').status).toBe(200);
    clock.now += 1000;
    expect(login('guess').error?.code).toBe('badPassword'); // 5th: the wait doubles
    clock.now += 1000;
    expect(login(PASSWORD).error).toMatchObject({ code: 'tooManyAttempts', retryAfterMs: 1000 });
    clock.now += 1000;
    expect(login(PASSWORD).status).toBe(200);
    // A success clears the address.
    expect(login('guess').error?.code).toBe('badPassword');
  });
});

describe('joining', () => {
  it('binds a tablet to the judge whose join code it gives', async () => {
    const { judge, seeded, tabletId } = await venue();
    expect(judge).toMatchObject({ role: 'judge', judgeId: seeded.judges[0].id, deviceId: tabletId });
  });

  it('refuses an unknown join code, a deleted judge’s code, and slows guessing', async () => {
    const { core, organizer, laptop, seeded } = await venue();
    const { deleteJudge, readOutbox } = await import('../../../src/db/repository');
    await deleteJudge(laptop, seeded.round.id, seeded.judges[2].id);
    const outbox = await Promise.all((await readOutbox(laptop)).map(toWire));
    push(core, organizer.token, outbox);
    expect(joinJudge(core, seeded.judges[2].joinCode, 'tablet-3').error?.code).toBe('badJoinCode');
    expect(joinJudge(core, 'abcdef', 'tablet-3').error?.code).toBe('badJoinCode');
    expect(joinJudge(core, '000000', 'tablet-3').error?.code).toBe('badJoinCode');
    expect(joinJudge(core, '000001', 'tablet-3').error?.code).toBe('badJoinCode');
    expect(joinJudge(core, seeded.judges[1].joinCode, 'tablet-3').error?.code).toBe('tooManyAttempts');
  });

  it('joins the projector with the server’s projector code, read-only', async () => {
    const { core, organizer } = await venue();
    const code = call<{ projectorCode: string }>(core, 'GET', '/devices', { token: organizer.token }).body
      .projectorCode;
    expect(code).toMatch(/^\d{8}$/);
    expect(call(core, 'POST', '/join/projector', { body: { code: '1', deviceId: 'p' } }).error?.code).toBe(
      'badJoinCode',
    );
    const projector = call<SessionInfo>(core, 'POST', '/join/projector', {
      body: { code, deviceId: 'p' },
    }).body;
    expect(projector.role).toBe('projector');
    expect(call(core, 'GET', '/pull', { token: projector.token }).status).toBe(200);
  });
});

describe('refusals', () => {
  it('refuses every call without a valid token', async () => {
    const { core } = await venue();
    for (const [method, path] of [
      ['GET', '/pull'],
      ['POST', '/push'],
      ['GET', '/session'],
      ['GET', '/devices'],
      ['POST', '/devices/revoke'],
    ] as const) {
      for (const token of [null, 'not-a-token']) {
        const answer = call(core, method, path, { token, body: { events: [] } });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.error?.code).toBe('unauthorized');
      }
    }
  });

  it('refuses any write from the projector', async () => {
    const { core, organizer, setup } = await venue();
    const code = call<{ projectorCode: string }>(core, 'GET', '/devices', { token: organizer.token }).body
      .projectorCode;
    const projector = call<SessionInfo>(core, 'POST', '/join/projector', {
      body: { code, deviceId: 'p' },
    }).body;
    expect(push(core, projector.token, []).error?.code).toBe('readOnlyDevice');
    expect(push(core, projector.token, setup.slice(0, 1)).error?.code).toBe('readOnlyDevice');
  });

  it('refuses a judge’s event that claims another judge, in its author or its payload', async () => {
    const { core, judge, tabletId, seeded } = await venue();
    const [mine, other] = [seeded.judges[0].id, seeded.judges[1].id];
    const head = core.head();
    const asOther = markEvent(tabletId, other);
    expect(push(core, judge.token, [asOther]).error).toMatchObject({ code: 'forbiddenAuthor', index: 0 });
    const payloadOther = markEvent(tabletId, mine, {
      payload: { judgeId: other, contestantId: 'p', criterionId: 'content', value: 100, revision: 1 },
    } as Partial<WireEvent>);
    expect(push(core, judge.token, [payloadOther]).error?.code).toBe('forbiddenAuthor');
    const submitOther = {
      ...markEvent(tabletId, mine),
      type: 'sheet.submit',
      payload: { judgeId: other, contestantId: 'p', revision: 1 },
    } as WireEvent;
    expect(push(core, judge.token, [submitOther]).error?.code).toBe('forbiddenAuthor');
    expect(core.head()).toBe(head);
  });

  it('refuses a judge’s tablet writing setup or host events, or another device’s events', async () => {
    const { core, judge, tabletId, seeded, setup } = await venue();
    const entity = { ...(setup[0] as WireEvent), deviceId: tabletId };
    expect(push(core, judge.token, [entity]).error?.code).toBe('forbiddenAuthor');
    const adjustment = {
      ...markEvent(tabletId, seeded.judges[0].id),
      author: { role: 'host' },
      type: 'adjustment.add',
      payload: { adjustmentId: 'a', contestantId: 'p', label: '加分', points: 100, reason: '' },
    } as WireEvent;
    expect(push(core, judge.token, [adjustment]).error?.code).toBe('forbiddenAuthor');
    const foreign = markEvent('someone-else', seeded.judges[0].id);
    expect(push(core, judge.token, [foreign]).error?.code).toBe('foreignDevice');
    expect(push(core, judge.token, [markEvent(tabletId, seeded.judges[0].id)]).status).toBe(200);
  });

  it('lets only the organizer list and revoke devices; a revoked token is refused from then on', async () => {
    const { core, organizer, judge, tabletId } = await venue();
    expect(call(core, 'GET', '/devices', { token: judge.token }).error?.code).toBe('organizerOnly');
    expect(
      call(core, 'POST', '/devices/revoke', { token: judge.token, body: { deviceId: tabletId } }).error?.code,
    ).toBe('organizerOnly');
    const notices: unknown[] = [];
    core.subscribe((notice) => notices.push(notice));
    const revoked = call(core, 'POST', '/devices/revoke', {
      token: organizer.token,
      body: { deviceId: tabletId },
    });
    expect(revoked.body).toEqual({ revoked: 1 });
    expect(notices).toEqual([{ type: 'revoke', deviceId: tabletId }]);
    expect(call(core, 'GET', '/pull', { token: judge.token }).error?.code).toBe('unauthorized');
    const devices = call<{ devices: { deviceId: string; revoked: boolean }[] }>(core, 'GET', '/devices', {
      token: organizer.token,
    }).body.devices;
    expect(devices.find((device) => device.deviceId === tabletId)?.revoked).toBe(true);
  });

  it('names protocol versions it cannot serve', () => {
    const { core } = testServer();
    expect(call(core, 'GET', '/hello', { protocol: '0' }).error?.code).toBe('protocolTooOld');
    expect(call(core, 'GET', '/hello', { protocol: '2' }).error?.code).toBe('protocolTooNew');
    expect(call(core, 'GET', '/hello', { protocol: null }).error?.code).toBe('malformedRequest');
    expect(call(core, 'GET', '/hello', { protocol: '2' }).status).toBe(426);
  });

  it('refuses malformed requests by name', async () => {
    const { core, organizer } = await venue();
    expect(call(core, 'POST', '/push', { token: organizer.token, body: { nope: 1 } }).error?.code).toBe(
      'malformedRequest',
    );
    expect(call(core, 'GET', '/pull', { token: organizer.token, query: { after: '-1' } }).error?.code).toBe(
      'malformedRequest',
    );
    expect(call(core, 'GET', '/pull', { token: organizer.token, query: { limit: '5000' } }).error?.code).toBe(
      'malformedRequest',
    );
    expect(call(core, 'GET', '/nothing').error?.code).toBe('notFound');
    const tooMany = Array.from({ length: 501 }, () => ({}));
    expect(push(core, organizer.token, tooMany).error?.code).toBe('tooLarge');
  });
});
