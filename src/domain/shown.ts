/**
 * How every screen shows a judge's total or an aggregate (the host's, the projector's, the
 * judge's): apart from the engine, so that the judge's sheet shows its running total without
 * loading the scoring engine.
 */

import type { RoundSettings } from './model.ts';
import { formatRounded, type Rational } from './rational.ts';

/** Decimals a screen shows a judge's total or an aggregate with: the round's, and at least two. */
export function shownDecimals(settings: Pick<RoundSettings, 'decimals'>): number {
  return Math.max(settings.decimals, 2);
}

/** A judge's total or an aggregate as every screen shows it, rounded by the round's rule. */
export function formatShown(value: Rational, settings: Pick<RoundSettings, 'decimals' | 'rounding'>): string {
  return formatRounded(value, shownDecimals(settings), settings.rounding);
}
