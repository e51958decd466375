/**
 * The scoring engine: (round) -> standings, a pure function of its input. It implements
 * the scoring rules (src/domain/SCORING.md) exactly, with exact arithmetic: marks are whole
 * hundredths, judge totals whole numbers over one denominator, and everything after that a
 * BigInt rational until the single rounding to the announced score.
 *
 * The result explains itself: counted judges and their totals, what the trim dropped, the
 * per-criterion aggregates, the adjustments, the exact final, the announced score, the rank and
 * award, and which tie-break step separated each contestant from the one above.
 *
 * Rater groups 评委分组: each group is a panel of its own (its judges, criteria, rule and
 * minimum); a round without groups is one implicit group whose aggregate is the final's.
 */
import { awardForRank, cumulativeCutoffs } from './awards.ts';
import { formatHundredths } from './decimal.ts';
import { groupCriteria } from './groups.ts';
import { RoundRejectedError } from './issues.ts';
import type {
  Contestant,
  Criterion,
  Id,
  Judge,
  PanelRule,
  RaterGroup,
  RoundInput,
  RoundSettings,
  TieBreakStep,
} from './model.ts';
import { byDrawThenId, compareIds } from './order.ts';
import { aggregatePanel, type PanelEntry, type PanelResult } from './panel.ts';
import { type RankCandidate, rankCandidates, type Separation } from './ranking.ts';
import {
  add,
  formatUnits,
  fromHundredths,
  max,
  mul,
  type Rational,
  rational,
  round,
  roundToUnits,
  toExactString,
  ZERO,
} from './rational.ts';
import { isRecusedFrom } from './recusal.ts';
import { formatShown } from './shown.ts';
import { indexRound, type RoundIndex } from './validate.ts';

export interface JudgeTotal {
  judge: Id;
  /** Exact, as a decimal or a fraction string. */
  total: string;
  /** For screens: rounded to max(decimals, 2) places. */
  shown: string;
  /** Dropped by the trim at level `total`. */
  dropped: 'low' | 'high' | null;
}

export interface CriterionAggregate {
  criterion: Id;
  /** The panel aggregate of this criterion's parts (rounded as the round says when roundEachCriterion). */
  aggregate: string;
  shown: string;
  /** Judges the trim dropped on this criterion (level `criterion` only). */
  droppedLow: Id[];
  droppedHigh: Id[];
}

/** One rater group's part of a contestant's result (scoring rules, "Rater groups 评委分组"). */
export interface GroupResult {
  id: Id;
  label: string;
  /** weight_g, what the group is worth in the final, as a decimal string ("70"). */
  weight: string;
  /** P_g, the sum of `points` over the group's criteria, as a decimal string. */
  points: string;
  eligibleJudges: number;
  requiredJudges: number;
  countedJudges: number;
  /** Recused and incomplete judges of this group, as on the contestant. */
  recusedJudges: Id[];
  incompleteJudges: Id[];
  /** The group's judge totals T(j,p) over its own criteria, with what its trim dropped. */
  judgeTotals: JudgeTotal[];
  /** The group's per-criterion aggregates, over its own criteria. */
  criteria: CriterionAggregate[];
  /** A_g(p), exact (rounded to `decimals` first with `roundEachGroup`); null with no counted judge. */
  aggregate: string | null;
  /** A_g(p) rounded to the round's `decimals`: the group score a screen shows (专家评委 88.35). */
  announced: string | null;
  /** weight_g * A_g(p) / P_g, exact: what the group adds to the final; null with no counted judge. */
  contribution: string | null;
  /** The contribution for screens, rounded like `shown`. */
  contributionShown: string | null;
  trimReduced: boolean;
  effectiveK: number | null;
}

