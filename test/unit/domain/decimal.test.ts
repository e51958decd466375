// @vitest-environment node
/** The parsers and the exact arithmetic under the engine: decimals, rationals, rounding. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHundredths, parseHundredths } from '../../../src/domain/decimal.ts';
import { computeStandings } from '../../../src/domain/engine.ts';
import { readInterchangeRound } from '../../../src/domain/interchange.ts';
import { RoundRejectedError } from '../../../src/domain/issues.ts';
import { formatRounded, rational, toExactString } from '../../../src/domain/rational.ts';

describe('parseHundredths', () => {
  it.each([
    ['87.5', 8750],
    [87.5, 8750],
    [0.1, 10],
    ['-7.5', -750],
    ['2E+1', 2000],
    ['1.2E-1', 12],
    ['.5', 50],
    ['007.10', 710],
    [' 40 ', 4000],
  ])('reads %j as %i hundredths', (input, expected) => {
    expect(parseHundredths(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['87.725', 'tooManyDecimals'],
    [1e-7, 'tooManyDecimals'],
    ['1.23E-1', 'tooManyDecimals'],
    ['abc', 'notANumber'],
    ['', 'notANumber'],
    ['4O', 'notANumber'],
    [Number.NaN, 'notANumber'],
    [null, 'notANumber'],
    [true, 'notANumber'],
    ['1e20', 'tooLarge'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseHundredths(input)).toEqual({ ok: false, reason });
  });

  it('round-trips every hundredths value through its text and its JSON number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (value) => {
        expect(parseHundredths(formatHundredths(value))).toEqual({ ok: true, value });
        expect(parseHundredths(Number(formatHundredths(value)))).toEqual({ ok: true, value });
      }),
    );
  });

  it('never accepts a third decimal digit that is not zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 9 }), (hundredths, extra) => {
        const text = `${formatHundredths(hundredths)}${hundredths % 100 === 0 ? '.00' : hundredths % 10 === 0 ? '0' : ''}${extra}`;
        expect(parseHundredths(text)).toEqual({ ok: false, reason: 'tooManyDecimals' });
      }),
    );
  });
});

describe('rational rounding', () => {
  it('prints exact decimals and fractions', () => {
    expect(toExactString(rational(87725n, 1000n))).toBe('87.725');
    expect(toExactString(rational(263n, 3n))).toBe('263/3');
    expect(toExactString(rational(-15n, 2n))).toBe('-7.5');
    expect(toExactString(rational(40n, 1n))).toBe('40');
  });

  it('agrees with a digit-by-digit reference for every mode', () => {
    // Reference: the exact decimal expansion to decimals+1 digits plus "is there anything after".
    const reference = (
      num: bigint,
      den: bigint,
      decimals: number,
      mode: 'half-up' | 'half-even' | 'down',
    ) => {
      const scale = 10n ** BigInt(decimals);
      const floor = (num * scale) / den;
      const rest = num * scale - floor * den;
      let units = floor;
      if (mode === 'half-up' && rest * 2n >= den) units++;
      if (mode === 'half-even' && (rest * 2n > den || (rest * 2n === den && floor % 2n === 1n))) units++;
      const text = units.toString().padStart(decimals + 1, '0');
      return decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
    };
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('half-up' as const, 'half-even' as const, 'down' as const),
        (num, den, decimals, mode) => {
          expect(formatRounded(rational(num, den), decimals, mode)).toBe(reference(num, den, decimals, mode));
        },
      ),
    );
  });
});

describe('readInterchangeRound', () => {
  it('either scores a round or refuses it with named issues, whatever JSON it is given', () => {
    // JSON.parse can give objects whose own keys shadow Object.prototype: String() on them throws.
    const poisoned = fc.constantFrom<unknown>(
      { toString: null },
      { toString: null, valueOf: null },
      JSON.parse('{"__proto__": {"toString": null}}'),
      { constructor: 'x', hasOwnProperty: 1 },
    );
    const field = fc.oneof(fc.jsonValue(), fc.constantFrom('87.5', 40, -1, '2E+1', null), poisoned);
    const roundish = fc.record(
      {
        criteria: fc.array(
          fc.record(
            { id: field, label: field, max: field, points: field, step: field },
            { requiredKeys: [] },
          ),
        ),
        judges: fc.array(
          fc.record({ id: field, name: field, weight: field, unit: field }, { requiredKeys: [] }),
        ),
        contestants: fc.array(
          fc.record({ id: field, draw: field, status: field, unit: field }, { requiredKeys: [] }),
        ),
        scores: fc.array(
          fc.record({ judge: field, contestant: field, criterion: field, mark: field }, { requiredKeys: [] }),
        ),
        panel: fc.oneof(field, fc.record({ kind: field, k: field }, { requiredKeys: [] })),
        level: field,
        decimals: field,
        rounding: field,
        roundEachCriterion: field,
        minJudges: field,
        recusal: field,
        awards: fc.oneof(
          field,
          fc.array(
            fc.record({ name: field, count: field, percent: field, rest: field }, { requiredKeys: [] }),
          ),
        ),
        tieBreak: fc.oneof(field, fc.array(field)),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), roundish), (json) => {
        try {
          computeStandings(readInterchangeRound(json));
        } catch (error) {
          expect(error).toBeInstanceOf(RoundRejectedError);
          expect((error as RoundRejectedError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: Number(process.env.PARSER_RUNS ?? 500) },
    );
  });

  it('refuses a tie-break step that is an object without toString (CI seed -1088606863)', () => {
    const poisonedStep = JSON.parse('{"tieBreak":[{"toString":null}]}') as unknown;
    expect(() => readInterchangeRound(poisonedStep)).toThrow(RoundRejectedError);
    try {
      readInterchangeRound(poisonedStep);
    } catch (error) {
      expect((error as RoundRejectedError).issues).toContainEqual(
        expect.objectContaining({ code: 'notText', path: 'tieBreak[0]' }),
      );
    }
  });
});
