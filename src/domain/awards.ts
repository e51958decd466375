/**
 * Award tiers (一二三等奖) and advancement (晋级) by cumulative cut-offs on rank, so that a tie
 * straddling a cut-off is never split: the tied contestants all get the better tier, and the
 * next tier is that much smaller.
 */
import type { AwardTier, Hundredths } from './model.ts';

/** round-half-up(percent x ranked / 100), exactly: percent is in hundredths. */
function tierSize(tier: AwardTier, rankedCount: number): number {
  if ('count' in tier) return tier.count;
  if ('rest' in tier) return Number.POSITIVE_INFINITY;
  return percentOf(tier.percent, rankedCount);
}

export function percentOf(percent: Hundredths, rankedCount: number): number {
  // percent/100 * N / 100 = percent * N / 10000, rounded half up on integers.
  return Math.floor((percent * rankedCount * 2 + 10000) / 20000);
}

/** The position each tier ends at: C(i) = sum of the sizes up to i. */
export function cumulativeCutoffs(tiers: readonly AwardTier[], rankedCount: number): number[] {
  let reached = 0;
  return tiers.map((tier) => {
    reached += tierSize(tier, rankedCount);
    return reached;
  });
}

/** The first tier whose cut-off the rank is within, or null. */
export function awardForRank(
  rank: number,
  tiers: readonly AwardTier[],
  cutoffs: readonly number[],
): string | null {
  const tierAt = cutoffs.findIndex((cutoff) => rank <= cutoff);
  return tierAt === -1 ? null : (tiers[tierAt] as AwardTier).name;
}

export type AdvancementRule = { count: number } | { percent: Hundredths } | { throughAward: string };

/**
 * Who advances: everyone ranked within the cut-off, ties included (so more than `count` may go
 * on when a tie straddles it, never fewer).
 */
export function advancingIds(
  ranked: readonly { id: string; rank: number | null; award: string | null }[],
  rule: AdvancementRule,
  tiers: readonly AwardTier[],
): string[] {
  const rankedCount = ranked.filter((entry) => entry.rank !== null).length;
  let cutoff: number;
  if ('count' in rule) cutoff = rule.count;
  else if ('percent' in rule) cutoff = percentOf(rule.percent, rankedCount);
  else {
    const tierAt = tiers.findIndex((tier) => tier.name === rule.throughAward);
    if (tierAt === -1) throw new RangeError(`no award tier named "${rule.throughAward}"`);
    cutoff = cumulativeCutoffs(tiers, rankedCount)[tierAt] as number;
  }
  return ranked.filter((entry) => entry.rank !== null && entry.rank <= cutoff).map((entry) => entry.id);
}
