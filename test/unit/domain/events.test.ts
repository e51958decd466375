// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareRevision,
  type EventDraft,
  foldEvents,
  isAdjustmentActive,
  type LeitaiEvent,
  projectionKeyString,
  type Stamp,
  supersedes,
} from '../../../src/domain/events';
import { eventLogAndDelivery } from '../db/arbitrary-events';

let seq = 0;
function event(draft: EventDraft, deviceId = 'device-a'): LeitaiEvent {
  seq += 1;
  return {
    ...draft,
    id: `event-${seq}`,
    deviceId,
    deviceSeq: seq,
    recordedAt: '2026-11-23T10:00:00.000Z',
  } as LeitaiEvent;
}

function mark(value: number | null, revision: number, deviceId = 'device-a'): LeitaiEvent {
  return event(
    {
      type: 'mark.set',
      author: { role: 'judge', judgeId: 'j1' },
      competitionId: 'c',
      roundId: 'r1',
      payload: { judgeId: 'j1', contestantId: 'p1', criterionId: 'content', value, revision },
    },
    deviceId,
  );
}

const MARK_KEY = projectionKeyString(['r1', 'j1', 'p1', 'content']);

describe('compareRevision', () => {
  const stamp = (revision: number, deviceId: string, deviceSeq: number, eventId = 'e'): Stamp => ({
    revision,
    deviceId,
    deviceSeq,
    eventId,
  });

  it('orders by revision first, whatever the device', () => {
    expect(compareRevision(stamp(2, 'a', 1), stamp(1, 'z', 99))).toBeGreaterThan(0);
  });

  it('breaks ties by deviceId, then deviceSeq, then id', () => {
    expect(compareRevision(stamp(1, 'b', 1), stamp(1, 'a', 9))).toBeGreaterThan(0);
    expect(compareRevision(stamp(1, 'a', 2), stamp(1, 'a', 1))).toBeGreaterThan(0);
    expect(compareRevision(stamp(1, 'a', 1, 'y'), stamp(1, 'a', 1, 'x'))).toBeGreaterThan(0);
    expect(compareRevision(stamp(1, 'a', 1, 'x'), stamp(1, 'a', 1, 'x'))).toBe(0);
  });

  it('compares code units, not the locale', () => {
    expect(compareRevision(stamp(1, 'B', 1), stamp(1, 'a', 1))).toBeLessThan(0);
  });

  it('is a total order: antisymmetric and transitive', () => {
    const stamps = fc.record({
      revision: fc.integer({ min: 0, max: 3 }),
      deviceId: fc.constantFrom('a', 'b'),
      deviceSeq: fc.integer({ min: 1, max: 3 }),
      eventId: fc.constantFrom('x', 'y'),
    });
    fc.assert(
      fc.property(stamps, stamps, stamps, (a, b, c) => {
        expect(Math.sign(compareRevision(a, b)) + Math.sign(compareRevision(b, a))).toBe(0);
        if (compareRevision(a, b) > 0 && compareRevision(b, c) > 0)
          expect(compareRevision(a, c)).toBeGreaterThan(0);
      }),
    );
  });

  it('lets any stamp take an empty cell', () => {
    expect(supersedes(stamp(0, 'a', 1), undefined)).toBe(true);
  });
});

