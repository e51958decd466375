/**
 * The projector's reveal (公布), step by step: each counted judge's total appears in turn, then
 * the dropped ones are struck through, then the final score, then the rank. Pure: the time
 * since the reveal started and the host's chosen pace in, what is on screen out.
 */

import type { ContestantResult } from '../../domain/engine';
import type { RevealPace } from '../../domain/events';

export const TOTAL_STEP_MS = 700;
export const STRIKE_AFTER_MS = 1000;
export const FINAL_AFTER_MS = 2200;
export const RANK_AFTER_MS = 3400;

/** The paces the host chooses from (隆重 / 标准 / 快速); `instant` is the skip, not a choice. */
export const CHOSEN_PACES = ['ceremonial', 'standard', 'quick'] as const satisfies readonly RevealPace[];
export type ChosenPace = (typeof CHOSEN_PACES)[number];

/** How much longer (> 1) or shorter (< 1) than standard every step of the sequence takes. */
const PACE_SCALE: Record<Exclude<RevealPace, 'instant'>, number> = {
  ceremonial: 1.5,
  standard: 1,
  quick: 0.35,
};

export interface RevealProgress {
  totalsShown: number;
  struck: boolean;
  finalShown: boolean;
  rankShown: boolean;
  done: boolean;
}

/** Everything at once: for a screen that asks for reduced motion, or a reveal the host skipped. */
export const REVEAL_COMPLETE: RevealProgress = {
  totalsShown: Number.POSITIVE_INFINITY,
  struck: true,
  finalShown: true,
  rankShown: true,
  done: true,
};

/**
 * The cards the reveal turns over one by one: each rater group's score in a round with groups
 * (an audience of hundreds is one card, not hundreds), otherwise each judge's total.
 */
export function revealSteps(result: Pick<ContestantResult, 'judgeTotals' | 'groups'> | undefined): number {
  if (!result) return 0;
  return result.groups ? result.groups.length : result.judgeTotals.length;
}

/** How long the whole sequence takes, from 公布 to the rank, for `totals` judges' totals. */
export function revealDurationMs(totals: number, pace: RevealPace = 'standard'): number {
  if (pace === 'instant') return 0;
  return Math.round((totals * TOTAL_STEP_MS + RANK_AFTER_MS) * PACE_SCALE[pace]);
}

export function revealProgress(
  elapsedMs: number,
  totals: number,
  pace: RevealPace = 'standard',
): RevealProgress {
  if (pace === 'instant') return REVEAL_COMPLETE;
  // The same steps on a slower or faster clock.
  const at = elapsedMs / PACE_SCALE[pace];
  const totalsEnd = totals * TOTAL_STEP_MS;
  const rankShown = at >= totalsEnd + RANK_AFTER_MS;
  return {
    totalsShown: Math.min(totals, Math.max(0, Math.floor(at / TOTAL_STEP_MS))),
    struck: at >= totalsEnd + STRIKE_AFTER_MS,
    finalShown: at >= totalsEnd + FINAL_AFTER_MS,
    rankShown,
    done: rankShown,
  };
}
