// The venue server as the one authority, attacked as a device on the venue Wi-Fi would: each
// finding of the security review as a request sequence against the real server process, and
// where a victim's tablet is concerned, with the app's real sync client (node devices on fake
// IndexedDB) showing that every later mark of the victim still reaches the server.
import { rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompetition } from '../../src/db/competitions';
import { enterMark } from '../../src/db/marks';
import { loadRoundInput } from '../../src/db/read';
import { importRoster } from '../../src/db/roster';
import { createRound, updateRound } from '../../src/db/rounds';
import { callContestant, readStageCall } from '../../src/db/stage';
import type { WireEvent } from '../../src/sync/protocol';
import {
  PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
  type SessionInfo,
} from '../../src/sync/protocol';
import { type NodeDevice, nodeDevice } from './node-device';
import { startVenueProcess, type VenueProcess } from './venue-process';
import { until } from './waiting';

const SHEET = [
  { id: 'content', label: '内容', max: 4000 },
  { id: 'presence', label: '形象风采', max: 1500 },
  { id: 'overall', label: '综合印象', max: 1000 },
];

let venue: VenueProcess;
let organizer: NodeDevice;
let roster: Awaited<ReturnType<typeof importRoster>>;
let roundId: string;
let competitionId: string;
const devices: NodeDevice[] = [];

async function api<T = unknown>(
  path: string,
  init: { token?: string; body?: unknown; query?: Record<string, string> } = {},
): Promise<{ status: number; body: T & { error?: { code: string } } }> {
  const url = new URL(`${venue.httpUrl}/api/v1${path}`);
  for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, value);
  const response = await fetch(url, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'leitai-protocol': String(PROTOCOL_VERSION),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as T & { error?: { code: string } } };
}

