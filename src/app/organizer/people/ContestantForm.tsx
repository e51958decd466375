/** Adding or editing one contestant, with an optional photo: every field checked beside itself. */
import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { putContestant, RepositoryError } from '../../../db/repository';
import type { ContestantStatus, Id } from '../../../domain/model';
import type { ContestantRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useT } from '../../i18n/useT';
import { checkLength, checkName, checkPhoto, MAX_TEXT_LENGTH, MAX_UNIT_LENGTH, type Problem } from './checks';
import { Field } from './Field';
import { BlobThumbnail, StoredPhoto } from './Photo';
import { STATUS_LABELS } from './status';

export interface ContestantFormProps {
  roundId: Id;
  contestant?: ContestantRecord;
  otherNames: ReadonlySet<string>;
  onSaved: (contestant: ContestantRecord) => void;
  onCancel: () => void;
}

type TextField = 'name' | 'unit' | 'topic';

/** undefined: keep the stored photo; null: remove it; a Blob: replace it. */
type PhotoChoice = Blob | null | undefined;

function problems(values: Record<TextField, string>): Partial<Record<TextField, Problem>> {
  const found = {
    name: checkName(values.name),
    unit: checkLength(values.unit, MAX_UNIT_LENGTH),
    topic: checkLength(values.topic, MAX_TEXT_LENGTH),
  };
  return Object.fromEntries(Object.entries(found).filter(([, problem]) => problem)) as Partial<
    Record<TextField, Problem>
  >;
}

export function ContestantForm({ roundId, contestant, otherNames, onSaved, onCancel }: ContestantFormProps) {
  const t = useT();
  const db = useDatabase();
  const id = useId();
  const [values, setValues] = useState<Record<TextField, string>>({
    name: contestant?.name ?? '',
    unit: contestant?.unit ?? '',
    topic: contestant?.topic ?? '',
  });
  const [status, setStatus] = useState<ContestantStatus>(contestant?.status ?? 'active');
  const [photo, setPhoto] = useState<PhotoChoice>(undefined);
  const [photoProblem, setPhotoProblem] = useState<Problem | null>(null);
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const found = checked ? problems(values) : {};
  const say = (problem: Problem | null | undefined) => (problem ? t(problem.key, problem.params) : null);
  const set = (field: TextField) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const choosePhoto = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const problem = checkPhoto(file);
    setPhotoProblem(problem);
    setPhoto(problem ? undefined : file);
    if (problem) event.target.value = '';
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    setRefusal(null);
    const now = problems(values);
    const firstBad = (['name', 'unit', 'topic'] as const).find((field) => now[field]);
    if (firstBad) {
      document.getElementById(`${id}-${firstBad}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      const saved = await putContestant(db, {
        ...(contestant ? { id: contestant.id } : {}),
        roundId,
        name: values.name,
        unit: values.unit,
        topic: values.topic,
        status,
        photo,
      });
      onSaved(saved);
    } catch (error) {
      if (!(error instanceof RepositoryError)) throw error;
      setRefusal(error.message);
      setSaving(false);
    }
  };

  const storedPhotoId = photo === undefined ? (contestant?.photoId ?? null) : null;
  const duplicate = otherNames.has(values.name.trim());
  return (
    <form className="person-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        {contestant
          ? t('people.contestants.editHeading', { name: contestant.name })
          : t('people.contestants.addHeading')}
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
          warning={duplicate ? t('people.contestants.duplicateName') : null}
        />
        <Field
          id={`${id}-unit`}
          label={t('people.field.contestantUnit')}
          value={values.unit}
          onChange={set('unit')}
          autoComplete="off"
          placeholder={t('people.field.contestantUnitPlaceholder')}
          error={say(found.unit)}
        />
        <Field
          id={`${id}-topic`}
          label={t('people.field.topic')}
          value={values.topic}
          onChange={set('topic')}
          autoComplete="off"
          error={say(found.topic)}
        />
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('people.field.status')}</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(event) => setStatus(event.target.value as ContestantStatus)}
          >
            {(Object.keys(STATUS_LABELS) as ContestantStatus[]).map((value) => (
              <option key={value} value={value}>
                {t(STATUS_LABELS[value])}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className={`field field--photo${photoProblem ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-photo`}>{t('people.field.photo')}</label>
        <div className="photo-choice">
          {photo && <BlobThumbnail blob={photo} alt={t('people.photo.chosen')} />}
          {storedPhotoId && (
            <StoredPhoto
              photoId={storedPhotoId}
              alt={t('people.photoOf', { name: contestant?.name ?? '' })}
            />
          )}
          <input
            id={`${id}-photo`}
            type="file"
            accept="image/*"
            onChange={choosePhoto}
            aria-invalid={photoProblem ? true : undefined}
            aria-describedby={`${id}-photo-hint${photoProblem ? ` ${id}-photo-error` : ''}`}
          />
          {(storedPhotoId || photo) && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setPhoto(null)}
            >
              {t('people.photo.remove')}
            </button>
          )}
        </div>
        <p id={`${id}-photo-hint`} className="field__hint">
          {photo === null ? t('people.photo.willRemove') : t('people.photo.hint')}
        </p>
        {photoProblem && (
          <p id={`${id}-photo-error`} className="field__error">
            {say(photoProblem)}
          </p>
        )}
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
