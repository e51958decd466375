// @vitest-environment node
// 评委签名齐全 recorded by the host's reveal (`contestant.lock` allSigned): the organizer's reveal
// carrying it is stored; the same reveal from a judge's tablet or the projector is refused as any
// reveal is, and a malformed claim (false, or not a boolean) is refused naming the field.
import { describe, expect, it } from 'vitest';
import { enterMark, getDeviceId, revealContestant, submitSheet } from '../../../src/db/repository';
import type { WireEvent } from '../../../src/sync/protocol';
import { freshDb, SECRETARY_SHEET, seedRound } from '../db/helpers';
import { call, claim, joinJudge, push, testServer, wireLog } from './helpers';

async function venue() {
  const server = testServer();
  const laptop = freshDb();
  const organizer = await claim(server.core, await getDeviceId(laptop));
  const seeded = await seedRound(laptop);
  const lisi = seeded.contestants[1];
  for (const judge of seeded.judges) {
    const sheet = { roundId: seeded.round.id, judgeId: judge.id, contestantId: lisi.id };
    for (const criterion of SECRETARY_SHEET)
      await enterMark(laptop, { ...sheet, criterionId: criterion.id, value: criterion.max / 2 });
    await submitSheet(laptop, sheet);
  }
  const setup = await wireLog(laptop);
  expect((await push(server.core, organizer.token, setup)).body.refused).toEqual([]);
  // The console found every sheet signed (it verifies with WebCrypto; the write takes its word).
  await revealContestant(laptop, {
    roundId: seeded.round.id,
    contestantId: lisi.id,
    signedJudgeIds: seeded.judges.map((judge) => judge.id),
  });
  const lock = (await wireLog(laptop)).find((event) => event.type === 'contestant.lock') as WireEvent;
  return { ...server, organizer, seeded, setup, lock };
}

describe('评委签名齐全 in the reveal, on the venue server', () => {
  it('stores the organizer’s reveal that records it', async () => {
    const v = await venue();
    expect(v.lock.payload).toMatchObject({ allSigned: true });
    const answer = await push(v.core, v.organizer.token, [v.lock]);
    expect(answer.body.refused).toEqual([]);
    expect(answer.body.accepted).toBe(1);
  });

  it('refuses it from a judge’s tablet and from the projector', async () => {
    const v = await venue();
    const tablet = freshDb();
    const tabletId = await getDeviceId(tablet);
    const judge = (await joinJudge(v.core, v.seeded.judges[0].joinCode, tabletId)).body;
    const asJudge = {
      ...v.lock,
      id: 'judge-lock',
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
    expect((await push(v.core, projector.token, [v.lock])).error?.code).toBe('readOnlyDevice');
    expect(v.core.head()).toBe(v.setup.length);
  });

  it('refuses a claim other than true, naming the field', async () => {
    const v = await venue();
    const claimed = (allSigned: unknown, at: number) =>
      ({
        ...v.lock,
        id: `claim-${at}`,
        deviceSeq: v.lock.deviceSeq + at,
        payload: { ...v.lock.payload, allSigned },
      }) as unknown as WireEvent;
    const answer = await push(v.core, v.organizer.token, [claimed(false, 1), claimed('齐全', 2)]);
    expect(answer.body.refused.map((refusal) => [refusal.code, refusal.path])).toEqual([
      ['malformedEvent', 'payload.allSigned'],
      ['malformedEvent', 'payload.allSigned'],
    ]);
    expect(v.core.head()).toBe(v.setup.length);
  });
});
