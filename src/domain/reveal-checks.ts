/**
 * Before 公布: where each judge of the panel stands for the contestant on stage, and what the
 * host must settle before revealing (every eligible sheet submitted and complete, nothing set
 * aside, or an override with a reason; outliers confirmed or knowingly passed over). Pure.
 */

import type { AudienceWindowRow, MarkRow, SheetRow } from './events.ts';
import { judgeCriteria } from './groups.ts';
import type { SetAside } from './live-standings.ts';
import type { Id, RecusalRule, RecuseList, RoundSettings } from './model.ts';
import type { Outlier } from './outliers.ts';
import { isRecusedFrom } from './recusal.ts';
import type { SheetSigning } from './signing-checks.ts';

/**
 * `submitted`: sent to the host; `incomplete`: submitted, but a criterion of the sheet has no
 * mark (one added after the submission); `drafting`: has marks (or a reopened sheet), not
 * submitted; `notStarted`: no mark yet; `recused`: 回避 (./recusal.ts).
 */
export type JudgeProgressStatus = 'submitted' | 'incomplete' | 'drafting' | 'notStarted' | 'recused';

export interface JudgeProgress {
  judgeId: Id;
  status: JudgeProgressStatus;
  /** Criteria of the sheet holding a mark. */
  marked: number;
  /** Criteria of the sheet without a mark, in the sheet's order. */
  unmarked: Id[];
}

interface PanelJudge {
  id: Id;
  unit: string | null;
  recuse?: RecuseList | undefined;
  /** The judge's rater group, in a round with groups. */
  group?: Id | undefined;
}

/**
 * Each judge's progress on one contestant, in the panel's order, from the marks and sheets of
 * that contestant. Only the sheet's current criteria count: a mark of a criterion deleted since
 * is no part of the sheet. In a round with `groups`, a judge's sheet is its group's criteria.
 */
export function panelProgress(
  judges: readonly PanelJudge[],
  contestant: { id: Id; unit: string | null },
  criteria: readonly { id: Id }[],
  marks: readonly MarkRow[],
  sheets: readonly SheetRow[],
  recusal: RecusalRule | undefined,
  groups?: RoundSettings['groups'],
): JudgeProgress[] {
  return judges.map((judge) => {
    const sheetCriteria = judgeCriteria({ groups }, judge, criteria);
    const markedIds = new Set(
      marks
        .filter(
          (mark) => mark.judgeId === judge.id && mark.contestantId === contestant.id && mark.value !== null,
        )
        .map((mark) => mark.criterionId),
    );
    const unmarked = sheetCriteria.filter((criterion) => !markedIds.has(criterion.id)).map(({ id }) => id);
    const marked = sheetCriteria.length - unmarked.length;
    if (isRecusedFrom(judge, contestant, recusal))
      return { judgeId: judge.id, status: 'recused', marked, unmarked };
    const sheet = sheets.find((row) => row.judgeId === judge.id && row.contestantId === contestant.id);
    let status: JudgeProgressStatus = 'notStarted';
    if (sheet?.status === 'submitted') status = unmarked.length > 0 ? 'incomplete' : 'submitted';
    else if (marked > 0 || sheet?.status === 'reopened') status = 'drafting';
    return { judgeId: judge.id, status, marked, unmarked };
  });
}

/**
 * A submitted sheet whose signature the host must see before 公布 (./signing-checks.ts):
 * `unsigned` (a tablet that could not sign: a warning), `badSignature` (it does not verify
 * against the judge's registered key) or `changed` (a mark differs from the signed one).
 */
export interface SignatureProblem {
  judgeId: Id;
  problem: 'unsigned' | 'badSignature' | 'changed';
}

/** The signature problems of the judges' submitted sheets, in the panel's order. */
export function signatureProblemsOf(
  progress: readonly JudgeProgress[],
  signingOf: (judgeId: Id) => SheetSigning | null,
): SignatureProblem[] {
  return progress.flatMap((judge): SignatureProblem[] => {
    if (judge.status !== 'submitted' && judge.status !== 'incomplete') return [];
    const signing = signingOf(judge.judgeId);
    if (signing === null || signing.state === 'signed') return [];
    return [{ judgeId: judge.judgeId, problem: signing.state }];
  });
}

