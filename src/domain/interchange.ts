/**
 * The interchange format of the scoring rules (what `leitai score FILE.json` reads and prints):
 * one round as plain JSON, numbers as JSON numbers or decimal strings. Reading it checks every
 * field's type and turns numbers into exact hundredths; the rules themselves are checked by the
 * engine. Any problem refuses the whole file.
 */
import { parseHundredths } from './decimal.ts';
import type { Standings } from './engine.ts';
import { type Issue, issue, RoundRejectedError } from './issues.ts';
import {
  type AwardTier,
  type ContestantStatus,
  DEFAULT_SETTINGS,
  DEFAULT_STEP,
  DEFAULT_WEIGHT,
  type Hundredths,
  type Judge,
  type PanelRule,
  type RaterGroup,
  type RecusalRule,
  type RoundInput,
  type RoundSettings,
  type TieBreakStep,
} from './model.ts';
import { RECUSAL_RULES } from './recusal.ts';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown) =>
  typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));

class Reader {
  readonly issues: Issue[] = [];

  list(parent: JsonObject, key: string, path: string, required: boolean): unknown[] {
    const value = parent[key];
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) {
      this.issues.push(value === undefined ? issue('missingField', path) : issue('notAList', path));
      return [];
    }
    return value;
  }

  objects(parent: JsonObject, key: string, required: boolean): { entry: JsonObject; path: string }[] {
    return this.list(parent, key, key, required).flatMap((entry, position) => {
      const path = `${key}[${position}]`;
      if (isObject(entry)) return [{ entry, path }];
      this.issues.push(issue('notAnObject', path));
      return [];
    });
  }

  text(parent: JsonObject, key: string, path: string, fallback?: string): string {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (fallback !== undefined) return fallback;
      this.issues.push(issue('missingField', path));
      return '';
    }
    // Ids are often numbers in hand-written files (a judge "1"); accept them as their text.
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') {
      this.issues.push(issue('notText', path, { value: show(value) }));
      return '';
    }
    return value;
  }

  optionalText(parent: JsonObject, key: string, path: string): string | null {
    const value = parent[key];
    return value === undefined || value === null ? null : this.text(parent, key, path);
  }

  hundredths(parent: JsonObject, key: string, path: string, fallback?: Hundredths): Hundredths {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (fallback !== undefined) return fallback;
      this.issues.push(issue('missingField', path));
      return 0;
    }
    const parsed = parseHundredths(value);
    if (parsed.ok) return parsed.value;
    this.issues.push(issue(parsed.reason, path, { value: show(value) }));
    return 0;
  }

  wholeNumber(parent: JsonObject, key: string, path: string): number | null {
    const value = parent[key];
    if (value === undefined || value === null) return null;
    const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed)) {
      this.issues.push(issue('notAWholeNumber', path, { value: show(value) }));
      return null;
    }
    return parsed;
  }

  boolean(parent: JsonObject, key: string, path: string, fallback: boolean): boolean {
    const value = parent[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    this.issues.push(issue('notText', path, { value: show(value) }));
    return fallback;
  }
}

/** A panel rule `{kind, k?}` (or just its kind) at `path`; absent: `fallback`. */
function readPanel(reader: Reader, panel: unknown, path: string, fallback: PanelRule): PanelRule {
  if (panel === undefined || panel === null) return fallback;
  if (typeof panel === 'string') return readPanel(reader, { kind: panel }, path, fallback);
  if (!isObject(panel)) {
    reader.issues.push(issue('notAnObject', path));
    return fallback;
  }
  const kind = reader.text(panel, 'kind', `${path}.kind`);
  if (kind === 'trimmed') return { kind, k: reader.wholeNumber(panel, 'k', `${path}.k`) ?? 1 };
  if (kind === 'mean' || kind === 'median' || kind === 'weighted') return { kind };
  reader.issues.push(issue('unknownPanel', `${path}.kind`, { value: kind }));
  return fallback;
}

/**
 * The rater groups `groups[] {id, label?, weight, criteria?, panel?, minJudges?}` and
 * `roundEachGroup`; each is left out of the settings when the file leaves it out.
 */
function readGroups(reader: Reader, root: JsonObject): Pick<RoundSettings, 'groups' | 'roundEachGroup'> {
  const read: Pick<RoundSettings, 'groups' | 'roundEachGroup'> = {};
  if (root.roundEachGroup !== undefined && root.roundEachGroup !== null)
    read.roundEachGroup = reader.boolean(root, 'roundEachGroup', 'roundEachGroup', false);
  if (root.groups === undefined || root.groups === null) return read;
  read.groups = reader.objects(root, 'groups', true).map(({ entry, path }): RaterGroup => {
    const id = reader.text(entry, 'id', `${path}.id`);
    const label = reader.text(entry, 'label', `${path}.label`, id);
    const weight = reader.hundredths(entry, 'weight', `${path}.weight`);
    const criteria =
      entry.criteria === undefined || entry.criteria === null
        ? null
        : reader
            .list(entry, 'criteria', `${path}.criteria`, true)
            .map((_, at) => reader.text(entry.criteria as JsonObject, String(at), `${path}.criteria[${at}]`));
    return {
      id,
      label,
      weight,
      criteria,
      panel:
        entry.panel === undefined || entry.panel === null
          ? null
          : readPanel(reader, entry.panel, `${path}.panel`, DEFAULT_SETTINGS.panel),
      minJudges: reader.wholeNumber(entry, 'minJudges', `${path}.minJudges`),
    };
  });
  return read;
}