export interface ContestantResult {
  id: Id;
  name: string;
  unit: string | null;
  draw: number | null;
  /** Pending (评分中): fewer than `requiredJudges` eligible judges have a total yet. */
  pending: boolean;
  eligibleJudges: number;
  requiredJudges: number;
  countedJudges: number;
  /** Judges recused from the contestant (回避, ./recusal.ts), whose marks are ignored. */
  recusedJudges: Id[];
  /** Eligible judges who marked some but not every criterion: they do not count yet. */
  incompleteJudges: Id[];
  judgeTotals: JudgeTotal[];
  criteria: CriterionAggregate[];
  adjustments: { label: string; points: string }[];
  adjustmentTotal: string;
  /** The panel aggregate A(p), exact; null while pending with no counted judge. */
  aggregate: string | null;
  /** F(p) = max(0, A + adjustments), exact. */
  exactFinal: string | null;
  /** S(p), what the host reads out, with exactly `decimals` places. */
  announcedScore: string | null;
  trimReduced: boolean;
  effectiveK: number | null;
  rank: number | null;
  award: string | null;
  tied: boolean;
  separatedBy: Separation | null;
  tieBreakKeys: { step: TieBreakStep; value: string }[];
  /** Each rater group's part, by group id (never input order); absent when the round has no groups. */
  groups?: GroupResult[];
}

export interface Standings {
  decimals: number;
  /** Complete contestants, in rank order. */
  ranked: ContestantResult[];
  /** Contestants still being scored, by draw then id. */
  pending: ContestantResult[];
  /** Withdrawn or disqualified contestants: neither scored nor ranked. */
  excluded: { id: Id; name: string; status: Contestant['status'] }[];
}

interface Scored extends RankCandidate {
  result: ContestantResult;
}

function idOrderOf(ids: readonly string[]): number[] {
  const sorted = ids.map((id, position) => ({ id, position })).sort((a, b) => compareIds(a.id, b.id));
  const order = new Array<number>(ids.length);
  sorted.forEach((entry, rank) => {
    order[entry.position] = rank;
  });
  return order;
}

/**
 * One panel of judges with its criteria and rule: the whole round when it has no groups (one
 * implicit group, final = its aggregate), or one rater group.
 */
interface PanelSpec {
  group: RaterGroup | null;
  /** Positions of the criteria the panel marks, in sheet order. */
  criteria: number[];
  /** Positions of the panel's judges, in round order. */
  judges: number[];
  rule: PanelRule;
  minJudges: number | null;
  /** P_g in hundredths: the sum of `points` over the panel's criteria. */
  points: number;
  /** weight_g / P_g: what the group's aggregate is worth in the final (1 for the implicit group). */
  scale: Rational;
}

interface CriterionResult {
  criterionAt: number;
  value: Rational;
  panel: PanelResult;
}

/** One panel's part of one contestant's result, before it is written out. */
interface PanelScore {
  spec: PanelSpec;
  eligibleJudges: number;
  requiredJudges: number;
  counted: PanelEntry[];
  recusedJudges: Id[];
  incompleteJudges: Id[];
  /** The panel's per-criterion aggregates, in the spec's criterion order; empty with no counted judge. */
  criterionResults: CriterionResult[];
  /** A_g(p), exact; null with no counted judge. */
  aggregate: Rational | null;
  dropped: Map<number, 'low' | 'high'>;
  trimReduced: boolean;
  effectiveK: number | null;
}

const ONE = rational(1n);

class RoundScorer {
  private readonly settings: RoundSettings;
  private readonly judgeIdOrder: number[];
  private readonly adjustmentsByContestant = new Map<Id, { label: string; points: number }[]>();
  private readonly specs: PanelSpec[];

  constructor(
    private readonly index: RoundIndex,
    input: RoundInput,
  ) {
    this.settings = input.settings;
    this.judgeIdOrder = idOrderOf(index.judges.map((judge) => judge.id));
    for (const adjustment of input.adjustments) {
      const list = this.adjustmentsByContestant.get(adjustment.contestant) ?? [];
      list.push({ label: adjustment.label, points: adjustment.points });
      this.adjustmentsByContestant.set(adjustment.contestant, list);
    }
    this.specs = this.panelSpecs();
  }

