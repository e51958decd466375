/** Adding or editing one judge: every field checked beside itself, saved in one write. */
import { type FormEvent, useId, useState } from 'react';
import { putJudge, RepositoryError } from '../../../db/repository';
import { formatHundredths } from '../../../domain/decimal';
import type { Id } from '../../../domain/model';
import type { JudgeRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useT } from '../../i18n/useT';
import {
  checkLength,
  checkName,
  checkWeight,
  MAX_TEXT_LENGTH,
  MAX_UNIT_LENGTH,
  type Problem,
} from './checks';
import { Field } from './Field';

export interface JudgeFormProps {
  roundId: Id;
  /** The judge to edit; absent to add one. */
  judge?: JudgeRecord;
  /** Names of the other judges of the round, for the duplicate warning. */
  otherNames: ReadonlySet<string>;
  onSaved: (judge: JudgeRecord) => void;
  onCancel: () => void;
}

type JudgeField = 'name' | 'title' | 'unit' | 'weight';

function problems(values: Record<JudgeField, string>): Partial<Record<JudgeField, Problem>> {
  const found: Partial<Record<JudgeField, Problem | null>> = {
    name: checkName(values.name),
    title: checkLength(values.title, MAX_TEXT_LENGTH),
    unit: checkLength(values.unit, MAX_UNIT_LENGTH),
  };
  const weight = checkWeight(values.weight);
  if (!weight.ok) found.weight = weight.problem;
  return Object.fromEntries(Object.entries(found).filter(([, problem]) => problem)) as Partial<
    Record<JudgeField, Problem>
  >;
}

export function JudgeForm({ roundId, judge, otherNames, onSaved, onCancel }: JudgeFormProps) {
  const t = useT();
  const db = useDatabase();
  const id = useId();
  const [values, setValues] = useState<Record<JudgeField, string>>({
    name: judge?.name ?? '',
    title: judge?.title ?? '',
    unit: judge?.unit ?? '',
    weight: formatHundredths(judge?.weight ?? 100),
  });
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const found = checked ? problems(values) : {};
  const say = (problem: Problem | undefined) => (problem ? t(problem.key, problem.params) : null);
  const set = (field: JudgeField) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    setRefusal(null);
    const now = problems(values);
    const firstBad = (['name', 'title', 'unit', 'weight'] as const).find((field) => now[field]);
    if (firstBad) {
      document.getElementById(`${id}-${firstBad}`)?.focus();
      return;
    }
    const weight = checkWeight(values.weight);
    setSaving(true);
    try {
      const saved = await putJudge(db, {
        ...(judge ? { id: judge.id } : {}),
        roundId,
        name: values.name,
        title: values.title,
        unit: values.unit,
        weight: weight.ok ? weight.value : undefined,
      });
      onSaved(saved);
    } catch (error) {
      if (!(error instanceof RepositoryError)) throw error;
      setRefusal(error.message);
      setSaving(false);
    }
  };

  const duplicate = otherNames.has(values.name.trim());
  return (
    <form className="person-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        {judge ? t('people.judges.editHeading', { name: judge.name }) : t('people.judges.addHeading')}
      </h3>
      <div className="person-form__fields">
        <Field
          id={`${id}-name`}
          label={t('people.field.name')}
          value={values.name}
          onChange={set('name')}
          required
          autoComplete="off"
          error={say(found.name)}
          warning={duplicate ? t('people.judges.duplicateName') : null}
        />
        <Field
          id={`${id}-title`}
          label={t('people.field.title')}
          value={values.title}
          onChange={set('title')}
          autoComplete="off"
          placeholder={t('people.field.titlePlaceholder')}
          error={say(found.title)}
        />
        <Field
          id={`${id}-unit`}
          label={t('people.field.judgeUnit')}
          value={values.unit}
          onChange={set('unit')}
          autoComplete="off"
          hint={t('people.field.judgeUnitHint')}
          error={say(found.unit)}
        />
        <Field
          id={`${id}-weight`}
          label={t('people.field.weight')}
          value={values.weight}
          onChange={set('weight')}
          inputMode="decimal"
          autoComplete="off"
          hint={t('people.field.weightHint')}
          error={say(found.weight)}
        />
      </div>
      {refusal && (
        <p className="person-form__refusal" role="alert">
          {refusal}
        </p>
      )}
      <div className="person-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {t('people.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </div>
    </form>
  );
}
