// @vitest-environment node
// The venue server's core in process: storage, push answered event by event, pulls filtered by
// role, and every refusal (who may do what, what the setup allows).
import { describe, expect, it } from 'vitest';
import { commitDrawSeed, enterMark, getDeviceId } from '../../../src/db/repository';
import { seedFingerprint } from '../../../src/domain/draw';
import { ATTEMPT_RULES } from '../../../src/server/auth';
import type { CoreNotice } from '../../../src/server/core';
import {
  PROTOCOL_VERSION,
  type PullResponse,
  type SessionInfo,
  type WireEvent,
} from '../../../src/sync/protocol';
import { toWire } from '../../../src/sync/wire';
import { freshDb, seedRound } from '../db/helpers';
import { CLAIM_CODE, call, claim, joinJudge, PASSWORD, push, testServer, wireLog } from './helpers';

/** A claimed server holding an organizer's round (three judges), and a judge's tablet joined. */
async function venue() {
  const server = testServer();
  const laptop = freshDb();
  const organizer = await claim(server.core, await getDeviceId(laptop));
  const seeded = await seedRound(laptop);
  const setup = await wireLog(laptop);
  expect((await push(server.core, organizer.token, setup)).body.refused).toEqual([]);
  const tablet = freshDb();
  const tabletId = await getDeviceId(tablet);
  const judge = (await joinJudge(server.core, seeded.judges[0].joinCode, tabletId)).body;
  return { ...server, organizer, laptop, seeded, setup, tablet, tabletId, judge };
}

type Venue = Awaited<ReturnType<typeof venue>>;

/** A mark.set written by a judge's tablet as src/db/marks.ts writes it, in the seeded round. */
function markEvent(
  v: Venue,
  overrides: Partial<WireEvent> & { value?: number; revision?: number; judgeIndex?: 0 | 1 | 2 } = {},
) {
  const { value = 3550, revision = 1, judgeIndex = 0, ...rest } = overrides;
  const judgeId = v.seeded.judges[judgeIndex].id;
  const deviceSeq = rest.deviceSeq ?? 1;
  return {
    id: `mark-${v.tabletId}-${deviceSeq}`,
    deviceId: v.tabletId,
    deviceSeq,
    author: { role: 'judge', judgeId },
    competitionId: v.seeded.competition.id,
    roundId: v.seeded.round.id,
    recordedAt: '2026-11-23T09:30:00.000Z',
    type: 'mark.set',
    payload: {
      judgeId,
      contestantId: v.seeded.contestants[1].id,
      criterionId: 'content',
      value,
      revision,
    },
    ...rest,
  } as WireEvent;
}

async function pullAll(v: Venue, token: string): Promise<WireEvent[]> {
  const events: WireEvent[] = [];
  let after = 0;
  for (;;) {
    const page = (
      await call<PullResponse>(v.core, 'GET', '/pull', { token, query: { after: String(after), limit: '4' } })
    ).body;
    events.push(...page.events);
    after = page.cursor;
    if (page.cursor >= page.head) return events;
  }
}

async function projectorSession(v: Venue): Promise<SessionInfo> {
  const code = (
    await call<{ projectorCode: string }>(v.core, 'GET', '/devices', { token: v.organizer.token })
  ).body.projectorCode;
  return (
    await call<SessionInfo>(v.core, 'POST', '/join/projector', { body: { code, deviceId: 'projector-1' } })
  ).body;
}

