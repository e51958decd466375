// @vitest-environment node
// 评委签名齐全 recorded by the host's reveal (`contestant.lock` allSigned): the organizer's reveal
// carrying it is stored; the same reveal from a judge's tablet or the projector is refused as any
// reveal is, and a malformed claim (false, or not a boolean) is refused naming the field.
import { describe, expect, it } from 'vitest';
import { enterMark, revealContestant, submitSheet } from '../../../src/db/repository';
import type { WireEvent } from '../../../src/sync/protocol';
import { SECRETARY_SHEET } from '../db/helpers';
import { push, wireLog } from './helpers';
import { expectRefusedFromTabletAndProjector, seededVenue } from './organizer-venue';

async function venue() {
  const v = await seededVenue(async (laptop, seeded) => {
    const lisi = seeded.contestants[1];
    for (const judge of seeded.judges) {
      const sheet = { roundId: seeded.round.id, judgeId: judge.id, contestantId: lisi.id };
      for (const criterion of SECRETARY_SHEET)
        await enterMark(laptop, { ...sheet, criterionId: criterion.id, value: criterion.max / 2 });
      await submitSheet(laptop, sheet);
    }
  });
  // The console found every sheet signed (it verifies with WebCrypto; the write takes its word).
  await revealContestant(v.laptop, {
    roundId: v.seeded.round.id,
    contestantId: v.seeded.contestants[1].id,
    signedJudgeIds: v.seeded.judges.map((judge) => judge.id),
  });
  const lock = (await wireLog(v.laptop)).find((event) => event.type === 'contestant.lock') as WireEvent;
  return { ...v, lock };
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
    await expectRefusedFromTabletAndProjector(v, v.lock);
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
