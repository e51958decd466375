/**
 * A plain binary-floating-point implementation of the scoring rules, for the benchmark ONLY:
 * it is "what the engine would cost without exact arithmetic". Never import it from src/ — it
 * announces 87.72 where the rules say 87.73, which is the whole point of the real engine.
 *
 * To be a fair comparison it does the same work as computeStandings in src/domain: it checks
 * the sheet, the panel, the settings and every mark (unknown entries, range, step, duplicates),
 * refusing the round whole with named issues; then recusal, judge totals, the trimmed (or other)
 * panel rule at level total or criterion, the per-criterion aggregates and per-judge totals that
 * explain a result, adjustments, the announced score, pending, ranking with the tie-break chain,
 * 并列 numbering, and awards by cumulative cut-offs. Only the number type differs (and the
 * explanations are printed with toFixed instead of exact decimals or fractions).
 */
import type {
  ContestantStatus,
  PanelRule,
  RoundInput,
  RoundSettings,
  TieBreakStep,
} from '../../src/domain/model.ts';

export interface FloatRound {
  criteria: { id: string; label: string; max: number; points: number; step: number }[];
  judges: { id: string; name: string; weight: number; unit: string | null }[];
  contestants: {
    id: string;
    name: string;
    unit: string | null;
    draw: number | null;
    status: ContestantStatus;
  }[];
  marks: { judge: string; contestant: string; criterion: string; value: number }[];
  adjustments: { contestant: string; label: string; points: number }[];
  settings: Omit<RoundSettings, 'awards'> & {
    awards: (
      | { name: string; count: number }
      | { name: string; percent: number }
      | { name: string; rest: true }
    )[];
  };
}

/** The same round with plain numbers (87.5, not 8750), as a float implementation would store it. */
export function toFloatRound(input: RoundInput): FloatRound {
  const plain = (hundredths: number) => hundredths / 100;
  return {
    criteria: input.criteria.map((c) => ({
      ...c,
      max: plain(c.max),
      points: plain(c.points),
      step: plain(c.step),
    })),
    judges: input.judges.map((j) => ({ ...j, weight: plain(j.weight) })),
    contestants: input.contestants.map((c) => ({ ...c })),
    marks: input.marks.map((m) => ({
      judge: m.judge,
      contestant: m.contestant,
      criterion: m.criterion,
      value: plain(m.value),
    })),
    adjustments: input.adjustments.map((a) => ({ ...a, points: plain(a.points) })),
    settings: {
      ...input.settings,
      awards: input.settings.awards.map((tier) =>
        'percent' in tier ? { ...tier, percent: plain(tier.percent) } : tier,
      ),
    },
  };
}

export interface FloatResult {
  id: string;
  name: string;
  unit: string | null;
  draw: number | null;
  pending: boolean;
  countedJudges: number;
  requiredJudges: number;
  recusedJudges: string[];
  judgeTotals: { judge: string; total: number; shown: string; dropped: 'low' | 'high' | null }[];
  criteria: { criterion: string; aggregate: number; shown: string }[];
  adjustments: { label: string; points: string }[];
  exactFinal: number | null;
  announcedScore: string | null;
  announced: number;
  trimReduced: boolean;
  tieBreakKeys: number[];
  rank: number | null;
  tied: boolean;
  separatedBy: string | null;
  award: string | null;
}

export interface FloatStandings {
  ranked: FloatResult[];
  pending: FloatResult[];
  excluded: { id: string; status: string }[];
}

export class FloatRoundRejected extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('\n'));
  }
}

const EPSILON = 1e-9;
const isMultiple = (value: number, step: number) =>
  Math.abs(value / step - Math.round(value / step)) < EPSILON;
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function indexById(entries: readonly { id: string }[], kind: string, issues: string[]): Map<string, number> {
  const index = new Map<string, number>();
  entries.forEach((entry, at) => {
    if (entry.id === '') issues.push(`${kind}[${at}] has an empty id`);
    else if (index.has(entry.id)) issues.push(`duplicate ${kind} id ${entry.id}`);
    else index.set(entry.id, at);
  });
  return index;
}

