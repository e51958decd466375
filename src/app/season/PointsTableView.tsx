import { type FormEvent, useState } from 'react';
import { setSeasonPointsTable } from '../../db/season';
import type { Season } from '../../domain/season';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { FormMessage } from './FormMessage';
import { useSeasonErrorText, useSeasonIssueText } from './issues-text';
import { PointsTableFields, type TableDraft } from './PointsTableFields';
import { rowsOfTable, tableOfRows } from './points-form';

/** 积分表: the points per placing or award tier that closed rounds post from now on. */
export function PointsTableView({ season }: { season: Season }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useSeasonErrorText();
  const issueText = useSeasonIssueText();
  const [draft, setDraft] = useState<TableDraft>({ by: season.table.by, rows: rowsOfTable(season.table) });
  const [message, setMessage] = useState({ text: '', error: false });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const read = tableOfRows(draft.by, draft.rows);
    if (!read.ok) return setMessage({ text: issueText(read.issues), error: true });
    try {
      await setSeasonPointsTable(db, season.id, read.table);
      setMessage({ text: t('season.table.saved'), error: false });
    } catch (refusal) {
      setMessage({ text: errorText(refusal), error: true });
    }
  };
  return (
    <form className="season-form" onSubmit={submit} noValidate aria-labelledby="season-table-heading">
      <h2 id="season-table-heading">{t('season.tab.table')}</h2>
      <p className="season-hint">{t('season.table.explain')}</p>
      <PointsTableFields draft={draft} onChange={setDraft} />
      <button type="submit" className="button">
        {t('season.table.save')}
      </button>
      <FormMessage message={message} />
    </form>
  );
}
