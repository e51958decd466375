/**
 * The standings a live device shows (host console, projector, results, advancement): the strict
 * engine's, except that one bad sheet never blanks the round. A device may hold marks that the
 * rules refuse (a tablet's mark above a max the organizer lowered since, an event written before
 * the venue server checked marks), and the rounds of a competition day must go on around them.
 *
 * - The round's own problems (no criteria, a duplicate id, a bad setting) still refuse it whole:
 *   nothing can be scored.
 * - A refused mark sets aside its judge's whole sheet for that contestant, and a refused
 *   adjustment is set aside too; each with an issue naming judge, contestant, criterion and value.
 * - A contestant with a set-aside sheet that would count (an eligible judge's) or a set-aside
 *   adjustment is held: listed apart, with no score, rank or award, until it is fixed (a
 *   corrected mark, the organizer's change of the setup, or the host's reveal without that sheet).
 *   Everyone else is scored and ranked exactly as the strict engine ranks the round without the
 *   held contestants and without the set-aside sheets.
 * The choice is recorded in SCORING.md ("Set-aside sheets").
 */
import {
  type ContestantResult,
  computeStandings,
  computeStandingsHolding,
  type Standings,
} from './engine.ts';
import { type Issue, RoundRejectedError } from './issues.ts';
import type { Id, RoundInput } from './model.ts';
import { byDrawThenId, compareIds } from './order.ts';
import { isRecusedFrom } from './recusal.ts';
import { type RefusedEntry, screenRound } from './validate.ts';

/** One judge's sheet for one contestant (or a contestant's adjustments) that does not count. */
export interface SetAside {
  contestant: Id;
  /** The judge whose sheet it is; null for adjustments. */
  judge: Id | null;
  /** Every refused mark or adjustment in it, named. */
  issues: Issue[];
  /**
   * Whether it would count for the contestant, who is then held. A recused or unknown judge's
   * sheet, or anything of a withdrawn or disqualified contestant, is ignored by the rules anyway.
   */
  affectsScore: boolean;
}

export interface LiveStandings extends Standings {
  /**
   * Active contestants with something set aside, by draw then id: pending, never ranked, with
   * no score until it is fixed. Their counted judges are those whose sheets are valid.
   */
  held: ContestantResult[];
  /** Everything set aside, by the contestant's draw (then id), then judge; adjustments last. */
  setAside: SetAside[];
}

const sheetKey = (contestant: Id, judge: Id | null) => JSON.stringify([contestant, judge]);

/** Within a sheet: by criterion, then by what is wrong, so that the order of the marks never shows. */
function issueOrder(a: Issue, b: Issue): number {
  return (
    compareIds(String(a.params.criterion ?? ''), String(b.params.criterion ?? '')) ||
    compareIds(a.code, b.code) ||
    compareIds(String(a.params.value ?? ''), String(b.params.value ?? '')) ||
    compareIds(String(a.params.label ?? ''), String(b.params.label ?? ''))
  );
}

/** Whether a set-aside sheet (or adjustment, judge null) would have counted for its contestant. */
function affectsScoreOf(input: RoundInput): (contestantId: Id, judgeId: Id | null) => boolean {
  const contestants = new Map(input.contestants.map((contestant) => [contestant.id, contestant]));
  const judges = new Map(input.judges.map((judge) => [judge.id, judge]));
  return (contestantId, judgeId) => {
    const contestant = contestants.get(contestantId);
    if (contestant?.status !== 'active') return false;
    if (judgeId === null) return true;
    const judge = judges.get(judgeId);
    return judge !== undefined && !isRecusedFrom(judge, contestant, input.settings.recusal);
  };
}

function setAsideOf(refused: readonly RefusedEntry[], input: RoundInput): SetAside[] {
  const affectsScore = affectsScoreOf(input);
  const sheets = new Map<string, SetAside>();
  for (const entry of refused) {
    const key = sheetKey(entry.contestant, entry.judge);
    const sheet = sheets.get(key) ?? {
      contestant: entry.contestant,
      judge: entry.judge,
      issues: [],
      affectsScore: affectsScore(entry.contestant, entry.judge),
    };
    sheet.issues.push(entry.issue);
    sheets.set(key, sheet);
  }
  const drawOf = new Map(input.contestants.map((contestant) => [contestant.id, contestant.draw]));
  const listing = (id: Id) => drawOf.get(id) ?? Number.POSITIVE_INFINITY;
  return [...sheets.values()]
    .map((sheet) => ({ ...sheet, issues: sheet.issues.sort(issueOrder) }))
    .sort(
      (a, b) =>
        listing(a.contestant) - listing(b.contestant) ||
        compareIds(a.contestant, b.contestant) ||
        Number(a.judge === null) - Number(b.judge === null) ||
        compareIds(a.judge ?? '', b.judge ?? ''),
    );
}

/**
 * Scores the round as a live device shows it. Throws RoundRejectedError only for the round's
 * own problems; anything a single sheet or adjustment breaks is set aside and named.
 */
export function computeLiveStandings(input: RoundInput): LiveStandings {
  const { roundIssues, refused } = screenRound(input);
  if (roundIssues.length > 0) throw new RoundRejectedError(roundIssues);
  if (refused.length === 0) return { ...computeStandings(input), held: [], setAside: [] };

  const setAside = setAsideOf(refused, input);
  const setAsideSheets = new Set(setAside.map((sheet) => sheetKey(sheet.contestant, sheet.judge)));
  const refusedAdjustments = new Set(
    refused.filter((entry) => entry.kind === 'adjustment').map((entry) => entry.position),
  );
  const held = new Set(setAside.filter((sheet) => sheet.affectsScore).map((sheet) => sheet.contestant));
  const scorable: RoundInput = {
    ...input,
    marks: input.marks.filter((mark) => !setAsideSheets.has(sheetKey(mark.contestant, mark.judge))),
    adjustments: input.adjustments.filter((_, position) => !refusedAdjustments.has(position)),
  };
  const scored = computeStandingsHolding(scorable, held);
  return { ...scored.standings, held: scored.held, setAside };
}

/**
 * The standings as the audience sees them (the projector's leaderboard): a held contestant reads
 * as 评分中 among the pending, in draw order, with no word of the sheet set aside.
 */
export function heldAsPending(live: LiveStandings): Standings {
  const unranked = [...live.pending, ...live.held].sort(byDrawThenId);
  return { decimals: live.decimals, ranked: live.ranked, pending: unranked, excluded: live.excluded };
}