function readAwards(reader: Reader, root: JsonObject): AwardTier[] {
  return reader.objects(root, 'awards', false).map(({ entry, path }) => {
    const name = reader.text(entry, 'name', `${path}.name`, '');
    const kinds = ['count', 'percent', 'rest'].filter(
      (key) => entry[key] !== undefined && entry[key] !== null,
    );
    if (kinds.length !== 1) {
      reader.issues.push(issue('awardTierInvalid', path, { name: name || path }));
      return { name, count: 0 };
    }
    if (kinds[0] === 'count')
      return { name, count: reader.wholeNumber(entry, 'count', `${path}.count`) ?? 0 };
    if (kinds[0] === 'percent')
      return { name, percent: reader.hundredths(entry, 'percent', `${path}.percent`) };
    if (entry.rest !== true) reader.issues.push(issue('awardTierInvalid', path, { name: name || path }));
    return { name, rest: true };
  });
}

function readSettings(reader: Reader, root: JsonObject): RoundSettings {
  const tieBreak = reader.list(root, 'tieBreak', 'tieBreak', false).map((step, position) => {
    if (typeof step === 'string') return step as TieBreakStep;
    // Refused below by the issue; String() would throw on an object without toString.
    reader.issues.push(issue('notText', `tieBreak[${position}]`, { value: show(step) }));
    return show(step) as TieBreakStep;
  });
  return {
    panel: readPanel(reader, root.panel, 'panel', DEFAULT_SETTINGS.panel),
    level: reader.text(root, 'level', 'level', DEFAULT_SETTINGS.level) as RoundSettings['level'],
    decimals: reader.wholeNumber(root, 'decimals', 'decimals') ?? DEFAULT_SETTINGS.decimals,
    rounding: reader.text(
      root,
      'rounding',
      'rounding',
      DEFAULT_SETTINGS.rounding,
    ) as RoundSettings['rounding'],
    roundEachCriterion: reader.boolean(root, 'roundEachCriterion', 'roundEachCriterion', false),
    minJudges: reader.wholeNumber(root, 'minJudges', 'minJudges'),
    tieBreak,
    awards: readAwards(reader, root),
    ...readRecusalRule(reader, root),
    ...readGroups(reader, root),
  };
}

/** Absent: the scoring contract's `equal` (the field is left out, so the round reads as before). */
function readRecusalRule(reader: Reader, root: JsonObject): Pick<RoundSettings, 'recusal'> {
  if (root.recusal === undefined || root.recusal === null) return {};
  const rule = reader.text(root, 'recusal', 'recusal');
  if ((RECUSAL_RULES as readonly string[]).includes(rule)) return { recusal: rule as RecusalRule };
  reader.issues.push(issue('unknownRecusal', 'recusal', { value: rule }));
  return {};
}

/** A judge's `recuse { contestantIds?, units? }`; absent: no list. */
function readRecuseList(reader: Reader, judge: JsonObject, path: string): Pick<Judge, 'recuse'> {
  const list = judge.recuse;
  if (list === undefined || list === null) return {};
  if (!isObject(list)) {
    reader.issues.push(issue('notAnObject', `${path}.recuse`));
    return {};
  }
  const texts = (key: string) => {
    const entries = reader.list(list, key, `${path}.recuse.${key}`, false);
    return entries.map((_, position) =>
      reader.text({ ...entries } as JsonObject, String(position), `${path}.recuse.${key}[${position}]`),
    );
  };
  return { recuse: { contestantIds: texts('contestantIds'), units: texts('units') } };
}

/** A judge's `group`, the id of its rater group; absent: none. */
function readJudgeGroup(reader: Reader, judge: JsonObject, path: string): Pick<Judge, 'group'> {
  const group = reader.optionalText(judge, 'group', `${path}.group`);
  return group === null ? {} : { group };
}

/**
 * Reads one round of the interchange format. Throws RoundRejectedError naming every malformed
 * field; the rules (ranges, steps, references) are checked by computeStandings.
 */