describe('push, answered event by event', () => {
  it('stores each event once, numbers the new ones, and acknowledges duplicates', async () => {
    const v = await venue();
    const again = await push(v.core, v.organizer.token, v.setup);
    expect(again.body).toEqual({
      acknowledged: v.setup.map((event) => event.id),
      refused: [],
      accepted: 0,
      duplicates: v.setup.length,
      head: v.setup.length,
    });
    expect(await pullAll(v, v.organizer.token)).toEqual(v.setup);
  });

  it('refuses a bad event in the middle of a batch and stores the ones around it', async () => {
    const v = await venue();
    const head = v.core.head();
    const good = markEvent(v);
    const malformed = { ...markEvent(v, { deviceSeq: 2 }), payload: { value: '35.5' } };
    const outOfRange = markEvent(v, { deviceSeq: 3, value: 99_999 });
    const after = markEvent(v, { deviceSeq: 4, value: 3000, revision: 2 });
    const answer = await push(v.core, v.judge.token, [good, malformed, outOfRange, after]);
    expect(answer.status).toBe(200);
    expect(answer.body.acknowledged).toEqual([good.id, after.id]);
    expect(answer.body.refused).toMatchObject([
      { index: 1, eventId: malformed.id, code: 'malformedEvent', path: 'payload.judgeId' },
      { index: 2, eventId: outOfRange.id, code: 'invalidMark', path: 'payload.value' },
    ]);
    expect(v.core.head()).toBe(head + 2);
  });

  it('refuses a second, different event in a device’s sequence slot, alone', async () => {
    const v = await venue();
    expect((await push(v.core, v.judge.token, [markEvent(v)])).body.accepted).toBe(1);
    const clash = { ...markEvent(v), id: 'impostor' };
    const next = markEvent(v, { deviceSeq: 2 });
    const answer = await push(v.core, v.judge.token, [clash, next]);
    expect(answer.body.refused).toMatchObject([{ index: 0, eventId: 'impostor', code: 'eventConflict' }]);
    expect(answer.body.acknowledged).toEqual([next.id]);
  });

  it('stores a judge’s real marks pushed from the tablet’s outbox', async () => {
    const v = await venue();
    const { applyRemoteEvents, readOutbox } = await import('../../../src/db/repository');
    const { fromWire } = await import('../../../src/sync/wire');
    await applyRemoteEvents(v.tablet, v.setup.map(fromWire));
    await enterMark(v.tablet, {
      roundId: v.seeded.round.id,
      judgeId: v.seeded.judges[0].id,
      contestantId: v.seeded.contestants[1].id,
      criterionId: 'content',
      value: 3550,
    });
    const outbox = await Promise.all((await readOutbox(v.tablet)).map(toWire));
    const answer = await push(v.core, v.judge.token, outbox);
    expect(answer.body).toMatchObject({ accepted: 1, refused: [], head: v.setup.length + 1 });
  });

  it('pokes subscribers after a commit that added events, not after a duplicate or a refusal', async () => {
    const v = await venue();
    const notices: unknown[] = [];
    v.core.subscribe((notice) => notices.push(notice));
    await push(v.core, v.organizer.token, v.setup);
    await push(v.core, v.judge.token, [markEvent(v, { value: -1 })]);
    expect(notices).toEqual([]);
    await push(v.core, v.judge.token, [markEvent(v)]);
    expect(notices).toMatchObject([{ type: 'commit', head: v.setup.length + 1 }]);
  });

  it('pokes only the devices that may read something of a commit', async () => {
    const v = await venue();
    const notices: CoreNotice[] = [];
    v.core.subscribe((notice) => notices.push(notice));
    await push(v.core, v.judge.token, [markEvent(v)]);
    const [notice] = notices;
    if (notice?.type !== 'commit') throw new Error('expected a commit notice');
    const judges = v.seeded.judges.map((judge) => judge.id);
    const session = (role: 'organizer' | 'judge' | 'projector', judgeId: string | null = null) => ({
      role,
      judgeId,
      deviceId: 'd',
    });
    expect(notice.readers.has(session('organizer'))).toBe(true);
    expect(notice.readers.has(session('judge', judges[0] as string))).toBe(true);
    expect(notice.readers.has(session('judge', judges[1] as string))).toBe(false);
    expect(notice.readers.has(session('projector'))).toBe(false);
  });
});

