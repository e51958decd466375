/** One judge's 回避名单: contestants ticked, units one per line, saved in one write. */
import { type FormEvent, useId, useState } from 'react';
import { RepositoryError, setRecuseList } from '../../../db/repository';
import type { Id } from '../../../domain/model';
import type { ContestantRecord, JudgeRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';

export interface RecuseListEditorProps {
  roundId: Id;
  judge: JudgeRecord;
  contestants: readonly ContestantRecord[];
  onSaved: () => void;
  onCancel: () => void;
}

export function RecuseListEditor({ roundId, judge, contestants, onSaved, onCancel }: RecuseListEditorProps) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const id = useId();
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set(judge.recuse?.contestantIds ?? []));
  const [units, setUnits] = useState((judge.recuse?.units ?? []).join('\n'));
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const toggle = (contestantId: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(contestantId);
    else next.delete(contestantId);
    setTicked(next);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setRefusal(null);
    try {
      await setRecuseList(db, roundId, judge.id, {
        contestantIds: contestants.filter((contestant) => ticked.has(contestant.id)).map(({ id }) => id),
        // Blank lines are only spacing, not units.
        units: units.split('\n').filter((line) => line.trim() !== ''),
      });
      onSaved();
    } catch (error) {
      if (!(error instanceof RepositoryError)) throw error;
      setRefusal(errorText(error));
      setSaving(false);
    }
  };

  return (
    <form className="recuse-editor" aria-labelledby={`${id}-heading`} onSubmit={save}>
      <h4 id={`${id}-heading`}>{t('people.recusal.editHeading', { name: judge.name })}</h4>
      <fieldset className="recuse-editor__contestants">
        <legend>{t('people.recusal.contestantsLegend')}</legend>
        {contestants.map((contestant) => (
          <label key={contestant.id}>
            <input
              type="checkbox"
              checked={ticked.has(contestant.id)}
              onChange={(change) => toggle(contestant.id, change.target.checked)}
            />
            {contestant.name}
            {contestant.unit && <span className="recuse-editor__unit">{contestant.unit}</span>}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-units`}>{t('people.recusal.unitsLabel')}</label>
        <textarea
          id={`${id}-units`}
          rows={3}
          value={units}
          onChange={(change) => setUnits(change.target.value)}
          aria-describedby={`${id}-units-hint`}
        />
        <p id={`${id}-units-hint`} className="field__hint">
          {t('people.recusal.unitsHint')}
        </p>
      </div>
      {refusal && (
        <p className="people-warning" role="alert">
          {refusal}
        </p>
      )}
      <div className="person-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {t('people.recusal.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </div>
    </form>
  );
}
