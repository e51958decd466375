import { useId, useState } from 'react';
import type { Criterion, TieBreakStep } from '../../../domain/model';
import type { TFunction } from '../../i18n/useT';
import { useT } from '../../i18n/useT';
import { MoveButtons } from '../ui/MoveButtons';
import { movedBy } from '../ui/moved-by';

function tieBreakLabel(step: TieBreakStep, criteria: readonly Criterion[], t: TFunction): string {
  if (step === 'exact') return t('org.tie.exact');
  if (step === 'untrimmed') return t('org.tie.untrimmed');
  const criterion = criteria.find((each) => `criterion:${each.id}` === step);
  return criterion ? t('org.tie.criterion', { label: criterion.label }) : t('org.tie.deletedCriterion');
}

export interface TieBreakEditorProps {
  steps: readonly TieBreakStep[];
  criteria: readonly Criterion[];
  onChange: (steps: TieBreakStep[]) => void;
  error?: string | undefined;
}

/** The tie-break chain: an ordered list, each step tried when the ones before still tie. */
export function TieBreakEditor({ steps, criteria, onChange, error }: TieBreakEditorProps) {
  const t = useT();
  const addId = useId();
  const available: TieBreakStep[] = (
    [
      'exact',
      'untrimmed',
      ...criteria.map((criterion) => `criterion:${criterion.id}` as const),
    ] as TieBreakStep[]
  ).filter((step) => !steps.includes(step));
  const [toAdd, setToAdd] = useState<TieBreakStep | ''>('');
  const chosen = toAdd !== '' && available.includes(toAdd) ? toAdd : (available[0] ?? '');

  const move = (at: number, by: -1 | 1) => onChange(movedBy(steps, at, by));

  return (
    <fieldset className="org-choices">
      <legend>{t('org.settings.tieBreak')}</legend>
      <p className="org-hint">{t('org.settings.tieBreakExplain')}</p>
      {steps.length === 0 ? (
        <p className="org-empty-line">{t('org.settings.tieBreakNone')}</p>
      ) : (
        <ol className="org-ordered">
          {steps.map((step, at) => {
            const label = tieBreakLabel(step, criteria, t);
            return (
              <li key={step}>
                <span className="org-ordered__label">{label}</span>
                <span className="org-actions org-actions--compact">
                  <MoveButtons
                    name={label}
                    first={at === 0}
                    last={at === steps.length - 1}
                    onMove={(by) => move(at, by)}
                  />
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => onChange(steps.filter((each) => each !== step))}
                    aria-label={t('org.removeNamed', { name: label })}
                  >
                    {t('org.remove')}
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {available.length > 0 && (
        <div className="org-add-line">
          <label htmlFor={addId}>{t('org.settings.tieBreakAdd')}</label>
          <select
            id={addId}
            value={chosen}
            onChange={(event) => setToAdd(event.target.value as TieBreakStep)}
          >
            {available.map((step) => (
              <option key={step} value={step}>
                {tieBreakLabel(step, criteria, t)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => chosen !== '' && onChange([...steps, chosen])}
          >
            {t('org.add')}
          </button>
        </div>
      )}
      {error && <p className="org-error">{error}</p>}
    </fieldset>
  );
}