describe('what the setup allows (the server’s own fold)', () => {
  it('refuses marks out of range, negative, off step or for an unknown criterion', async () => {
    const v = await venue();
    const cases: [Partial<WireEvent> & { value?: number }, string][] = [
      [{ value: 99_999 }, 'invalidMark'],
      [{ value: -1 }, 'invalidMark'],
      [{ value: 3555 }, 'invalidMark'],
      [{ payload: { ...markEvent(v).payload, criterionId: 'nope' } } as Partial<WireEvent>, 'unknownEntity'],
    ];
    for (const [index, [overrides, code]] of cases.entries()) {
      const answer = await push(v.core, v.judge.token, [
        markEvent(v, { deviceSeq: index + 1, ...overrides }),
      ]);
      expect(answer.body.refused[0]?.code, JSON.stringify(overrides)).toBe(code);
    }
    expect(v.core.head()).toBe(v.setup.length);
  });

  it('refuses a mark above a criterion’s lowered max once the organizer lowered it', async () => {
    const v = await venue();
    const { updateRound, readOutbox } = await import('../../../src/db/repository');
    const criteria = v.seeded.round.criteria.map((criterion) =>
      criterion.id === 'content' ? { ...criterion, max: 3000 } : criterion,
    );
    await updateRound(v.laptop, v.seeded.round.id, { criteria });
    await push(v.core, v.organizer.token, await Promise.all((await readOutbox(v.laptop)).map(toWire)));
    const answer = await push(v.core, v.judge.token, [markEvent(v, { value: 3550 })]);
    expect(answer.body.refused).toMatchObject([{ code: 'invalidMark' }]);
    expect(
      (await push(v.core, v.judge.token, [markEvent(v, { deviceSeq: 2, value: 3000 })])).body.accepted,
    ).toBe(1);
  });

  it('keeps a judge inside its own round: another competition, another round, no round (finding 8)', async () => {
    const v = await venue();
    const { readOutbox } = await import('../../../src/db/repository');
    await v.laptop.outbox.clear();
    const otherRound = await seedRound(v.laptop);
    const otherSetup = await Promise.all((await readOutbox(v.laptop, 500)).map(toWire));
    expect((await push(v.core, v.organizer.token, otherSetup)).body.refused).toEqual([]);
    const cases = [
      { competitionId: otherRound.competition.id, roundId: otherRound.round.id },
      { roundId: otherRound.round.id },
      { roundId: null },
    ];
    for (const [index, scope] of cases.entries()) {
      const answer = await push(v.core, v.judge.token, [markEvent(v, { deviceSeq: index + 1, ...scope })]);
      expect(answer.body.refused[0]?.code, JSON.stringify(scope)).toMatch(/outsideOwnRound|unknownEntity/);
    }
    expect(v.core.head()).toBe(v.setup.length + otherSetup.length);
  });

  it('bounds how far a revision may jump past the cell’s stored one (finding 3)', async () => {
    const v = await venue();
    const poisoned = markEvent(v, {
      payload: { ...markEvent(v).payload, revision: Number.MAX_SAFE_INTEGER },
    } as never);
    expect((await push(v.core, v.judge.token, [poisoned])).body.refused).toMatchObject([
      { code: 'revisionTooFar', path: 'payload.revision' },
    ]);
    const honest = markEvent(v, { deviceSeq: 2 });
    expect((await push(v.core, v.judge.token, [honest])).body.accepted).toBe(1);
    const edit = markEvent(v, { deviceSeq: 3, revision: 2 });
    expect((await push(v.core, v.judge.token, [edit])).body.refused).toEqual([]);
  });
});

describe('pulls filtered by role (finding 1)', () => {
  it('gives join codes to the organizer only', async () => {
    const v = await venue();
    const projector = await projectorSession(v);
    const codes = (events: WireEvent[]) =>
      events.flatMap((event) =>
        event.type === 'entity.put' && event.payload.table === 'judges'
          ? [event.payload.entity.joinCode]
          : [],
      );
    expect(codes(await pullAll(v, v.organizer.token))).toEqual(
      v.seeded.judges.map((judge) => judge.joinCode),
    );
    expect(codes(await pullAll(v, v.judge.token))).toEqual(['', '', '']);
    expect(codes(await pullAll(v, projector.token))).toEqual(['', '', '']);
  });

  it("keeps a committed draw seed on the organizer's devices: the others read its fingerprint only", async () => {
    const v = await venue();
    await commitDrawSeed(v.laptop, v.seeded.round.id, '3f2a9c1b7d4e0a55');
    const commits = (await wireLog(v.laptop)).filter((event) => event.type === 'draw.commit');
    expect((await push(v.core, v.organizer.token, commits)).body.refused).toEqual([]);
    const projector = await projectorSession(v);
    const pulled = async (token: string) =>
      (await pullAll(v, token)).flatMap((event) => (event.type === 'draw.commit' ? [event.payload] : []));
    const fingerprint = seedFingerprint('3f2a9c1b7d4e0a55');
    expect(await pulled(v.organizer.token)).toEqual([
      { seedFingerprint: fingerprint, seed: '3f2a9c1b7d4e0a55' },
    ]);
    expect(await pulled(v.judge.token)).toEqual([{ seedFingerprint: fingerprint, seed: '' }]);
    expect(await pulled(projector.token)).toEqual([{ seedFingerprint: fingerprint, seed: '' }]);
  });

  it('gives a judge its own marks only, and the projector no mark; the reveal carries what it unlocks', async () => {
    const v = await venue();
    const second = freshDb();
    const secondJudge = (await joinJudge(v.core, v.seeded.judges[1].joinCode, await getDeviceId(second)))
      .body;
    await push(v.core, v.judge.token, [markEvent(v)]);
    const projector = await projectorSession(v);
    const marksIn = (events: WireEvent[]) =>
      events.filter((event) => event.type === 'mark.set').map((e) => e.id);
    expect(marksIn(await pullAll(v, v.organizer.token))).toEqual([markEvent(v).id]);
    expect(marksIn(await pullAll(v, v.judge.token))).toEqual([markEvent(v).id]);
    expect(marksIn(await pullAll(v, secondJudge.token))).toEqual([]);
    expect(marksIn(await pullAll(v, projector.token))).toEqual([]);
  });
});