  private panelSpecs(): PanelSpec[] {
    const { criteria, judges } = this.index;
    const { settings } = this;
    const positions = (count: number) => Array.from({ length: count }, (_, position) => position);
    if (!settings.groups) {
      return [
        {
          group: null,
          criteria: positions(criteria.length),
          judges: positions(judges.length),
          rule: settings.panel,
          minJudges: settings.minJudges,
          points: criteria.reduce((sum, criterion) => sum + criterion.points, 0),
          scale: ONE,
        },
      ];
    }
    return settings.groups.map((group) => {
      const marked = new Set(groupCriteria(group, criteria));
      const criteriaAt = positions(criteria.length).filter((at) =>
        marked.has((criteria[at] as Criterion).id),
      );
      const points = criteriaAt.reduce((sum, at) => sum + (criteria[at] as Criterion).points, 0);
      return {
        group,
        criteria: criteriaAt,
        judges: positions(judges.length).filter((at) => judges[at]?.group === group.id),
        rule: group.panel ?? settings.panel,
        minJudges: group.minJudges,
        points,
        // weight and points are both in hundredths: their ratio is weight_g / P_g.
        scale: rational(BigInt(group.weight), BigInt(points)),
      };
    });
  }

  private shown(value: Rational): string {
    return formatShown(value, this.settings);
  }

  private judgeId(judgeAt: number): Id {
    return (this.index.judges[judgeAt] as RoundIndex['judges'][number]).id;
  }

  /** A panel rule over one criterion (rounded as the settings say with roundEachCriterion). */
  private criterionAggregate(
    criterionAt: number,
    rule: PanelRule,
    counted: readonly PanelEntry[],
    contestantAt: number,
  ): CriterionResult {
    const { markGrid, judges, criteria, partFactor, totalDenominator } = this.index;
    const criterionCount = criteria.length;
    const { decimals, rounding, roundEachCriterion } = this.settings;
    const criterion = criteria[criterionAt] as Criterion;
    const base = contestantAt * judges.length;
    const entries = counted.map((entry) => {
      const mark = markGrid[(base + entry.judgeAt) * criterionCount + criterionAt] as number;
      const value = roundEachCriterion ? mark : mark * (partFactor[criterionAt] as number);
      return { judgeAt: entry.judgeAt, value, weight: entry.weight, idOrder: entry.idOrder };
    });
    if (!roundEachCriterion) {
      const result = aggregatePanel(rule, entries, totalDenominator);
      return { criterionAt, value: result.aggregate, panel: result };
    }
    // The ISU way: the panel mark of the criterion is rounded, then factored and rounded again.
    const result = aggregatePanel(rule, entries, 100);
    const panelMark = round(result.aggregate, decimals, rounding);
    const factored = mul(panelMark, rational(BigInt(criterion.points), BigInt(criterion.max)));
    return { criterionAt, value: round(factored, decimals, rounding), panel: result };
  }

  /** Recusal, judge totals over the panel's criteria, completeness and the panel aggregate. */
  private scorePanel(spec: PanelSpec, contestant: Contestant, contestantAt: number): PanelScore {
    const { judges, criteria, markGrid, partFactor, totalDenominator } = this.index;
    const { settings } = this;
    const criterionCount = criteria.length;
    const recusedJudges: Id[] = [];
    const incompleteJudges: Id[] = [];
    const counted: PanelEntry[] = [];
    let eligibleJudges = 0;

    for (const judgeAt of spec.judges) {
      const judge = judges[judgeAt] as Judge;
      if (isRecusedFrom(judge, contestant, settings.recusal)) {
        recusedJudges.push(judge.id);
        continue;
      }
      eligibleJudges++;
      const cellBase = (contestantAt * judges.length + judgeAt) * criterionCount;
      let total = 0;
      let marked = 0;
      for (const criterionAt of spec.criteria) {
        const mark = markGrid[cellBase + criterionAt] as number;
        if (mark < 0) continue;
        marked++;
        total += mark * (partFactor[criterionAt] as number);
      }
      if (marked === spec.criteria.length) {
        counted.push({
          judgeAt,
          value: total,
          weight: judge.weight,
          idOrder: this.judgeIdOrder[judgeAt] as number,
        });
      } else if (marked > 0) {
        incompleteJudges.push(judge.id);
      }
    }

    const score: PanelScore = {
      spec,
      eligibleJudges,
      requiredJudges: Math.max(1, spec.minJudges ?? eligibleJudges),
      counted,
      recusedJudges: recusedJudges.sort(compareIds),
      incompleteJudges: incompleteJudges.sort(compareIds),
      criterionResults: [],
      aggregate: null,
      dropped: new Map(),
      trimReduced: false,
      effectiveK: null,
    };
    if (counted.length === 0) return score;

    // Per-criterion aggregates: the score itself at level `criterion`, the explanation otherwise.
    score.criterionResults = spec.criteria.map((criterionAt) =>
      this.criterionAggregate(criterionAt, spec.rule, counted, contestantAt),
    );
    if (settings.level === 'total') {
      const panel = aggregatePanel(spec.rule, counted, totalDenominator);
      score.aggregate = panel.aggregate;
      score.dropped = new Map([
        ...panel.droppedLow.map((judgeAt) => [judgeAt, 'low'] as const),
        ...panel.droppedHigh.map((judgeAt) => [judgeAt, 'high'] as const),
      ]);
      score.trimReduced = panel.trimReduced;
      score.effectiveK = panel.effectiveK;
    } else {
      score.aggregate = score.criterionResults.reduce((sum, { value }) => add(sum, value), ZERO);
      const first = score.criterionResults[0]?.panel;
      score.trimReduced = first?.trimReduced ?? false;
      score.effectiveK = first?.effectiveK ?? null;
    }
    return score;
  }

