// @vitest-environment node
// The hub's incremental fold of a venue (src/hub/venue-fold.ts) gives the domain's foldEvents,
// whatever batches the events arrive in, a purge included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldEvents, type LeitaiEvent } from '../../../src/domain/events';
import { VenueFold } from '../../../src/hub/venue-fold';
import { roundEventLog } from '../domain/arbitrary-live-events';

/** The log cut at `cuts` (fractions of its length) into batches, in order. */
function batches(events: readonly LeitaiEvent[], cuts: number[]): LeitaiEvent[][] {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * events.length)))].sort((a, b) => a - b);
  const out: LeitaiEvent[][] = [];
  let from = 0;
  for (const point of [...points, events.length]) {
    out.push(events.slice(from, point));
    from = point;
  }
  return out;
}

function purgeOf(event: LeitaiEvent): LeitaiEvent {
  return {
    id: 'purge-0000000000000000000000000001',
    deviceId: 'organizer-device-00000000000000000',
    deviceSeq: 1,
    author: { role: 'organizer' },
    competitionId: event.competitionId,
    roundId: event.roundId,
    recordedAt: '2026-12-04T12:00:00.000Z',
    type: 'scope.purge',
    payload: { purpose: 'rehearsal' },
  } as LeitaiEvent;
}

describe("the hub's incremental fold of a venue", () => {
  it('equals foldEvents of the whole log, batch by batch', () => {
    fc.assert(
      fc.property(
        roundEventLog,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
        (events, cuts) => {
          const fold = new VenueFold();
          for (const batch of batches(events, cuts)) fold.add(batch);
          expect(fold.projection()).toEqual(foldEvents(events));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('folds again after a purge, as foldEvents drops what a purge scopes', () => {
    fc.assert(
      fc.property(roundEventLog, (events) => {
        const first = events[0] as LeitaiEvent;
        const purge = purgeOf(first);
        const fold = new VenueFold();
        fold.add(events);
        fold.add([purge]);
        expect(fold.projection()).toEqual(foldEvents([...events, purge]));
      }),
      { numRuns: 20 },
    );
  });

  it("names the rounds a batch changed, and keeps each round's events in order", () => {
    fc.assert(
      fc.property(
        roundEventLog,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
        (events, cuts) => {
          const fold = new VenueFold();
          for (const batch of batches(events, cuts)) {
            const changed = fold.add(batch);
            // Not 'all': the batch changed no setup record, and each event names its round.
            if (changed !== 'all') {
              expect(batch.every((event) => event.roundId !== null)).toBe(true);
              expect([...changed].sort()).toEqual([...new Set(batch.map((event) => event.roundId))].sort());
            }
          }
          const roundIds = new Set(
            events.flatMap((event) => (event.roundId === null ? [] : [event.roundId])),
          );
          for (const roundId of roundIds) {
            expect(fold.eventsOf(roundId)).toEqual(events.filter((event) => event.roundId === roundId));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('names every round changed by a purge', () => {
    fc.assert(
      fc.property(roundEventLog, (events) => {
        const fold = new VenueFold();
        fold.add(events);
        expect(fold.add([purgeOf(events[0] as LeitaiEvent)])).toBe('all');
      }),
      { numRuns: 10 },
    );
  });
});
