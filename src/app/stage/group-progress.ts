/**
 * The panel's progress on one contestant with rater groups (评委分组): each judge measured
 * against the criteria of its own group (an expert's sheet is complete without the audience's
 * criterion), the outliers found within each group (totals of different groups are on different
 * scales), and a count per group for the host (专家评委 5/5 · 大众评审 已投 37). A round without
 * groups is the one panel, as before. Pure.
 */

import type { ContestantResult } from '../../domain/engine';
import type { MarkRow, SheetRow } from '../../domain/events';
import { groupCriteria, judgeCriteria } from '../../domain/groups';
import type { Id } from '../../domain/model';
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

export type GroupCount =
  | { id: Id; label: string; kind: 'panel'; submitted: number; eligible: number }
  | { id: Id; label: string; kind: 'audience'; votes: number };

/**
 * Per group, the sheets in against the group's eligible judges; for the audience's group, the
 * votes counted so far (its judges are the phones that voted). Null for a round without groups.
 */
export function groupCounts(
  round: RoundRecord,
  judges: readonly JudgeRecord[],
  progress: readonly JudgeProgress[],
  result: ContestantResult | undefined,
): GroupCount[] | null {
  const groups = round.settings.groups;
  if (!groups) return null;
  return groups.map((group): GroupCount => {
    if (group.id === round.audience?.groupId) {
      const votes = result?.groups?.find((part) => part.id === group.id)?.countedJudges ?? 0;
      return { id: group.id, label: group.label, kind: 'audience', votes };
    }
    const members = new Set(judges.filter((judge) => judge.group === group.id).map((judge) => judge.id));
    const eligible = progress.filter((entry) => members.has(entry.judgeId) && entry.status !== 'recused');
    return {
      id: group.id,
      label: group.label,
      kind: 'panel',
      submitted: eligible.filter((entry) => entry.status === 'submitted').length,
      eligible: eligible.length,
    };
  });
}
