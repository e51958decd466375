/**
 * Outliers (偏差较大的评分): a judge total more than a tenth of the full mark away from the
 * panel's median. A flag for the host, who may ask that judge to confirm: it changes no score.
 * Exact: the totals are the engine's exact strings, compared as rationals.
 */

import type { ContestantResult, JudgeTotal } from './engine.ts';
import { groupCriteria } from './groups.ts';
import type { Hundredths, Id, RoundSettings } from './model.ts';
import { compareIds } from './order.ts';
import { add, compare, div, type Rational, rational } from './rational.ts';

/** The engine's exact text back to a rational: "87.725", "-3", or a fraction "263/3". */
export function parseExact(text: string): Rational {
  const fraction = /^(-?\d+)\/(\d+)$/.exec(text);
  if (fraction) return rational(BigInt(fraction[1] as string), BigInt(fraction[2] as string));
  const decimal = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!decimal) throw new RangeError(`not an exact number: ${text}`);
  const [, sign, whole, digits = ''] = decimal;
  const magnitude = BigInt(`${whole}${digits}`);
  return rational(sign === '-' ? -magnitude : magnitude, 10n ** BigInt(digits.length));
}

/** The middle value, or the mean of the two middle values; the list must not be empty. */
export function medianOf(values: readonly Rational[]): Rational {
  const sorted = [...values].sort(compare);
  const middle = sorted.length >> 1;
  const upper = sorted[middle] as Rational;
  return sorted.length % 2 === 1 ? upper : div(add(sorted[middle - 1] as Rational, upper), rational(2n));
}

export interface Outlier {
  judge: Id;
  /** The total as the screens show it. */
  shown: string;
  direction: 'high' | 'low';
}

/** A median says which total is off only with at least three of them. */
const MIN_TOTALS_FOR_OUTLIERS = 3;
/** The distance that flags a total: 10 % of the full mark. */
const OUTLIER_PERCENT = 10;

/**
 * The counted judges whose total is more than `percent` % of `fullMark` (the sheet's full
 * mark, in hundredths) away from the median of all counted totals, in judge-id order.
 */
export function outliersOf(
  totals: readonly JudgeTotal[],
  fullMark: Hundredths,
  percent = OUTLIER_PERCENT,
): Outlier[] {
  if (totals.length < MIN_TOTALS_FOR_OUTLIERS) return [];
  const values = totals.map((total) => parseExact(total.total));
  const median = medianOf(values);
  const threshold = rational(BigInt(fullMark) * BigInt(percent), 10_000n);
  const flagged: Outlier[] = [];
  totals.forEach((total, at) => {
    const value = values[at] as Rational;
    const distance = add(value, { num: -median.num, den: median.den });
    const magnitude = distance.num < 0n ? { num: -distance.num, den: distance.den } : distance;
    if (compare(magnitude, threshold) > 0) {
      flagged.push({ judge: total.judge, shown: total.shown, direction: distance.num > 0n ? 'high' : 'low' });
    }
  });
  return flagged.sort((a, b) => compareIds(a.judge, b.judge));
}

/** The full mark of a sheet: what a judge total is out of (the sum of the criteria's points). */
export function sheetFullMark(criteria: readonly { points: Hundredths }[]): Hundredths {
  return criteria.reduce((sum, criterion) => sum + criterion.points, 0);
}

/**
 * A contestant's outliers: each counted total against the panel's median and the sheet's full
 * mark; with rater groups, against its own group's (a 0/1 audience vote is never compared with
 * an expert's total), in judge-id order.
 */
export function contestantOutliers(
  result: Pick<ContestantResult, 'judgeTotals' | 'groups'>,
  criteria: readonly { id: Id; points: Hundredths }[],
  settings: Pick<RoundSettings, 'groups'>,
): Outlier[] {
  if (!settings.groups) return outliersOf(result.judgeTotals, sheetFullMark(criteria));
  return settings.groups
    .flatMap((group) => {
      const totals = result.groups?.find((entry) => entry.id === group.id)?.judgeTotals ?? [];
      const marked = new Set(groupCriteria(group, criteria));
      return outliersOf(totals, sheetFullMark(criteria.filter((criterion) => marked.has(criterion.id))));
    })
    .sort((a, b) => compareIds(a.judge, b.judge));
}
