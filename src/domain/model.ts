/**
 * The round model shared by the engine, the database, sync and the screens.
 *
 * Every number that can reach a score is a whole count of hundredths (`Hundredths`): the rules
 * allow at most two decimals in any mark, max, step, points, weight or adjustment, so
 * hundredths are exact, compact in IndexedDB and on the wire, and immune to binary floating
 * point. Parsing and printing of decimals lives in ./decimal.ts.
 */

export type Id = string;

/** An integer count of hundredths: 87.5 is 8750. */
export type Hundredths = number;

export interface Criterion {
  id: Id;
  label: string;
  /** The highest mark a judge may give. */
  max: Hundredths;
  /** What the criterion is worth in the judge total; equals `max` on a 分值制 sheet. */
  points: Hundredths;
  /** The smallest mark increment (最小分值单位); divides `max`. */
  step: Hundredths;
}

/** How units recuse a judge (回避, ./recusal.ts): same unit only, or also one unit containing the other. */
export type RecusalRule = 'equal' | 'contains';

/** A judge's explicit 回避名单: contestants by id, and units (matched like the judge's own unit). */
export interface RecuseList {
  contestantIds: Id[];
  units: string[];
}

export interface Judge {
  id: Id;
  name: string;
  /** Weight in a `weighted` panel; 100 is weight 1. */
  weight: Hundredths;
  /** A judge does not score contestants of their own unit (回避, see ./recusal.ts). */
  unit: string | null;
  /** The judge's explicit 回避名单; absent means none. */
  recuse?: RecuseList;
  /** The rater group (评委组) the judge marks for: required when the round has groups, refused when it has none. */
  group?: Id;
}

export type ContestantStatus = 'active' | 'withdrawn' | 'disqualified';

export interface Contestant {
  id: Id;
  name: string;
  unit: string | null;
  /** Order of appearance (出场顺序); null before the draw. */
  draw: number | null;
  status: ContestantStatus;
}

export interface Mark {
  judge: Id;
  contestant: Id;
  criterion: Id;
  value: Hundredths;
}

export interface Adjustment {
  contestant: Id;
  label: string;
  /** Positive for 加分, negative for 扣分. */
  points: Hundredths;
}

export type PanelRule =
  | { kind: 'mean' }
  | { kind: 'trimmed'; k: number }
  | { kind: 'median' }
  | { kind: 'weighted' };

export type PanelLevel = 'total' | 'criterion';

export type RoundingMode = 'half-up' | 'half-even' | 'down';

export type TieBreakStep = 'exact' | 'untrimmed' | `criterion:${string}`;

export type AwardTier =
  | { name: string; count: number }
  | { name: string; percent: Hundredths }
  | { name: string; rest: true };

/**
 * A rater group 评委组 (专家评委, 领导评委, 大众评审): its own criteria, panel rule and minimum
 * judges, and a weight that says what the group is worth in the final (scoring rules, "Rater groups").
 */
export interface RaterGroup {
  id: Id;
  label: string;
  /** What the group is worth in the final, in hundredths: 70 points of 100 is 7000. */
  weight: Hundredths;
  /** The criteria this group marks, in sheet order; null means every criterion. */
  criteria: Id[] | null;
  /** The group's panel rule; null means the round's. */
  panel: PanelRule | null;
  /** Counted judges the group needs for a complete result; null means every eligible judge of the group. */
  minJudges: number | null;
}

export interface RoundSettings {
  panel: PanelRule;
  level: PanelLevel;
  /** Decimals of the announced score, 0 to 4. */
  decimals: number;
  rounding: RoundingMode;
  /** Level `criterion` only: round each criterion's aggregate before summing (the ISU way). */
  roundEachCriterion: boolean;
  /** Counted judges needed for a complete result; null means every eligible judge. */
  minJudges: number | null;
  tieBreak: TieBreakStep[];
  awards: AwardTier[];
  /** How units recuse a judge (./recusal.ts); absent is the scoring contract's `equal`. */
  recusal?: RecusalRule;
  /** Rater groups; absent means one implicit group (the final is the panel aggregate). Never an empty list. */
  groups?: RaterGroup[];
  /** Round each group's aggregate to `decimals` before the groups are combined; only with groups. */
  roundEachGroup?: boolean;
}

/** Everything the engine needs to compute one round's standings. */
export interface RoundInput {
  criteria: Criterion[];
  judges: Judge[];
  contestants: Contestant[];
  marks: Mark[];
  adjustments: Adjustment[];
  settings: RoundSettings;
}

export const DEFAULT_SETTINGS: RoundSettings = {
  panel: { kind: 'trimmed', k: 1 },
  level: 'total',
  decimals: 2,
  rounding: 'half-up',
  roundEachCriterion: false,
  minJudges: null,
  tieBreak: [],
  awards: [],
};

/** Criterion step when the sheet does not say: 0.1. */
export const DEFAULT_STEP: Hundredths = 10;
/** Judge weight when the panel does not say: 1. */
export const DEFAULT_WEIGHT: Hundredths = 100;
