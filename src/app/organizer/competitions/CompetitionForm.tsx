import { type FormEvent, useId, useState } from 'react';
import { createCompetition, editCompetition } from '../../../db/repository';
import type { CompetitionRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';
import { editedValues } from '../edited-values';
import { findTemplate, TEMPLATES, type TemplateId, templateRound } from '../templates';
import { TextField } from '../ui/TextField';

export interface CompetitionFormProps {
  /** Absent: a new competition, with a template for its first round. */
  competition?: CompetitionRecord;
  onDone: (competition: CompetitionRecord) => void;
  onCancel: () => void;
}

/**
 * Name, date, venue and the certificates' issuer (落款); for a new competition also the template
 * and the first round's name.
 */
export function CompetitionForm({ competition, onDone, onCancel }: CompetitionFormProps) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const headingId = useId();
  // What the form showed when it opened: an edit sends only what changed since.
  const [opened] = useState({
    name: competition?.name ?? '',
    date: competition?.date ?? '',
    venue: competition?.venue ?? '',
    issuer: competition?.issuer ?? '',
  });
  const [name, setName] = useState(opened.name);
  const [date, setDate] = useState(opened.date);
  const [venue, setVenue] = useState(opened.venue);
  const [issuer, setIssuer] = useState(opened.issuer);
  const [templateId, setTemplateId] = useState<TemplateId>('secretary');
  const [roundName, setRoundName] = useState(t('org.competition.firstRoundDefault'));
  const [errors, setErrors] = useState<{ name?: string; roundName?: string }>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const template = findTemplate(templateId);
  const makesRound = !competition && template.criteria.length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(name.trim() === '' ? { name: t('org.competition.nameRequired') } : {}),
      ...(makesRound && roundName.trim() === '' ? { roundName: t('org.round.nameRequired') } : {}),
    };
    setErrors(found);
    setRefusal(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const details = { name, date, venue, issuer };
      const setup = templateRound(template, t);
      const saved = competition
        ? await editCompetition(db, competition.id, editedValues(opened, details))
        : await createCompetition(db, {
            ...details,
            ...(makesRound && setup ? { firstRound: { ...setup, name: roundName } } : {}),
          });
      onDone(saved);
    } catch (error) {
      setRefusal(errorText(error));
      setBusy(false);
    }
  };

  return (
    <form className="org-panel org-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>
        {competition
          ? t('org.competition.editHeading', { name: competition.name })
          : t('org.competition.createHeading')}
      </h2>
      <TextField
        label={t('org.competition.name')}
        value={name}
        onChange={setName}
        error={errors.name}
        hint={t('org.competition.nameHint')}
        className="org-field--wide"
        required
      />
      <div className="org-row">
        <TextField label={t('org.competition.date')} type="date" value={date} onChange={setDate} />
        <TextField
          label={t('org.competition.venue')}
          value={venue}
          onChange={setVenue}
          className="org-field--wide"
        />
      </div>
      <TextField
        label={t('org.competition.issuer')}
        value={issuer}
        onChange={setIssuer}
        hint={t('org.competition.issuerHint')}
        className="org-field--wide"
      />
      {!competition && (
        <fieldset className="org-templates">
          <legend>{t('org.competition.template')}</legend>
          {TEMPLATES.map((option) => (
            <label key={option.id} className="org-choice">
              <input
                type="radio"
                name="template"
                value={option.id}
                checked={option.id === templateId}
                onChange={() => setTemplateId(option.id)}
              />
              <span>
                <strong>{t(option.nameKey)}</strong>
                <span className="org-hint">{t(option.summaryKey)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {makesRound && (
        <TextField
          label={t('org.competition.firstRound')}
          value={roundName}
          onChange={setRoundName}
          error={errors.roundName}
          hint={t('org.competition.firstRoundHint')}
        />
      )}
      {refusal && (
        <p className="org-error" role="alert">
          {refusal}
        </p>
      )}
      <div className="org-actions">
        <button type="submit" className="button" disabled={busy}>
          {competition ? t('org.save') : t('org.competition.create')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('org.cancel')}
        </button>
      </div>
    </form>
  );
}
