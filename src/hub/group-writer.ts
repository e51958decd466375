/**
 * Group commit for the hub's pushes: while one write is in flight, the pushes that arrive wait,
 * and the next write takes all of them at once. Pushes commit one at a time under the hub's
 * ordering lock (./store.ts), so a write per push would make 19 venues' pushes queue for the
 * lock one by one, each with its own commit; a write per group takes the lock and commits once
 * for everything that arrived meanwhile, however many venues push.
 *
 * A group holds at most one item per key (a venue): a second push of the same venue waits for
 * the next group, so each venue's pushes still land in the order they came.
 */

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

export interface GroupWriterOptions<I, O> {
  /** Writes a group in one go; returns each item's result, in the group's order. */
  write: (items: I[]) => Promise<O[]>;
  /** Items with the same key never share a group. */
  keyOf: (item: I) => string;
  /** An item's weight (its events); a group stops growing at `maxWeight`, though it takes one item whatever its weight. */
  weightOf: (item: I) => number;
  maxWeight: number;
}

export class GroupWriter<I, O> {
  private queue: Waiting<I, O>[] = [];
  private writing = false;

  constructor(private readonly options: GroupWriterOptions<I, O>) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const group = this.nextGroup();
      try {
        const results = await this.options.write(group.map((waiting) => waiting.item));
        for (const [index, waiting] of group.entries()) waiting.resolve(results[index] as O);
      } catch (error) {
        for (const waiting of group) waiting.reject(error);
      }
    }
    this.writing = false;
  }

  /** The queue's first items of distinct keys, up to the weight; the rest stays queued, in order. */
  private nextGroup(): Waiting<I, O>[] {
    const { keyOf, weightOf, maxWeight } = this.options;
    const group: Waiting<I, O>[] = [];
    const rest: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    let weight = 0;
    for (const waiting of this.queue) {
      const key = keyOf(waiting.item);
      const heavier = weight + weightOf(waiting.item);
      // A key seen once, taken or left, is taken no more: a venue's later push never overtakes.
      const taken = !keys.has(key) && (group.length === 0 || heavier <= maxWeight);
      keys.add(key);
      if (!taken) {
        rest.push(waiting);
        continue;
      }
      weight = heavier;
      group.push(waiting);
    }
    this.queue = rest;
    return group;
  }
}
