/**
 * Exact rationals over BigInt. Every value between the marks and the announced score is one of
 * these, so that 87.725 stays 87.725 and rounds to 87.73 (a binary float says 87.72499…).
 * Always normalised: the denominator is positive and coprime with the numerator, so two equal
 * values have equal fields and print identically.
 */
import type { RoundingMode } from './model.ts';

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('division by zero');
  const sign = den < 0n ? -1n : 1n;
  const divisor = gcd(num, den) || 1n;
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

/**
 * num/den from two safe integers (the caller makes sure they are exact), reduced with a Number
 * gcd: the same value as rational(BigInt(num), BigInt(den)), without BigInt division.
 */
export function fromSafeIntegers(num: number, den: number): Rational {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0)
    return rational(BigInt(num), BigInt(den));
  let x = Math.abs(num);
  let y = den;
  while (y !== 0) {
    const r = x % y;
    x = y;
    y = r;
  }
  const divisor = x || 1;
  return { num: BigInt(num / divisor), den: BigInt(den / divisor) };
}

export const ZERO: Rational = { num: 0n, den: 1n };

export function fromHundredths(hundredths: number): Rational {
  return rational(BigInt(hundredths), 100n);
}

export function add(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return rational(a.num + b.num, a.den);
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function mul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

export function div(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den, a.den * b.num);
}

export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function max(a: Rational, b: Rational): Rational {
  return compare(a, b) >= 0 ? a : b;
}

function floorDiv(num: bigint, den: bigint): bigint {
  const quotient = num / den;
  return num % den !== 0n && num < 0n !== den < 0n ? quotient - 1n : quotient;
}

/** The value rounded to `decimals` places, as a whole number of 10^-decimals units. */
export function roundToUnits(value: Rational, decimals: number, mode: RoundingMode): bigint {
  const scale = 10n ** BigInt(decimals);
  const scaledNum = value.num * scale;
  const floor = floorDiv(scaledNum, value.den);
  const remainder2 = 2n * (scaledNum - floor * value.den); // twice the fractional part, times den
  switch (mode) {
    case 'down':
      // Truncation toward zero (去尾). Scores are never negative, but be exact for adjustments too.
      return value.num < 0n && remainder2 !== 0n ? floor + 1n : floor;
    case 'half-up':
      // Half away from zero (四舍五入).
      if (remainder2 > value.den) return floor + 1n;
      if (remainder2 < value.den) return floor;
      return value.num < 0n ? floor : floor + 1n;
    case 'half-even':
      if (remainder2 > value.den) return floor + 1n;
      if (remainder2 < value.den) return floor;
      return floor % 2n === 0n ? floor : floor + 1n;
  }
}

export function round(value: Rational, decimals: number, mode: RoundingMode): Rational {
  return rational(roundToUnits(value, decimals, mode), 10n ** BigInt(decimals));
}

/** Formats a whole number of 10^-decimals units as a decimal string with exactly `decimals` places. */
export function formatUnits(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return (negative ? '-' : '') + (decimals > 0 ? `${whole}.${fraction}` : whole);
}

/** Rounds and prints with exactly `decimals` places: what a screen or an export shows. */
export function formatRounded(value: Rational, decimals: number, mode: RoundingMode): string {
  return formatUnits(roundToUnits(value, decimals, mode), decimals);
}

/**
 * The exact value as text: a terminating decimal when there is one ("87.725"), otherwise a
 * fraction ("263/3"). Never rounded, so an export can be checked by hand.
 */
export function toExactString(value: Rational): string {
  let rest = value.den;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos++;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives++;
  }
  if (rest !== 1n) return `${value.num}/${value.den}`;
  const decimals = Math.max(twos, fives);
  return formatUnits((value.num * 10n ** BigInt(decimals)) / value.den, decimals);
}
