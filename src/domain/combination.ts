/**
 * Stages 阶段: several scored rounds of a competition combined into one ranking, e.g. 现场观摩 40
 * + 擂台演讲 60 (scoring rules, "Stages 阶段 and the season 积分"). A pure function of the rounds'
 * standings, exact to the single rounding:
 *
 *   C(p) = sum over stages s of weight_s × S_s(p) / M_s
 *
 * with S_s the announced score of stage s and M_s its full marks (the sum of `points` over the
 * round's criteria, or of its group weights when it has rater groups). C is rounded once, to
 * the combination's decimals with its rounding mode, and ranked by the round rules: the rounded
 * score, the tie-break chain (`stage:<round id>`: that stage's announced score; `exact`: the
 * unrounded C), then 并列 with 1, 2, 2, 4 numbering; awards by the cumulative tiers.
 *
 * A person lacking a complete result in any stage (pending there, or not in it at all) is
 * pending; a person withdrawn or disqualified in any stage is excluded, which wins over pending.
 *
 * Who is the same person across stages: each round has its own contestant records, and
 * advancement (src/db/advancement.ts) copies a contestant under a new id, linked to the original
 * only by name and unit (it refuses a second contestant of the same name and unit in a round).
 * So people are matched by contestant id when the stage rounds share ids (interchange files and
 * hand-made inputs reuse them), and otherwise by name and unit (./person-key.ts). Matching by
 * name and unit refuses a stage with two contestants of the same name and unit, rather than guess.
 */
import { awardForRank, cumulativeCutoffs } from './awards.ts';
import { type CombinationIssue, CombinationRejectedError } from './combination-issues.ts';
import { formatHundredths } from './decimal.ts';
import type { Standings } from './engine.ts';
import type { Issue } from './issues.ts';
import type {
  AwardTier,
  Contestant,
  ContestantStatus,
  Criterion,
  Hundredths,
  Id,
  RoundingMode,
  RoundSettings,
} from './model.ts';
import { compareIds } from './order.ts';
import { personKey, shownPersonKey } from './person-key.ts';
import { type RankCandidate, rankCandidates, type Separation } from './ranking.ts';
import {
  add,
  div,
  formatUnits,
  fromHundredths,
  mul,
  type Rational,
  rational,
  roundToUnits,
  toExactString,
  ZERO,
} from './rational.ts';
import { checkSettings } from './validate.ts';

export type CombinationTieBreakStep = 'exact' | `stage:${string}`;

export interface CombinationStage {
  roundId: Id;
  /** What the stage is worth in the combination, in hundredths: 40 points is 4000. */
  weight: Hundredths;
}

export interface Combination {
  /** The stage rounds, in the order screens show their columns. */
  stages: CombinationStage[];
  /** Decimals of the combined score, 0 to 4. */
  decimals: number;
  rounding: RoundingMode;
  tieBreak: CombinationTieBreakStep[];
  awards: AwardTier[];
}

/** What the combination needs of a stage round: its full marks and its contestant records. */
export interface StageRound {
  id: Id;
  name: string;
  criteria: readonly Pick<Criterion, 'id' | 'points'>[];
  settings: Pick<RoundSettings, 'groups'>;
  contestants: readonly Pick<Contestant, 'id' | 'name' | 'unit' | 'status'>[];
}

/** A stage round with the engine's standings of it (final or live: the caller decides). */
export interface StageInput {
  round: StageRound;
  standings: Standings;
}

export type PartState = 'ranked' | 'pending' | 'excluded' | 'absent';

/** One stage's part of a person's combined score: 观摩得分 88.50 × 40%. */
export interface CombinationPart {
  roundId: Id;
  roundName: string;
  /** weight_s, as a decimal string ("40"). */
  weight: string;
  /** M_s, the stage's full marks ("100"). */
  fullMarks: string;
  /** weight_s / M_s × 100, exact: the percentage a screen shows ("40"). */
  percent: string;
  /** The person's contestant record in this round; null when absent from it. */
  contestantId: Id | null;
  state: PartState;
  /** withdrawn / disqualified when excluded here. */
  status: ContestantStatus | null;
  /** S_s, the stage's announced score; null unless ranked there. */
  score: string | null;
  /** weight_s × S_s / M_s, exact; null unless ranked there. */
  contribution: string | null;
  /** The contribution rounded to the combination's decimals (for screens only: C is rounded once). */
  contributionShown: string | null;
}

