/**
 * The panel's progress on one contestant with rater groups (评委分组): each judge measured
 * against the criteria of its own group (an expert's sheet is complete without the audience's
 * criterion), the outliers found within each group (totals of different groups are on different
 * scales). A round without groups is the one panel, as before. Pure.
 */

import type { ContestantResult } from '../../domain/engine';
import type { MarkRow, SheetRow } from '../../domain/events';
import { groupCriteria, judgeCriteria } from '../../domain/groups';
import { type Outlier, outliersOf, sheetFullMark } from '../../domain/outliers';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import { type JudgeProgress, panelProgress } from '../../domain/reveal-checks';

/** Each judge's progress, in the panel's order, each against the criteria of its own sheet. */
export function groupedProgress(
  round: RoundRecord,
  judges: readonly JudgeRecord[],
  contestant: ContestantRecord,
  marks: readonly MarkRow[],
  sheets: readonly SheetRow[],
): JudgeProgress[] {
  if (!round.settings.groups) {
    return panelProgress(judges, contestant, round.criteria, marks, sheets, round.settings.recusal);
  }
  return judges.flatMap((judge) =>
    panelProgress(
      [judge],
      contestant,
      judgeCriteria(round.settings, judge, round.criteria),
      marks,
      sheets,
      round.settings.recusal,
    ),
  );
}

/** The outliers of the contestant: within the panel, or within each group but the audience's. */
export function groupedOutliers(round: RoundRecord, result: ContestantResult | undefined): Outlier[] {
  if (!result) return [];
  const groups = round.settings.groups;
  if (!groups || !result.groups) return outliersOf(result.judgeTotals, sheetFullMark(round.criteria));
  return result.groups.flatMap((part) => {
    const group = groups.find((candidate) => candidate.id === part.id);
    if (!group || part.id === round.audience?.groupId) return [];
    const marked = new Set(groupCriteria(group, round.criteria));
    const criteria = round.criteria.filter((criterion) => marked.has(criterion.id));
    return outliersOf(part.judgeTotals, sheetFullMark(criteria));
  });
}