  /** A_g(p) as it enters the final: rounded to `decimals` first with `roundEachGroup`. */
  private groupValue(aggregate: Rational): Rational {
    const { decimals, rounding, roundEachGroup } = this.settings;
    return roundEachGroup ? round(aggregate, decimals, rounding) : aggregate;
  }

  private judgeTotals(score: PanelScore): JudgeTotal[] {
    const { totalDenominator } = this.index;
    return score.counted.map((entry) => {
      const total = rational(BigInt(entry.value), BigInt(totalDenominator));
      return {
        judge: this.judgeId(entry.judgeAt),
        total: toExactString(total),
        shown: this.shown(total),
        dropped: score.dropped.get(entry.judgeAt) ?? null,
      };
    });
  }

  /** A criterion's aggregate as listed: which judges its trim dropped matters at level `criterion` only. */
  private criterionListing(
    criterionAt: number,
    value: Rational,
    panels: readonly PanelResult[],
  ): CriterionAggregate {
    const byLevel = this.settings.level === 'criterion';
    const judgesAt = (pick: (panel: PanelResult) => number[]) =>
      byLevel
        ? panels
            .flatMap(pick)
            .map((at) => this.judgeId(at))
            .sort(compareIds)
        : [];
    return {
      criterion: (this.index.criteria[criterionAt] as Criterion).id,
      aggregate: toExactString(value),
      shown: this.shown(value),
      droppedLow: judgesAt((panel) => panel.droppedLow),
      droppedHigh: judgesAt((panel) => panel.droppedHigh),
    };
  }

  private groupResult(score: PanelScore): GroupResult {
    const group = score.spec.group as RaterGroup;
    const { decimals, rounding } = this.settings;
    const value = score.aggregate === null ? null : this.groupValue(score.aggregate);
    const contribution = value === null ? null : mul(score.spec.scale, value);
    return {
      id: group.id,
      label: group.label,
      weight: formatHundredths(group.weight),
      points: formatHundredths(score.spec.points),
      eligibleJudges: score.eligibleJudges,
      requiredJudges: score.requiredJudges,
      countedJudges: score.counted.length,
      recusedJudges: score.recusedJudges,
      incompleteJudges: score.incompleteJudges,
      judgeTotals: this.judgeTotals(score).sort((a, b) => compareIds(a.judge, b.judge)),
      criteria: score.criterionResults
        .map(({ criterionAt, value: part, panel }) => this.criterionListing(criterionAt, part, [panel]))
        .sort((a, b) => compareIds(a.criterion, b.criterion)),
      aggregate: value === null ? null : toExactString(value),
      announced:
        score.aggregate === null
          ? null
          : formatUnits(roundToUnits(score.aggregate, decimals, rounding), decimals),
      contribution: contribution === null ? null : toExactString(contribution),
      contributionShown: contribution === null ? null : this.shown(contribution),
      trimReduced: score.trimReduced,
      effectiveK: score.effectiveK,
    };
  }

