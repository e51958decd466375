// @vitest-environment node
// Advancement's `overall` rule, which the dashboard's city table shares (src/hub/advancement.ts
// `rankOverall`): places of several rounds ranked together by announced score.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankOverall } from '../../../src/hub/advancement';

const places = fc.array(
  fc.record({
    id: fc.uuid(),
    score: fc.integer({ min: 0, max: 10_000 }).map((units) => (units / 100).toFixed(2)),
  }),
  { maxLength: 60 },
);

describe('rankOverall', () => {
  it('orders by score, highest first, keeping the given order among equals, and ties share a rank', () => {
    fc.assert(
      fc.property(places, (given) => {
        const ranked = rankOverall(given);
        expect(ranked.map(({ place }) => place).sort((a, b) => given.indexOf(a) - given.indexOf(b))).toEqual(
          given,
        );
        ranked.forEach(({ place, rank }, index) => {
          const higher = given.filter((other) => Number(other.score) > Number(place.score)).length;
          expect(rank).toBe(higher + 1);
          const next = ranked[index + 1]?.place;
          if (next) expect(Number(next.score)).toBeLessThanOrEqual(Number(place.score));
          if (next && next.score === place.score)
            expect(given.indexOf(next)).toBeGreaterThan(given.indexOf(place));
        });
      }),
    );
  });
});
