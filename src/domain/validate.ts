/**
 * Checks a round against the rules before anything is computed. Every problem is collected and
 * named (judge, contestant, criterion, value), so an organizer fixes a file in one pass; the
 * engine refuses the round whole if any is found.
 */
import { formatHundredths } from './decimal.ts';
import { judgeGroupOf, judgeMarksCriterion } from './groups.ts';
import { type Issue, issue } from './issues.ts';
import type {
  Contestant,
  Criterion,
  Hundredths,
  Judge,
  PanelRule,
  RaterGroup,
  RoundInput,
  RoundSettings,
} from './model.ts';
import { RECUSAL_RULES } from './recusal.ts';

export interface RoundIndex {
  criteria: readonly Criterion[];
  judges: readonly Judge[];
  contestants: readonly Contestant[];
  criterionIndex: ReadonlyMap<string, number>;
  judgeIndex: ReadonlyMap<string, number>;
  contestantIndex: ReadonlyMap<string, number>;
  /**
   * Every mark in hundredths at [(contestant * judges + judge) * criteria + criterion], or -1
   * where there is none. A flat typed array keeps 24,000 marks cheap to index and to walk.
   */
  markGrid: Int32Array;
  /** Per criterion: the integer that turns a mark (in hundredths) into its part of the total. */
  partFactor: readonly number[];
  /** The denominator shared by every part and judge total: a total is sum(parts) / totalDenominator. */
  totalDenominator: number;
}

function judgeLabel(judge: Judge | undefined, id: string): string {
  return judge?.name && judge.name !== id ? `${judge.name}（${id}）` : id;
}

function contestantLabel(contestant: Contestant | undefined, id: string): string {
  return contestant?.name && contestant.name !== id ? `${contestant.name}（${id}）` : id;
}

function criterionLabel(criterion: Criterion | undefined, id: string): string {
  return criterion?.label && criterion.label !== id ? `${criterion.label}（${id}）` : id;
}

function groupLabel(group: RaterGroup | undefined, id: string): string {
  return group?.label && group.label !== id ? `${group.label}（${id}）` : id;
}

const isWhole = (value: number) => Number.isSafeInteger(value);

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

function indexById<T extends { id: string }>(
  entries: readonly T[],
  duplicateCode: 'duplicateCriterionId' | 'duplicateJudgeId' | 'duplicateContestantId',
  path: string,
  issues: Issue[],
): Map<string, number> {
  const index = new Map<string, number>();
  entries.forEach((entry, position) => {
    if (entry.id === '') issues.push(issue('emptyId', `${path}[${position}]`));
    else if (index.has(entry.id)) issues.push(issue(duplicateCode, `${path}[${position}]`, { id: entry.id }));
    else index.set(entry.id, position);
  });
  return index;
}

function checkCriteria(criteria: readonly Criterion[], issues: Issue[]): void {
  if (criteria.length === 0) issues.push(issue('noCriteria', 'criteria'));
  criteria.forEach((criterion, position) => {
    const name = criterionLabel(criterion, criterion.id);
    const path = `criteria[${position}]`;
    if (!(criterion.max > 0)) {
      issues.push(
        issue('maxNotPositive', `${path}.max`, { criterion: name, value: formatHundredths(criterion.max) }),
      );
    }
    if (!(criterion.step > 0)) {
      issues.push(
        issue('stepNotPositive', `${path}.step`, {
          criterion: name,
          value: formatHundredths(criterion.step),
        }),
      );
    } else if (criterion.max > 0 && criterion.max % criterion.step !== 0) {
      issues.push(
        issue('stepDoesNotDivideMax', `${path}.step`, {
          criterion: name,
          step: formatHundredths(criterion.step),
          max: formatHundredths(criterion.max),
        }),
      );
    }
    if (!(criterion.points > 0)) {
      issues.push(
        issue('pointsNotPositive', `${path}.points`, {
          criterion: name,
          value: formatHundredths(criterion.points),
        }),
      );
    }
  });
}

