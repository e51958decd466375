/** One criterion as typed in the form, read with the engine's own rules for a sheet. */

import type { CriterionDraft } from '../../../db/repository';
import { formatHundredths, parseHundredths } from '../../../domain/decimal';
import { describeIssue } from '../../../domain/issue-texts';
import type { Language } from '../../../domain/issues';
import { type Criterion, DEFAULT_SETTINGS, DEFAULT_STEP } from '../../../domain/model';
import { indexRound } from '../../../domain/validate';
import type { TFunction } from '../../i18n/useT';

export interface CriterionValues {
  label: string;
  max: string;
  /** Empty: worth its max (分值 = 满分). */
  points: string;
  step: string;
}

export type CriterionErrors = Partial<Record<keyof CriterionValues, string>>;

const LABEL_LIMIT = 50;

export function valuesOf(criterion?: Criterion): CriterionValues {
  if (!criterion) return { label: '', max: '', points: '', step: formatHundredths(DEFAULT_STEP) };
  return {
    label: criterion.label,
    max: formatHundredths(criterion.max),
    points: criterion.points === criterion.max ? '' : formatHundredths(criterion.points),
    step: formatHundredths(criterion.step),
  };
}

export function readCriterion(
  values: CriterionValues,
  /** The other criteria of the sheet: a label must not repeat. */
  others: readonly Criterion[],
  id: string | undefined,
  t: TFunction,
  language: Language,
): { draft: CriterionDraft | null; errors: CriterionErrors } {
  const errors: CriterionErrors = {};
  const label = values.label.trim();
  if (label === '') errors.label = t('org.criteria.labelRequired');
  else if (label.length > LABEL_LIMIT) errors.label = t('org.criteria.labelTooLong', { max: LABEL_LIMIT });
  else if (others.some((other) => other.label === label))
    errors.label = t('org.criteria.labelTwice', { label });

  const amount = (field: 'max' | 'points' | 'step', text: string): number => {
    const parsed = parseHundredths(text);
    if (parsed.ok) return parsed.value;
    const trimmed = text.trim();
    errors[field] =
      trimmed === ''
        ? t('org.error.required')
        : parsed.reason === 'tooManyDecimals'
          ? t('org.error.twoDecimals', { value: trimmed })
          : t('org.error.notANumber', { value: trimmed });
    return 0;
  };
  const max = amount('max', values.max);
  const points = values.points.trim() === '' ? max : amount('points', values.points);
  const step = amount('step', values.step);

  const criterion: Criterion = { id: id ?? 'new', label: label || '?', max, points, step };
  const { issues } = indexRound({
    criteria: [criterion],
    judges: [],
    contestants: [],
    marks: [],
    adjustments: [],
    settings: DEFAULT_SETTINGS,
  });
  for (const found of issues) {
    const field = /\.(max|points|step)$/.exec(found.path)?.[1] as 'max' | 'points' | 'step' | undefined;
    // Named by its label alone: the engine would add the id to it.
    if (field)
      errors[field] ??= describeIssue({ ...found, params: { ...found.params, criterion: label } }, language);
  }
  if (Object.keys(errors).length > 0) return { draft: null, errors };
  return { draft: { ...(id ? { id } : {}), label, max, points, step }, errors };
}
