import { type FormEvent, useState } from 'react';
import { type Period, parsePeriod, type Season, seasonStandings } from '../../domain/season';
import { saveFile } from '../files/download';
import { useT } from '../i18n/useT';
import { Link, navigate } from '../router';
import { useSeasonErrorText } from './issues-text';
import { currentMonth, seasonHref, today } from './place';
import { CSV_TYPE, type SeasonExport, seasonCsv } from './season-export';
import { rankText, standingNote } from './season-sheets';

/** 积分榜: the period's standings, with its 公示 and exports. */
export function StandingsView({
  season,
  periodText,
  period,
}: {
  season: Season;
  periodText: string;
  period: Period | null;
}) {
  const t = useT();
  const errorText = useSeasonErrorText();
  const [typed, setTyped] = useState(periodText);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const show = (text: string) => {
    const parsed = parsePeriod(text);
    if (!parsed) return setError(t('season.period.invalid', { value: text.trim() }));
    setError('');
    setTyped(parsed.text);
    navigate(seasonHref({ seasonId: season.id, period: parsed.text }), { replace: true });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    show(typed);
  };
  const month = currentMonth();
  const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

  const standings = period && seasonStandings(season, period);
  const context = (): SeasonExport | null =>
    standings && period ? { season, standings, period, date: today(), t } : null;
  const fileName = (ext: string) => `${season.name}-${periodText}.${ext}`;
  const exportCsv = () => {
    const made = context();
    if (made) saveFile(new Blob([seasonCsv(made)], { type: CSV_TYPE }), fileName('csv'));
  };
  const exportXlsx = async () => {
    const made = context();
    if (!made) return;
    setBusy(true);
    try {
      const { seasonXlsx } = await import('./season-xlsx');
      saveFile(await seasonXlsx(made), fileName('xlsx'));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="season-standings-heading">
      <h2 id="season-standings-heading">
        {t('season.standings.title', { period: period?.text ?? periodText })}
      </h2>
      <form className="season-period" onSubmit={submit} noValidate>
        <label className="season-field">
          <span>{t('season.period.label')}</span>
          <input
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            aria-describedby="season-period-hint"
          />
        </label>
        <button type="submit" className="button">
          {t('season.period.show')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => show(month)}>
          {t('season.period.month')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => show(quarter)}>
          {t('season.period.quarter')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => show(month.slice(0, 4))}>
          {t('season.period.year')}
        </button>
        <p id="season-period-hint" className="season-hint">
          {t('season.period.hint')}
        </p>
      </form>
      {error && (
        <p className="season-error" role="alert">
          {error}
        </p>
      )}
      {!period && !error && (
        <p className="season-error" role="alert">
          {t('season.period.invalid', { value: periodText })}
        </p>
      )}
      {standings && period && (
        <>
          <div className="season-actions">
            <Link
              to={seasonHref({ seasonId: season.id, view: 'notice', period: period.text })}
              className="button"
            >
              {t('season.notice.open')}
            </Link>
            <button type="button" className="button button--secondary" onClick={exportXlsx} disabled={busy}>
              {t('season.export.xlsx')}
            </button>
            <button type="button" className="button button--secondary" onClick={exportCsv}>
              {t('season.export.csv')}
            </button>
          </div>
          {standings.ranked.length === 0 ? (
            <p className="notice">{t('season.standings.empty')}</p>
          ) : (
            <table className="season-table" aria-label={t('season.standings.title', { period: period.text })}>
              <thead>
                <tr>
                  <th scope="col">{t('season.col.rank')}</th>
                  <th scope="col">{t('season.col.name')}</th>
                  <th scope="col">{t('season.col.unit')}</th>
                  <th scope="col" className="season-number">
                    {t('season.col.points')}
                  </th>
                  <th scope="col" className="season-number">
                    {t('season.col.competitionPoints')}
                  </th>
                  <th scope="col">{t('season.col.latest')}</th>
                  <th scope="col" className="season-number">
                    {t('season.col.entries')}
                  </th>
                  <th scope="col">{t('season.col.note')}</th>
                </tr>
              </thead>
              <tbody>
                {standings.ranked.map((row) => (
                  <tr key={row.memberId}>
                    <td>{rankText(row, t)}</td>
                    <td>
                      <Link
                        to={seasonHref({
                          seasonId: season.id,
                          view: 'file',
                          memberId: row.memberId,
                          period: period.text,
                        })}
                      >
                        {row.name}
                      </Link>
                    </td>
                    <td>{row.unit ?? ''}</td>
                    <td className="season-number">{row.points}</td>
                    <td className="season-number">{row.competitionPoints}</td>
                    <td>{row.latestDate}</td>
                    <td className="season-number">{row.entries}</td>
                    <td>{standingNote(row, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
