// @vitest-environment node
// Attack tests of signing keys on the venue server: a judge's key is bound to the judge and the
// device the server authenticated. A key for another judge or another device, one registered
// from the organizer's laptop, one whose fingerprint is not its own or that is no P-256 point
// is refused, and nothing is stored; the judge's own registration and retirement are stored.
import { describe, expect, it } from 'vitest';
import { getDeviceId } from '../../../src/db/repository';
import type { EventPayloads } from '../../../src/domain/events';
import { encodeBase64, keyFingerprint, SIGNING_KEY_ALGORITHM } from '../../../src/domain/signing';
import type { WireEvent } from '../../../src/sync/protocol';
import { freshDb, seedRound } from '../db/helpers';
import { claim, joinJudge, push, testServer, wireLog } from './helpers';

async function newPublicKey(): Promise<string> {
  const pair = await crypto.subtle.generateKey(SIGNING_KEY_ALGORITHM, false, ['sign', 'verify']);
  return encodeBase64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
}

async function venue() {
  const server = testServer();
  const laptop = freshDb();
  const laptopId = await getDeviceId(laptop);
  const organizer = await claim(server.core, laptopId);
  const seeded = await seedRound(laptop);
  const setup = await wireLog(laptop);
  expect((await push(server.core, organizer.token, setup)).body.refused).toEqual([]);
  const [wang, li] = seeded.judges;
  const tabletId = 'tablet-of-wang';
  const tablet = (await joinJudge(server.core, wang.joinCode, tabletId)).body;
  return { ...server, seeded, setup, organizer, laptopId, wang, li, tabletId, tablet };
}

let sequence = 0;

function keyEvent<T extends 'judge.key.register' | 'judge.key.retire'>(
  type: T,
  v: Awaited<ReturnType<typeof venue>>,
  options: { deviceId: string; author: WireEvent['author']; payload: EventPayloads[T] },
): WireEvent {
  sequence += 1;
  return {
    id: `key-event-${sequence}`,
    deviceId: options.deviceId,
    deviceSeq: sequence,
    author: options.author,
    competitionId: v.seeded.competition.id,
    roundId: null,
    recordedAt: '2026-11-23T09:00:00.000Z',
    type,
    payload: options.payload,
  } as WireEvent;
}

async function registration(v: Awaited<ReturnType<typeof venue>>, changes: Record<string, unknown> = {}) {
  const publicKey = await newPublicKey();
  return {
    judgeId: v.wang.id,
    deviceId: v.tabletId,
    publicKey,
    fingerprint: keyFingerprint(publicKey) as string,
    ...changes,
  } as EventPayloads['judge.key.register'];
}

describe('registering a judge’s signing key', () => {
  it('stores the judge’s own key from the judge’s own tablet, and its retirement', async () => {
    const v = await venue();
    const payload = await registration(v);
    const author = { role: 'judge', judgeId: v.wang.id } as const;
    const register = keyEvent('judge.key.register', v, { deviceId: v.tabletId, author, payload });
    const retire = keyEvent('judge.key.retire', v, {
      deviceId: v.tabletId,
      author,
      payload: {
        judgeId: v.wang.id,
        deviceId: v.tabletId,
        fingerprint: payload.fingerprint,
        reason: 'rejoined',
      },
    });
    const answer = await push(v.core, v.tablet.token, [register, retire]);
    expect(answer.body.refused).toEqual([]);
    expect(answer.body.accepted).toBe(2);
  });

  it('refuses a key registered for another judge, or for another device', async () => {
    const v = await venue();
    const asWang = { role: 'judge', judgeId: v.wang.id } as const;
    const forLi = keyEvent('judge.key.register', v, {
      deviceId: v.tabletId,
      author: asWang,
      payload: await registration(v, { judgeId: v.li.id }),
    });
    const authoredAsLi = keyEvent('judge.key.register', v, {
      deviceId: v.tabletId,
      author: { role: 'judge', judgeId: v.li.id },
      payload: await registration(v, { judgeId: v.li.id }),
    });
    const otherDevice = keyEvent('judge.key.register', v, {
      deviceId: v.tabletId,
      author: asWang,
      payload: await registration(v, { deviceId: 'a-spare-tablet' }),
    });
    const underOtherDevice = keyEvent('judge.key.register', v, {
      deviceId: 'a-spare-tablet',
      author: asWang,
      payload: await registration(v, { deviceId: 'a-spare-tablet' }),
    });
    const answer = await push(v.core, v.tablet.token, [forLi, authoredAsLi, otherDevice, underOtherDevice]);
    expect(answer.body.refused.map((refused) => [refused.eventId, refused.code])).toEqual([
      [forLi.id, 'forbiddenAuthor'],
      [authoredAsLi.id, 'forbiddenAuthor'],
      [otherDevice.id, 'forbiddenAuthor'],
      [underOtherDevice.id, 'foreignDevice'],
    ]);
    expect(v.core.head()).toBe(v.setup.length);
  });

  it('refuses a judge’s key registered from the organizer’s laptop, whatever author it claims', async () => {
    const v = await venue();
    const asOrganizer = keyEvent('judge.key.register', v, {
      deviceId: v.laptopId,
      author: { role: 'organizer' },
      payload: await registration(v, { deviceId: v.laptopId }),
    });
    const claimingWang = keyEvent('judge.key.register', v, {
      deviceId: v.laptopId,
      author: { role: 'judge', judgeId: v.wang.id },
      payload: await registration(v, { deviceId: v.laptopId }),
    });
    const answer = await push(v.core, v.organizer.token, [asOrganizer, claimingWang]);
    expect(answer.body.refused.map((refused) => refused.code)).toEqual([
      'forbiddenAuthor',
      'forbiddenAuthor',
    ]);
    expect(answer.body.refused[0]?.message).toContain("judge's own tablet");
    expect(v.core.head()).toBe(v.setup.length);
  });

  it('refuses a fingerprint that is not the key’s, and a key that is no raw P-256 point', async () => {
    const v = await venue();
    const author = { role: 'judge', judgeId: v.wang.id } as const;
    const wrongFingerprint = keyEvent('judge.key.register', v, {
      deviceId: v.tabletId,
      author,
      payload: await registration(v, { fingerprint: '0000-0000-0000-0000' }),
    });
    const short = encodeBase64(new Uint8Array(33).fill(2));
    const notAPoint = keyEvent('judge.key.register', v, {
      deviceId: v.tabletId,
      author,
      payload: await registration(v, { publicKey: short, fingerprint: keyFingerprint(short) }),
    });
    const inARound = {
      ...keyEvent('judge.key.register', v, { deviceId: v.tabletId, author, payload: await registration(v) }),
      roundId: v.seeded.round.id,
    } as WireEvent;
    const answer = await push(v.core, v.tablet.token, [wrongFingerprint, notAPoint, inARound]);
    expect(answer.body.refused.map((refused) => [refused.code, refused.path])).toEqual([
      ['malformedEvent', 'payload.fingerprint'],
      ['malformedEvent', 'payload.publicKey'],
      ['unknownEntity', 'roundId'],
    ]);
    expect(v.core.head()).toBe(v.setup.length);
  });
});