export function readInterchangeRound(json: unknown): RoundInput {
  const reader = new Reader();
  if (!isObject(json)) throw new RoundRejectedError([issue('notAnObject', '(file)')]);
  const criteria = reader.objects(json, 'criteria', true).map(({ entry, path }) => {
    const max = reader.hundredths(entry, 'max', `${path}.max`);
    return {
      id: reader.text(entry, 'id', `${path}.id`),
      label: reader.text(entry, 'label', `${path}.label`, ''),
      max,
      points: reader.hundredths(entry, 'points', `${path}.points`, max),
      step: reader.hundredths(entry, 'step', `${path}.step`, DEFAULT_STEP),
    };
  });
  const judges = reader.objects(json, 'judges', true).map(({ entry, path }) => ({
    id: reader.text(entry, 'id', `${path}.id`),
    name: reader.text(entry, 'name', `${path}.name`, ''),
    weight: reader.hundredths(entry, 'weight', `${path}.weight`, DEFAULT_WEIGHT),
    unit: reader.optionalText(entry, 'unit', `${path}.unit`),
    ...readRecuseList(reader, entry, path),
    ...readJudgeGroup(reader, entry, path),
  }));
  const contestants = reader.objects(json, 'contestants', true).map(({ entry, path }) => ({
    id: reader.text(entry, 'id', `${path}.id`),
    name: reader.text(entry, 'name', `${path}.name`, ''),
    unit: reader.optionalText(entry, 'unit', `${path}.unit`),
    draw: reader.wholeNumber(entry, 'draw', `${path}.draw`),
    status: reader.text(entry, 'status', `${path}.status`, 'active') as ContestantStatus,
  }));
  const marks = reader.objects(json, 'scores', false).map(({ entry, path }) => ({
    judge: reader.text(entry, 'judge', `${path}.judge`),
    contestant: reader.text(entry, 'contestant', `${path}.contestant`),
    criterion: reader.text(entry, 'criterion', `${path}.criterion`),
    value: reader.hundredths(entry, 'mark', `${path}.mark`),
  }));
  const adjustments = reader.objects(json, 'adjustments', false).map(({ entry, path }) => ({
    contestant: reader.text(entry, 'contestant', `${path}.contestant`),
    label: reader.text(entry, 'label', `${path}.label`, ''),
    points: reader.hundredths(entry, 'points', `${path}.points`),
  }));
  const settings = readSettings(reader, json);
  const contestantIds = new Set(contestants.map((contestant) => contestant.id));
  for (const judge of judges) {
    for (const contestant of judge.recuse?.contestantIds ?? []) {
      if (!contestantIds.has(contestant))
        reader.issues.push(issue('recuseUnknownContestant', 'judges', { judge: judge.id, contestant }));
    }
  }
  if (reader.issues.length > 0) throw new RoundRejectedError(reader.issues);
  return { criteria, judges, contestants, marks, adjustments, settings };
}

/** A group's part of a ranked contestant: its announced score, what it adds to the final, its judges. */
export interface InterchangeGroup {
  id: string;
  /** A_g(p) announced, with exactly `decimals` decimals. */
  score: string;
  /** weight_g x A_g(p) / P_g, exact. */
  contribution: string;
  /** Counted judges of the group. */
  judges: number;
  /** A_g(p) as it entered the final: exact, or rounded with roundEachGroup. */
  exact: string;
}

/** A group's progress for a contestant still being scored. */
export interface InterchangePendingGroup {
  id: string;
  judges: number;
  required: number;
}

export interface InterchangeStandings {
  standings: {
    rank: number;
    id: string;
    score: string;
    award: string | null;
    judges: number;
    exact: string;
    tied: boolean;
    separatedBy: string | null;
    trimReduced: boolean;
    /** Each rater group's part (by group id); only when the round has groups. */
    groups?: InterchangeGroup[];
  }[];
  pending: { id: string; judges: number; required: number; groups?: InterchangePendingGroup[] }[];
  excluded: { id: string; status: string }[];
}

/** The standings in the interchange shape (the rules' fields first, then explanations). */
export function toInterchangeStandings(standings: Standings): InterchangeStandings {
  return {
    standings: standings.ranked.map((result) => ({
      rank: result.rank as number,
      id: result.id,
      score: result.announcedScore as string,
      award: result.award,
      judges: result.countedJudges,
      exact: result.exactFinal as string,
      tied: result.tied,
      separatedBy: result.separatedBy,
      trimReduced: result.trimReduced,
      ...(result.groups
        ? {
            groups: result.groups.map((group) => ({
              id: group.id,
              score: group.announced as string,
              contribution: group.contribution as string,
              judges: group.countedJudges,
              exact: group.aggregate as string,
            })),
          }
        : {}),
    })),
    pending: standings.pending.map((result) => ({
      id: result.id,
      judges: result.countedJudges,
      required: result.requiredJudges,
      ...(result.groups
        ? {
            groups: result.groups.map((group) => ({
              id: group.id,
              judges: group.countedJudges,
              required: group.requiredJudges,
            })),
          }
        : {}),
    })),
    excluded: standings.excluded.map(({ id, status }) => ({ id, status })),
  };
}
