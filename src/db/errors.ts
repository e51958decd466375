/**
 * The one error type of the data layer: a refused write. Nothing has been written when it is
 * thrown (the transaction rolls back). `code` is for the code that reacts to it; `reason` says
 * why, as a name with parameters, which the screens put into words in the reader's language
 * (src/app/i18n/repository-errors.ts, through src/app/i18n/error-text.ts). `message` is for
 * developers (logs, test output) and is never shown on a screen.
 */

import type { CombinationIssue } from '../domain/combination-issues';
import type { Issue } from '../domain/issues';
import type { SeasonIssue } from '../domain/season-issues';

export type RepositoryErrorCode =
  | 'not-found'
  | 'invalid-field'
  | 'unknown-judge'
  | 'unknown-contestant'
  | 'unknown-criterion'
  | 'mark-not-hundredths'
  | 'mark-negative'
  | 'mark-above-max'
  | 'mark-off-step'
  | 'judge-recused'
  | 'contestant-inactive'
  | 'sheet-submitted'
  | 'sheet-incomplete'
  | 'sheet-not-submitted'
  | 'correction-pending'
  | 'correction-decided'
  | 'adjustment-revoked'
  | 'has-marks'
  | 'draw-invalid'
  | 'draw-committed'
  | 'draw-not-committed'
  | 'import-invalid'
  | 'duplicate-contestant'
  | 'event-conflict'
  | 'contestant-locked'
  | 'already-revealed'
  | 'sheets-missing'
  | 'result-pending'
  | 'sheets-set-aside'
  | 'not-purgeable'
  | 'rehearsal-invalid'
  | 'season-invalid'
  | 'no-audience-voting'
  | 'voting-not-open'
  | 'voting-open';

type NoParams = Record<never, never>;
type Judge = { judge: string };
type Contestant = { contestant: string };
type Round = { round: string };
type Criterion = { criterion: string };

/** Every field a write checks, with what its name needs (the entry it belongs to). */
export interface RepositoryFields {
  competitionName: NoParams;
  competitionDate: NoParams;
  venue: NoParams;
  issuer: NoParams;
  roundName: NoParams;
  fullMark: NoParams;
  judgeName: NoParams;
  judgeTitle: Judge;
  judgeWeight: Judge;
  judgeUnit: Judge;
  recusalUnit: Judge;
  contestantName: NoParams;
  contestantUnit: Contestant;
  contestantTopic: Contestant;
  contestantDraw: Contestant;
  /** `position` counts from 1. */
  criterionName: { position: number };
  criterionMax: Criterion;
  criterionPoints: Criterion;
  criterionStep: Criterion;
  timeLimit: NoParams;
  overtimeInterval: NoParams;
  overtimePoints: NoParams;
  audienceWindow: NoParams;
  adjustmentLabel: NoParams;
  adjustmentReason: NoParams;
  revokeReason: NoParams;
  correctionReason: NoParams;
  decisionNote: NoParams;
  rejectionReason: NoParams;
  drawSeed: NoParams;
  overrideReason: NoParams;
  /** The total the host asks a judge to confirm. */
  confirmedTotal: NoParams;
  seasonName: NoParams;
  memberName: NoParams;
  memberUnit: { member: string };
  /** What a season's entry is for: 学习教育, 扣分项… */
  seasonItem: NoParams;
  seasonReason: NoParams;
}

export type FieldName = keyof RepositoryFields;

/** A field as a reason names it: which one, and of which entry. */
export type Field = { [F in FieldName]: { field: F; params: RepositoryFields[F] } }[FieldName];

/** An entry named with its unit, where the name alone may not tell which one is meant. */
export interface NamedEntry {
  name: string;
  unit: string | null;
}

/**
 * Every reason a write is refused for, with its parameters. Names of entries and values are
 * given as they are stored (a contestant's name, a mark already formatted); lists stay lists,
 * so that each language joins them its own way; a rule the engine states is its Issue.
 */