export type CombinedState = 'ranked' | 'pending' | 'excluded';

export interface CombinedResult {
  /** The person key: the contestant id, or the normalised "name\tunit" (see keyedBy). */
  key: string;
  name: string;
  unit: string | null;
  state: CombinedState;
  /** One part per stage, in the combination's stage order. */
  parts: CombinationPart[];
  /** C(p), exact; null unless ranked. */
  exact: string | null;
  /** C(p) rounded once, with exactly `decimals` places: 总分. */
  score: string | null;
  rank: number | null;
  award: string | null;
  tied: boolean;
  separatedBy: Separation<CombinationTieBreakStep> | null;
  tieBreakKeys: { step: CombinationTieBreakStep; value: string }[];
  /** The status that excludes the person (the first stage's, in stage order); null otherwise. */
  status: ContestantStatus | null;
}

export interface CombinedStandings {
  decimals: number;
  keyedBy: 'id' | 'nameUnit';
  stages: { roundId: Id; roundName: string; weight: string; fullMarks: string; percent: string }[];
  /** Complete people, in rank order. */
  ranked: CombinedResult[];
  /** People lacking a complete result in some stage, by key. */
  pending: CombinedResult[];
  /** People withdrawn or disqualified in some stage, by key. */
  excluded: CombinedResult[];
}

// ---------------------------------------------------------------------------------------------
// Checking

function stageName(round: StageRound | undefined, id: Id): string {
  return round?.name && round.name !== id ? `「${round.name}」（${id}）` : id;
}

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** An announced score ("87.73") as an exact rational; null when it is no plain decimal. */
function parseDecimalText(text: string): Rational | null {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const digits = BigInt(`${whole}${fraction}`);
  return rational(sign === '-' ? -digits : digits, 10n ** BigInt(fraction.length));
}

/** M_s in hundredths: the group weights with groups, otherwise the criteria's points. */
function fullMarksOf(round: StageRound): Hundredths {
  const parts = round.settings.groups ?? round.criteria;
  return parts.reduce((sum, part) => sum + ('weight' in part ? part.weight : part.points), 0);
}

function checkCombination(combination: Combination, inputs: readonly StageInput[]): CombinationIssue[] {
  const issues: CombinationIssue[] = [];
  const rounds = new Map<Id, StageRound>();
  for (const { round } of inputs) {
    if (rounds.has(round.id))
      issues.push({
        code: 'stageInputRepeated',
        path: 'inputs',
        params: { stage: stageName(round, round.id) },
      });
    rounds.set(round.id, round);
  }
  if (combination.stages.length === 0) issues.push({ code: 'noStages', path: 'stages', params: {} });
  const named = new Set<Id>();
  combination.stages.forEach((stage, at) => {
    const round = rounds.get(stage.roundId);
    const name = stageName(round, stage.roundId);
    if (!round) issues.push({ code: 'stageUnknown', path: `stages[${at}].roundId`, params: { stage: name } });
    else if (fullMarksOf(round) <= 0)
      issues.push({ code: 'stageNoFullMarks', path: `stages[${at}]`, params: { stage: name } });
    if (named.has(stage.roundId))
      issues.push({ code: 'stageRepeated', path: `stages[${at}].roundId`, params: { stage: name } });
    named.add(stage.roundId);
    if (!(Number.isSafeInteger(stage.weight) && stage.weight > 0)) {
      const value = Number.isSafeInteger(stage.weight)
        ? formatHundredths(stage.weight)
        : String(stage.weight / 100);
      issues.push({
        code: 'stageWeightInvalid',
        path: `stages[${at}].weight`,
        params: { stage: name, value },
      });
    }
  });
  const seenSteps = new Set<string>();
  combination.tieBreak.forEach((step, at) => {
    const known = step === 'exact' || (step.startsWith('stage:') && named.has(step.slice('stage:'.length)));
    if (!known)
      issues.push({
        code: 'combinationTieBreakUnknown',
        path: `tieBreak[${at}]`,
        params: { value: String(step) },
      });
    else if (seenSteps.has(step))
      issues.push({ code: 'combinationTieBreakRepeated', path: `tieBreak[${at}]`, params: { value: step } });
    seenSteps.add(step);
  });
  // Decimals, rounding and awards follow the round's rules: its own checks, its own words.
  const shared: Issue[] = [];
  checkSettings(
    {
      panel: { kind: 'mean' },
      level: 'total',
      decimals: combination.decimals,
      rounding: combination.rounding,
      roundEachCriterion: false,
      minJudges: null,
      tieBreak: [],
      awards: combination.awards,
    },
    new Set(),
    shared,
  );
  for (const found of shared) issues.push({ ...found, path: found.path.replace(/^settings\./, '') });
  return issues;
}

