/**
 * 抽签: the seeded, re-runnable draw of the order of appearance.
 *
 * Before the draw everyone sees the seed's fingerprint (its SHA-256); after it, the seed itself.
 * Anyone can then check the fingerprint and re-run the shuffle to get the same order. The seed
 * comes from the device's random source, outside this pure module.
 *
 * The shuffle: the contestant ids in code-unit order, then Fisher-Yates from the last position
 * down, each swap index drawn by rejection sampling from 32-bit words of
 * SHA-256("<seed>:<block>"), block = 0, 1, 2, … (eight words per block). Input order never
 * matters; only the set of ids and the seed do.
 */
import { compareIds } from './order.ts';
import { sha256, sha256Hex, utf8 } from './sha256.ts';

/** The longest seed a draw takes (a typed one included). */
export const MAX_SEED_LENGTH = 200;

export function seedFingerprint(seed: string): string {
  return sha256Hex(seed);
}

/** An endless stream of uniform 32-bit words derived from the seed. */
function seedStream(seed: string): () => number {
  let block = 0;
  let words: DataView | null = null;
  let next = 8;
  return () => {
    if (next === 8) {
      const digest = sha256(utf8(`${seed}:${block++}`));
      words = new DataView(digest.buffer);
      next = 0;
    }
    return (words as DataView).getUint32(4 * next++);
  };
}

/** A uniform integer in [0, bound), without modulo bias. */
function uniformBelow(bound: number, nextWord: () => number): number {
  const limit = 0x100000000 - (0x100000000 % bound);
  for (;;) {
    const word = nextWord();
    if (word < limit) return word % bound;
  }
}

export function drawOrder(contestantIds: readonly string[], seed: string): string[] {
  if (seed === '') throw new RangeError('a draw needs a seed');
  const order = [...contestantIds].sort(compareIds);
  const nextWord = seedStream(seed);
  for (let position = order.length - 1; position > 0; position--) {
    const swapWith = uniformBelow(position + 1, nextWord);
    [order[position], order[swapWith]] = [order[swapWith] as string, order[position] as string];
  }
  return order;
}
