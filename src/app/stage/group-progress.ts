/**
 * The outliers the host may ask about (请评委确认): each judge's total against its own panel, or
 * its own group's (src/domain/outliers.ts), but never an audience vote: a phone's 0 among 支持
 * is no judge's total to confirm. Pure.
 */

import type { ContestantResult } from '../../domain/engine';
import { contestantOutliers, type Outlier } from '../../domain/outliers';
import type { RoundRecord } from '../../domain/records';

export function hostOutliers(
  round: Pick<RoundRecord, 'criteria' | 'settings' | 'audience'>,
  result: ContestantResult | undefined,
): Outlier[] {
  if (!result) return [];
  const audience = result.groups?.find((group) => group.id === round.audience?.groupId);
  const voters = new Set(audience?.judgeTotals.map((total) => total.judge));
  return contestantOutliers(result, round.criteria, round.settings).filter(
    (outlier) => !voters.has(outlier.judge),
  );
}