describe('foldEvents', () => {
  it('keeps the highest revision of a cell, not the last to arrive', () => {
    const later = mark(3600, 2);
    const earlier = mark(3500, 1);
    expect(foldEvents([later, earlier]).marks[MARK_KEY]?.value).toBe(3600);
    expect(foldEvents([earlier, later]).marks[MARK_KEY]?.value).toBe(3600);
  });

  it('breaks a tie of two offline edits by device, the same on every device', () => {
    const fromB = mark(3700, 1, 'device-b');
    const fromA = mark(3500, 1, 'device-a');
    expect(foldEvents([fromA, fromB]).marks[MARK_KEY]?.value).toBe(3700);
    expect(foldEvents([fromB, fromA]).marks[MARK_KEY]?.value).toBe(3700);
  });

  it('keeps a cleared mark as a cell with a null value', () => {
    expect(foldEvents([mark(3500, 1), mark(null, 2)]).marks[MARK_KEY]?.value).toBeNull();
  });

  it('keeps an adjustment revoked even when the revoke arrives first', () => {
    const add = event({
      type: 'adjustment.add',
      author: { role: 'host' },
      competitionId: 'c',
      roundId: 'r1',
      payload: { adjustmentId: 'a1', contestantId: 'p1', label: '超时扣分', points: -50, reason: '超时30秒' },
    });
    const revoke = event({
      type: 'adjustment.revoke',
      author: { role: 'host' },
      competitionId: 'c',
      roundId: 'r1',
      payload: { adjustmentId: 'a1', reason: '计时有误' },
    });
    const row = foldEvents([revoke, add]).adjustments.a1;
    expect(row?.added?.points).toBe(-50);
    expect(row && isAdjustmentActive(row)).toBe(false);
    expect(isAdjustmentActive(foldEvents([add]).adjustments.a1 ?? ({} as never))).toBe(true);
  });

  it('reopens a submitted sheet when a correction is approved, and a resubmission closes it', () => {
    const sheet = (status: 'submit' | 'approve' | 'refuse', revision: number) =>
      status === 'submit'
        ? event({
            type: 'sheet.submit',
            author: { role: 'judge', judgeId: 'j1' },
            competitionId: 'c',
            roundId: 'r1',
            payload: { judgeId: 'j1', contestantId: 'p1', revision },
          })
        : event({
            type: 'correction.decide',
            author: { role: 'host' },
            competitionId: 'c',
            roundId: 'r1',
            payload: {
              requestId: `q${revision}`,
              judgeId: 'j1',
              contestantId: 'p1',
              approved: status === 'approve',
              reason: '',
              revision,
            },
          });
    const key = projectionKeyString(['r1', 'j1', 'p1']);
    const submitted = sheet('submit', 1);
    const approved = sheet('approve', 2);
    expect(foldEvents([approved, submitted]).sheets[key]?.status).toBe('reopened');
    expect(foldEvents([submitted, sheet('refuse', 2)]).sheets[key]?.status).toBe('submitted');
    expect(foldEvents([sheet('submit', 3), approved, submitted]).sheets[key]?.status).toBe('submitted');
    // The decision is kept even though its request has not arrived.
    expect(foldEvents([approved]).corrections.q2?.decision?.approved).toBe(true);
  });

  it('lets a deletion win over an older write of the entity, and keeps the tombstone', () => {
    const put = (name: string, revision: number) =>
      event({
        type: 'entity.put',
        author: { role: 'organizer' },
        competitionId: 'c',
        roundId: null,
        payload: { table: 'competitions', entity: { id: 'c', name, archived: false }, revision },
      });
    const remove = event({
      type: 'entity.delete',
      author: { role: 'organizer' },
      competitionId: 'c',
      roundId: null,
      payload: { table: 'competitions', entityId: 'c', revision: 2 },
    });
    const folded = foldEvents([remove, put('新名称', 1), put('旧名称', 1)]);
    expect(folded.entities.competitions).toEqual({});
    expect(folded.entityHeads[projectionKeyString(['competitions', 'c'])]?.deleted).toBe(true);
    expect(foldEvents([remove, put('恢复', 3)]).entities.competitions.c?.name).toBe('恢复');
  });

  it('gives the same projection whatever the order and duplication of the events', () => {
    fc.assert(
      fc.property(eventLogAndDelivery, ({ log, delivery }) => {
        expect(foldEvents(delivery)).toEqual(foldEvents(log));
      }),
      { numRuns: 300 },
    );
  });
});
