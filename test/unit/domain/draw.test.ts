// @vitest-environment node
/** The draw: re-runnable from its seed, checkable by its fingerprint, and a fair permutation. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawOrder, seedFingerprint } from '../../../src/domain/draw.ts';
import { sha256Hex } from '../../../src/domain/sha256.ts';

describe('sha256', () => {
  it('matches the standard vectors and Node’s implementation', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
  });
});

describe('drawOrder', () => {
  const ids = Array.from({ length: 19 }, (_, position) => `P${String(position + 1).padStart(2, '0')}`);

  it('gives the same order for the same seed, whatever the input order', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.uniqueArray(fc.string(), { maxLength: 30 }),
        (seed, list) => {
          const reversed = [...list].reverse();
          const order = drawOrder(list, seed);
          expect(drawOrder(reversed, seed)).toEqual(order);
          expect([...order].sort()).toEqual([...list].sort());
        },
      ),
    );
  });

  it('follows its published recipe: an independent re-run with Node’s SHA-256 agrees', () => {
    // The recipe of src/domain/draw.ts, written again from its comment.
    const rerun = (list: string[], seed: string) => {
      const order = [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const words: number[] = [];
      let block = 0;
      const nextWord = () => {
        if (words.length === 0) {
          const digest = createHash('sha256').update(`${seed}:${block++}`, 'utf8').digest();
          for (let at = 0; at < 32; at += 4) words.push(digest.readUInt32BE(at));
        }
        return words.shift() as number;
      };
      for (let position = order.length - 1; position > 0; position--) {
        const bound = position + 1;
        const limit = 2 ** 32 - (2 ** 32 % bound);
        let word = nextWord();
        while (word >= limit) word = nextWord();
        const swapWith = word % bound;
        [order[position], order[swapWith]] = [order[swapWith] as string, order[position] as string];
      }
      return order;
    };
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.uniqueArray(fc.string(), { maxLength: 40 }),
        (seed, list) => {
          expect(drawOrder(list, seed)).toEqual(rerun(list, seed));
        },
      ),
    );
    expect(seedFingerprint('2026-决赛-7f3a')).toBe(
      createHash('sha256').update('2026-决赛-7f3a').digest('hex'),
    );
  });

  it('differs between seeds and puts each contestant first about equally often', () => {
    const firstCounts = new Map<string, number>();
    for (let run = 0; run < 1900; run++) {
      const first = drawOrder(ids, `seed-${run}`)[0] as string;
      firstCounts.set(first, (firstCounts.get(first) ?? 0) + 1);
    }
    expect(firstCounts.size).toBe(19);
    for (const count of firstCounts.values()) {
      // Expected 100 each; a fair shuffle stays well inside 50..150 with these seeds.
      expect(count).toBeGreaterThan(50);
      expect(count).toBeLessThan(150);
    }
    expect(drawOrder(ids, 'a')).not.toEqual(drawOrder(ids, 'b'));
  });

  it('refuses an empty seed', () => {
    expect(() => drawOrder(ids, '')).toThrow('a draw needs a seed');
  });
});