function checkSettings(
  settings: FloatRound['settings'],
  criterionIds: Map<string, number>,
  issues: string[],
) {
  const { panel } = settings;
  if (!['mean', 'trimmed', 'median', 'weighted'].includes(panel.kind))
    issues.push(`unknown panel ${panel.kind}`);
  else if (panel.kind === 'trimmed' && !(Number.isInteger(panel.k) && panel.k >= 0)) issues.push('bad k');
  if (settings.level !== 'total' && settings.level !== 'criterion') issues.push('bad level');
  if (!(Number.isInteger(settings.decimals) && settings.decimals >= 0 && settings.decimals <= 4))
    issues.push('bad decimals');
  if (!['half-up', 'half-even', 'down'].includes(settings.rounding)) issues.push('bad rounding');
  if (settings.roundEachCriterion && settings.level !== 'criterion')
    issues.push('roundEachCriterion needs criterion');
  if (settings.minJudges !== null && !(Number.isInteger(settings.minJudges) && settings.minJudges >= 1)) {
    issues.push('bad minJudges');
  }
  const seen = new Set<string>();
  for (const step of settings.tieBreak) {
    const known =
      step === 'exact' ||
      step === 'untrimmed' ||
      (step.startsWith('criterion:') && criterionIds.has(step.slice(10)));
    if (!known) issues.push(`unknown tie-break ${step}`);
    else if (seen.has(step)) issues.push(`duplicate tie-break ${step}`);
    seen.add(step);
  }
  let restSeen = false;
  for (const tier of settings.awards) {
    if (!tier.name) issues.push('award without a name');
    if (restSeen) issues.push(`award ${tier.name} after rest`);
    if ('count' in tier && !(Number.isInteger(tier.count) && tier.count >= 0))
      issues.push(`bad count ${tier.name}`);
    if ('percent' in tier && !(tier.percent >= 0 && tier.percent <= 100))
      issues.push(`bad percent ${tier.name}`);
    if ('rest' in tier) restSeen = true;
  }
}

interface Entry {
  judgeAt: number;
  value: number;
  weight: number;
  idOrder: number;
}

interface Panel {
  aggregate: number;
  droppedLow: number[];
  droppedHigh: number[];
  trimReduced: boolean;
}

const byValueThenId = (a: Entry, b: Entry) => a.value - b.value || a.idOrder - b.idOrder;

function mean(entries: readonly Entry[]): number {
  let sum = 0;
  for (const entry of entries) sum += entry.value;
  return sum / entries.length;
}

function aggregatePanel(rule: PanelRule, entries: readonly Entry[]): Panel {
  switch (rule.kind) {
    case 'mean':
      return { aggregate: mean(entries), droppedLow: [], droppedHigh: [], trimReduced: false };
    case 'weighted': {
      let weighted = 0;
      let weights = 0;
      for (const entry of entries) {
        weighted += entry.value * entry.weight;
        weights += entry.weight;
      }
      return { aggregate: weighted / weights, droppedLow: [], droppedHigh: [], trimReduced: false };
    }
    case 'median': {
      const sorted = [...entries].sort(byValueThenId);
      const middle = sorted.length >> 1;
      const aggregate =
        sorted.length % 2 === 1
          ? (sorted[middle] as Entry).value
          : ((sorted[middle - 1] as Entry).value + (sorted[middle] as Entry).value) / 2;
      return { aggregate, droppedLow: [], droppedHigh: [], trimReduced: false };
    }
    case 'trimmed': {
      const count = entries.length;
      const k = count < 2 * rule.k + 1 ? Math.floor((count - 1) / 2) : rule.k;
      const sorted = [...entries].sort(byValueThenId);
      return {
        aggregate: mean(sorted.slice(k, count - k)),
        droppedLow: sorted.slice(0, k).map((entry) => entry.judgeAt),
        droppedHigh: sorted.slice(count - k).map((entry) => entry.judgeAt),
        trimReduced: k < rule.k,
      };
    }
  }
}

