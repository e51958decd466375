// @vitest-environment node
/** The shared comparators: each a total order on records with distinct ids, whatever the input order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byAppearance,
  byDrawThenId,
  byOrderThenId,
  byRecordedTime,
  compareIds,
} from '../../../src/domain/order.ts';

/** Reflexive, antisymmetric, transitive and total: zero only for the same record. */
function expectTotalOrder<T extends { id: string }>(
  records: fc.Arbitrary<T[]>,
  compare: (a: T, b: T) => number,
) {
  fc.assert(
    fc.property(records, (list) => {
      for (const a of list) {
        expect(compare(a, a)).toBe(0);
        for (const b of list) {
          if (a !== b) expect(compare(a, b)).not.toBe(0);
          expect(Math.sign(compare(a, b)) + Math.sign(compare(b, a))).toBe(0);
          for (const c of list) {
            if (compare(a, b) < 0 && compare(b, c) < 0) expect(compare(a, c)).toBeLessThan(0);
          }
        }
      }
    }),
  );
  fc.assert(
    fc.property(
      records.chain((list) =>
        fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
      ),
      ([list, shuffled]) => {
        expect([...shuffled].sort(compare)).toEqual([...list].sort(compare));
      },
    ),
  );
}

/** Few distinct values, so that ties on every key but the id are common. */
const smallInt = fc.integer({ min: 0, max: 3 });
const draw = fc.option(smallInt, { nil: null });
const withIds = <T>(fields: fc.Arbitrary<T>) =>
  fc
    .uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 8 })
    .chain((ids) => fc.tuple(...ids.map((id) => fields.map((record) => ({ ...record, id })))));

describe('the shared comparators', () => {
  it('compareIds is code-unit order, not the locale’s', () => {
    expect(['b', 'a', 'B', '张', 'ä'].sort(compareIds)).toEqual(['B', 'a', 'b', 'ä', '张']);
    expectTotalOrder(withIds(fc.constant({})), (a, b) => compareIds(a.id, b.id));
  });

  it('byOrderThenId is a total order', () => {
    expectTotalOrder(withIds(fc.record({ order: smallInt })), byOrderThenId);
  });

  it('byDrawThenId is a total order that lists those not drawn last', () => {
    expectTotalOrder(withIds(fc.record({ draw })), byDrawThenId);
    const listed = [
      { draw: null, id: 'a' },
      { draw: 2, id: 'b' },
      { draw: 1, id: 'c' },
    ].sort(byDrawThenId);
    expect(listed.map((record) => record.id)).toEqual(['c', 'b', 'a']);
  });

  it('byAppearance is a total order that lists those not drawn last, in the organizer’s order', () => {
    expectTotalOrder(withIds(fc.record({ draw, order: smallInt })), byAppearance);
    const listed = [
      { draw: null, order: 2, id: 'a' },
      { draw: null, order: 1, id: 'b' },
      { draw: 5, order: 9, id: 'c' },
    ].sort(byAppearance);
    expect(listed.map((record) => record.id)).toEqual(['c', 'b', 'a']);
  });

  it('byRecordedTime is a total order by audit time, then the device’s sequence', () => {
    const recordedAt = fc.constantFrom('2026-05-01T09:00:00.000Z', '2026-05-01T09:00:01.000Z');
    expectTotalOrder(withIds(fc.record({ recordedAt, deviceSeq: smallInt })), byRecordedTime);
  });
});
