/**
 * The round settings as the organizer edits them (text in fields) and back: every field is read
 * with the domain's own rules (checkSettings), and each problem is put beside its field.
 */

import { formatHundredths, parseHundredths } from '../../../domain/decimal';
import { describeIssue } from '../../../domain/issue-texts';
import type { Issue, Language } from '../../../domain/issues';
import type {
  AwardTier,
  Criterion,
  PanelLevel,
  PanelRule,
  RoundingMode,
  RoundSettings,
  TieBreakStep,
} from '../../../domain/model';
import type { AudienceVoting, OvertimeRule, RoundRecord } from '../../../domain/records';
import { checkSettings } from '../../../domain/validate';
import type { TFunction } from '../../i18n/useT';
import { type AudienceForm, audienceFormOf, readAudience, sheetWithAudience } from './audience-form';
import {
  type GroupFieldKey,
  type GroupRow,
  groupFieldOfIssue,
  groupRowsOf,
  readGroupRows,
} from './groups-form';

export type AwardKind = 'count' | 'percent' | 'rest';

export interface AwardRow {
  /** For React only: rows are added, moved and removed. */
  key: number;
  name: string;
  kind: AwardKind;
  value: string;
}

export interface SettingsForm {
  panel: PanelRule['kind'];
  trimK: string;
  level: PanelLevel;
  decimals: string;
  rounding: RoundingMode;
  roundEachCriterion: boolean;
  minJudges: string;
  tieBreak: TieBreakStep[];
  awards: AwardRow[];
  timeLimit: string;
  overtime: boolean;
  overtimeSeconds: string;
  overtimePoints: string;
  /** Set on the 回避 tab (src/app/organizer/recusal), carried through unchanged. */
  recusal: RoundSettings['recusal'];
  /** 评委分组: off, the round has one panel (and `groups` is kept only while the form is open). */
  groupsOn: boolean;
  groups: GroupRow[];
  roundEachGroup: boolean;
  audience: AudienceForm;
}

let lastAwardKey = 0;

export function newAwardRow(fields: Partial<Omit<AwardRow, 'key'>> = {}): AwardRow {
  lastAwardKey += 1;
  return { key: lastAwardKey, name: '', kind: 'count', value: '', ...fields };
}

/** 600 -> "10", 450 -> "7:30": minutes, with seconds only when there are any. */
export function formatDuration(seconds: number): string {
  const rest = seconds % 60;
  const minutes = (seconds - rest) / 60;
  return rest === 0 ? String(minutes) : `${minutes}:${String(rest).padStart(2, '0')}`;
}

/** "10" or "7:30" -> seconds; '' -> null; anything else -> undefined. */
export function parseDuration(text: string): number | null | undefined {
  const trimmed = text.trim().replace('：', ':');
  if (trimmed === '') return null;
  const match = /^(\d{1,3})(?::([0-5]\d))?$/.exec(trimmed);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2] ?? 0);
}

export function formOf(round: RoundRecord): SettingsForm {
  const { settings } = round;
  return {
    panel: settings.panel.kind,
    trimK: String(settings.panel.kind === 'trimmed' ? settings.panel.k : 1),
    level: settings.level,
    decimals: String(settings.decimals),
    rounding: settings.rounding,
    roundEachCriterion: settings.roundEachCriterion,
    minJudges: settings.minJudges === null ? '' : String(settings.minJudges),
    tieBreak: [...settings.tieBreak],
    awards: settings.awards.map((tier) =>
      newAwardRow(
        'count' in tier
          ? { name: tier.name, kind: 'count', value: String(tier.count) }
          : 'percent' in tier
            ? { name: tier.name, kind: 'percent', value: formatHundredths(tier.percent) }
            : { name: tier.name, kind: 'rest', value: '' },
      ),
    ),
    timeLimit: round.timeLimitSeconds === null ? '' : formatDuration(round.timeLimitSeconds),
    overtime: round.overtime !== null,
    overtimeSeconds: String(round.overtime?.everySeconds ?? 30),
    overtimePoints: formatHundredths(round.overtime?.points ?? 50),
    recusal: settings.recusal,
    groupsOn: settings.groups !== undefined,
    groups: groupRowsOf(settings, round.criteria),
    roundEachGroup: settings.roundEachGroup === true,
    audience: audienceFormOf(round),
  };
}

/** The keys of the fields a message can stand beside. */
export type FieldKey =
  | 'trimK'
  | 'decimals'
  | 'minJudges'
  | 'roundEachCriterion'
  | 'tieBreak'
  | 'awards'
  | `award.${number}`
  | `award.${number}.name`
  | `award.${number}.value`
  | 'timeLimit'
  | 'overtime'
  | 'overtimeSeconds'
  | 'overtimePoints'
  | 'audienceWindow'
  | GroupFieldKey;

export type FieldErrors = Partial<Record<FieldKey, string>>;

