// @vitest-environment node
/** movedBy: what every 上移/下移 pair does to its list. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { movedBy } from '../../../src/app/organizer/ui/moved-by';

describe('movedBy', () => {
  it('swaps an item with its neighbour', () => {
    expect(movedBy(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(movedBy(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
  });

  it('leaves the list as it was past either end, and never changes the list it is given', () => {
    const list = ['a', 'b'];
    expect(movedBy(list, 0, -1)).toEqual(['a', 'b']);
    expect(movedBy(list, 1, 1)).toEqual(['a', 'b']);
    expect(list).toEqual(['a', 'b']);
  });

  it('keeps every item, and a move down undoes a move up', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.integer(), { minLength: 2, maxLength: 12 })
          .chain((list) => fc.tuple(fc.constant(list), fc.integer({ min: 1, max: list.length - 1 }))),
        ([list, at]) => {
          const up = movedBy(list, at, -1);
          expect([...up].sort()).toEqual([...list].sort());
          expect(up[at - 1]).toBe(list[at]);
          expect(movedBy(up, at - 1, 1)).toEqual(list);
        },
      ),
    );
  });
});
