/**
 * The panel rules: how the counted judges' values (totals, or one criterion's parts) become one
 * aggregate. Values are integers over a shared denominator, so sums are exact; the division is
 * done once, as a rational.
 */
import type { PanelRule } from './model.ts';
import { fromSafeIntegers, type Rational, rational } from './rational.ts';

export interface PanelEntry {
  /** Index of the judge in the round's judge list. */
  judgeAt: number;
  /** The judge's value, an integer over the caller's denominator. */
  value: number;
  /** The judge's weight in hundredths (weighted panels only). */
  weight: number;
  /** Position of the judge in id order: ties between equal values never depend on input order. */
  idOrder: number;
}

export interface PanelResult {
  aggregate: Rational;
  droppedLow: number[];
  droppedHigh: number[];
  /** The k actually applied (trimmed panels); lowered when too few judges counted. */
  effectiveK: number | null;
  trimReduced: boolean;
}

const byValueThenId = (a: PanelEntry, b: PanelEntry) => a.value - b.value || a.idOrder - b.idOrder;

function plainMean(entries: readonly PanelEntry[], denominator: number): Rational {
  let sum = 0;
  for (const entry of entries) sum += entry.value;
  const scaled = denominator * entries.length;
  // Sums are exact in a double (validate.ts bounds them); the product may not be.
  return Number.isSafeInteger(scaled)
    ? fromSafeIntegers(sum, scaled)
    : rational(BigInt(sum), BigInt(denominator) * BigInt(entries.length));
}

/** Applies the panel rule to at least one entry. */
export function aggregatePanel(
  rule: PanelRule,
  entries: readonly PanelEntry[],
  denominator: number,
): PanelResult {
  const none = { droppedLow: [], droppedHigh: [], effectiveK: null, trimReduced: false };
  switch (rule.kind) {
    case 'mean':
      return { aggregate: plainMean(entries, denominator), ...none };
    case 'weighted': {
      let weightedSum = 0n;
      let weightSum = 0n;
      for (const entry of entries) {
        weightedSum += BigInt(entry.value) * BigInt(entry.weight);
        weightSum += BigInt(entry.weight);
      }
      return { aggregate: rational(weightedSum, BigInt(denominator) * weightSum), ...none };
    }
    case 'median': {
      const sorted = [...entries].sort(byValueThenId);
      const middle = sorted.length >> 1;
      const upper = sorted[middle] as PanelEntry;
      const aggregate =
        sorted.length % 2 === 1
          ? fromSafeIntegers(upper.value, denominator)
          : plainMean([sorted[middle - 1] as PanelEntry, upper], denominator);
      return { aggregate, ...none };
    }
    case 'trimmed': {
      const count = entries.length;
      // Too few judges for k on each side: lower k so that at least one value remains.
      const effectiveK = count < 2 * rule.k + 1 ? Math.floor((count - 1) / 2) : rule.k;
      const sorted = [...entries].sort(byValueThenId);
      const kept = sorted.slice(effectiveK, count - effectiveK);
      return {
        aggregate: plainMean(kept, denominator),
        droppedLow: sorted.slice(0, effectiveK).map((entry) => entry.judgeAt),
        droppedHigh: sorted.slice(count - effectiveK).map((entry) => entry.judgeAt),
        effectiveK,
        trimReduced: effectiveK < rule.k,
      };
    }
  }
}