/** The naive rounding a float pipeline does: Math.round(x * 100) / 100 and friends. */
function roundFloat(value: number, decimals: number, mode: RoundingMode): number {
  const scale = 10 ** decimals;
  const scaled = value * scale;
  if (mode === 'down') return Math.trunc(scaled) / scale;
  if (mode === 'half-up') return Math.round(scaled) / scale;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  return (diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor) / scale;
}
type RoundingMode = RoundSettings['rounding'];

export function computeFloatStandings(round: FloatRound): FloatStandings {
  const { criteria, judges, contestants, settings } = round;
  const issues: string[] = [];
  const criterionIndex = indexById(criteria, 'criterion', issues);
  const judgeIndex = indexById(judges, 'judge', issues);
  const contestantIndex = indexById(contestants, 'contestant', issues);
  for (const c of criteria) {
    if (!(c.max > 0)) issues.push(`criterion ${c.id}: max must be above 0`);
    if (!(c.step > 0)) issues.push(`criterion ${c.id}: step must be above 0`);
    else if (!isMultiple(c.max, c.step)) issues.push(`criterion ${c.id}: step does not divide max`);
    if (!(c.points > 0)) issues.push(`criterion ${c.id}: points must be above 0`);
  }
  for (const j of judges) if (!(j.weight > 0)) issues.push(`judge ${j.id}: weight must be above 0`);
  for (const c of contestants) {
    if (!['active', 'withdrawn', 'disqualified'].includes(c.status))
      issues.push(`contestant ${c.id}: bad status`);
    if (c.draw !== null && !(Number.isInteger(c.draw) && c.draw >= 1))
      issues.push(`contestant ${c.id}: bad draw`);
  }
  checkSettings(settings, criterionIndex, issues);

  const criterionCount = criteria.length;
  const judgeCount = judges.length;
  const grid = new Float64Array(contestants.length * judgeCount * criterionCount).fill(Number.NaN);
  round.marks.forEach((mark, at) => {
    const judgeAt = judgeIndex.get(mark.judge);
    const contestantAt = contestantIndex.get(mark.contestant);
    const criterionAt = criterionIndex.get(mark.criterion);
    if (judgeAt === undefined) issues.push(`scores[${at}]: unknown judge ${mark.judge}`);
    if (contestantAt === undefined) issues.push(`scores[${at}]: unknown contestant ${mark.contestant}`);
    if (criterionAt === undefined) issues.push(`scores[${at}]: unknown criterion ${mark.criterion}`);
    if (judgeAt === undefined || contestantAt === undefined || criterionAt === undefined) return;
    const criterion = criteria[criterionAt] as FloatRound['criteria'][number];
    const value = mark.value;
    const cell = (contestantAt * judgeCount + judgeAt) * criterionCount + criterionAt;
    // The common case, a valid mark in an empty cell, allocates nothing.
    if (
      value >= 0 &&
      value <= criterion.max &&
      isMultiple(value, criterion.step) &&
      Number.isNaN(grid[cell] as number)
    ) {
      grid[cell] = value;
      return;
    }
    const where = `judge ${mark.judge}, contestant ${mark.contestant}, ${mark.criterion}`;
    if (!Number.isFinite(value)) issues.push(`${where}: not a number`);
    else if (value < 0) issues.push(`${where}: mark ${value} is below 0`);
    else if (value > criterion.max) issues.push(`${where}: mark ${value} is above ${criterion.max}`);
    else if (!isMultiple(value, criterion.step)) issues.push(`${where}: ${value} is off the step`);
    else issues.push(`${where}: two marks`);
  });
  round.adjustments.forEach((adjustment, at) => {
    if (!contestantIndex.has(adjustment.contestant)) issues.push(`adjustments[${at}]: unknown contestant`);
    if (!Number.isFinite(adjustment.points)) issues.push(`adjustments[${at}]: not a number`);
  });
  if (issues.length > 0) throw new FloatRoundRejected(issues);

  const factor = criteria.map((c) => c.points / c.max);
  const idOrder = new Array<number>(judgeCount);
  judges
    .map((judge, at) => ({ id: judge.id, at }))
    .sort((a, b) => byId(a.id, b.id))
    .forEach((entry, order) => {
      idOrder[entry.at] = order;
    });
  const adjustmentsOf = new Map<string, { label: string; points: number }[]>();
  for (const adjustment of round.adjustments) {
    const list = adjustmentsOf.get(adjustment.contestant) ?? [];
    list.push({ label: adjustment.label, points: adjustment.points });
    adjustmentsOf.set(adjustment.contestant, list);
  }
  const shownDecimals = Math.max(settings.decimals, 2);

  const listed = contestants
    .map((contestant, at) => ({ contestant, at }))
    .sort((a, b) => listing(a.contestant, b.contestant));
  const complete: FloatResult[] = [];
  const pending: FloatResult[] = [];
  const excluded: FloatStandings['excluded'] = [];
  for (const { contestant, at: contestantAt } of listed) {
    if (contestant.status !== 'active') {
      excluded.push({ id: contestant.id, status: contestant.status });
      continue;
    }
    const recused: string[] = [];
    const counted: Entry[] = [];
    let eligible = 0;
    judges.forEach((judge, judgeAt) => {
      if (judge.unit !== null && judge.unit !== '' && judge.unit === contestant.unit) {
        recused.push(judge.id);
        return;
      }
      eligible++;
      const base = (contestantAt * judgeCount + judgeAt) * criterionCount;
      let total = 0;
      let marked = 0;
      for (let c = 0; c < criterionCount; c++) {
        const mark = grid[base + c] as number;
        if (Number.isNaN(mark)) continue;
        marked++;
        total += mark * (factor[c] as number);
      }
      if (marked === criterionCount)
        counted.push({ judgeAt, value: total, weight: judge.weight, idOrder: idOrder[judgeAt] as number });
    });
    const required = Math.max(1, settings.minJudges ?? eligible);
    const adjustments = [...(adjustmentsOf.get(contestant.id) ?? [])].sort(
      (a, b) => byId(a.label, b.label) || a.points - b.points,
    );
    const adjustmentTotal = adjustments.reduce((sum, a) => sum + a.points, 0);
    const result: FloatResult = {
      id: contestant.id,
      name: contestant.name,
      unit: contestant.unit,
      draw: contestant.draw,
      pending: counted.length < required,
      countedJudges: counted.length,
      requiredJudges: required,
      recusedJudges: recused.sort(byId),
      judgeTotals: [],
      criteria: [],
      adjustments: adjustments.map((a) => ({ label: a.label, points: String(a.points) })),
      exactFinal: null,
      announcedScore: null,
      announced: 0,
      trimReduced: false,
      tieBreakKeys: [],
      rank: null,
      tied: false,
      separatedBy: null,
      award: null,
    };
    if (counted.length > 0) {
      const base = contestantAt * judgeCount;
      const criterionAggregates = criteria.map((criterion, c) => {
        const parts = counted.map((entry) => {
          const mark = grid[(base + entry.judgeAt) * criterionCount + c] as number;
          const value = settings.roundEachCriterion ? mark : mark * (factor[c] as number);
          return { judgeAt: entry.judgeAt, value, weight: entry.weight, idOrder: entry.idOrder };
        });
        const panel = aggregatePanel(settings.panel, parts);
        const value = settings.roundEachCriterion
          ? roundFloat(
              roundFloat(panel.aggregate, settings.decimals, settings.rounding) * (factor[c] as number),
              settings.decimals,
              settings.rounding,
            )
          : panel.aggregate;
        return { criterion: criterion.id, value, panel };
      });
      let aggregate: number;
      const dropped = new Map<number, 'low' | 'high'>();
      if (settings.level === 'total') {
        const panel = aggregatePanel(settings.panel, counted);
        aggregate = panel.aggregate;
        for (const at of panel.droppedLow) dropped.set(at, 'low');
        for (const at of panel.droppedHigh) dropped.set(at, 'high');
        result.trimReduced = panel.trimReduced;
      } else {
        aggregate = criterionAggregates.reduce((sum, { value }) => sum + value, 0);
        result.trimReduced = criterionAggregates[0]?.panel.trimReduced ?? false;
      }
      const final = Math.max(0, aggregate + adjustmentTotal);
      result.exactFinal = final;
      result.announced = roundFloat(final, settings.decimals, settings.rounding);
      result.announcedScore = result.announced.toFixed(settings.decimals);
      result.judgeTotals = counted
        .map((entry) => ({
          judge: (judges[entry.judgeAt] as FloatRound['judges'][number]).id,
          total: entry.value,
          shown: roundFloat(entry.value, shownDecimals, settings.rounding).toFixed(shownDecimals),
          dropped: dropped.get(entry.judgeAt) ?? null,
        }))
        .sort((a, b) => byId(a.judge, b.judge));
      result.criteria = criterionAggregates
        .map(({ criterion, value }) => ({
          criterion,
          aggregate: value,
          shown: roundFloat(value, shownDecimals, settings.rounding).toFixed(shownDecimals),
        }))
        .sort((a, b) => byId(a.criterion, b.criterion));
      result.tieBreakKeys = settings.tieBreak.map((step) => {
        if (step === 'exact') return final;
        if (step === 'untrimmed') return Math.max(0, mean(counted) + adjustmentTotal);
        const at = criterionIndex.get(step.slice('criterion:'.length)) as number;
        return (criterionAggregates[at] as { value: number }).value;
      });
    }
    (result.pending ? pending : complete).push(result);
  }

  // Ranking: announced score, then the tie-break chain, then 并列 listed by draw and id.
  const chain = settings.tieBreak;
  const compareRanking = (a: FloatResult, b: FloatResult) => {
    if (a.announced !== b.announced) return b.announced - a.announced;
    for (let step = 0; step < chain.length; step++) {
      const order = (b.tieBreakKeys[step] as number) - (a.tieBreakKeys[step] as number);
      if (order !== 0) return order;
    }
    return 0;
  };
  const separation = (a: FloatResult, b: FloatResult): string => {
    if (a.announced !== b.announced) return 'score';
    for (let step = 0; step < chain.length; step++) {
      if (a.tieBreakKeys[step] !== b.tieBreakKeys[step]) return chain[step] as TieBreakStep;
    }
    return 'tied';
  };
  const ranked = complete.sort((a, b) => compareRanking(a, b) || listing(a, b));
  ranked.forEach((result, position) => {
    const previous = ranked[position - 1];
    result.separatedBy = previous ? separation(previous, result) : null;
    result.rank = previous && result.separatedBy === 'tied' ? (previous.rank as number) : position + 1;
    if (previous && result.separatedBy === 'tied') {
      previous.tied = true;
      result.tied = true;
    }
  });
  // Awards: cumulative cut-offs on rank, so a tie is never split.
  let reached = 0;
  const cutoffs = settings.awards.map((tier) => {
    if ('count' in tier) reached += tier.count;
    else if ('rest' in tier) reached = Number.POSITIVE_INFINITY;
    else reached += Math.floor((tier.percent * ranked.length) / 100 + 0.5);
    return reached;
  });
  for (const result of ranked) {
    const tierAt = cutoffs.findIndex((cutoff) => (result.rank as number) <= cutoff);
    result.award = tierAt === -1 ? null : (settings.awards[tierAt] as { name: string }).name;
  }
  return { ranked, pending, excluded };
}

function listing(a: { draw: number | null; id: string }, b: { draw: number | null; id: string }): number {
  if (a.draw !== b.draw) {
    if (a.draw === null) return 1;
    if (b.draw === null) return -1;
    return a.draw - b.draw;
  }
  return byId(a.id, b.id);
}