function checkJudges(judges: readonly Judge[], groups: RoundSettings['groups'], issues: Issue[]): void {
  const groupIds = new Set(groups?.map((group) => group.id));
  judges.forEach((judge, position) => {
    const name = judgeLabel(judge, judge.id);
    if (!(judge.weight > 0)) {
      issues.push(
        issue('weightNotPositive', `judges[${position}].weight`, {
          judge: name,
          value: formatHundredths(judge.weight),
        }),
      );
    }
    const path = `judges[${position}].group`;
    // An empty groups list is refused on its own: no judge can be in one of them.
    if (groups?.length === 0) return;
    if (!groups) {
      if (judge.group !== undefined)
        issues.push(issue('judgeGroupWithoutGroups', path, { judge: name, group: judge.group }));
    } else if (judge.group === undefined) {
      issues.push(issue('judgeWithoutGroup', path, { judge: name }));
    } else if (!groupIds.has(judge.group)) {
      issues.push(issue('judgeUnknownGroup', path, { judge: name, group: judge.group }));
    }
  });
}

function checkContestants(contestants: readonly Contestant[], issues: Issue[]): void {
  contestants.forEach((contestant, position) => {
    const name = contestantLabel(contestant, contestant.id);
    if (!['active', 'withdrawn', 'disqualified'].includes(contestant.status)) {
      issues.push(
        issue('unknownStatus', `contestants[${position}].status`, {
          contestant: name,
          value: String(contestant.status),
        }),
      );
    }
    if (contestant.draw !== null && !(isWhole(contestant.draw) && contestant.draw >= 1)) {
      issues.push(
        issue('drawInvalid', `contestants[${position}].draw`, {
          contestant: name,
          value: String(contestant.draw),
        }),
      );
    }
  });
}

const isMinJudges = (value: number) => isWhole(value) && value >= 1;

/** What is wrong with a panel rule: an unknown kind, a bad trim k, or nothing. */
function checkPanel(panel: PanelRule): 'unknown' | 'k' | null {
  if (!['mean', 'trimmed', 'median', 'weighted'].includes(panel.kind)) return 'unknown';
  return panel.kind === 'trimmed' && !(isWhole(panel.k) && panel.k >= 0) ? 'k' : null;
}

const panelK = (panel: PanelRule) => String((panel as { k?: unknown }).k);

/** The rater groups (scoring rules, "Rater groups"): each group's own rules and the sheet's cover. */
function checkGroups(
  settings: RoundSettings,
  criterionIds: ReadonlySet<string>,
  criteria: readonly Criterion[],
  issues: Issue[],
): void {
  const { groups } = settings;
  if (!groups) {
    if (settings.roundEachGroup) issues.push(issue('roundEachGroupWithoutGroups', 'settings.roundEachGroup'));
    return;
  }
  if (groups.length === 0) {
    issues.push(issue('groupsEmpty', 'settings.groups'));
    return;
  }
  if (settings.minJudges !== null)
    issues.push(issue('minJudgesWithGroups', 'settings.minJudges', { value: String(settings.minJudges) }));
  const seenIds = new Set<string>();
  const marked = new Set<string>();
  const nameOf = (id: string) =>
    criterionLabel(
      criteria.find((criterion) => criterion.id === id),
      id,
    );
  groups.forEach((group, position) => {
    const path = `settings.groups[${position}]`;
    const name = groupLabel(group, group.id);
    if (group.id === '') issues.push(issue('emptyId', path));
    else if (seenIds.has(group.id)) issues.push(issue('duplicateGroupId', `${path}.id`, { id: group.id }));
    seenIds.add(group.id);
    if (!(isWhole(group.weight) && group.weight > 0)) {
      issues.push(
        issue('groupWeightInvalid', `${path}.weight`, { group: name, value: String(group.weight / 100) }),
      );
    }
    if (group.criteria === null) {
      for (const id of criterionIds) marked.add(id);
    } else if (group.criteria.length === 0) {
      issues.push(issue('groupCriteriaEmpty', `${path}.criteria`, { group: name }));
    } else {
      const listed = new Set<string>();
      group.criteria.forEach((id, at) => {
        const criterionPath = `${path}.criteria[${at}]`;
        if (!criterionIds.has(id))
          issues.push(issue('groupCriterionUnknown', criterionPath, { group: name, criterion: id }));
        else if (listed.has(id))
          issues.push(issue('groupCriterionRepeated', criterionPath, { group: name, criterion: nameOf(id) }));
        listed.add(id);
        marked.add(id);
      });
    }
    if (group.panel !== null) {
      const problem = checkPanel(group.panel);
      if (problem === 'unknown')
        issues.push(
          issue('groupUnknownPanel', `${path}.panel.kind`, { group: name, value: String(group.panel.kind) }),
        );
      if (problem === 'k')
        issues.push(
          issue('groupTrimKInvalid', `${path}.panel.k`, { group: name, value: panelK(group.panel) }),
        );
    }
    if (group.minJudges !== null && !isMinJudges(group.minJudges)) {
      issues.push(
        issue('groupMinJudgesInvalid', `${path}.minJudges`, { group: name, value: String(group.minJudges) }),
      );
    }
  });
  for (const id of criterionIds) {
    if (!marked.has(id))
      issues.push(issue('criterionWithoutGroup', 'settings.groups', { criterion: nameOf(id) }));
  }
}