/** The judges whose submitted sheet verified as signed, in the panel's order (RevealChecks.allSigned). */
export function signedJudgesOf(
  progress: readonly JudgeProgress[],
  signingOf: (judgeId: Id) => SheetSigning | null,
): Id[] {
  return progress
    .filter((judge) => judge.status === 'submitted' && signingOf(judge.judgeId)?.state === 'signed')
    .map((judge) => judge.judgeId);
}

export interface RevealChecks {
  /** Eligible judges who have not submitted. */
  missing: Id[];
  /** Eligible judges whose submitted sheet lacks a criterion: they do not count until it is marked. */
  incomplete: JudgeProgress[];
  /**
   * The contestant's sheets (or adjustments) that break a rule and would count: set aside, each
   * named, the contestant held until they are fixed. (Those the rules ignore anyway, such as a
   * recused judge's, hold nobody and are left to the results screen.)
   */
  setAside: SetAside[];
  /** Outliers whose judge has not confirmed (yet): a warning, not a bar. */
  unconfirmedOutliers: Outlier[];
  /** Every eligible sheet is in, with every criterion marked. */
  allSubmitted: boolean;
  /** Submitted sheets whose signature is missing, does not verify, or no longer covers the marks. */
  signatureProblems: SignatureProblem[];
  /**
   * 评委签名齐全: every eligible judge's sheet is in, complete, counted (none set aside) and
   * covered by a signature that verifies. False in a round whose sheets are not signed (a
   * rehearsal's, a log from before signing): the readout never says it falsely.
   */
  allSigned: boolean;
  /**
   * Revealing needs the host's reason: a sheet is missing or incomplete, one is set aside (the
   * reveal then freezes it as not counted), or a signature does not hold (never revealed silently).
   */
  needsOverride: boolean;
  /**
   * `open`: a voting window of the contestant is open (not closed, whatever the clock says): no
   * reveal until the host closes it, or the revealed score would move with the votes.
   * `unsealed`: closed, but the server's seal (which fixes how many votes count) has not reached
   * this device: the tally may still change, so the host confirms knowingly. Null otherwise.
   */
  audienceVoting: 'open' | 'unsealed' | null;
}

/** Where the contestant's audience voting stands before 公布 (see `RevealChecks.audienceVoting`). */
export function audienceVotingCheck(windows: readonly AudienceWindowRow[]): RevealChecks['audienceVoting'] {
  const opened = windows.filter((voting) => voting.opened !== null);
  if (opened.some((voting) => voting.closed === null && voting.sealed === null)) return 'open';
  return opened.some((voting) => voting.sealed === null) ? 'unsealed' : null;
}

export function revealChecks(
  progress: readonly JudgeProgress[],
  outliers: readonly Outlier[],
  confirmedJudgeIds: ReadonlySet<Id>,
  setAside: readonly SetAside[],
  /** The contestant's audience voting windows (none in a round without audience voting). */
  audienceWindows: readonly AudienceWindowRow[] = [],
  signatureProblems: readonly SignatureProblem[] = [],
  /** The judges whose submitted sheet of the contestant verified as signed (SheetSigning 'signed'). */
  signedJudgeIds: ReadonlySet<Id> = new Set(),
): RevealChecks {
  const missing = progress
    .filter((judge) => judge.status === 'drafting' || judge.status === 'notStarted')
    .map((judge) => judge.judgeId);
  const incomplete = progress.filter((judge) => judge.status === 'incomplete');
  const allSubmitted = missing.length === 0 && incomplete.length === 0;
  const holding = setAside.filter((sheet) => sheet.affectsScore);
  const eligible = progress.filter((judge) => judge.status !== 'recused');
  const allSigned =
    eligible.length > 0 &&
    holding.length === 0 &&
    signatureProblems.length === 0 &&
    eligible.every((judge) => judge.status === 'submitted' && signedJudgeIds.has(judge.judgeId));
  return {
    missing,
    incomplete,
    setAside: holding,
    unconfirmedOutliers: outliers.filter((outlier) => !confirmedJudgeIds.has(outlier.judge)),
    allSubmitted,
    audienceVoting: audienceVotingCheck(audienceWindows),
    signatureProblems: [...signatureProblems],
    allSigned,
    needsOverride:
      !allSubmitted || holding.length > 0 || signatureProblems.some((found) => found.problem !== 'unsigned'),
  };
}
