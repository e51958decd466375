/**
 * Decimal text <-> Hundredths. Marks arrive as JSON numbers, decimal strings ("87.5") or keypad
 * input; all of them become whole hundredths here, or are refused. Nothing is ever clamped or
 * silently rounded: a value with a third decimal is an error, not 0.01 off.
 */
import type { Hundredths } from './model.ts';

// Plain or scientific decimal text: "87.5", "-7.5", "2E+1" (as Python's Decimal writes 20).
const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export type DecimalParse =
  | { ok: true; value: Hundredths }
  | { ok: false; reason: 'notANumber' | 'tooManyDecimals' | 'tooLarge' };

/**
 * Parses a JSON number or a decimal string into hundredths, exactly. A JSON number is read
 * through its shortest decimal representation (0.1 is "0.1"), which is what the person typed.
 */
export function parseHundredths(input: unknown): DecimalParse {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: 'notANumber' };
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    return { ok: false, reason: 'notANumber' };
  }
  const match = DECIMAL_PATTERN.exec(text);
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match ?? [];
  if (!match || whole + fraction === '') return { ok: false, reason: 'notANumber' };
  const exponent = Number(exponentText);
  if (exponent > 15) return { ok: false, reason: 'tooLarge' };
  // value = digits x 10^(exponent - fraction.length); hundredths shift that by two more places.
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
  const shift = exponent - fraction.length + 2;
  let scaled: string;
  if (shift >= 0) {
    scaled = digits + '0'.repeat(shift);
  } else {
    const dropped = digits.slice(Math.max(0, digits.length + shift));
    if (/[1-9]/.test(dropped) || (shift < -digits.length && /[1-9]/.test(digits))) {
      return { ok: false, reason: 'tooManyDecimals' };
    }
    scaled = digits.slice(0, Math.max(0, digits.length + shift)) || '0';
  }
  const magnitude = Number(scaled);
  if (!Number.isSafeInteger(magnitude) || magnitude > 1e12) return { ok: false, reason: 'tooLarge' };
  return { ok: true, value: sign === '-' && magnitude !== 0 ? -magnitude : magnitude };
}

/** Prints hundredths with the fewest decimals that keep it exact: 8750 -> "87.5", 4000 -> "40". */
export function formatHundredths(value: Hundredths): string {
  const negative = value < 0;
  const magnitude = Math.abs(value);
  const whole = Math.trunc(magnitude / 100);
  const fraction = magnitude % 100;
  const fractionText = fraction === 0 ? '' : `.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
  return `${negative ? '-' : ''}${whole}${fractionText}`;
}