/**
 * The round's settings under the rules. `criteria` (optional) only names criteria in the
 * messages by their labels.
 */
export function checkSettings(
  settings: RoundSettings,
  criterionIds: ReadonlySet<string>,
  issues: Issue[],
  criteria: readonly Criterion[] = [],
): void {
  const panelProblem = checkPanel(settings.panel);
  if (panelProblem === 'unknown')
    issues.push(issue('unknownPanel', 'settings.panel.kind', { value: String(settings.panel.kind) }));
  if (panelProblem === 'k')
    issues.push(issue('trimKInvalid', 'settings.panel.k', { value: panelK(settings.panel) }));
  if (settings.level !== 'total' && settings.level !== 'criterion') {
    issues.push(issue('unknownLevel', 'settings.level', { value: String(settings.level) }));
  }
  if (!(isWhole(settings.decimals) && settings.decimals >= 0 && settings.decimals <= 4)) {
    issues.push(issue('decimalsInvalid', 'settings.decimals', { value: String(settings.decimals) }));
  }
  if (!['half-up', 'half-even', 'down'].includes(settings.rounding)) {
    issues.push(issue('unknownRounding', 'settings.rounding', { value: String(settings.rounding) }));
  }
  if (settings.recusal !== undefined && !RECUSAL_RULES.includes(settings.recusal)) {
    issues.push(issue('unknownRecusal', 'settings.recusal', { value: String(settings.recusal) }));
  }
  if (settings.roundEachCriterion && settings.level !== 'criterion') {
    issues.push(issue('roundEachCriterionNeedsCriterionLevel', 'settings.roundEachCriterion'));
  }
  if (settings.minJudges !== null && !isMinJudges(settings.minJudges)) {
    issues.push(issue('minJudgesInvalid', 'settings.minJudges', { value: String(settings.minJudges) }));
  }
  checkGroups(settings, criterionIds, criteria, issues);
  const seenSteps = new Set<string>();
  settings.tieBreak.forEach((step, position) => {
    const path = `settings.tieBreak[${position}]`;
    const isKnown =
      step === 'exact' ||
      step === 'untrimmed' ||
      (step.startsWith('criterion:') && criterionIds.has(step.slice(10)));
    if (!isKnown) issues.push(issue('unknownTieBreak', path, { value: String(step) }));
    else if (seenSteps.has(step)) issues.push(issue('duplicateTieBreak', path, { value: step }));
    seenSteps.add(step);
  });
  let restSeen = false;
  settings.awards.forEach((tier, position) => {
    const path = `settings.awards[${position}]`;
    const name = tier.name || `#${position + 1}`;
    if (!tier.name) issues.push(issue('awardNameMissing', `${path}.name`, { index: position + 1 }));
    if (restSeen) issues.push(issue('awardAfterRest', path, { name }));
    const kinds = ['count', 'percent', 'rest'].filter((key) => key in tier);
    if (kinds.length !== 1) {
      issues.push(issue('awardTierInvalid', path, { name }));
    } else if ('count' in tier && !(isWhole(tier.count) && tier.count >= 0)) {
      issues.push(issue('awardCountInvalid', `${path}.count`, { name, value: String(tier.count) }));
    } else if ('percent' in tier && !(isWhole(tier.percent) && tier.percent >= 0 && tier.percent <= 10000)) {
      issues.push(
        issue('awardPercentInvalid', `${path}.percent`, { name, value: formatHundredths(tier.percent) }),
      );
    } else if ('rest' in tier) {
      if (tier.rest !== true) issues.push(issue('awardTierInvalid', path, { name }));
      restSeen = true;
    }
  });
}

