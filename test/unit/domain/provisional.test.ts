// @vitest-environment node
/**
 * 暂定 or final: the one rule (src/domain/provisional.ts) of whether a round's ranks and awards
 * are final, the organizer's closure as a cell of `round.close` / `round.reopen` events, and the
 * projector's input made of the reveals only (src/domain/revealed.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../../src/domain/engine.ts';
import type { EventType, LeitaiEvent } from '../../../src/domain/events.ts';
import type { RoundInput } from '../../../src/domain/model.ts';
import { roundClosureOf, roundResultStatus, roundResultStatusOf } from '../../../src/domain/provisional.ts';
import { revealedRoundInput } from '../../../src/domain/revealed.ts';

let sequence = 0;
function event<T extends EventType>(
  type: T,
  payload: LeitaiEvent<T>['payload'],
  stamp: { deviceId?: string; deviceSeq?: number } = {},
): LeitaiEvent<T> {
  sequence += 1;
  return {
    id: `event-${sequence}`,
    deviceId: stamp.deviceId ?? 'laptop',
    deviceSeq: stamp.deviceSeq ?? sequence,
    author: { role: 'organizer' },
    competitionId: 'competition',
    roundId: 'round',
    recordedAt: '2026-06-18T09:00:00.000Z',
    type,
    payload,
  } as LeitaiEvent<T>;
}

const lock = (contestantId: string, values: Record<string, number>, revision = 1) =>
  event('contestant.lock', {
    contestantId,
    cells: Object.entries(values).map(([judgeId, value]) => ({
      judgeId,
      criterionId: 'content',
      value,
      head: { revision: 1, deviceId: judgeId, deviceSeq: 1, eventId: `${judgeId}-${contestantId}` },
    })),
    override: null,
    revision,
  });

describe('roundResultStatus: the one rule', () => {
  it('is final exactly when the organizer closed the round or every active contestant is revealed', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.boolean(), (active, revealed, closedByOrganizer) => {
        const status = roundResultStatus({ active, revealed, closedByOrganizer });
        const complete = active > 0 && revealed >= active;
        expect(status.final).toBe(closedByOrganizer || complete);
        if (status.final) {
          expect(status.why).toBe(closedByOrganizer ? 'closed' : 'complete');
        } else {
          expect(status).toEqual({ final: false, revealed: Math.min(revealed, active), total: active });
        }
      }),
    );
  });

  it('says 3 of 13 mid-contest, and is never final for a round without contestants unless closed', () => {
    expect(roundResultStatus({ active: 13, revealed: 3, closedByOrganizer: false })).toEqual({
      final: false,
      revealed: 3,
      total: 13,
    });
    expect(roundResultStatus({ active: 0, revealed: 0, closedByOrganizer: false }).final).toBe(false);
    expect(roundResultStatus({ active: 13, revealed: 13, closedByOrganizer: false })).toEqual({
      final: true,
      why: 'complete',
    });
  });
});

describe('the organizer’s closure', () => {
  const closureEvents = fc.array(
    fc.record({
      type: fc.constantFrom('round.close' as const, 'round.reopen' as const),
      revision: fc.integer({ min: 1, max: 5 }),
      deviceId: fc.constantFrom('laptop', 'host-console'),
    }),
    { maxLength: 8 },
  );

  it('is decided by the newest event by revision, whatever order they arrive in', () => {
    fc.assert(
      fc.property(closureEvents, fc.infiniteStream(fc.nat()), (drafts, randomness) => {
        const events = drafts.map((draft, at) =>
          event(draft.type, { revision: draft.revision }, { deviceId: draft.deviceId, deviceSeq: at + 1 }),
        );
        const newest = [...events].sort(
          (a, b) =>
            b.payload.revision - a.payload.revision ||
            (a.deviceId < b.deviceId ? 1 : a.deviceId > b.deviceId ? -1 : 0) ||
            b.deviceSeq - a.deviceSeq,
        )[0];
        const closure = roundClosureOf(events);
        expect(closure.closed).toBe(newest?.type === 'round.close');
        expect(closure.nextRevision).toBe(Math.max(0, ...drafts.map((draft) => draft.revision)) + 1);
        const iterator = randomness[Symbol.iterator]();
        const shuffled = [...events].sort(() => ((iterator.next().value as number) % 3) - 1);
        expect(roundClosureOf(shuffled)).toEqual(closure);
      }),
    );
  });

  it('makes a round final with contestants unrevealed, and a reopening makes it provisional again', () => {
    const contestants = [
      { id: 'P1', status: 'active' },
      { id: 'P2', status: 'active' },
      { id: 'P3', status: 'withdrawn' },
    ];
    const revealed = [lock('P1', { J1: 8000 })];
    expect(roundResultStatusOf(contestants, revealed)).toEqual({ final: false, revealed: 1, total: 2 });
    const closed = [...revealed, event('round.close', { revision: 1 })];
    expect(roundResultStatusOf(contestants, closed)).toEqual({ final: true, why: 'closed' });
    const reopened = [...closed, event('round.reopen', { revision: 2 })];
    expect(roundResultStatusOf(contestants, reopened)).toEqual({ final: false, revealed: 1, total: 2 });
    const all = [...reopened, lock('P2', { J1: 7000 })];
    expect(roundResultStatusOf(contestants, all)).toEqual({ final: true, why: 'complete' });
  });

  it('counts a contestant reopened by a correction as not revealed until revealed again', () => {
    const contestants = [{ id: 'P1', status: 'active' }];
    const locked = [lock('P1', { J1: 8000 })];
    expect(roundResultStatusOf(contestants, locked).final).toBe(true);
    const unlocked = [
      ...locked,
      event('contestant.unlock', {
        contestantId: 'P1',
        judgeId: 'J1',
        requestId: 'request',
        criterionIds: ['content'],
        revision: 2,
      }),
    ];
    expect(roundResultStatusOf(contestants, unlocked)).toEqual({ final: false, revealed: 0, total: 1 });
  });
});

describe('what the projector may score: the reveals only', () => {
  const input: RoundInput = {
    criteria: [{ id: 'content', label: '内容', max: 10_000, points: 10_000, step: 10 }],
    judges: [
      { id: 'J1', name: '评委1', weight: 100, unit: null },
      { id: 'J2', name: '评委2', weight: 100, unit: null },
    ],
    contestants: ['P1', 'P2', 'P3'].map((id, at) => ({
      id,
      name: id,
      unit: null,
      draw: at + 1,
      status: 'active' as const,
    })),
    marks: ['P1', 'P2', 'P3'].flatMap((contestant, at) =>
      ['J1', 'J2'].map((judge) => ({ judge, contestant, criterion: 'content', value: 9000 - at * 1000 })),
    ),
    adjustments: [],
    settings: {
      panel: { kind: 'mean' },
      level: 'total',
      decimals: 2,
      rounding: 'half-up',
      roundEachCriterion: false,
      minJudges: null,
      tieBreak: [],
      awards: [{ name: '一等奖', count: 1 }],
    },
  };

  it('leaves an unrevealed contestant pending, and ranks the revealed among themselves', () => {
    // P1 has the best marks on the laptop, but only P2 is revealed.
    const standings = computeStandings(revealedRoundInput(input, [lock('P2', { J1: 8000, J2: 8000 })]));
    expect(
      standings.ranked.map((result) => [result.id, result.rank, result.announcedScore, result.award]),
    ).toEqual([['P2', 1, '80.00', '一等奖']]);
    expect(standings.pending.map((result) => result.id)).toEqual(['P1', 'P3']);
  });

  it('scores a reopened contestant on what was revealed, not on a mark changed since', () => {
    const events = [
      lock('P1', { J1: 9000, J2: 9000 }),
      event('contestant.unlock', {
        contestantId: 'P1',
        judgeId: 'J1',
        requestId: 'request',
        criterionIds: ['content'],
        revision: 2,
      }),
    ];
    const changed = { ...input, marks: input.marks.map((mark) => ({ ...mark, value: 1000 })) };
    const standings = computeStandings(revealedRoundInput(changed, events));
    expect(standings.ranked.map((result) => [result.id, result.announcedScore])).toEqual([['P1', '90.00']]);
  });

  it('never shows a contestant whose reveal is not in the events', () => {
    fc.assert(
      fc.property(fc.subarray(['P1', 'P2', 'P3']), (revealed) => {
        const events = revealed.map((id) => lock(id, { J1: 5000, J2: 6000 }));
        const standings = computeStandings(revealedRoundInput(input, events));
        expect(standings.ranked.map((result) => result.id).sort()).toEqual([...revealed].sort());
        for (const result of standings.ranked) expect(result.announcedScore).toBe('55.00');
      }),
    );
  });
});
