// @vitest-environment node
/**
 * 公布 in the fold: a `contestant.lock` freezes the contestant's mark cells; a mark that arrives
 * later is kept in the log but does not count (and is listed as late); `contestant.unlock`
 * reopens one judge's cells. Checked against a brute-force model of the rule, for any order
 * and duplication of the events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareRevision,
  foldEvents,
  isLateMark,
  type LeitaiEvent,
  type MarkRow,
  type Stamp,
  stampOf,
} from '../../../src/domain/events';

const ROUND = 'round';
const JUDGES = ['judge-1', 'judge-2'];
const CRITERIA = ['content', 'language'];
const DEVICES = ['device-a', 'device-b'];

interface Draft {
  type: 'mark.set' | 'contestant.lock' | 'contestant.unlock';
  deviceId: string;
  revision: number;
  judgeId: string;
  criterionId: string;
  value: number | null;
  /** For a lock: which earlier mark events it froze (indexes into the marks so far). */
  frozenPick: number;
}

const draft: fc.Arbitrary<Draft> = fc.record({
  type: fc.constantFrom('mark.set', 'mark.set', 'contestant.lock', 'contestant.unlock'),
  deviceId: fc.constantFrom(...DEVICES),
  revision: fc.integer({ min: 1, max: 4 }),
  judgeId: fc.constantFrom(...JUDGES),
  criterionId: fc.constantFrom(...CRITERIA),
  value: fc.option(fc.integer({ min: 0, max: 40 }).map((tenths) => tenths * 10)),
  frozenPick: fc.nat(),
});

/** Turns drafts into events; a lock freezes, for every cell, one of the marks written before it (or none). */
function eventsOf(drafts: readonly Draft[]): LeitaiEvent[] {
  const seq = new Map<string, number>();
  const marks: LeitaiEvent<'mark.set'>[] = [];
  return drafts.map((d, index) => {
    const deviceSeq = (seq.get(d.deviceId) ?? 0) + 1;
    seq.set(d.deviceId, deviceSeq);
    const envelope = {
      id: `event-${String(index).padStart(3, '0')}`,
      deviceId: d.deviceId,
      deviceSeq,
      author: { role: 'host' as const },
      competitionId: 'competition',
      roundId: ROUND,
      recordedAt: '2026-06-18T10:00:00.000Z',
    };
    if (d.type === 'mark.set') {
      const event = {
        ...envelope,
        type: 'mark.set',
        payload: {
          judgeId: d.judgeId,
          contestantId: 'P',
          criterionId: d.criterionId,
          value: d.value,
          revision: d.revision,
        },
      } as LeitaiEvent<'mark.set'>;
      marks.push(event);
      return event;
    }
    if (d.type === 'contestant.unlock') {
      return {
        ...envelope,
        type: 'contestant.unlock',
        payload: {
          contestantId: 'P',
          judgeId: d.judgeId,
          requestId: 'r',
          criterionIds: CRITERIA,
          revision: d.revision,
        },
      } as LeitaiEvent;
    }
    const cells = JUDGES.flatMap((judgeId) =>
      CRITERIA.map((criterionId) => {
        const candidates = marks.filter(
          (mark) => mark.payload.judgeId === judgeId && mark.payload.criterionId === criterionId,
        );
        const frozen = candidates[(d.frozenPick + judgeId.length) % (candidates.length + 1)];
        return {
          judgeId,
          criterionId,
          value: frozen?.payload.value ?? null,
          head: frozen ? stampOf(frozen) : null,
        };
      }),
    );
    return {
      ...envelope,
      type: 'contestant.lock',
      payload: { contestantId: 'P', cells, override: null, revision: d.revision },
    } as LeitaiEvent;
  });
}

/** The rule, computed from scratch for one cell. */
function model(events: readonly LeitaiEvent[], judgeId: string, criterionId: string) {
  const newestOf = <T extends { head: Stamp }>(items: T[]): T | null =>
    items.reduce<T | null>(
      (best, item) => (best && compareRevision(best.head, item.head) >= 0 ? best : item),
      null,
    );
  const candidates: { value: number | null; head: Stamp }[] = [];
  const locks: { head: Stamp; frozen: { value: number | null; head: Stamp | null } | null }[] = [];
  for (const event of events) {
    if (
      event.type === 'mark.set' &&
      event.payload.judgeId === judgeId &&
      event.payload.criterionId === criterionId
    ) {
      candidates.push({ value: event.payload.value, head: stampOf(event) });
    }
    if (event.type === 'contestant.lock') {
      const cell = event.payload.cells.find((c) => c.judgeId === judgeId && c.criterionId === criterionId);
      if (!cell) continue;
      if (cell.head) candidates.push({ value: cell.value, head: cell.head });
      locks.push({ head: stampOf(event), frozen: { value: cell.value, head: cell.head } });
    }
    if (event.type === 'contestant.unlock' && event.payload.judgeId === judgeId) {
      locks.push({ head: stampOf(event), frozen: null });
    }
  }
  const latest = newestOf(candidates);
  const lock = newestOf(locks);
  if (lock?.frozen)
    return {
      value: lock.frozen.value,
      late:
        latest !== null && (lock.frozen.head === null || compareRevision(latest.head, lock.frozen.head) > 0),
    };
  return { value: latest?.value ?? null, late: false };
}

function cells(events: readonly LeitaiEvent[]): Record<string, { value: number | null; late: boolean }> {
  const marks = foldEvents(events).marks as Record<string, MarkRow>;
  return Object.fromEntries(
    Object.values(marks).map((row) => [
      `${row.judgeId}/${row.criterionId}`,
      { value: row.value, late: isLateMark(row) },
    ]),
  );
}

describe('locks in the fold', () => {
  it('counts what the winning lock froze, whatever the order and duplication of the events', () => {
    fc.assert(
      fc.property(
        // The events one device holds: any subset (a lock may arrive without the marks it froze).
        fc
          .array(draft, { minLength: 1, maxLength: 14 })
          .chain((drafts) =>
            fc
              .subarray(eventsOf(drafts), { minLength: 1 })
              .chain((events) =>
                fc.tuple(
                  fc.constant(events),
                  fc.shuffledSubarray(events, { minLength: events.length }),
                  fc.array(fc.constantFrom(...events), { maxLength: 4 }),
                ),
              ),
          ),
        ([events, shuffled, duplicates]) => {
          const folded = cells(events);
          expect(cells([...shuffled, ...duplicates])).toEqual(folded);
          for (const [key, cell] of Object.entries(folded)) {
            const [judgeId, criterionId] = key.split('/') as [string, string];
            expect(cell, key).toEqual(model(events, judgeId, criterionId));
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