/**
 * Turns each criterion's points/max into whole-number factors over one shared denominator, so
 * that a judge total is an exact integer sum. Returns null when that denominator would not be
 * exact in a double (an absurd sheet, e.g. eight coprime maxima with odd points).
 */
function partFactors(criteria: readonly Criterion[], judges: readonly Judge[]) {
  // part = mark/100 * points/max = mark * (points/g) / (100 * max/g), g = gcd(points, max)
  const reduced = criteria.map((criterion) => {
    const divisor = gcd(criterion.points, criterion.max) || 1;
    return { numerator: criterion.points / divisor, denominator: criterion.max / divisor };
  });
  let commonDenominator = 1;
  for (const { denominator } of reduced) {
    commonDenominator = (commonDenominator / gcd(commonDenominator, denominator)) * denominator;
    if (!isWhole(commonDenominator)) return null;
  }
  const factors = reduced.map(({ numerator, denominator }) => numerator * (commonDenominator / denominator));
  // The largest integer the engine ever adds up in a double: every judge's highest total at the
  // heaviest weight. Below 2^53 all of its integer sums are exact.
  const highestTotal = criteria.reduce(
    (sum, criterion, position) => sum + criterion.max * (factors[position] ?? 0),
    0,
  );
  const heaviestWeight = judges.reduce((heaviest, judge) => Math.max(heaviest, judge.weight), 100);
  const worstSum = highestTotal * Math.max(1, judges.length) * heaviestWeight;
  if (!isWhole(worstSum) || !isWhole(commonDenominator * 100)) return null;
  return { factors, totalDenominator: commonDenominator * 100 };
}

function checkMark(
  value: Hundredths,
  criterion: Criterion,
  names: Record<string, string>,
  path: string,
  issues: Issue[],
): boolean {
  if (!isWhole(value)) {
    issues.push(issue('tooManyDecimals', path, { value: String(value) }));
    return false;
  }
  if (value < 0) {
    issues.push(issue('markNegative', path, { ...names, value: formatHundredths(value) }));
    return false;
  }
  if (value > criterion.max) {
    issues.push(
      issue('markAboveMax', path, {
        ...names,
        value: formatHundredths(value),
        max: formatHundredths(criterion.max),
      }),
    );
    return false;
  }
  if (criterion.step > 0 && value % criterion.step !== 0) {
    issues.push(
      issue('markOffStep', path, {
        ...names,
        value: formatHundredths(value),
        step: formatHundredths(criterion.step),
      }),
    );
    return false;
  }
  return true;
}

interface RoundLookup {
  criterionIndex: Map<string, number>;
  judgeIndex: Map<string, number>;
  contestantIndex: Map<string, number>;
}

/** The round's own rules (ids, criteria, judges, contestants, settings): nothing scores without them. */
function checkRoundItself(input: RoundInput, issues: Issue[]): RoundLookup {
  const lookup = {
    criterionIndex: indexById(input.criteria, 'duplicateCriterionId', 'criteria', issues),
    judgeIndex: indexById(input.judges, 'duplicateJudgeId', 'judges', issues),
    contestantIndex: indexById(input.contestants, 'duplicateContestantId', 'contestants', issues),
  };
  checkCriteria(input.criteria, issues);
  checkJudges(input.judges, input.settings.groups, issues);
  checkContestants(input.contestants, issues);
  checkSettings(input.settings, new Set(lookup.criterionIndex.keys()), issues, input.criteria);
  return lookup;
}

/**
 * Per (judge, criterion): 1 where the judge may not mark the criterion, because the round has
 * groups and it is not its group's; null when the round has no groups. A judge without a valid
 * group is refused on its own (checkJudges), so its marks are not refused again here.
 */
function outsideGroupGrid(input: RoundInput): Uint8Array | null {
  const { settings, judges, criteria } = input;
  if (!settings.groups) return null;
  const grid = new Uint8Array(judges.length * criteria.length);
  judges.forEach((judge, judgeAt) => {
    if (!judgeGroupOf(settings, judge)) return;
    criteria.forEach((criterion, criterionAt) => {
      if (!judgeMarksCriterion(settings, judge, criterion.id))
        grid[judgeAt * criteria.length + criterionAt] = 1;
    });
  });
  return grid;
}