export interface ReadForm {
  /** Null while a settings field is wrong. */
  settings: RoundSettings | null;
  /** Null while the time limit or the overtime rule is wrong. */
  timing: { timeLimitSeconds: number | null; overtime: OvertimeRule | null } | null;
  /** The sheet the settings go with: the round's, with the audience's criterion as the form says. */
  criteria: Criterion[];
  /** 大众投票, or null when the round has none; meaningful only while `settings` is not null. */
  audience: AudienceVoting | null;
  errors: FieldErrors;
}

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** Which field a domain issue is about, from its path ("settings.awards[2].count"). */
function fieldOfIssue(path: string): FieldKey {
  const group = groupFieldOfIssue(path);
  if (group) return group;
  if (path === 'settings.panel.k') return 'trimK';
  if (path === 'settings.decimals') return 'decimals';
  if (path === 'settings.minJudges') return 'minJudges';
  if (path === 'settings.roundEachCriterion') return 'roundEachCriterion';
  if (path.startsWith('settings.tieBreak')) return 'tieBreak';
  const award = /^settings\.awards\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (award) {
    const at = Number(award[1]);
    if (award[2] === 'name') return `award.${at}.name`;
    return award[2] ? `award.${at}.value` : `award.${at}`;
  }
  return 'awards';
}

export function readSettingsForm(
  form: SettingsForm,
  roundCriteria: readonly Criterion[],
  t: TFunction,
  language: Language,
): ReadForm {
  const errors: FieldErrors = {};
  const criteria = sheetWithAudience(roundCriteria, form.audience, t);
  const criterionIds = new Set(criteria.map((criterion) => criterion.id));
  const numberIn = (text: string, field: FieldKey, fallback: number): number => {
    const trimmed = text.trim();
    if (NUMBER.test(trimmed)) return Number(trimmed);
    errors[field] = trimmed === '' ? t('org.error.required') : t('org.error.notANumber', { value: trimmed });
    return fallback;
  };

  const panel: PanelRule =
    form.panel === 'trimmed'
      ? { kind: 'trimmed', k: numberIn(form.trimK, 'trimK', 1) }
      : { kind: form.panel };
  const awards = form.awards.map((row, at): AwardTier => {
    if (row.kind === 'rest') return { name: row.name.trim(), rest: true };
    if (row.kind === 'count')
      return { name: row.name.trim(), count: numberIn(row.value, `award.${at}.value`, 0) };
    const percent = parseHundredths(row.value);
    if (!percent.ok) {
      errors[`award.${at}.value`] =
        row.value.trim() === ''
          ? t('org.error.required')
          : t('org.error.percent', { value: row.value.trim() });
    }
    return { name: row.name.trim(), percent: percent.ok ? percent.value : 0 };
  });
  const settings: RoundSettings = {
    panel,
    level: form.level,
    decimals: numberIn(form.decimals, 'decimals', 2),
    rounding: form.rounding,
    roundEachCriterion: form.level === 'criterion' && form.roundEachCriterion,
    // With groups, each group says how many of its judges it needs.
    minJudges:
      form.groupsOn || form.minJudges.trim() === '' ? null : numberIn(form.minJudges, 'minJudges', 1),
    tieBreak: [...form.tieBreak],
    awards,
    ...(form.recusal === undefined ? {} : { recusal: form.recusal }),
    ...(form.groupsOn
      ? {
          groups: readGroupRows(form.groups, criteria, errors, t),
          ...(form.roundEachGroup ? { roundEachGroup: true } : {}),
        }
      : {}),
  };
  const audience = form.groupsOn ? readAudience(form.audience, errors, t) : null;

  const issues: Issue[] = [];
  checkSettings(settings, criterionIds, issues, criteria);
  for (const found of issues) {
    const field = fieldOfIssue(found.path);
    errors[field] ??= describeIssue(found, language);
  }
  const seen = new Set<string>();
  awards.forEach((tier, at) => {
    if (tier.name !== '' && seen.has(tier.name))
      errors[`award.${at}.name`] ??= t('org.error.awardTwice', { name: tier.name });
    seen.add(tier.name);
  });
  const settingsValid = Object.keys(errors).length === 0;

  const timing = readTiming(form, errors, t);
  return { settings: settingsValid ? settings : null, timing, criteria, audience, errors };
}

function readTiming(form: SettingsForm, errors: FieldErrors, t: TFunction): ReadForm['timing'] {
  const timeLimitSeconds = parseDuration(form.timeLimit);
  let valid = true;
  if (timeLimitSeconds === undefined || timeLimitSeconds === 0) {
    errors.timeLimit = t('org.error.duration', { value: form.timeLimit.trim() });
    valid = false;
  }
  if (!form.overtime) return valid ? { timeLimitSeconds: timeLimitSeconds ?? null, overtime: null } : null;
  if (timeLimitSeconds === null) {
    errors.overtime = t('org.error.overtimeNeedsLimit');
    valid = false;
  }
  const seconds = form.overtimeSeconds.trim();
  if (!/^\d+$/.test(seconds) || Number(seconds) < 1) {
    errors.overtimeSeconds = t('org.error.wholeAtLeastOne', { value: seconds });
    valid = false;
  }
  const points = parseHundredths(form.overtimePoints);
  if (!points.ok || points.value <= 0) {
    errors.overtimePoints = t('org.error.positivePoints', { value: form.overtimePoints.trim() });
    valid = false;
  }
  if (!valid || !points.ok || timeLimitSeconds == null) return null;
  return { timeLimitSeconds, overtime: { everySeconds: Number(seconds), points: points.value } };
}
