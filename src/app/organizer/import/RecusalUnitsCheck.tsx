/**
 * Before judges are imported with a unit column: what each judge's 回避单位 will be, and the
 * organizer's tick that it is meant (a workplace column read as the recusal unit is a silent
 * way to recuse the wrong judges, or none).
 */
import { useId } from 'react';
import { columnLetter, type RosterEntry } from '../../../domain/roster-import';
import { useT } from '../../i18n/useT';

export interface RecusalUnitsCheckProps {
  column: number;
  header: string;
  entries: readonly RosterEntry[];
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
}

export function RecusalUnitsCheck({ column, header, entries, confirmed, onConfirm }: RecusalUnitsCheckProps) {
  const t = useT();
  const id = useId();
  return (
    <section className="import-recusal" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('people.import.recusal.heading')}</h4>
      <p>{t('people.import.recusal.lead', { column: columnLetter(column), header })}</p>
      <table className="import-recusal__table">
        <caption className="visually-hidden">{t('people.import.recusal.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="import-recusal__cell">
              {t('people.import.recusal.judge')}
            </th>
            <th scope="col" className="import-recusal__cell">
              {t('people.import.recusal.unit')}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.row}>
              <th scope="row" className="import-recusal__cell">
                {entry.name}
              </th>
              <td className="import-recusal__cell">{entry.unit ?? t('people.import.recusal.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="import-recusal__confirm">
        <input type="checkbox" checked={confirmed} onChange={(event) => onConfirm(event.target.checked)} />
        {t('people.import.recusal.confirm')}
      </label>
    </section>
  );
}
