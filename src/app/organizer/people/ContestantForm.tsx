/** Adding or editing one contestant, with an optional photo: every field checked beside itself. */
import { type ChangeEvent, useState } from 'react';
import { putContestant } from '../../../db/repository';
import type { ContestantStatus, Id } from '../../../domain/model';
import type { ContestantRecord } from '../../../domain/records';
import { formatSites, parseSites, type SitesProblem } from '../../../domain/site-visits';
import { useDatabase } from '../../db-context';
import { useT } from '../../i18n/useT';
import { editedValues } from '../edited-values';
import { checkLength, checkName, checkPhoto, MAX_TEXT_LENGTH, MAX_UNIT_LENGTH, type Problem } from './checks';
import { NameField, PersonField, PersonFormShell, usePersonForm } from './PersonForm';
import { BlobThumbnail, StoredPhoto } from './Photo';
import { STATUS_LABELS } from './status';

export interface ContestantFormProps {
  roundId: Id;
  contestant?: ContestantRecord;
  /** 观摩评分: the form asks for the contestant's 观摩点. */
  siteVisit: boolean;
  otherNames: ReadonlySet<string>;
  onSaved: (contestant: ContestantRecord) => void;
  onCancel: () => void;
}

type TextField = 'name' | 'unit' | 'topic' | 'sites';

/** undefined: keep the stored photo; null: remove it; a Blob: replace it. */
type PhotoChoice = Blob | null | undefined;

function sitesProblem(error: SitesProblem): Problem {
  switch (error.problem) {
    case 'tooMany':
      return { key: 'people.error.sitesTooMany', params: { max: error.max } };
    case 'nameMissing':
      return { key: 'people.error.siteName', params: { entry: error.entry } };
    case 'nameTooLong':
      return { key: 'people.error.siteNameTooLong', params: { entry: error.entry, max: error.max } };
    case 'badTime':
      return { key: 'people.error.siteTime', params: { entry: error.entry } };
  }
}

function problems(values: Record<TextField, string>): Partial<Record<TextField, Problem>> {
  const sites = parseSites(values.sites);
  const found = {
    name: checkName(values.name),
    unit: checkLength(values.unit, MAX_UNIT_LENGTH),
    topic: checkLength(values.topic, MAX_TEXT_LENGTH),
    sites: sites.ok ? null : sitesProblem(sites.error),
  };
  return Object.fromEntries(Object.entries(found).filter(([, problem]) => problem)) as Partial<
    Record<TextField, Problem>
  >;
}

export function ContestantForm({
  roundId,
  contestant,
  siteVisit,
  otherNames,
  onSaved,
  onCancel,
}: ContestantFormProps) {
  const t = useT();
  const db = useDatabase();
  const [openedStatus] = useState<ContestantStatus>(contestant?.status ?? 'active');
  const [status, setStatus] = useState(openedStatus);
  const [photo, setPhoto] = useState<PhotoChoice>(undefined);
  const [photoProblem, setPhotoProblem] = useState<Problem | null>(null);
  const form = usePersonForm<TextField>(
    {
      name: contestant?.name ?? '',
      unit: contestant?.unit ?? '',
      topic: contestant?.topic ?? '',
      sites: formatSites(contestant?.sites ?? []),
    },
    problems,
    async ({ sites, ...values }, { sites: openedSites, ...opened }) => {
      const parsed = parseSites(sites);
      // Sent only when typed anew: the text, not the list, is what the organizer edited.
      const sitesEdited = parsed.ok && sites !== openedSites;
      onSaved(
        await putContestant(db, {
          ...(contestant ? { id: contestant.id } : {}),
          roundId,
          ...editedValues(contestant ? { ...opened, status: openedStatus } : null, { ...values, status }),
          ...(sitesEdited ? { sites: parsed.sites.length > 0 ? parsed.sites : null } : {}),
          photo,
        }),
      );
    },
  );
  const { id } = form;

  const choosePhoto = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const problem = checkPhoto(file);
    setPhotoProblem(problem);
    setPhoto(problem ? undefined : file);
    if (problem) event.target.value = '';
  };

  const storedPhotoId = photo === undefined ? (contestant?.photoId ?? null) : null;
  return (
    <PersonFormShell
      form={form}
      heading={
        contestant
          ? t('people.contestants.editHeading', { name: contestant.name })
          : t('people.contestants.addHeading')
      }
      onCancel={onCancel}
    >
      <div className="person-form__fields">
        <NameField form={form} otherNames={otherNames} duplicateWarning="people.contestants.duplicateName" />
        <PersonField
          form={form}
          field="unit"
          label={t('people.field.contestantUnit')}
          placeholder={t('people.field.contestantUnitPlaceholder')}
        />
        <PersonField form={form} field="topic" label={t('people.field.topic')} />
        {siteVisit && (
          <PersonField
            form={form}
            field="sites"
            label={t('people.field.sites')}
            placeholder={t('people.field.sitesPlaceholder')}
            hint={t('people.field.sitesHint')}
          />
        )}
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
            {form.say(photoProblem)}
          </p>
        )}
      </div>
    </PersonFormShell>
  );
}
