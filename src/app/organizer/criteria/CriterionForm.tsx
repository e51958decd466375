import { type FormEvent, useId, useState } from 'react';
import type { CriterionDraft } from '../../../db/repository';
import type { Criterion } from '../../../domain/model';
import { useUiStore } from '../../i18n/language';
import { useT } from '../../i18n/useT';
import { TextField } from '../ui/TextField';
import { type CriterionErrors, readCriterion, valuesOf } from './criterion-form';

export interface CriterionFormProps {
  /** Absent: a new criterion. */
  criterion?: Criterion | undefined;
  others: readonly Criterion[];
  /** Writes the sheet; the form closes once it is saved. */
  onSubmit: (draft: CriterionDraft) => Promise<void>;
  onCancel: () => void;
}

export function CriterionForm({ criterion, others, onSubmit, onCancel }: CriterionFormProps) {
  const t = useT();
  const lang = useUiStore((state) => state.lang);
  const headingId = useId();
  const [values, setValues] = useState(() => valuesOf(criterion));
  const [errors, setErrors] = useState<CriterionErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { draft, errors: found } = readCriterion(values, others, criterion?.id, t, lang);
    setErrors(found);
    if (!draft) return;
    setBusy(true);
    await onSubmit(draft);
    setBusy(false);
  };

  return (
    <form className="org-panel org-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId}>
        {criterion ? t('org.criteria.editHeading', { label: criterion.label }) : t('org.criteria.addHeading')}
      </h3>
      <div className="org-row">
        <TextField
          label={t('org.criteria.label')}
          value={values.label}
          onChange={set('label')}
          error={errors.label}
          className="org-field--wide"
        />
        <TextField
          label={t('org.criteria.max')}
          value={values.max}
          onChange={set('max')}
          error={errors.max}
          hint={t('org.criteria.maxHint')}
          inputMode="decimal"
          className="org-field--narrow"
        />
        <TextField
          label={t('org.criteria.points')}
          value={values.points}
          onChange={set('points')}
          error={errors.points}
          hint={t('org.criteria.pointsHint')}
          inputMode="decimal"
          className="org-field--narrow"
        />
        <TextField
          label={t('org.criteria.step')}
          value={values.step}
          onChange={set('step')}
          error={errors.step}
          hint={t('org.criteria.stepHint')}
          inputMode="decimal"
          className="org-field--narrow"
        />
      </div>
      <div className="org-actions">
        <button type="submit" className="button" disabled={busy}>
          {criterion ? t('org.save') : t('org.criteria.add')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('org.cancel')}
        </button>
      </div>
    </form>
  );
}
