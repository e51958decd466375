/**
 * Before 公布: where each judge of the panel stands for the contestant on stage, and what the
 * host must settle before revealing (every eligible sheet submitted, or an override with a
 * reason; outliers confirmed or knowingly passed over). Pure.
 */

import type { MarkRow, SheetRow } from './events.ts';
import type { Id } from './model.ts';
import type { Outlier } from './outliers.ts';

/**
 * `submitted`: sent to the host; `drafting`: has marks (or a reopened sheet), not submitted;
 * `notStarted`: no mark yet; `recused`: 回避, same unit as the contestant.
 */
export type JudgeProgressStatus = 'submitted' | 'drafting' | 'notStarted' | 'recused';

export interface JudgeProgress {
  judgeId: Id;
  status: JudgeProgressStatus;
  /** Criteria holding a mark. */
  marked: number;
}

interface PanelJudge {
  id: Id;
  unit: string | null;
}

/** The scoring rules' recusal: a unit of "" is no unit. */
export function isRecusedFrom(judge: PanelJudge, contestant: { unit: string | null }): boolean {
  return judge.unit !== null && judge.unit !== '' && judge.unit === contestant.unit;
}

/** Each judge's progress on one contestant, in the panel's order; marks and sheets of that contestant. */
export function panelProgress(
  judges: readonly PanelJudge[],
  contestant: { id: Id; unit: string | null },
  marks: readonly MarkRow[],
  sheets: readonly SheetRow[],
): JudgeProgress[] {
  return judges.map((judge) => {
    const marked = marks.filter(
      (mark) => mark.judgeId === judge.id && mark.contestantId === contestant.id && mark.value !== null,
    ).length;
    if (isRecusedFrom(judge, contestant)) return { judgeId: judge.id, status: 'recused', marked };
    const sheet = sheets.find((row) => row.judgeId === judge.id && row.contestantId === contestant.id);
    let status: JudgeProgressStatus = 'notStarted';
    if (sheet?.status === 'submitted') status = 'submitted';
    else if (marked > 0 || sheet?.status === 'reopened') status = 'drafting';
    return { judgeId: judge.id, status, marked };
  });
}

export interface RevealChecks {
  /** Eligible judges who have not submitted: revealing needs an override with a reason. */
  missing: Id[];
  /** Outliers whose judge has not confirmed (yet): a warning, not a bar. */
  unconfirmedOutliers: Outlier[];
  /** Every eligible sheet is in: reveal without an override. */
  allSubmitted: boolean;
}

export function revealChecks(
  progress: readonly JudgeProgress[],
  outliers: readonly Outlier[],
  confirmedJudgeIds: ReadonlySet<Id>,
): RevealChecks {
  const missing = progress
    .filter((judge) => judge.status === 'drafting' || judge.status === 'notStarted')
    .map((judge) => judge.judgeId);
  return {
    missing,
    unconfirmedOutliers: outliers.filter((outlier) => !confirmedJudgeIds.has(outlier.judge)),
    allSubmitted: missing.length === 0,
  };
}