// ---------------------------------------------------------------------------------------------
// People across stages

/** 'id' when some contestant id is in two stage rounds (or there is one stage), else 'nameUnit'. */
function keyingOf(stages: readonly StageInput[]): CombinedStandings['keyedBy'] {
  if (stages.length <= 1) return 'id';
  const seen = new Set<Id>();
  for (const { round } of stages) {
    const ids = new Set(round.contestants.map((contestant) => contestant.id));
    for (const id of ids) {
      if (seen.has(id)) return 'id';
    }
    for (const id of ids) seen.add(id);
  }
  return 'nameUnit';
}

interface StagePlace {
  contestant: StageRound['contestants'][number];
  state: Exclude<PartState, 'absent'>;
  score: Rational | null;
  scoreText: string | null;
}

/** Each contestant of a stage round, by person key, with where the standings put them. */
function placesOf(
  stage: StageInput,
  keyedBy: CombinedStandings['keyedBy'],
  issues: CombinationIssue[],
  at: number,
): Map<string, StagePlace> {
  const { round, standings } = stage;
  const name = stageName(round, round.id);
  const byId = new Map(round.contestants.map((contestant) => [contestant.id, contestant]));
  const listed = [...standings.ranked, ...standings.pending, ...standings.excluded];
  for (const entry of listed) {
    if (!byId.has(entry.id)) {
      issues.push({
        code: 'stageContestantUnknown',
        path: `inputs[${at}].standings`,
        params: { stage: name, contestant: entry.id },
      });
    }
  }
  const scores = new Map(standings.ranked.map((result) => [result.id, result.announcedScore ?? '']));
  const places = new Map<string, StagePlace>();
  for (const contestant of round.contestants) {
    const key = keyedBy === 'id' ? contestant.id : personKey(contestant);
    if (places.has(key)) {
      issues.push({
        code: 'stageSamePerson',
        path: `inputs[${at}].round.contestants`,
        params: { stage: name, person: shownPersonKey(key) },
      });
      continue;
    }
    const scoreText = scores.get(contestant.id) ?? null;
    const score = scoreText === null ? null : parseDecimalText(scoreText);
    if (scoreText !== null && score === null) {
      issues.push({
        code: 'stageScoreInvalid',
        path: `inputs[${at}].standings`,
        params: { stage: name, contestant: contestant.id, value: scoreText },
      });
    }
    // The record's status decides exclusion; a contestant the standings do not rank (pending,
    // or held back by a live device) has no complete result.
    const state = contestant.status !== 'active' ? 'excluded' : score !== null ? 'ranked' : 'pending';
    places.set(key, { contestant, state, score: state === 'ranked' ? score : null, scoreText });
  }
  return places;
}

// ---------------------------------------------------------------------------------------------
// The combination

interface Candidate extends RankCandidate {
  result: CombinedResult;
}

/**
 * Combines the stage rounds' standings into one ranking. `inputs` may hold more rounds than the
 * combination names (those are ignored) and in any order. Throws CombinationRejectedError,
 * naming every problem and the stage it is in, when the combination or its inputs break a rule.
 */