function outsideGroupIssue(
  judge: Judge,
  settings: RoundSettings,
  names: Record<string, string>,
  path: string,
): Issue {
  const group = judgeGroupOf(settings, judge) as RaterGroup;
  return issue('markOutsideGroup', path, { ...names, group: groupLabel(group, group.id) });
}

/** Validates the round and, when it is valid, builds the index the engine computes from. */
export function indexRound(input: RoundInput): { index: RoundIndex | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const { criteria, judges, contestants } = input;
  const { criterionIndex, judgeIndex, contestantIndex } = checkRoundItself(input, issues);

  const criterionCount = criteria.length;
  const judgeCount = judges.length;
  const markGrid = new Int32Array(contestants.length * judgeCount * criterionCount).fill(-1);
  const outsideGroup = outsideGroupGrid(input);
  const marks = input.marks;
  for (let position = 0; position < marks.length; position++) {
    const mark = marks[position] as RoundInput['marks'][number];
    const judgeAt = judgeIndex.get(mark.judge);
    const contestantAt = contestantIndex.get(mark.contestant);
    const criterionAt = criterionIndex.get(mark.criterion);
    if (judgeAt === undefined || contestantAt === undefined || criterionAt === undefined) {
      const path = `scores[${position}]`;
      if (judgeAt === undefined) issues.push(issue('unknownJudge', path, { judge: mark.judge }));
      if (contestantAt === undefined)
        issues.push(issue('unknownContestant', path, { contestant: mark.contestant }));
      if (criterionAt === undefined)
        issues.push(issue('unknownCriterion', path, { criterion: mark.criterion }));
      continue;
    }
    const criterion = criteria[criterionAt] as Criterion;
    const value = mark.value;
    const cell = (contestantAt * judgeCount + judgeAt) * criterionCount + criterionAt;
    // The common case, a valid mark in an empty cell, allocates nothing: 24,000 marks stay cheap.
    if (
      isWhole(value) &&
      value >= 0 &&
      value <= criterion.max &&
      value % criterion.step === 0 &&
      markGrid[cell] === -1 &&
      (outsideGroup === null || outsideGroup[judgeAt * criterionCount + criterionAt] === 0)
    ) {
      markGrid[cell] = value;
      continue;
    }
    const names = {
      judge: judgeLabel(judges[judgeAt], mark.judge),
      contestant: contestantLabel(contestants[contestantAt], mark.contestant),
      criterion: criterionLabel(criterion, mark.criterion),
    };
    const path = `scores[${position}]`;
    if (!checkMark(value, criterion, names, path, issues)) continue;
    if (outsideGroup?.[judgeAt * criterionCount + criterionAt] === 1)
      issues.push(outsideGroupIssue(judges[judgeAt] as Judge, input.settings, names, path));
    else if (markGrid[cell] !== -1) issues.push(issue('duplicateMark', path, names));
    else markGrid[cell] = value;
  }
  input.adjustments.forEach((adjustment, position) => {
    const path = `adjustments[${position}]`;
    if (!contestantIndex.has(adjustment.contestant)) {
      issues.push(issue('unknownContestant', path, { contestant: adjustment.contestant }));
    }
    if (!isWhole(adjustment.points))
      issues.push(issue('tooManyDecimals', `${path}.points`, { value: String(adjustment.points) }));
  });

  if (issues.length > 0) return { index: null, issues };
  const factors = partFactors(criteria, judges);
  if (!factors) return { index: null, issues: [issue('sheetTooFine', 'criteria', { value: '> 2^53' })] };
  return {
    index: {
      criteria,
      judges,
      contestants,
      criterionIndex,
      judgeIndex,
      contestantIndex,
      markGrid,
      partFactor: factors.factors,
      totalDenominator: factors.totalDenominator,
    },
    issues,
  };
}

/** A single mark checked on its own, e.g. from a judge's keypad: the same rules and messages. */
export function checkSingleMark(
  value: Hundredths,
  criterion: Criterion,
  names: { judge: string; contestant: string },
): Issue | null {
  const issues: Issue[] = [];
  checkMark(
    value,
    criterion,
    { ...names, criterion: criterionLabel(criterion, criterion.id) },
    'mark',
    issues,
  );
  return issues[0] ?? null;
}

