/**
 * The projector's reveal (公布), step by step: each counted judge's total appears in turn, then
 * the dropped ones are struck through, then the final score, then the rank. Pure: the time
 * since the reveal started in, what is on screen out.
 */

export const TOTAL_STEP_MS = 700;
export const STRIKE_AFTER_MS = 1000;
export const FINAL_AFTER_MS = 2200;
export const RANK_AFTER_MS = 3400;

export interface RevealProgress {
  totalsShown: number;
  struck: boolean;
  finalShown: boolean;
  rankShown: boolean;
  done: boolean;
}

export function revealProgress(elapsedMs: number, totals: number): RevealProgress {
  const totalsEnd = totals * TOTAL_STEP_MS;
  const rankShown = elapsedMs >= totalsEnd + RANK_AFTER_MS;
  return {
    totalsShown: Math.min(totals, Math.max(0, Math.floor(elapsedMs / TOTAL_STEP_MS))),
    struck: elapsedMs >= totalsEnd + STRIKE_AFTER_MS,
    finalShown: elapsedMs >= totalsEnd + FINAL_AFTER_MS,
    rankShown,
    done: rankShown,
  };
}

/** Everything at once: for a screen that asks for reduced motion. */
export const REVEAL_COMPLETE: RevealProgress = {
  totalsShown: Number.POSITIVE_INFINITY,
  struck: true,
  finalShown: true,
  rankShown: true,
  done: true,
};
