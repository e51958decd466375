import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SAMPLE_CONTESTANTS,
  SAMPLE_JUDGES,
  sampleRound,
} from '../../../src/app/organizer/settings/sample-round';
import { formatDuration, parseDuration } from '../../../src/app/organizer/settings/settings-form';
import { computeStandings } from '../../../src/domain/engine';
import { type Criterion, DEFAULT_SETTINGS } from '../../../src/domain/model';

const names = { contestant: (n: number) => `P${n}`, judge: (n: number) => `J${n}` };

const criterion = fc
  .record({
    step: fc.constantFrom(1, 5, 10, 25, 50, 100),
    steps: fc.integer({ min: 1, max: 400 }),
    points: fc.integer({ min: 1, max: 10000 }),
  })
  .map(({ step, steps, points }) => ({ max: step * steps, step, points }));

describe('the sample round of the settings preview', () => {
  it('has marks on every criterion’s step within its max, for any sheet', () => {
    fc.assert(
      fc.property(fc.array(criterion, { minLength: 1, maxLength: 8 }), (shapes) => {
        const criteria: Criterion[] = shapes.map((shape, at) => ({
          id: `c${at}`,
          label: `项${at}`,
          ...shape,
        }));
        const input = sampleRound(criteria, DEFAULT_SETTINGS, names);
        expect(input.marks).toHaveLength(SAMPLE_CONTESTANTS * SAMPLE_JUDGES * criteria.length);
        for (const mark of input.marks) {
          const of = criteria.find((each) => each.id === mark.criterion) as Criterion;
          expect(mark.value % of.step).toBe(0);
          expect(mark.value).toBeGreaterThanOrEqual(0);
          expect(mark.value).toBeLessThanOrEqual(of.max);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is ranked whole by the engine on a 分值制 sheet (points = max)', () => {
    fc.assert(
      fc.property(fc.array(criterion, { minLength: 1, maxLength: 8 }), (shapes) => {
        const criteria: Criterion[] = shapes.map((shape, at) => ({
          id: `c${at}`,
          label: `项${at}`,
          ...shape,
          points: shape.max,
        }));
        const standings = computeStandings(sampleRound(criteria, DEFAULT_SETTINGS, names));
        expect(standings.ranked).toHaveLength(SAMPLE_CONTESTANTS);
        expect(standings.pending).toHaveLength(0);
      }),
      { numRuns: 60 },
    );
  });

  it('is the same every time: no randomness', () => {
    const criteria: Criterion[] = [{ id: 'c', label: '内容', max: 4000, points: 4000, step: 10 }];
    expect(sampleRound(criteria, DEFAULT_SETTINGS, names)).toEqual(
      sampleRound(criteria, DEFAULT_SETTINGS, names),
    );
  });
});

describe('time limits', () => {
  it('read minutes or minutes:seconds and print them back the same way', () => {
    expect(parseDuration('10')).toBe(600);
    expect(parseDuration('7:30')).toBe(450);
    expect(parseDuration('7：30')).toBe(450);
    expect(parseDuration('')).toBeNull();
    for (const bad of ['7:75', '10分钟', '-1', '1.5']) expect(parseDuration(bad)).toBeUndefined();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 * 60 + 59 }), (seconds) => {
        expect(parseDuration(formatDuration(seconds))).toBe(seconds);
      }),
    );
  });
});