describe('claim and login', () => {
  it('lets the organizer claim the server once with the printed code, then log in with the password', async () => {
    const { core, store } = testServer();
    expect(core.pendingClaimCode()).toBe(CLAIM_CODE);
    expect((await call(core, 'GET', '/hello')).body).toMatchObject({
      claimed: false,
      protocol: PROTOCOL_VERSION,
    });
    const session = await claim(core);
    expect(session).toMatchObject({ role: 'organizer', judgeId: null, deviceId: 'organizer-laptop' });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.deviceKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(core.pendingClaimCode()).toBeNull();
    const again = await call(core, 'POST', '/claim', {
      body: { claimCode: CLAIM_CODE, password: 'x'.repeat(8), deviceId: 'd' },
    });
    expect(again.error?.code).toBe('alreadyClaimed');
    const login = await call<SessionInfo>(core, 'POST', '/login', {
      body: { password: PASSWORD, deviceId: 'host' },
    });
    expect(login.body.role).toBe('organizer');
    const stored = JSON.stringify([
      store.db.prepare('SELECT * FROM tokens').all(),
      store.db.prepare('SELECT * FROM devices').all(),
    ]);
    expect(stored).not.toContain(session.token);
    expect(stored).not.toContain(session.deviceKey);
    expect(stored).not.toContain(login.body.token);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM meta').all())).not.toContain(PASSWORD);
  });

  it('accepts the password only over https or from the laptop itself (finding 10)', async () => {
    const { core } = testServer();
    const plain = await call(core, 'POST', '/claim', {
      body: { claimCode: CLAIM_CODE, password: PASSWORD, deviceId: 'd' },
      secure: false,
    });
    expect(plain.error?.code).toBe('insecureTransport');
    expect(core.isClaimed()).toBe(false);
    await claim(core);
    const login = await call(core, 'POST', '/login', {
      body: { password: PASSWORD, deviceId: 'h' },
      secure: false,
    });
    expect(login.error?.code).toBe('insecureTransport');
  });

  it('refuses a wrong claim code, a short password, and a login before the claim', async () => {
    const { core } = testServer();
    const attempt = async (claimCode: string, password: string) =>
      (await call(core, 'POST', '/claim', { body: { claimCode, password, deviceId: 'd' } })).error?.code;
    expect(await attempt('00000000', PASSWORD)).toBe('badClaimCode');
    expect(await attempt(CLAIM_CODE, '12345')).toBe('weakPassword');
    expect(
      (await call(core, 'POST', '/login', { body: { password: PASSWORD, deviceId: 'd' } })).error?.code,
    ).toBe('notClaimed');
    expect(core.isClaimed()).toBe(false);
  });
});

describe('failed attempts (finding 6)', () => {
  it('are never cleared by a success: wrong codes between valid projector joins still run out', async () => {
    const v = await venue();
    const code = (
      await call<{ projectorCode: string }>(v.core, 'GET', '/devices', { token: v.organizer.token })
    ).body.projectorCode;
    const address = '192.168.1.66';
    let guesses = 0;
    // The attack of the finding, for one simulated minute: three wrong codes, one valid join.
    for (let round = 0; round < 60 && guesses < 1000; round += 1) {
      for (let i = 0; i < 3; i += 1) {
        const wrong = await call(v.core, 'POST', '/join/judge', {
          body: { code: '00000000', deviceId: 'x' },
          address,
        });
        if (wrong.error?.code === 'badJoinCode') guesses += 1;
      }
      await call(v.core, 'POST', '/join/projector', { body: { code, deviceId: `p${round}` }, address });
      v.clock.now += 1000;
    }
    // A burst, then one guess per refill interval: 10 + 60 s / 6 s.
    const { burst, refillMs } = ATTEMPT_RULES.address;
    expect(guesses).toBeLessThanOrEqual(burst + 60_000 / refillMs + 1);
  });

  it('cap every target whatever the number of addresses: a full search of 8-digit codes takes over 30 days', async () => {
    const v = await venue();
    let guesses = 0;
    const simulatedMs = 60_000;
    for (let elapsed = 0; elapsed < simulatedMs; elapsed += 10) {
      v.clock.now += 10;
      const address = `10.0.${Math.floor(elapsed / 2560) % 256}.${(elapsed / 10) % 256}`;
      const answer = await call(v.core, 'POST', '/join/judge', {
        body: { code: '00000001', deviceId: 'x' },
        address,
      });
      if (answer.error?.code === 'badJoinCode') guesses += 1;
    }
    const perSecond = guesses / (simulatedMs / 1000);
    const fullSearchDays = 1e8 / perSecond / 86_400;
    expect(fullSearchDays).toBeGreaterThan(30);
    // Still enough for honest use: a valid join from a fresh address gets through.
    v.clock.now += 1000;
    const honest = await joinJudge(v.core, v.seeded.judges[1].joinCode, 'tablet-2');
    expect(honest.status).toBe(200);
  });

  it('refuses unknown and deleted judges’ codes, and short codes, as wrong codes', async () => {
    const v = await venue();
    const { deleteJudge, readOutbox } = await import('../../../src/db/repository');
    await deleteJudge(v.laptop, v.seeded.round.id, v.seeded.judges[2].id);
    await push(v.core, v.organizer.token, await Promise.all((await readOutbox(v.laptop)).map(toWire)));
    for (const code of [v.seeded.judges[2].joinCode, 'abcdefgh', '123456', '00000000']) {
      expect((await joinJudge(v.core, code, 'tablet-3')).error?.code, code).toBe('badJoinCode');
    }
  });
});