export interface RepositoryReasons {
  // Fields (guards.ts)
  textRequired: { field: Field };
  textTooLong: { field: Field; max: number };
  notPositiveHundredths: { field: Field };
  wholeNumberFrom: { field: Field; min: number };
  wholeNumberBetween: { field: Field; min: number; max: number };
  noCriteria: NoParams;
  maxNotMultipleOfStep: Criterion & { max: string; step: string };
  duplicateCriterionId: Criterion;
  engineRules: { issues: readonly Issue[] };
  overtimeWithoutLimit: NoParams;
  /** 大众投票 names a group the round does not have. */
  audienceGroupUnknown: { group: string };
  /** 大众投票's criterion is not one the audience group marks, or not a whole 0–1 / 0–10 mark. */
  audienceCriterionInvalid: { group: string; max: string };
  /** A judge's 评委组 is none of the groups of the competition's rounds. */
  judgeGroupUnknown: Judge & { group: string };
  dateInvalid: { text: string };
  statusInvalid: Contestant;
  /** 观摩点: a site without a name, a name too long, a time not HH:MM, or too many sites. */
  sitesInvalid: Contestant;
  photoTooLarge: { megabytes: number };
  timerInvalid: { value: string };
  // What is no longer there, or never was
  competitionNotFound: NoParams;
  roundNotFound: NoParams;
  judgeNotInRound: NoParams;
  judgeNotInCompetition: NoParams;
  contestantNotInRound: NoParams;
  criterionNotInRound: NoParams;
  judgeNotFound: NoParams;
  judgeUnassigned: Judge;
  deviceNotBound: NoParams;
  confirmationNotFound: NoParams;
  adjustmentNotFound: NoParams;
  correctionNotFound: NoParams;
  // Setup
  competitionHasMarks: { competition: string; round: string };
  roundHasMarks: Round;
  criterionHasMarks: NoParams;
  criterionMarkOutOfRange: Criterion & { value: string; max: string; step: string };
  judgeHasMarks: Judge;
  judgeHasMarksInRound: Judge & Round;
  contestantHasMarks: Contestant;
  foreignRoundJudges: Round;
  roundOrderIncomplete: NoParams;
  tooManyRecusalUnits: Judge & { max: number };
  drawTaken: Contestant & { draw: number };
  importRefused: { count: number };
  sameNameAndUnit: Contestant;
  advanceClashes: Round & { contestants: readonly NamedEntry[] };
  advanceToSameRound: NoParams;
  advanceAcrossCompetitions: NoParams;
  nobodyAdvances: NoParams;
  advanceDuplicate: NoParams;
  notDemo: { competition: string };
  notRehearsal: Round;
  alreadyRehearsal: Round;
  rehearsalRunning: Round;
  rehearsalNoContestants: Round;
  roundAlreadyClosed: Round;
  roundNotClosed: Round;
  // The draw
  drawForeignContestant: NoParams;
  drawTwice: Contestant;
  drawMissing: { contestants: readonly string[] };
  seedAlreadyCommitted: { fingerprint: string };
  seedNotCommitted: NoParams;
  seedNotOnDevice: NoParams;
  noActiveContestants: NoParams;
  // The stage and the reveal
  inactiveCall: Contestant;
  inactiveReveal: Contestant;
  // 大众投票
  noAudienceVoting: Round;
  inactiveVoting: Contestant;
  votingNotOpen: Round;
  votingOpenReveal: Contestant;
  displayNeedsContestant: NoParams;
  alreadySubmittedNoReminder: Judge & Contestant;
  alreadyRevealed: Contestant;
  sheetsMissing: Contestant & { judges: readonly string[] };
  setAsideCorrectOrExplain: Contestant & { issues: readonly Issue[] };
  setAsideRevokeAdjustment: Contestant & { issues: readonly Issue[] };
  resultPending: Contestant & { counted: number; required: number };
  adjustmentZero: Contestant & { label: string };
  adjustmentRevoked: NoParams;
  // Marks and sheets
  markEmpty: Criterion;
  sheetNotSubmitted: Judge & Contestant;
  correctionPending: Judge & Contestant;
  correctionDecided: NoParams;
  simulatedOutsideRehearsal: Round;
  inactiveMark: Contestant;
  recusedSameUnit: Judge & Contestant & { unit: string };
  recusedUnitContains: Judge & Contestant & { judgeUnit: string; contestantUnit: string };
  recusedByList: Judge & Contestant;
  markLocked: Contestant;
  markCriterionUnknown: Judge & Contestant;
  markCriterionOutsideGroup: Judge & Contestant & Criterion;
  judgeWithoutGroup: Judge & Contestant & Round;
  sheetSubmitted: Judge & Contestant;
  sheetIncomplete: Judge & Contestant & { criteria: readonly string[] };
  /** The sheet kept changing (marks synced in) while the tablet signed it. */
  sheetChangedWhileSigning: Contestant;
  /** Revealing past sheets whose signature does not hold needs the host's reason. */
  signaturesDoNotHold: Contestant & { judges: readonly string[] };
  // Sync
  eventConflict: { device: string; seq: number };
  // The season 积分制 (src/db/season.ts); the ledger's own rules are the domain's issues
  seasonRules: { issues: readonly SeasonIssue[] };
  seasonNotFound: NoParams;
  seasonEntryNotFound: NoParams;
  competitionUndated: { competition: string };
  // 总成绩 (src/db/combination.ts); the combination's rules are the domain's issues
  combinationRules: { issues: readonly CombinationIssue[] };
}

export type ReasonName = keyof RepositoryReasons;

/** A reason with its parameters; made by `because`. */
export type Reason = { [R in ReasonName]: { name: R; params: RepositoryReasons[R] } }[ReasonName];

/** The parameters a reason or a field takes: none to write when it takes none. */
type ParamsArgument<Params> = keyof Params extends never ? [] : [params: Params];

/** `because('roundHasMarks', { round: round.name })` */
export function because<R extends ReasonName>(
  name: R,
  ...params: ParamsArgument<RepositoryReasons[R]>
): Reason {
  return { name, params: params[0] ?? {} } as Reason;
}

/** `fieldOf('judgeWeight', { judge: name })` */
export function fieldOf<F extends FieldName>(
  field: F,
  ...params: ParamsArgument<RepositoryFields[F]>
): Field {
  return { field, params: params[0] ?? {} } as Field;
}

/** One bad row of an import: `index` is 0-based in the list given to importRoster. */
export interface ImportRowError {
  list: 'contestants' | 'judges';
  index: number;
  field: string;
  reason: Reason;
}

export class RepositoryError extends Error {
  override readonly name = 'RepositoryError';
  readonly code: RepositoryErrorCode;
  readonly reason: Reason;
  /** Per-row errors of a refused import; empty otherwise. */
  readonly rows: readonly ImportRowError[];

  constructor(code: RepositoryErrorCode, reason: Reason, rows: readonly ImportRowError[] = []) {
    super(`${reason.name} ${JSON.stringify(reason.params)}`);
    this.code = code;
    this.reason = reason;
    this.rows = rows;
  }
}
