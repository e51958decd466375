import { type FormEvent, useId, useState } from 'react';
import { createRound } from '../../../db/repository';
import { parseHundredths } from '../../../domain/decimal';
import type { RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';
import { type RoundSetup, TEMPLATES, templateRound } from '../templates';
import { TextField } from '../ui/TextField';
import { unusedName } from './round-summary';

export interface AddRoundFormProps {
  competitionId: string;
  /** The competition's rounds, whose sheet and settings a new round may copy. */
  rounds: readonly RoundRecord[];
  onDone: (round: RoundRecord) => void;
  /** Null when there is nothing to go back to (the competition has no round yet). */
  onCancel: (() => void) | null;
}

const CUSTOM = 'custom';

/**
 * A new round: its name and where its sheet comes from: an earlier round (sheet, settings, time
 * limit and its panel: the same judges score the new round, with the codes they joined with),
 * a template, or a first criterion of the organizer's own (a round always has one).
 */
export function AddRoundForm({ competitionId, rounds, onDone, onCancel }: AddRoundFormProps) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const headingId = useId();
  const sourceId = useId();
  const last = rounds.at(-1);
  const [name, setName] = useState(() =>
    unusedName([t('org.round.firstDefault'), t('org.round.nextDefault'), t('org.round.lastDefault')], rounds),
  );
  const [source, setSource] = useState(last ? `round:${last.id}` : 'template:secretary');
  const [criterionLabel, setCriterionLabel] = useState('');
  const [criterionMax, setCriterionMax] = useState('100');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);

  const setupOf = (found: Record<string, string>): RoundSetup | null => {
    if (source.startsWith('round:')) {
      const from = rounds.find((round) => `round:${round.id}` === source);
      if (!from) return null;
      const { criteria, settings, timeLimitSeconds, overtime, fullMark, audience } = structuredClone(from);
      return {
        criteria,
        settings,
        timeLimitSeconds,
        overtime,
        ...(fullMark === undefined ? {} : { fullMark }),
        ...(audience === undefined ? {} : { audience }),
      };
    }
    if (source.startsWith('template:')) {
      const template = TEMPLATES.find((each) => `template:${each.id}` === source);
      return template ? templateRound(template, t) : null;
    }
    const max = parseHundredths(criterionMax);
    if (criterionLabel.trim() === '') found.criterionLabel = t('org.criteria.labelRequired');
    if (!max.ok || max.value <= 0) found.criterionMax = t('org.criteria.maxInvalid', { value: criterionMax });
    return max.ok ? { criteria: [{ label: criterionLabel, max: max.value }] } : null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (name.trim() === '') found.name = t('org.round.nameRequired');
    const setup = setupOf(found);
    setErrors(found);
    setRefusal(null);
    if (Object.keys(found).length > 0 || !setup) return;
    try {
      const panelFrom = source.startsWith('round:') ? source.slice('round:'.length) : undefined;
      onDone(
        await createRound(db, {
          ...setup,
          competitionId,
          name,
          ...(panelFrom === undefined ? {} : { panelFrom }),
        }),
      );
    } catch (error) {
      setRefusal(errorText(error));
    }
  };

  return (
    <form className="org-panel org-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId}>{t('org.rounds.addHeading')}</h3>
      <div className="org-row">
        <TextField
          label={t('org.round.name')}
          value={name}
          onChange={setName}
          error={errors.name}
          hint={t('org.round.nameHint')}
        />
        <div className="org-field org-field--wide">
          <label htmlFor={sourceId}>{t('org.round.sheetSource')}</label>
          <select
            id={sourceId}
            value={source}
            onChange={(event) => setSource(event.target.value)}
            aria-describedby={source.startsWith('round:') ? `${sourceId}-hint` : undefined}
          >
            {rounds.map((round) => (
              <option key={round.id} value={`round:${round.id}`}>
                {t('org.round.sameAs', { name: round.name })}
              </option>
            ))}
            {TEMPLATES.filter((template) => template.criteria.length > 0).map((template) => (
              <option key={template.id} value={`template:${template.id}`}>
                {t('org.round.fromTemplate', { name: t(template.nameKey) })}
              </option>
            ))}
            <option value={CUSTOM}>{t('org.round.custom')}</option>
          </select>
          {source.startsWith('round:') && (
            <p id={`${sourceId}-hint`} className="org-hint">
              {t('org.round.samePanelHint')}
            </p>
          )}
        </div>
      </div>
      {source === CUSTOM && (
        <div className="org-row">
          <TextField
            label={t('org.round.firstCriterion')}
            value={criterionLabel}
            onChange={setCriterionLabel}
            error={errors.criterionLabel}
            hint={t('org.round.firstCriterionHint')}
          />
          <TextField
            label={t('org.criteria.max')}
            value={criterionMax}
            onChange={setCriterionMax}
            error={errors.criterionMax}
            inputMode="decimal"
            className="org-field--narrow"
          />
        </div>
      )}
      {refusal && (
        <p className="org-error" role="alert">
          {refusal}
        </p>
      )}
      <div className="org-actions">
        <button type="submit" className="button">
          {t('org.rounds.add')}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('org.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