describe('devices bound by the server (findings 2 and 7)', () => {
  it('binds a tablet to the judge whose code it gives, with a device key issued once', async () => {
    const v = await venue();
    expect(v.judge).toMatchObject({ role: 'judge', judgeId: v.seeded.judges[0].id, deviceId: v.tabletId });
    expect(v.judge.deviceKey).toBeTruthy();
    const rejoin = await joinJudge(
      v.core,
      v.seeded.judges[0].joinCode,
      v.tabletId,
      v.judge.deviceKey as string,
    );
    expect(rejoin.body).toMatchObject({ deviceId: v.tabletId, deviceKey: null });
  });

  it('never lets another token take a device id or write under it', async () => {
    const v = await venue();
    // Squatting with the victim's id, by code, with or without a made-up key.
    const squat = await joinJudge(v.core, v.seeded.judges[1].joinCode, v.tabletId);
    expect(squat.error?.code).toBe('deviceTaken');
    const forged = await joinJudge(v.core, v.seeded.judges[1].joinCode, v.tabletId, 'made-up');
    expect(forged.error?.code).toBe('deviceTaken');
    // The laptop's id, which every device reads in the stage events.
    const laptopId = v.setup[0]?.deviceId as string;
    expect((await joinJudge(v.core, v.seeded.judges[1].joinCode, laptopId)).error?.code).toBe('deviceTaken');
    // Writing under the victim's id with its own token.
    const other = (await joinJudge(v.core, v.seeded.judges[1].joinCode, 'other-tablet')).body;
    const underVictim = markEvent(v, { judgeIndex: 1 });
    expect((await push(v.core, other.token, [underVictim])).body.refused[0]?.code).toBe('foreignDevice');
    // The victim's own next mark goes in.
    expect((await push(v.core, v.judge.token, [markEvent(v)])).body.accepted).toBe(1);
  });

  it('revokes one device alone; the old code no longer lets it in, a new code or a readmission does', async () => {
    const v = await venue();
    const second = (await joinJudge(v.core, v.seeded.judges[1].joinCode, 'tablet-2')).body;
    const notices: unknown[] = [];
    v.core.subscribe((notice) => notices.push(notice));
    const revoke = await call(v.core, 'POST', '/devices/revoke', {
      token: v.organizer.token,
      body: { deviceId: v.tabletId },
    });
    expect(revoke.body).toEqual({ revoked: 1 });
    expect(notices).toEqual([{ type: 'revoke', deviceId: v.tabletId }]);
    expect((await call(v.core, 'GET', '/pull', { token: v.judge.token })).error?.code).toBe('unauthorized');
    expect((await call(v.core, 'GET', '/pull', { token: second.token })).status).toBe(200);
    const key = v.judge.deviceKey as string;
    expect((await joinJudge(v.core, v.seeded.judges[0].joinCode, v.tabletId, key)).error?.code).toBe(
      'deviceRevoked',
    );
    await call(v.core, 'POST', '/devices/readmit', {
      token: v.organizer.token,
      body: { deviceId: v.tabletId },
    });
    expect((await joinJudge(v.core, v.seeded.judges[0].joinCode, v.tabletId, key)).status).toBe(200);
  });

  it('lets a tablet whose exported log the organizer imported join once the organizer approves its id', async () => {
    const v = await venue();
    // The organizer pushes a tablet's exported log: its id is in the log, never bound.
    const imported = { ...markEvent(v), deviceId: 'lost-tablet', id: 'lost-1' } as WireEvent;
    expect((await push(v.core, v.organizer.token, [imported])).body.accepted).toBe(1);
    expect((await joinJudge(v.core, v.seeded.judges[0].joinCode, 'lost-tablet')).error?.code).toBe(
      'deviceTaken',
    );
    const approve = (deviceId: string, token = v.organizer.token) =>
      call<{ approved: number }>(v.core, 'POST', '/devices/approve', { token, body: { deviceId } });
    expect((await approve('lost-tablet', v.judge.token)).error?.code).toBe('organizerOnly');
    expect((await approve('lost-tablet')).body).toEqual({ approved: 1 });
    const joined = await joinJudge(v.core, v.seeded.judges[0].joinCode, 'lost-tablet');
    expect(joined.status).toBe(200);
    expect(joined.body.deviceKey).toBeTruthy();
    // Bound now: nobody else takes it, and approving again changes nothing.
    expect((await approve('lost-tablet')).body).toEqual({ approved: 0 });
    expect((await joinJudge(v.core, v.seeded.judges[1].joinCode, 'lost-tablet')).error?.code).toBe(
      'deviceTaken',
    );
    // An id never seen is not approved (it needs no approval).
    expect((await approve('never-seen')).body).toEqual({ approved: 0 });
  });

  it('lets only the organizer list, revoke and readmit devices', async () => {
    const v = await venue();
    expect((await call(v.core, 'GET', '/devices', { token: v.judge.token })).error?.code).toBe(
      'organizerOnly',
    );
    for (const path of ['/devices/revoke', '/devices/readmit']) {
      const answer = await call(v.core, 'POST', path, {
        token: v.judge.token,
        body: { deviceId: v.tabletId },
      });
      expect(answer.error?.code).toBe('organizerOnly');
    }
  });

  it('keeps one session per device, ends sessions a day after their last use, and bounds tablets per judge', async () => {
    const v = await venue();
    const key = v.judge.deviceKey as string;
    for (let i = 0; i < 20; i += 1) await joinJudge(v.core, v.seeded.judges[0].joinCode, v.tabletId, key);
    const rows = v.store.db
      .prepare('SELECT COUNT(*) AS count FROM tokens WHERE device_id = ?')
      .get(v.tabletId);
    expect(rows).toEqual({ count: 1 });
    const latest = (await joinJudge(v.core, v.seeded.judges[0].joinCode, v.tabletId, key)).body;
    v.clock.now += 23 * 3600_000;
    expect((await call(v.core, 'GET', '/session', { token: latest.token })).status).toBe(200);
    v.clock.now += 23 * 3600_000;
    expect((await call(v.core, 'GET', '/session', { token: latest.token })).status).toBe(200);
    v.clock.now += 24 * 3600_000 + 1;
    expect((await call(v.core, 'GET', '/session', { token: latest.token })).error?.code).toBe('unauthorized');
    for (let i = 0; i < 4; i += 1) {
      expect((await joinJudge(v.core, v.seeded.judges[1].joinCode, `extra-${i}`)).status).toBe(200);
    }
    expect((await joinJudge(v.core, v.seeded.judges[1].joinCode, 'extra-5')).status).toBe(200);
    expect((await joinJudge(v.core, v.seeded.judges[1].joinCode, 'extra-6')).error?.code).toBe(
      'tooManyDevices',
    );
  });
});