export function combineStages(combination: Combination, inputs: readonly StageInput[]): CombinedStandings {
  const issues = checkCombination(combination, inputs);
  if (issues.length > 0) throw new CombinationRejectedError(issues);

  const inputOf = new Map(inputs.map((input) => [input.round.id, input]));
  const stages = combination.stages.map((stage) => {
    const input = inputOf.get(stage.roundId) as StageInput;
    const fullMarks = fullMarksOf(input.round);
    const factor = div(fromHundredths(stage.weight), fromHundredths(fullMarks));
    return { stage, input, fullMarks, factor };
  });
  const keyedBy = keyingOf(stages.map(({ input }) => input));
  const places = stages.map(({ input }, at) => placesOf(input, keyedBy, issues, at));
  if (issues.length > 0) throw new CombinationRejectedError(issues);

  const { decimals, rounding } = combination;
  const keys = [...new Set(places.flatMap((byKey) => [...byKey.keys()]))].sort(compareIds);
  const ranked: Candidate[] = [];
  const pending: CombinedResult[] = [];
  const excluded: CombinedResult[] = [];
  for (const key of keys) {
    const parts: CombinationPart[] = [];
    let exact: Rational = ZERO;
    const stageScores = new Map<Id, Rational>();
    stages.forEach(({ stage, input, fullMarks, factor }, at) => {
      const place = places[at]?.get(key);
      const contribution = place?.score ? mul(factor, place.score) : null;
      if (contribution) exact = add(exact, contribution);
      if (place?.score) stageScores.set(stage.roundId, place.score);
      parts.push({
        roundId: stage.roundId,
        roundName: input.round.name,
        weight: formatHundredths(stage.weight),
        fullMarks: formatHundredths(fullMarks),
        percent: toExactString(mul(factor, rational(100n))),
        contestantId: place?.contestant.id ?? null,
        state: place?.state ?? 'absent',
        status: place && place.contestant.status !== 'active' ? place.contestant.status : null,
        score: place?.state === 'ranked' ? place.scoreText : null,
        contribution: contribution ? toExactString(contribution) : null,
        contributionShown: contribution
          ? formatUnits(roundToUnits(contribution, decimals, rounding), decimals)
          : null,
      });
    });
    const first = places.map((byKey) => byKey.get(key)).find((place) => place !== undefined) as StagePlace;
    const status = parts.find((part) => part.status !== null)?.status ?? null;
    const state: CombinedState =
      status !== null ? 'excluded' : parts.every((part) => part.state === 'ranked') ? 'ranked' : 'pending';
    const result: CombinedResult = {
      key,
      name: first.contestant.name,
      unit: first.contestant.unit,
      state,
      parts,
      exact: null,
      score: null,
      rank: null,
      award: null,
      tied: false,
      separatedBy: null,
      tieBreakKeys: [],
      status,
    };
    if (state === 'excluded') excluded.push(result);
    else if (state === 'pending') pending.push(result);
    else {
      const announcedUnits = roundToUnits(exact, decimals, rounding);
      const tieBreakKeys = combination.tieBreak.map((step) =>
        step === 'exact' ? exact : (stageScores.get(step.slice('stage:'.length)) as Rational),
      );
      result.exact = toExactString(exact);
      result.score = formatUnits(announcedUnits, decimals);
      result.tieBreakKeys = combination.tieBreak.map((step, at) => ({
        step,
        value: toExactString(tieBreakKeys[at] as Rational),
      }));
      // A combination has no order of appearance of its own: tied people are listed by key.
      ranked.push({ id: key, draw: null, announcedUnits, tieBreakKeys, result });
    }
  }

  const placesInOrder = rankCandidates(ranked, combination.tieBreak);
  const cutoffs = cumulativeCutoffs(combination.awards, placesInOrder.length);
  return {
    decimals,
    keyedBy,
    stages: stages.map(({ stage, input, fullMarks, factor }) => ({
      roundId: stage.roundId,
      roundName: input.round.name,
      weight: formatHundredths(stage.weight),
      fullMarks: formatHundredths(fullMarks),
      percent: toExactString(mul(factor, rational(100n))),
    })),
    ranked: placesInOrder.map(({ candidate, rank, tied, separatedBy }) => ({
      ...candidate.result,
      rank,
      tied,
      separatedBy,
      award: awardForRank(rank, combination.awards, cutoffs),
    })),
    pending,
    excluded,
  };
}
