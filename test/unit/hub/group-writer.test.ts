// @vitest-environment node
// Group commit for the hub's pushes (src/hub/group-writer.ts): what arrives while a write is in
// flight goes in the next write together, a key (a venue) at most once per group and in its
// order, up to a weight, each item answered with its own result or its group's failure.
import { describe, expect, it } from 'vitest';
import { GroupWriter } from '../../../src/hub/group-writer';

interface Item {
  venue: string;
  n: number;
  weight?: number;
}

/** A writer whose writes finish when the test says, recording each group. */
function controlledWriter(maxWeight = 10) {
  const groups: string[][] = [];
  const finishes: ((failure?: Error) => void)[] = [];
  const writer = new GroupWriter<Item, string>({
    write: (items) => {
      groups.push(items.map((item) => `${item.venue}${item.n}`));
      return new Promise((resolve, reject) => {
        finishes.push((failure) =>
          failure ? reject(failure) : resolve(items.map((item) => `stored ${item.venue}${item.n}`)),
        );
      });
    },
    keyOf: (item) => item.venue,
    weightOf: (item) => item.weight ?? 1,
    maxWeight,
  });
  /** Finishes the oldest unfinished write, once it has started. */
  async function finish(failure?: Error) {
    await expect.poll(() => finishes.length).toBeGreaterThan(0);
    finishes.shift()?.(failure);
  }
  return { writer, groups, finish };
}

describe('group commit of pushes', () => {
  it('writes at once when idle, and what arrives meanwhile together, one push per venue in its order', async () => {
    const { writer, groups, finish } = controlledWriter();
    const first = writer.submit({ venue: 'a', n: 1 });
    expect(groups).toEqual([['a1']]);
    const waiting = [
      writer.submit({ venue: 'a', n: 2 }),
      writer.submit({ venue: 'b', n: 1 }),
      writer.submit({ venue: 'a', n: 3 }),
      writer.submit({ venue: 'c', n: 1 }),
      writer.submit({ venue: 'b', n: 2 }),
    ];
    await finish();
    await expect(first).resolves.toBe('stored a1');
    await finish();
    await finish();
    expect(groups).toEqual([['a1'], ['a2', 'b1', 'c1'], ['a3', 'b2']]);
    await expect(Promise.all(waiting)).resolves.toEqual([
      'stored a2',
      'stored b1',
      'stored a3',
      'stored c1',
      'stored b2',
    ]);
  });

  it('stops a group at its weight, takes a heavy push alone, and never lets a venue overtake itself', async () => {
    const { writer, groups, finish } = controlledWriter(10);
    const all = [writer.submit({ venue: 'x', n: 0 })];
    all.push(
      writer.submit({ venue: 'a', n: 1, weight: 6 }),
      writer.submit({ venue: 'b', n: 1, weight: 6 }),
      writer.submit({ venue: 'c', n: 1, weight: 4 }),
      writer.submit({ venue: 'b', n: 2, weight: 1 }),
      writer.submit({ venue: 'd', n: 1, weight: 50 }),
    );
    for (let write = 0; write < 5; write += 1) await finish();
    await Promise.all(all);
    expect(groups).toEqual([['x0'], ['a1', 'c1'], ['b1'], ['b2'], ['d1']]);
  });

  it("fails a failed write's pushes only, and goes on with the next group", async () => {
    const { writer, groups, finish } = controlledWriter();
    const first = writer.submit({ venue: 'a', n: 1 });
    const failing = [writer.submit({ venue: 'b', n: 1 }), writer.submit({ venue: 'c', n: 1 })];
    const after = writer.submit({ venue: 'b', n: 2 });
    await finish();
    await finish(new Error('the database went away'));
    await finish();
    await expect(first).resolves.toBe('stored a1');
    for (const push of failing) await expect(push).rejects.toThrow('the database went away');
    await expect(after).resolves.toBe('stored b2');
    expect(groups).toEqual([['a1'], ['b1', 'c1'], ['b2']]);
  });
});