describe('refusals of whole requests', () => {
  it('refuses every call without a valid token', async () => {
    const { core } = await venue();
    for (const [method, path] of [
      ['GET', '/pull'],
      ['POST', '/push'],
      ['GET', '/session'],
      ['GET', '/devices'],
      ['POST', '/devices/revoke'],
      ['POST', '/devices/readmit'],
    ] as const) {
      for (const token of [null, 'not-a-token']) {
        const answer = await call(core, method, path, { token, body: { events: [] } });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.error?.code).toBe('unauthorized');
      }
    }
  });

  it('refuses any write from the projector', async () => {
    const v = await venue();
    const projector = await projectorSession(v);
    expect((await push(v.core, projector.token, [])).error?.code).toBe('readOnlyDevice');
    expect((await push(v.core, projector.token, v.setup.slice(0, 1))).error?.code).toBe('readOnlyDevice');
  });

  it('refuses a judge’s event that claims another judge, setup or host events', async () => {
    const v = await venue();
    const asOther = markEvent(v, { author: { role: 'judge', judgeId: v.seeded.judges[1].id } });
    const entity = { ...(v.setup[0] as WireEvent), id: 'forged-setup', deviceId: v.tabletId, deviceSeq: 2 };
    const adjustment = {
      ...markEvent(v, { deviceSeq: 3 }),
      author: { role: 'host' },
      type: 'adjustment.add',
      payload: {
        adjustmentId: 'a',
        contestantId: v.seeded.contestants[0].id,
        label: '加分',
        points: 100,
        reason: '',
      },
    } as WireEvent;
    const answer = await push(v.core, v.judge.token, [asOther, entity, adjustment]);
    expect(answer.body.refused.map((refusal) => refusal.code)).toEqual([
      'forbiddenAuthor',
      'forbiddenAuthor',
      'forbiddenAuthor',
    ]);
    expect(v.core.head()).toBe(v.setup.length);
  });

  it('names protocol versions it cannot serve', async () => {
    const { core } = testServer();
    expect((await call(core, 'GET', '/hello', { protocol: '1' })).error?.code).toBe('protocolTooOld');
    // Protocol 2 could not read a purge it pulls: it is too old for this server.
    expect((await call(core, 'GET', '/hello', { protocol: '2' })).error?.code).toBe('protocolTooOld');
    const newer = String(PROTOCOL_VERSION + 1);
    expect((await call(core, 'GET', '/hello', { protocol: newer })).error?.code).toBe('protocolTooNew');
    expect((await call(core, 'GET', '/hello', { protocol: null })).error?.code).toBe('malformedRequest');
    expect((await call(core, 'GET', '/hello', { protocol: newer })).status).toBe(426);
  });

  it('refuses malformed requests by name', async () => {
    const v = await venue();
    const token = v.organizer.token;
    expect((await call(v.core, 'POST', '/push', { token, body: { nope: 1 } })).error?.code).toBe(
      'malformedRequest',
    );
    expect((await call(v.core, 'GET', '/pull', { token, query: { after: '-1' } })).error?.code).toBe(
      'malformedRequest',
    );
    expect((await call(v.core, 'GET', '/pull', { token, query: { limit: '5000' } })).error?.code).toBe(
      'malformedRequest',
    );
    expect((await call(v.core, 'GET', '/nothing')).error?.code).toBe('notFound');
    expect(
      (
        await push(
          v.core,
          token,
          Array.from({ length: 501 }, () => ({})),
        )
      ).error?.code,
    ).toBe('tooLarge');
  });
});

