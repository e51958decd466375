/**
 * Malicious devices for the convergence fuzzer: tablets that joined with a leaked judge code and
 * send, straight to the server's core, what an attacker on the venue Wi-Fi would: squatting an
 * honest device's id, writing under it, forged huge revisions, out-of-range marks, marks for
 * another round, and plausible marks that are indistinguishable from the judge's own. Each
 * attack asserts the server's answer at once; the fuzzer then checks that the honest devices
 * still converge.
 */

import { expect } from 'vitest';
import type { VenueCore } from '../../../src/server/core';
import type { SessionInfo, WireEvent } from '../../../src/sync/protocol';
import type { SeededRound } from '../db/helpers';
import { joinJudge, push } from '../server/helpers';
import type { Device } from './helpers';
import { serverProjection } from './helpers';

export interface Attacker {
  session: SessionInfo;
  judgeIndex: number;
  nextSeq: number;
}

export async function joinAttackers(
  core: VenueCore,
  seeded: SeededRound,
  count: number,
): Promise<Attacker[]> {
  const attackers: Attacker[] = [];
  for (let index = 0; index < count; index += 1) {
    const judgeIndex = index % seeded.judges.length;
    const joined = await joinJudge(core, seeded.judges[judgeIndex]?.joinCode as string, `attacker-${index}`);
    expect(joined.status).toBe(200);
    attackers.push({ session: joined.body, judgeIndex, nextSeq: 1 });
  }
  return attackers;
}

type Pick = <T>(items: readonly T[]) => T;

/** One random attack; asserts that the server stored it only when it is a plausible mark. */
export async function randomAttack(
  core: VenueCore,
  seeded: SeededRound,
  attackers: readonly Attacker[],
  victims: readonly Device[],
  random: () => number,
): Promise<void> {
  const pick: Pick = (items) => items[Math.floor(random() * items.length)] as (typeof items)[number];
  const attacker = pick(attackers);
  const judge = seeded.judges[attacker.judgeIndex] as SeededRound['judges'][number];
  const criterion = pick(seeded.round.criteria);
  const contestant = pick(seeded.contestants);
  const cellRevision =
    serverProjection(core).marks[JSON.stringify([seeded.round.id, judge.id, contestant.id, criterion.id])]
      ?.head.revision ?? 0;
  const mark = (
    fields: { value: number; revision: number },
    envelope: Partial<WireEvent> = {},
  ): WireEvent => {
    const deviceSeq = attacker.nextSeq;
    attacker.nextSeq += 1;
    return {
      id: `attack-${attacker.session.deviceId}-${deviceSeq}`,
      deviceId: attacker.session.deviceId,
      deviceSeq,
      author: { role: 'judge', judgeId: judge.id },
      competitionId: seeded.competition.id,
      roundId: seeded.round.id,
      recordedAt: '2026-12-03T09:00:00.000Z',
      type: 'mark.set',
      payload: {
        judgeId: judge.id,
        contestantId: contestant.id,
        criterionId: criterion.id,
        ...fields,
      },
      ...envelope,
    } as WireEvent;
  };
  const refusedAs = async (event: WireEvent, codes: RegExp) => {
    const answer = await push(core, attacker.session.token, [event]);
    expect(answer.body.refused[0]?.code, event.type).toMatch(codes);
  };
  const victim = pick(victims);
  switch (
    pick(['squat', 'underVictim', 'hugeRevision', 'outOfRange', 'foreignRound', 'plausible'] as const)
  ) {
    case 'squat': {
      const answer = await joinJudge(core, judge.joinCode, victim.session.deviceId, 'guessed-key');
      expect(answer.error?.code).toBe('deviceTaken');
      return;
    }
    case 'underVictim':
      return refusedAs(
        mark(
          { value: 0, revision: cellRevision + 1 },
          { deviceId: victim.session.deviceId, deviceSeq: 1 + Math.floor(random() * 40) },
        ),
        /^foreignDevice$/,
      );
    case 'hugeRevision': {
      const revision =
        cellRevision + 1001 + Math.floor(random() * (Number.MAX_SAFE_INTEGER - cellRevision - 1001));
      return refusedAs(mark({ value: criterion.max, revision }), /^revisionTooFar$/);
    }
    case 'outOfRange': {
      const value = pick([criterion.max + 10, -10, 99_999, 5]);
      return refusedAs(mark({ value, revision: cellRevision + 1 }), /^invalidMark$/);
    }
    case 'foreignRound':
      return refusedAs(
        mark(
          { value: 0, revision: 1 },
          pick([{ roundId: 'elsewhere' }, { roundId: null }, { competitionId: 'other' }]),
        ),
        /^(unknownEntity|outsideOwnRound)$/,
      );
    case 'plausible': {
      const answer = await push(core, attacker.session.token, [
        mark({ value: criterion.max, revision: cellRevision + 1 }),
      ]);
      expect(answer.body.refused).toEqual([]);
    }
  }
}