/** A mark or an adjustment that the rules refuse, on its own: what a live device sets aside. */
export interface RefusedEntry {
  kind: 'mark' | 'adjustment';
  /** Its position in `marks` or `adjustments`. */
  position: number;
  /** The contestant it belongs to, as the entry names it (perhaps one the round does not have). */
  contestant: string;
  /** The judge of a mark; null for an adjustment. */
  judge: string | null;
  /** What is wrong, naming the judge, contestant, criterion and value. */
  issue: Issue;
}

/** A value as stored, for a message: hundredths back in points, anything else as it is. */
function storedValue(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value / 100);
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * The same rules as `indexRound`, sorted by what they belong to: the problems of the round
 * itself, which leave nothing to score, and, one by one, every mark and adjustment the rules
 * refuse. A live device scores everything else (./live-standings.ts), so the messages name the
 * judge, contestant and criterion rather than a position in a file.
 */
export function screenRound(input: RoundInput): { roundIssues: Issue[]; refused: RefusedEntry[] } {
  const roundIssues: Issue[] = [];
  const { criterionIndex, judgeIndex, contestantIndex } = checkRoundItself(input, roundIssues);
  const { criteria, judges, contestants } = input;
  const refused: RefusedEntry[] = [];
  // One flag per (contestant, judge, criterion) cell, as indexRound's grid: a second mark is refused.
  const filled = new Uint8Array(contestants.length * judges.length * criteria.length);
  const outsideGroup = outsideGroupGrid(input);

  input.marks.forEach((mark, position) => {
    const judgeAt = judgeIndex.get(mark.judge);
    const contestantAt = contestantIndex.get(mark.contestant);
    const criterionAt = criterionIndex.get(mark.criterion);
    const criterion = criterionAt === undefined ? undefined : criteria[criterionAt];
    const cell =
      judgeAt === undefined || contestantAt === undefined || criterionAt === undefined
        ? -1
        : (contestantAt * judges.length + judgeAt) * criteria.length + criterionAt;
    const value = mark.value;
    // The common case, a valid mark in an empty cell, builds no message: 24,000 marks stay cheap.
    if (
      criterion &&
      cell >= 0 &&
      isWhole(value) &&
      value >= 0 &&
      value <= criterion.max &&
      value % criterion.step === 0 &&
      filled[cell] === 0 &&
      (outsideGroup === null ||
        outsideGroup[(judgeAt as number) * criteria.length + (criterionAt as number)] === 0)
    ) {
      filled[cell] = 1;
      return;
    }
    const names = {
      judge: judgeLabel(judgeAt === undefined ? undefined : judges[judgeAt], mark.judge),
      contestant: contestantLabel(
        contestantAt === undefined ? undefined : contestants[contestantAt],
        mark.contestant,
      ),
      criterion: criterionLabel(criterion, mark.criterion),
      value: storedValue(value),
    };
    const path = `scores[${position}]`;
    const valueIssues: Issue[] = [];
    let found: Issue | undefined;
    if (contestantAt === undefined) found = issue('markForUnknownContestant', path, names);
    else if (judgeAt === undefined) found = issue('markByUnknownJudge', path, names);
    else if (!criterion) found = issue('markForUnknownCriterion', path, names);
    else if (!isWhole(value)) found = issue('markNotANumber', path, names);
    else if (!checkMark(value, criterion, names, path, valueIssues)) found = valueIssues[0];
    else if (outsideGroup?.[judgeAt * criteria.length + (criterionAt as number)] === 1)
      found = outsideGroupIssue(judges[judgeAt] as Judge, input.settings, names, path);
    else found = issue('duplicateMark', path, names);
    if (found)
      refused.push({ kind: 'mark', position, contestant: mark.contestant, judge: mark.judge, issue: found });
  });

  input.adjustments.forEach((adjustment, position) => {
    const contestantAt = contestantIndex.get(adjustment.contestant);
    const params = {
      contestant: contestantLabel(
        contestantAt === undefined ? undefined : contestants[contestantAt],
        adjustment.contestant,
      ),
      label: adjustment.label,
      value: storedValue(adjustment.points),
    };
    const path = `adjustments[${position}]`;
    let found: Issue | null = null;
    if (contestantAt === undefined) found = issue('adjustmentForUnknownContestant', path, params);
    else if (!isWhole(adjustment.points)) found = issue('adjustmentNotANumber', path, params);
    if (found) {
      refused.push({
        kind: 'adjustment',
        position,
        contestant: adjustment.contestant,
        judge: null,
        issue: found,
      });
    }
  });
  return { roundIssues, refused };
}