describe('what a security review found after the first fixes', () => {
  it('checks a relayed device log as its judge’s: no organizer kinds, no joined device’s slots', async () => {
    const v = await venue();
    const forgedEntity = {
      ...(v.setup.find((event) => event.type === 'entity.put') as WireEvent),
      id: 'forged-entity',
      deviceId: 'forged-tablet',
      deviceSeq: 1,
    };
    const forHost = {
      ...markEvent(v, { deviceSeq: 2 }),
      id: 'forged-host',
      deviceId: 'forged-tablet',
      author: { role: 'host' },
    } as WireEvent;
    const intoJoined = { ...markEvent(v, { deviceSeq: 7 }), id: 'into-joined' };
    const answer = await push(v.core, v.organizer.token, [forgedEntity, forHost, intoJoined]);
    expect(answer.body.refused.map((refusal) => refusal.code)).toEqual([
      'forbiddenAuthor',
      'forbiddenAuthor',
      'foreignDevice',
    ]);
    // One judge per relayed device id.
    const first = { ...markEvent(v), id: 'relay-1', deviceId: 'lost' } as WireEvent;
    const second = {
      ...markEvent(v, { deviceSeq: 2, judgeIndex: 1 }),
      id: 'relay-2',
      deviceId: 'lost',
    } as WireEvent;
    const relayed = await push(v.core, v.organizer.token, [first, second]);
    expect(relayed.body.acknowledged).toEqual(['relay-1']);
    expect(relayed.body.refused[0]?.code).toBe('forbiddenAuthor');
  });

  it('refuses inherited property names as fields, one event at a time', async () => {
    const v = await venue();
    const good = markEvent(v);
    const withConstructor = { ...markEvent(v, { deviceSeq: 2 }), constructor: 'x'.repeat(1000) };
    const protoRole = { ...markEvent(v, { deviceSeq: 3 }), author: { role: '__proto__' } };
    const protoPayload = JSON.parse(
      JSON.stringify(markEvent(v, { deviceSeq: 4 })).replace(
        '"payload":{',
        '"payload":{"__proto__":{"a":1},',
      ),
    );
    const after = markEvent(v, { deviceSeq: 5, revision: 2 });
    const answer = await push(v.core, v.judge.token, [good, withConstructor, protoRole, protoPayload, after]);
    expect(answer.status).toBe(200);
    expect(answer.body.acknowledged).toEqual([good.id, after.id]);
    expect(answer.body.refused.map((refusal) => [refusal.index, refusal.code])).toEqual([
      [1, 'malformedEvent'],
      [2, 'malformedEvent'],
      [3, 'malformedEvent'],
    ]);
  });

  it('keeps a pull page within a size a response can hold', async () => {
    const v = await venue();
    const { MAX_PULL_PAGE_CHARS } = await import('../../../src/server/store');
    const photo = (index: number) => ({
      ...(v.setup[0] as WireEvent),
      id: `photo-${index}`,
      deviceSeq: 1000 + index,
      roundId: v.seeded.round.id,
      type: 'entity.put',
      payload: {
        table: 'photos',
        entity: {
          id: `p${index}`,
          roundId: v.seeded.round.id,
          blob: { mediaType: 'image/jpeg', base64: 'A'.repeat(3_000_000) },
        },
        revision: 1,
      },
    });
    for (let index = 0; index < 4; index += 1) {
      expect((await push(v.core, v.organizer.token, [photo(index)])).body.refused).toEqual([]);
    }
    const page = await call<PullResponse>(v.core, 'GET', '/pull', {
      token: v.organizer.token,
      query: { after: String(v.setup.length), limit: '1000' },
    });
    expect(page.body.events.length).toBeLessThan(4);
    expect(page.body.events.length).toBeGreaterThan(0);
    expect(JSON.stringify(page.body.events).length).toBeLessThan(MAX_PULL_PAGE_CHARS + 3_100_000);
    expect(page.body.cursor).toBeLessThan(page.body.head);
  });

  it('never locks out a bound device that proves itself, and limits its own guesses', async () => {
    const v = await venue();
    // Strangers from many addresses empty the shared buckets for judges' codes.
    for (let i = 0; i < 300; i += 1) {
      await call(v.core, 'POST', '/join/judge', {
        body: { code: '00000000', deviceId: 'x' },
        address: `10.1.${i >> 8}.${i & 255}`,
      });
    }
    const stranger = await call(v.core, 'POST', '/join/judge', {
      body: { code: v.seeded.judges[1].joinCode, deviceId: 'stranger' },
      address: '10.9.9.9',
    });
    expect(stranger.error?.code).toBe('tooManyAttempts');
    const key = v.judge.deviceKey as string;
    const again = await joinJudge(v.core, v.seeded.judges[0].joinCode, v.tabletId, key);
    expect(again.status).toBe(200);
    // Its own wrong guesses have a bucket of their own.
    let wrong = 0;
    for (let i = 0; i < 30; i += 1) {
      const guess = await joinJudge(v.core, `1234567${i % 10}`, v.tabletId, key);
      if (guess.error?.code === 'badJoinCode') wrong += 1;
    }
    expect(wrong).toBeLessThanOrEqual(ATTEMPT_RULES.address.burst);
  });

  it('keeps a revoked device out as another role or another judge', async () => {
    const v = await venue();
    const key = v.judge.deviceKey as string;
    await call(v.core, 'POST', '/devices/revoke', {
      token: v.organizer.token,
      body: { deviceId: v.tabletId },
    });
    const code = (
      await call<{ projectorCode: string }>(v.core, 'GET', '/devices', { token: v.organizer.token })
    ).body.projectorCode;
    const asProjector = await call(v.core, 'POST', '/join/projector', {
      body: { code, deviceId: v.tabletId, deviceKey: key },
    });
    expect(asProjector.error?.code).toBe('deviceRevoked');
    expect((await joinJudge(v.core, v.seeded.judges[1].joinCode, v.tabletId, key)).error?.code).toBe(
      'deviceRevoked',
    );
  });

  it('lets a correction request belong to the judge who made it first', async () => {
    const v = await venue();
    const request = (judgeIndex: 0 | 1, deviceSeq: number) =>
      ({
        ...markEvent(v, { judgeIndex, deviceSeq }),
        id: `request-${judgeIndex}-${deviceSeq}`,
        type: 'correction.request',
        payload: {
          requestId: 'req-1',
          judgeId: v.seeded.judges[judgeIndex].id,
          contestantId: v.seeded.contestants[1].id,
          reason: '输错了',
        },
      }) as WireEvent;
    expect((await push(v.core, v.judge.token, [request(0, 1)])).body.accepted).toBe(1);
    const other = (await joinJudge(v.core, v.seeded.judges[1].joinCode, 'tablet-b')).body;
    const hijack = { ...request(1, 1), deviceId: 'tablet-b' } as WireEvent;
    expect((await push(v.core, other.token, [hijack])).body.refused[0]?.code).toBe('forbiddenAuthor');
  });
});
