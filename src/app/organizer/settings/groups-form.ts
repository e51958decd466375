/**
 * The round's rater groups (评委分组) as the organizer edits them, and back. Only what a text
 * field cannot hold is checked here (a number that is not one, an empty label); the rules of the
 * groups themselves are the domain's (checkSettings), put beside the group they name.
 */

import { formatHundredths, parseHundredths } from '../../../domain/decimal';
import type { Criterion, Id, PanelRule, RaterGroup, RoundSettings } from '../../../domain/model';
import type { TFunction } from '../../i18n/useT';

/** A group's panel rule: the round's, or one of its own. */
export type GroupPanelChoice = 'round' | PanelRule['kind'];

export interface GroupRow {
  /** For React only: groups are added and removed. */
  key: number;
  /** Kept as it is: judges name their group by it (JudgeRecord.group). */
  id: Id;
  label: string;
  weight: string;
  /** The criteria the group marks, in sheet order. */
  criteria: Id[];
  panel: GroupPanelChoice;
  trimK: string;
  minJudges: string;
}

/** The keys of the fields a group's message can stand beside. */
export type GroupFieldKey =
  | 'groups'
  | 'roundEachGroup'
  | `group.${number}`
  | `group.${number}.label`
  | `group.${number}.weight`
  | `group.${number}.criteria`
  | `group.${number}.panel`
  | `group.${number}.minJudges`;

let lastGroupKey = 0;

export function newGroupRow(fields: Omit<GroupRow, 'key'>): GroupRow {
  lastGroupKey += 1;
  return { key: lastGroupKey, ...fields };
}

/** An id no other group of the round has: g1, g2, … */
export function unusedGroupId(rows: readonly { id: Id }[]): Id {
  const taken = new Set(rows.map((row) => row.id));
  let n = 1;
  while (taken.has(`g${n}`)) n++;
  return `g${n}`;
}

export function groupRowsOf(settings: RoundSettings, criteria: readonly Criterion[]): GroupRow[] {
  return (settings.groups ?? []).map((group) =>
    newGroupRow({
      id: group.id,
      label: group.label,
      weight: formatHundredths(group.weight),
      criteria: group.criteria === null ? criteria.map((criterion) => criterion.id) : [...group.criteria],
      panel: group.panel === null ? 'round' : group.panel.kind,
      trimK: String(group.panel?.kind === 'trimmed' ? group.panel.k : 1),
      minJudges: group.minJudges === null ? '' : String(group.minJudges),
    }),
  );
}

/** A new group marking the given criteria, with the round's panel rule and every judge needed. */
export function blankGroupRow(
  rows: readonly GroupRow[],
  label: string,
  weight: string,
  criteria: Id[],
): GroupRow {
  return newGroupRow({
    id: unusedGroupId(rows),
    label,
    weight,
    criteria,
    panel: 'round',
    trimK: '1',
    minJudges: '',
  });
}

const WHOLE_OR_DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * The groups the rows say, in sheet order of their criteria; a field that cannot be read gets
 * its message in `errors` (and a stand-in value, so that the other checks still run).
 */
export function readGroupRows(
  rows: readonly GroupRow[],
  criteria: readonly Criterion[],
  errors: Partial<Record<GroupFieldKey, string>>,
  t: TFunction,
): RaterGroup[] {
  const order = new Map(criteria.map((criterion, at) => [criterion.id, at]));
  return rows.map((row, at): RaterGroup => {
    const label = row.label.trim();
    if (label === '') errors[`group.${at}.label`] = t('org.error.required');
    const weight = parseHundredths(row.weight);
    if (!weight.ok) {
      const text = row.weight.trim();
      errors[`group.${at}.weight`] =
        text === ''
          ? t('org.error.required')
          : WHOLE_OR_DECIMAL.test(text)
            ? t('org.error.twoDecimals', { value: text })
            : t('org.error.notANumber', { value: text });
    }
    const wholeIn = (text: string, field: GroupFieldKey): number => {
      const trimmed = text.trim();
      if (WHOLE_OR_DECIMAL.test(trimmed)) return Number(trimmed);
      errors[field] =
        trimmed === '' ? t('org.error.required') : t('org.error.notANumber', { value: trimmed });
      return 1;
    };
    const panel: PanelRule | null =
      row.panel === 'round'
        ? null
        : row.panel === 'trimmed'
          ? { kind: 'trimmed', k: wholeIn(row.trimK, `group.${at}.panel`) }
          : { kind: row.panel };
    return {
      id: row.id,
      label,
      weight: weight.ok ? weight.value : 0,
      criteria: [...row.criteria].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
      panel,
      minJudges: row.minJudges.trim() === '' ? null : wholeIn(row.minJudges, `group.${at}.minJudges`),
    };
  });
}

/** Which group field a domain issue is about, from its path ("settings.groups[1].weight"). */
export function groupFieldOfIssue(path: string): GroupFieldKey | null {
  if (path === 'settings.roundEachGroup') return 'roundEachGroup';
  const group = /^settings\.groups\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (group) {
    const at = Number(group[1]);
    switch (group[2]) {
      case 'label':
      case 'weight':
      case 'criteria':
      case 'panel':
      case 'minJudges':
        return `group.${at}.${group[2]}`;
      default:
        return `group.${at}`;
    }
  }
  return path.startsWith('settings.groups') ? 'groups' : null;
}
