import type { PointsTable } from '../../domain/season';
import { useT } from '../i18n/useT';
import type { TableRowText } from './points-form';

export interface TableDraft {
  by: PointsTable['by'];
  rows: TableRowText[];
}

/** The points table's rows as inputs: per placing (名次) or per award tier (奖项). */
export function PointsTableFields({
  draft,
  onChange,
}: {
  draft: TableDraft;
  onChange: (draft: TableDraft) => void;
}) {
  const t = useT();
  const setRow = (at: number, row: TableRowText) =>
    onChange({ ...draft, rows: draft.rows.map((old, index) => (index === at ? row : old)) });
  const keyLabel = draft.by === 'placing' ? t('season.table.placing') : t('season.table.award');
  return (
    <fieldset className="season-fieldset">
      <legend>{t('season.table.legend')}</legend>
      <div className="season-choices" role="radiogroup" aria-label={t('season.table.by')}>
        {(['placing', 'award'] as const).map((by) => (
          <label key={by} className="season-check">
            <input
              type="radio"
              name="season-table-by"
              checked={draft.by === by}
              onChange={() =>
                onChange({ by, rows: draft.by === by ? draft.rows : [{ key: '', points: '' }] })
              }
            />
            {by === 'placing' ? t('season.table.byPlacing') : t('season.table.byAward')}
          </label>
        ))}
      </div>
      <table className="season-table season-table--form">
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col">{t('season.col.points')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('season.table.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.rows.map((row, at) => (
            // Rows have no identity besides their place: they are typed, not records.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={at}>
              <td>
                <input
                  aria-label={`${keyLabel} ${at + 1}`}
                  value={row.key}
                  inputMode={draft.by === 'placing' ? 'numeric' : 'text'}
                  onChange={(event) => setRow(at, { ...row, key: event.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={t('season.table.pointsOf', { row: at + 1 })}
                  value={row.points}
                  inputMode="decimal"
                  onChange={(event) => setRow(at, { ...row, points: event.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => onChange({ ...draft, rows: draft.rows.filter((_, index) => index !== at) })}
                >
                  {t('season.table.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange({ ...draft, rows: [...draft.rows, { key: '', points: '' }] })}
      >
        {t('season.table.addRow')}
      </button>
    </fieldset>
  );
}
