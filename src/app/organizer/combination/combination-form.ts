/**
 * The combination panel's form: one row per round of the competition (counted or not, with its
 * weight as typed), the decimals, rounding, tie-break chain and award tiers; read into a
 * Combination, and the domain's refusals put beside the field each one names.
 */

import type { Combination, CombinationTieBreakStep } from '../../../domain/combination';
import { type CombinationIssue, describeCombinationIssue } from '../../../domain/combination-issues';
import { formatHundredths, parseHundredths } from '../../../domain/decimal';
import type { Language } from '../../../domain/issues';
import type { AwardTier, Id, RoundingMode } from '../../../domain/model';
import type { TFunction } from '../../i18n/useT';
import { type AwardRow, newAwardRow } from '../settings/settings-form';

export interface StageRow {
  roundId: Id;
  roundName: string;
  included: boolean;
  weight: string;
}

export interface CombinationForm {
  stages: StageRow[];
  decimals: string;
  rounding: RoundingMode;
  tieBreak: CombinationTieBreakStep[];
  awards: AwardRow[];
}

/** Field keys: `round:<id>` and `round:<id>:weight`, the award editor's, and the rest. */
export type FormErrors = Record<string, string>;

/** The saved combination in the form, or a first one: every round counted, weights blank. */
export function formOf(
  combination: Combination | undefined,
  rounds: readonly { id: Id; name: string }[],
): CombinationForm {
  const weights = new Map(combination?.stages.map((stage) => [stage.roundId, stage.weight]));
  return {
    stages: rounds.map((round) => {
      const weight = weights.get(round.id);
      return {
        roundId: round.id,
        roundName: round.name,
        included: combination ? weight !== undefined : true,
        weight: weight === undefined ? '' : formatHundredths(weight),
      };
    }),
    decimals: String(combination?.decimals ?? 2),
    rounding: combination?.rounding ?? 'half-up',
    tieBreak: [...(combination?.tieBreak ?? [])],
    awards: (combination?.awards ?? []).map((tier) =>
      newAwardRow(
        'count' in tier
          ? { name: tier.name, kind: 'count', value: String(tier.count) }
          : 'percent' in tier
            ? { name: tier.name, kind: 'percent', value: formatHundredths(tier.percent) }
            : { name: tier.name, kind: 'rest', value: '' },
      ),
    ),
  };
}

/** Which field an issue of combineStages is about, from its path ("stages[1].weight", "inputs[0]…"). */
export function fieldOfIssue(path: string, stageIds: readonly Id[]): string {
  const stage = /^(?:stages|inputs)\[(\d+)\](\.weight)?/.exec(path);
  if (stage) return `round:${stageIds[Number(stage[1])] ?? ''}${stage[2] ? ':weight' : ''}`;
  if (path.startsWith('tieBreak')) return 'tieBreak';
  const award = /^awards\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (award) {
    const at = Number(award[1]);
    if (award[2] === 'name') return `award.${at}.name`;
    return award[2] ? `award.${at}.value` : `award.${at}`;
  }
  if (path === 'decimals' || path === 'rounding') return path;
  return path === 'stages' ? 'stages' : 'awards';
}

/** Each issue beside its field (the first one per field). */
export function errorsOfIssues(
  issues: readonly CombinationIssue[],
  stageIds: readonly Id[],
  language: Language,
  errors: FormErrors = {},
): FormErrors {
  for (const found of issues) {
    errors[fieldOfIssue(found.path, stageIds)] ??= describeCombinationIssue(found, language);
  }
  return errors;
}

export interface ReadCombination {
  /** Null while a field cannot be read (a weight or a number that is no number). */
  combination: Combination | null;
  errors: FormErrors;
}

/** The form as a Combination; what cannot be read is named beside its field. */
export function readForm(form: CombinationForm, t: TFunction): ReadCombination {
  const errors: FormErrors = {};
  const stages = form.stages
    .filter((row) => row.included)
    .map((row) => {
      const weight = parseHundredths(row.weight);
      if (!weight.ok)
        errors[`round:${row.roundId}:weight`] =
          row.weight.trim() === ''
            ? t('org.error.required')
            : t('combo.weightText', { value: row.weight.trim() });
      return { roundId: row.roundId, weight: weight.ok ? weight.value : 0 };
    });
  const decimals = form.decimals.trim();
  if (!/^\d$/.test(decimals)) errors.decimals = t('org.error.notANumber', { value: decimals });
  const counted = new Set(stages.map((stage) => `stage:${stage.roundId}`));
  const awards = form.awards.map((row, at): AwardTier => {
    if (row.kind === 'rest') return { name: row.name.trim(), rest: true };
    const value = row.value.trim();
    if (row.kind === 'count') {
      if (!/^\d+$/.test(value)) errors[`award.${at}.value`] = t('org.error.notANumber', { value });
      return { name: row.name.trim(), count: Number(value) };
    }
    const percent = parseHundredths(value);
    if (!percent.ok) errors[`award.${at}.value`] = t('org.error.percent', { value });
    return { name: row.name.trim(), percent: percent.ok ? percent.value : 0 };
  });
  const combination: Combination = {
    stages,
    decimals: Number(decimals),
    rounding: form.rounding,
    // A step naming a round no longer counted is dropped with it.
    tieBreak: form.tieBreak.filter((step) => step === 'exact' || counted.has(step)),
    awards,
  };
  return { combination: Object.keys(errors).length === 0 ? combination : null, errors };
}