/** A POST sent from another address of this machine's loopback (127.0.0.0/8). */
function postFrom(localAddress: string, path: string, body: unknown): Promise<{ error?: { code: string } }> {
  const url = new URL(`${venue.httpUrl}/api/v1${path}`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: { 'leitai-protocol': String(PROTOCOL_VERSION), 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve(JSON.parse(text)));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function pullAll(token: string): Promise<WireEvent[]> {
  const events: WireEvent[] = [];
  let after = 0;
  for (;;) {
    const page = (await api<PullResponse>('/pull', { token, query: { after: String(after) } })).body;
    events.push(...page.events);
    after = page.cursor;
    if (page.cursor >= page.head) return events;
  }
}

async function device(name: string, joining: Parameters<typeof nodeDevice>[2]): Promise<NodeDevice> {
  const created = await nodeDevice(name, venue.httpUrl, joining, { firstRetryMs: 50, maxRetryMs: 500 });
  devices.push(created);
  await created.client.start();
  await created.client.syncNow();
  return created;
}

function judgeIndex(index: number) {
  const judge = roster.judges[index];
  if (!judge) throw new Error(`no judge ${index}`);
  return judge;
}

function contestant(index: number) {
  const found = roster.contestants[index];
  if (!found) throw new Error(`no contestant ${index}`);
  return found;
}

/** A mark.set as an attacker handcrafts it. */
function forgedMark(
  session: SessionInfo,
  fields: {
    deviceId?: string;
    deviceSeq: number;
    judgeId: string;
    contestantId: string;
    value: number;
    revision: number;
  },
): WireEvent {
  return {
    id: `forged-${session.deviceId}-${fields.deviceSeq}-${Math.random().toString(16).slice(2)}`,
    deviceId: fields.deviceId ?? session.deviceId,
    deviceSeq: fields.deviceSeq,
    author: { role: 'judge', judgeId: fields.judgeId },
    competitionId,
    roundId,
    recordedAt: '2026-12-03T09:00:00.000Z',
    type: 'mark.set',
    payload: {
      judgeId: fields.judgeId,
      contestantId: fields.contestantId,
      criterionId: 'content',
      value: fields.value,
      revision: fields.revision,
    },
  } as WireEvent;
}

/** The mark the server holds for a cell, as the organizer pulls it (the winner by revision). */
async function serverMark(judgeId: string, contestantId: string): Promise<number | null | undefined> {
  const marks = (await pullAll(organizer.session.token)).filter(
    (event): event is WireEvent & { type: 'mark.set' } =>
      event.type === 'mark.set' &&
      event.payload.judgeId === judgeId &&
      event.payload.contestantId === contestantId &&
      event.payload.criterionId === 'content',
  );
  marks.sort((a, b) => a.payload.revision - b.payload.revision || (a.deviceId < b.deviceId ? -1 : 1));
  return marks.at(-1)?.payload.value;
}

beforeAll(async () => {
  venue = await startVenueProcess({ httpsPort: null });
  organizer = await nodeDevice('organizer', venue.httpUrl, {
    as: 'organizer',
    claimCode: venue.claimCode as string,
    password: '擂台2026',
  });
  devices.push(organizer);
  const competition = await createCompetition(organizer.db, { name: '擂台比武' });
  competitionId = competition.id;
  const round = await createRound(organizer.db, { competitionId, name: '决赛', criteria: SHEET });
  roundId = round.id;
  roster = await importRoster(organizer.db, round.id, {
    judges: Array.from({ length: 4 }, (_, i) => ({ name: `评委${i + 1}`, title: '' })),
    contestants: Array.from({ length: 4 }, (_, i) => ({ name: `选手${i + 1}`, unit: null, topic: '' })),
  });
  await organizer.client.start();
  await organizer.client.syncNow();
});

afterAll(async () => {
  for (const each of devices) await each.client.stop();
  await venue?.stop();
  if (venue) await rm(venue.dataDir, { recursive: true, force: true });
});

describe('the venue server as the authority (attacks of the security review)', () => {
  it('1. sends join codes to the organizer only, and a judge’s marks to no other judge nor the projector', async () => {
    const projector = await api<SessionInfo>('/join/projector', {
      body: { code: venue.projectorCode, deviceId: 'attacker-projector' },
    });
    expect(projector.status).toBe(200);
    const seen = await pullAll(projector.body.token);
    const codes = seen.flatMap((event) =>
      event.type === 'entity.put' && event.payload.table === 'judges' ? [event.payload.entity.joinCode] : [],
    );
    expect(codes).toHaveLength(4);
    expect(codes.every((code) => code === '')).toBe(true);
    const tryJoin = await api('/join/judge', { body: { code: codes[0], deviceId: 'attacker-projector-2' } });
    expect(tryJoin.body.error?.code).toBe('malformedRequest');

    const judgeA = await device('judge-a', { as: 'judge', code: judgeIndex(0).joinCode });
    await enterMark(judgeA.db, {
      roundId,
      judgeId: judgeIndex(0).id,
      contestantId: contestant(0).id,
      criterionId: 'content',
      value: 3600,
    });
    await judgeA.client.syncNow();
    const judgeB = await api<SessionInfo>('/join/judge', {
      body: { code: judgeIndex(1).joinCode, deviceId: 'judge-b-raw' },
    });
    const marks = (events: WireEvent[]) => events.filter((event) => event.type === 'mark.set').length;
    expect(marks(await pullAll(organizer.session.token))).toBeGreaterThan(0);
    expect(marks(await pullAll(judgeB.body.token))).toBe(0);
    expect(marks(await pullAll(projector.body.token))).toBe(0);
  });

  it('2. refuses device-id squatting; the victim’s tablet keeps writing, and revoking the squatter spares it', async () => {
    const victim = await device('victim', { as: 'judge', code: judgeIndex(2).joinCode });
    const squat = await api('/join/judge', {
      body: { code: judgeIndex(3).joinCode, deviceId: victim.session.deviceId },
    });
    expect(squat.status).toBe(409);
    expect(squat.body.error?.code).toBe('deviceTaken');
    const laptopSquat = await api('/join/judge', {
      body: { code: judgeIndex(3).joinCode, deviceId: organizer.session.deviceId },
    });
    expect(laptopSquat.body.error?.code).toBe('deviceTaken');
    // Joined under its own id, the squatter writes under the victim's id and next seq.
    const squatter = (
      await api<SessionInfo>('/join/judge', { body: { code: judgeIndex(3).joinCode, deviceId: 'squatter' } })
    ).body;
    const { nextSeq } = (await victim.db.device.get('self')) as { nextSeq: number };
    const forged = forgedMark(squatter, {
      deviceId: victim.session.deviceId,
      deviceSeq: nextSeq,
      judgeId: judgeIndex(3).id,
      contestantId: contestant(1).id,
      value: 100,
      revision: 1,
    });
    const pushed = await api<PushResponse>('/push', { token: squatter.token, body: { events: [forged] } });
    expect(pushed.body.refused[0]?.code).toBe('foreignDevice');
    for (const [index, value] of [3100, 3200, 3300].entries()) {
      await enterMark(victim.db, {
        roundId,
        judgeId: judgeIndex(2).id,
        contestantId: contestant(index).id,
        criterionId: 'content',
        value,
      });
    }
    await until(async () => (await victim.db.outbox.count()) === 0, 'the victim’s marks reach the server');
    for (const [index, value] of [3100, 3200, 3300].entries()) {
      expect(await serverMark(judgeIndex(2).id, contestant(index).id)).toBe(value);
    }
    await api('/devices/revoke', { token: organizer.session.token, body: { deviceId: 'squatter' } });
    expect((await api('/session', { token: squatter.token })).status).toBe(401);
    expect((await api('/session', { token: victim.session.token })).status).toBe(200);
  });

  it('3. refuses a poisoned revision; the real tablet’s next edits of the cell win and flow', async () => {
    const victim = await device('victim-3', { as: 'judge', code: judgeIndex(1).joinCode });
    const cell = {
      roundId,
      judgeId: judgeIndex(1).id,
      contestantId: contestant(2).id,
      criterionId: 'content',
    };
    await enterMark(victim.db, { ...cell, value: 3000 });
    await until(async () => (await victim.db.outbox.count()) === 0, 'the first mark');
    // A second tablet of the same judge (the code leaked) poisons the cell.
    const rogue = (
      await api<SessionInfo>('/join/judge', { body: { code: judgeIndex(1).joinCode, deviceId: 'rogue-3' } })
    ).body;
    const poison = forgedMark(rogue, {
      deviceSeq: 1,
      judgeId: cell.judgeId,
      contestantId: cell.contestantId,
      value: 100,
      revision: Number.MAX_SAFE_INTEGER,
    });
    const pushed = await api<PushResponse>('/push', { token: rogue.token, body: { events: [poison] } });
    expect(pushed.body.refused[0]?.code).toBe('revisionTooFar');
    for (const value of [3100, 3200]) await enterMark(victim.db, { ...cell, value });
    await enterMark(victim.db, { ...cell, contestantId: contestant(3).id, value: 2900 });
    await until(async () => (await victim.db.outbox.count()) === 0, 'the later marks');
    expect(await serverMark(cell.judgeId, cell.contestantId)).toBe(3200);
    expect(await serverMark(cell.judgeId, contestant(3).id)).toBe(2900);
  });

  it('4 and 5. refuses out-of-range marks one by one; a tablet holding one keeps syncing both ways', async () => {
    const attacker = (
      await api<SessionInfo>('/join/judge', {
        body: { code: judgeIndex(3).joinCode, deviceId: 'attacker-4' },
      })
    ).body;
    for (const [seq, value] of [99_999, -1, 3333].entries()) {
      const mark = forgedMark(attacker, {
        deviceSeq: seq + 1,
        judgeId: judgeIndex(3).id,
        contestantId: contestant(0).id,
        value,
        revision: 1,
      });
      const answer = await api<PushResponse>('/push', { token: attacker.token, body: { events: [mark] } });
      expect(answer.body.refused[0]?.code, String(value)).toBe('invalidMark');
    }
    // Without malice: a tablet offline holds 950 of 1000 when the organizer lowers the max to 800.
    const tablet = await device('offline-tablet', { as: 'judge', code: judgeIndex(3).joinCode });
    tablet.setOffline(true);
    const cell = { roundId, judgeId: judgeIndex(3).id, contestantId: contestant(1).id };
    await enterMark(tablet.db, { ...cell, criterionId: 'overall', value: 950 });
    await enterMark(tablet.db, { ...cell, criterionId: 'presence', value: 900 });
    await updateRound(organizer.db, roundId, {
      criteria: SHEET.map((criterion) =>
        criterion.id === 'overall' ? { ...criterion, max: 800 } : criterion,
      ),
    });
    await organizer.client.syncNow();
    await callContestant(organizer.db, { roundId, contestantId: contestant(2).id });
    await organizer.client.syncNow();
    tablet.setOffline(false);
    await tablet.client.syncNow();
    await until(async () => (await tablet.db.outbox.count()) === 0, 'the outbox drains');
    // The refused mark is set aside on the tablet; the next one reached the server.
    expect(await tablet.db.table('refused').count()).toBe(1);
    const organizerMarks = (await pullAll(organizer.session.token)).filter(
      (event) => event.type === 'mark.set' && event.deviceId === tablet.session.deviceId,
    );
    expect(organizerMarks.map((event) => (event.payload as { value: number }).value)).toEqual([900]);
    // The pull went on: the host's call reached the tablet.
    await until(
      async () => (await readStageCall(tablet.db, roundId)) !== null,
      'the host’s call reaches the tablet',
    );
    // And the organizer's round still loads (no stored mark blanks it).
    expect((await loadRoundInput(organizer.db, roundId)).contestants).toHaveLength(4);
  });

  it('7. keeps a revoked device out with its old code, and keeps one session row per device', async () => {
    const joined = await api<SessionInfo>('/join/judge', {
      body: { code: judgeIndex(0).joinCode, deviceId: 'to-revoke' },
    });
    const deviceKey = joined.body.deviceKey as string;
    for (let i = 0; i < 10; i += 1) {
      expect(
        (
          await api('/join/judge', {
            body: { code: judgeIndex(0).joinCode, deviceId: 'to-revoke', deviceKey },
          })
        ).status,
      ).toBe(200);
    }
    await api('/devices/revoke', { token: organizer.session.token, body: { deviceId: 'to-revoke' } });
    const again = await api('/join/judge', {
      body: { code: judgeIndex(0).joinCode, deviceId: 'to-revoke', deviceKey },
    });
    expect(again.status).toBe(403);
    expect(again.body.error?.code).toBe('deviceRevoked');
    const listed = await api<{ devices: { deviceId: string; revoked: boolean }[] }>('/devices', {
      token: organizer.session.token,
    });
    expect(listed.body.devices.filter((entry) => entry.deviceId === 'to-revoke')).toEqual([
      expect.objectContaining({ revoked: true }),
    ]);
  });

  it('8. refuses a judge’s events outside its own round', async () => {
    const other = await createCompetition(organizer.db, { name: '另一场' });
    const otherRound = await createRound(organizer.db, {
      competitionId: other.id,
      name: '初赛',
      criteria: SHEET,
    });
    await organizer.client.syncNow();
    const judge = (
      await api<SessionInfo>('/join/judge', { body: { code: judgeIndex(0).joinCode, deviceId: 'wanderer' } })
    ).body;
    const scopes = [
      { competitionId: other.id, roundId: otherRound.id },
      { competitionId, roundId: otherRound.id },
      { competitionId, roundId: null },
    ];
    for (const [index, scope] of scopes.entries()) {
      const mark = {
        ...forgedMark(judge, {
          deviceSeq: index + 1,
          judgeId: judgeIndex(0).id,
          contestantId: contestant(0).id,
          value: 100,
          revision: 1,
        }),
        ...scope,
      };
      const answer = await api<PushResponse>('/push', { token: judge.token, body: { events: [mark] } });
      expect(answer.body.refused[0]?.code, JSON.stringify(scope)).toMatch(
        /^(outsideOwnRound|unknownEntity)$/,
      );
    }
  });

  it('9. refuses a field edit of a setup record from a judge, the projector and no token; nothing changes and the server stays up', async () => {
    const target = contestant(1);
    const namesOnServer = async () =>
      (await pullAll(organizer.session.token)).flatMap((event) =>
        event.type === 'entity.put' &&
        event.payload.table === 'contestants' &&
        event.payload.entity.id === target.id
          ? [event.payload.entity.name]
          : [],
      );
    const before = await namesOnServer();
    // A field edit (protocol 4) as a tablet would forge it: only `name`, at a revision far ahead.
    const fieldEdit = (deviceId: string, deviceSeq: number): WireEvent =>
      ({
        id: `forged-edit-${deviceId}-${deviceSeq}`,
        deviceId,
        deviceSeq,
        author: { role: 'organizer' },
        competitionId,
        roundId,
        recordedAt: '2026-12-03T09:00:00.000Z',
        type: 'entity.put',
        payload: {
          table: 'contestants',
          entity: { ...target, name: '篡改' },
          fields: ['name'],
          revision: 99,
        },
      }) as WireEvent;

    const judge = (
      await api<SessionInfo>('/join/judge', {
        body: { code: judgeIndex(2).joinCode, deviceId: 'editor-judge' },
      })
    ).body;
    const byJudge = await api<PushResponse>('/push', {
      token: judge.token,
      body: { events: [fieldEdit(judge.deviceId, 1)] },
    });
    expect(byJudge.body.acknowledged ?? []).toEqual([]);
    expect(byJudge.body.refused?.[0]?.code ?? byJudge.body.error?.code).toBe('forbiddenAuthor');

    const projector = (
      await api<SessionInfo>('/join/projector', {
        body: { code: venue.projectorCode, deviceId: 'editor-projector' },
      })
    ).body;
    const byProjector = await api<PushResponse>('/push', {
      token: projector.token,
      body: { events: [fieldEdit(projector.deviceId, 1)] },
    });
    expect(byProjector.status).toBeGreaterThanOrEqual(400);
    expect(byProjector.body.error?.code).toBe('readOnlyDevice');

    const anonymous = await api<PushResponse>('/push', { body: { events: [fieldEdit('nobody', 1)] } });
    expect(anonymous.status).toBe(401);

    expect(await namesOnServer()).toEqual(before);
    expect(before).not.toContain('篡改');
    expect((await api('/hello')).status).toBe(200);
  });

  // Last: it spends this address's failures, which every test here shares (all on loopback).
  it('6. counts failed joins per address whatever succeeds in between', async () => {
    let guesses = 0;
    const started = Date.now();
    // The review's attack, from another address than the laptop's own (127.0.0.1 is never
    // throttled): three wrong codes, one valid projector join, repeated for 3 s.
    while (Date.now() - started < 3000) {
      for (let i = 0; i < 3; i += 1) {
        const wrong = await postFrom('127.0.0.2', '/join/judge', { code: '00000000', deviceId: 'guesser' });
        if (wrong.error?.code === 'badJoinCode') guesses += 1;
      }
      await postFrom('127.0.0.2', '/join/projector', {
        code: venue.projectorCode,
        deviceId: `guess-projector-${guesses}`,
      });
    }
    // A burst of 10 and one guess every 6 s, instead of hundreds a second.
    expect(guesses).toBeLessThanOrEqual(11);
  });
});