  score(contestant: Contestant, contestantAt: number): Scored {
    const { settings } = this;
    const grouped = settings.groups !== undefined;
    const scores = this.specs.map((spec) => this.scorePanel(spec, contestant, contestantAt));
    const sum = (count: (score: PanelScore) => number) =>
      scores.reduce((total, score) => total + count(score), 0);
    const adjustments = [...(this.adjustmentsByContestant.get(contestant.id) ?? [])].sort(
      (a, b) => compareIds(a.label, b.label) || a.points - b.points,
    );
    const adjustmentSum = adjustments.reduce((total, adjustment) => total + adjustment.points, 0);
    const adjustmentTotal = fromHundredths(adjustmentSum);

    const result: ContestantResult = {
      id: contestant.id,
      name: contestant.name,
      unit: contestant.unit,
      draw: contestant.draw,
      // Complete when every group (or the one implicit group) has its required counted judges.
      pending: scores.some((score) => score.counted.length < score.requiredJudges),
      eligibleJudges: sum((score) => score.eligibleJudges),
      requiredJudges: sum((score) => score.requiredJudges),
      countedJudges: sum((score) => score.counted.length),
      recusedJudges: scores.flatMap((score) => score.recusedJudges).sort(compareIds),
      incompleteJudges: scores.flatMap((score) => score.incompleteJudges).sort(compareIds),
      judgeTotals: [],
      criteria: [],
      adjustments: adjustments.map((adjustment) => ({
        label: adjustment.label,
        points: formatHundredths(adjustment.points),
      })),
      adjustmentTotal: formatHundredths(adjustmentSum),
      aggregate: null,
      exactFinal: null,
      announcedScore: null,
      trimReduced: false,
      effectiveK: null,
      rank: null,
      award: null,
      tied: false,
      separatedBy: null,
      tieBreakKeys: [],
    };
    if (grouped)
      result.groups = scores.map((score) => this.groupResult(score)).sort((a, b) => compareIds(a.id, b.id));
    const candidate: Scored = {
      id: contestant.id,
      draw: contestant.draw,
      announcedUnits: 0n,
      tieBreakKeys: [],
      result,
    };
    // A group with no counted judge has no aggregate, so neither has the round.
    if (scores.some((score) => score.aggregate === null)) return candidate;

    // A(p) = sum over groups of weight_g * A_g(p) / P_g; without groups, the one panel's aggregate.
    const combine = (part: (score: PanelScore) => Rational) =>
      grouped
        ? scores.reduce((total, score) => add(total, mul(score.spec.scale, part(score))), ZERO)
        : part(scores[0] as PanelScore);
    const aggregate = combine((score) => this.groupValue(score.aggregate as Rational));
    const exactFinal = max(ZERO, add(aggregate, adjustmentTotal));
    candidate.announcedUnits = roundToUnits(exactFinal, settings.decimals, settings.rounding);
    result.trimReduced = scores.some((score) => score.trimReduced);
    // With groups, the lowest k any group applied (what a "k lowered" note reports).
    const effectiveKs = scores.flatMap((score) => (score.effectiveK === null ? [] : [score.effectiveK]));
    result.effectiveK = effectiveKs.length === 0 ? null : Math.min(...effectiveKs);

    result.judgeTotals = scores
      .flatMap((score) => this.judgeTotals(score))
      .sort((a, b) => compareIds(a.judge, b.judge));
    // Each criterion's part of A(p): with groups, the weighted sum over the groups that mark it.
    const criterionValues = this.index.criteria.map((_, criterionAt) => {
      const parts = scores.flatMap((score) =>
        score.criterionResults
          .filter((part) => part.criterionAt === criterionAt)
          .map((part) => ({ scale: score.spec.scale, part })),
      );
      const value = grouped
        ? parts.reduce((total, { scale, part }) => add(total, mul(scale, part.value)), ZERO)
        : (parts[0] as { part: CriterionResult }).part.value;
      return { criterionAt, value, panels: parts.map(({ part }) => part.panel) };
    });
    result.criteria = criterionValues
      .map(({ criterionAt, value, panels }) => this.criterionListing(criterionAt, value, panels))
      .sort((a, b) => compareIds(a.criterion, b.criterion));
    result.aggregate = toExactString(aggregate);
    result.exactFinal = toExactString(exactFinal);
    result.announcedScore = formatUnits(candidate.announcedUnits, settings.decimals);

    candidate.tieBreakKeys = settings.tieBreak.map((step) => {
      if (step === 'exact') return exactFinal;
      if (step === 'untrimmed') {
        const mean = combine(
          (score) => aggregatePanel({ kind: 'mean' }, score.counted, this.index.totalDenominator).aggregate,
        );
        return max(ZERO, add(mean, adjustmentTotal));
      }
      const criterionAt = this.index.criterionIndex.get(step.slice('criterion:'.length)) as number;
      return (criterionValues[criterionAt] as { value: Rational }).value;
    });
    result.tieBreakKeys = settings.tieBreak.map((step, position) => ({
      step,
      value: toExactString(candidate.tieBreakKeys[position] as Rational),
    }));
    return candidate;
  }
}

