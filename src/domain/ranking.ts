/**
 * Ranking: the announced score first (what the audience sees decides), then the tie-break chain,
 * then 并列 with standard competition numbering (1, 2, 2, 4). Tied contestants are listed by
 * draw, then id: never randomly, never by input order.
 */
import type { TieBreakStep } from './model.ts';
import { byDrawThenId } from './order.ts';
import { compare, type Rational } from './rational.ts';

/**
 * What put a contestant below the one listed just above it. `Step` is the tie-break chain's step
 * type: a round's (TieBreakStep), or another ranking's that reuses these rules (./combination.ts).
 */
export type Separation<Step extends string = TieBreakStep> = 'score' | Step | 'tied';

export interface RankCandidate {
  id: string;
  draw: number | null;
  /** The announced score in units of 10^-decimals. */
  announcedUnits: bigint;
  /** One key per tie-break step, in the chain's order. */
  tieBreakKeys: readonly Rational[];
}

export interface RankedPlace<T extends RankCandidate, Step extends string = TieBreakStep> {
  candidate: T;
  rank: number;
  /** Shares its rank with at least one other contestant. */
  tied: boolean;
  /** Null for the first place. */
  separatedBy: Separation<Step> | null;
}

/** Which step first tells a (listed above) from b, or 'tied'. */
function separation<Step extends string>(
  a: RankCandidate,
  b: RankCandidate,
  chain: readonly Step[],
): Separation<Step> {
  if (a.announcedUnits !== b.announcedUnits) return 'score';
  for (let step = 0; step < chain.length; step++) {
    if (compare(a.tieBreakKeys[step] as Rational, b.tieBreakKeys[step] as Rational) !== 0)
      return chain[step] as Step;
  }
  return 'tied';
}

function compareRanking(a: RankCandidate, b: RankCandidate): number {
  if (a.announcedUnits !== b.announcedUnits) return a.announcedUnits > b.announcedUnits ? -1 : 1;
  for (let step = 0; step < a.tieBreakKeys.length; step++) {
    const order = compare(b.tieBreakKeys[step] as Rational, a.tieBreakKeys[step] as Rational);
    if (order !== 0) return order;
  }
  return 0;
}

export function rankCandidates<T extends RankCandidate, Step extends string = TieBreakStep>(
  candidates: readonly T[],
  chain: readonly Step[],
): RankedPlace<T, Step>[] {
  const sorted = [...candidates].sort((a, b) => compareRanking(a, b) || byDrawThenId(a, b));
  const places: RankedPlace<T, Step>[] = [];
  sorted.forEach((candidate, position) => {
    const previous = places[position - 1];
    const separatedBy = previous ? separation(previous.candidate, candidate, chain) : null;
    const rank = previous && separatedBy === 'tied' ? previous.rank : position + 1;
    if (previous && separatedBy === 'tied') previous.tied = true;
    places.push({ candidate, rank, tied: separatedBy === 'tied', separatedBy });
  });
  return places;
}
