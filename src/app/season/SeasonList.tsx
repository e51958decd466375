import { type FormEvent, useState } from 'react';
import { allSeasons } from '../../db/queries/season';
import { createSeason } from '../../db/season';
import { DEFAULT_POINTS_TABLE } from '../../domain/season';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { Link, navigate } from '../router';
import { useSeasonErrorText, useSeasonIssueText } from './issues-text';
import { PointsTableFields, type TableDraft } from './PointsTableFields';
import { seasonHref } from './place';
import { rowsOfTable, tableOfRows } from './points-form';

/** The seasons on this device, and a new one: its name and points table. */
export function SeasonList() {
  const t = useT();
  const seasons = useLiveRead(allSeasons);
  if (seasons === undefined) return <p className="page loading">{t('app.loading')}</p>;
  return (
    <div className="page season">
      <h1>{t('season.list.title')}</h1>
      <p className="lead">{t('season.list.lead')}</p>
      {seasons.length > 0 ? (
        <ul className="season-cards" aria-label={t('season.list.title')}>
          {seasons.map((season) => (
            <li key={season.id} className="season-card">
              <Link to={seasonHref({ seasonId: season.id })}>{season.name}</Link>
              <span>{t('season.list.counts', { members: season.members, entries: season.entries })}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="notice">{t('season.list.empty')}</p>
      )}
      <CreateSeasonForm />
      <p>
        <Link to="/organizer">{t('season.backToOrganizer')}</Link>
      </p>
    </div>
  );
}

function CreateSeasonForm() {
  const db = useDatabase();
  const t = useT();
  const errorText = useSeasonErrorText();
  const issueText = useSeasonIssueText();
  const [name, setName] = useState('');
  const [table, setTable] = useState<TableDraft>({ by: 'placing', rows: rowsOfTable(DEFAULT_POINTS_TABLE) });
  const [error, setError] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setError(t('season.create.nameRequired'));
    const read = tableOfRows(table.by, table.rows);
    if (!read.ok) return setError(issueText(read.issues));
    try {
      const id = await createSeason(db, { name, table: read.table });
      navigate(seasonHref({ seasonId: id }));
    } catch (refusal) {
      setError(errorText(refusal));
    }
  };

  return (
    <form className="season-form" onSubmit={submit} noValidate aria-labelledby="season-create-heading">
      <h2 id="season-create-heading">{t('season.create.title')}</h2>
      <label className="season-field">
        <span>{t('season.create.name')}</span>
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={t('season.create.namePlaceholder')}
        />
      </label>
      <PointsTableFields draft={table} onChange={setTable} />
      {error && (
        <p className="season-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button">
        {t('season.create.submit')}
      </button>
    </form>
  );
}