/** Standings with some active contestants held back: scored, never ranked (see ./live-standings.ts). */
export interface StandingsWithHeld {
  standings: Standings;
  /** The held contestants, by draw then id: `pending`, with no score, rank or award. */
  held: ContestantResult[];
}

/**
 * A held contestant's result keeps who counted (judges, recusals, each valid judge total) and
 * drops everything that would read as their score: a sheet of theirs is set aside, so any score
 * would be the wrong one.
 */
function withoutScore(result: ContestantResult): ContestantResult {
  return {
    ...result,
    pending: true,
    judgeTotals: result.judgeTotals.map((total) => ({ ...total, dropped: null })),
    criteria: [],
    aggregate: null,
    exactFinal: null,
    announcedScore: null,
    trimReduced: false,
    effectiveK: null,
    tieBreakKeys: [],
    ...(result.groups
      ? {
          groups: result.groups.map((group) => ({
            ...group,
            judgeTotals: group.judgeTotals.map((total) => ({ ...total, dropped: null })),
            criteria: [],
            aggregate: null,
            announced: null,
            contribution: null,
            contributionShown: null,
            trimReduced: false,
            effectiveK: null,
          })),
        }
      : {}),
  };
}

/**
 * Validates and scores a round, ranking everyone but the `held` contestants: they are listed
 * apart and take no place, so the ranks, award cut-offs and percentages are those of the others.
 * Throws RoundRejectedError, naming every problem, if the round breaks a rule.
 */
export function computeStandingsHolding(input: RoundInput, held: ReadonlySet<Id>): StandingsWithHeld {
  const { index, issues } = indexRound(input);
  if (!index) throw new RoundRejectedError(issues);
  const scorer = new RoundScorer(index, input);

  const complete: Scored[] = [];
  const pending: ContestantResult[] = [];
  const heldResults: ContestantResult[] = [];
  const excluded: Standings['excluded'] = [];
  const listed = index.contestants
    .map((contestant, position) => ({ contestant, position }))
    .sort((a, b) => byDrawThenId(a.contestant, b.contestant));
  for (const { contestant, position } of listed) {
    if (contestant.status !== 'active') {
      excluded.push({ id: contestant.id, name: contestant.name, status: contestant.status });
      continue;
    }
    const scored = scorer.score(contestant, position);
    if (held.has(contestant.id)) heldResults.push(withoutScore(scored.result));
    else if (scored.result.pending) pending.push(scored.result);
    else complete.push(scored);
  }

  const places = rankCandidates(complete, input.settings.tieBreak);
  const cutoffs = cumulativeCutoffs(input.settings.awards, places.length);
  const ranked = places.map(({ candidate, rank, tied, separatedBy }) => {
    candidate.result.rank = rank;
    candidate.result.tied = tied;
    candidate.result.separatedBy = separatedBy;
    candidate.result.award = awardForRank(rank, input.settings.awards, cutoffs);
    return candidate.result;
  });
  return { standings: { decimals: input.settings.decimals, ranked, pending, excluded }, held: heldResults };
}

const HOLD_NOBODY: ReadonlySet<Id> = new Set();

/**
 * Validates and scores a round: the strict engine of the CLI and the interchange format. Throws
 * RoundRejectedError, naming every problem, if anything breaks a rule, a single mark included;
 * live devices use computeLiveStandings (./live-standings.ts), which sets such a sheet aside.
 */
export function computeStandings(input: RoundInput): Standings {
  return computeStandingsHolding(input, HOLD_NOBODY).standings;
}
