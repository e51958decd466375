import '../results/print.css';
import { type Period, type Season, seasonStandings } from '../../domain/season';
import type { TFunction } from '../i18n/useT';
import { useT } from '../i18n/useT';
import { Link } from '../router';
import { seasonHref, today } from './place';
import { entryLine, periodEntriesOf, personText, rankText } from './season-sheets';

/** 2026年11月, 2026年第四季度, 2026年 (and their English). */
export function periodInWords(period: Period, t: TFunction): string {
  if (period.firstMonth === period.lastMonth)
    return t('season.period.monthText', { year: period.year, month: period.firstMonth });
  if (period.lastMonth - period.firstMonth === 2)
    return t('season.period.quarterText', { year: period.year, quarter: period.lastMonth / 3 });
  return t('season.period.yearText', { year: period.year });
}

const PAGE_CSS = `@page {
  size: A4;
  margin: 16mm 14mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; }
}`;

/**
 * 公示: the period's ranking, each person's entries, the date and the signature line
 * (公示单位/日期/签字), laid out for A4 with the results' print styles, to print or project.
 */
export function NoticePrint({ season, period }: { season: Season; period: Period }) {
  const t = useT();
  const standings = seasonStandings(season, period);
  const back = seasonHref({ seasonId: season.id, period: period.text });
  return (
    <div className="print-view">
      <style>{PAGE_CSS}</style>
      <div className="print-toolbar page">
        <h1>{t('season.notice.heading')}</h1>
        <div className="season-actions">
          <button type="button" className="button" onClick={() => window.print()}>
            {t('season.notice.print')}
          </button>
          <Link to={back} className="button button--secondary">
            {t('season.notice.back')}
          </Link>
        </div>
      </div>
      <div className="print-sheets">
        <article className="print-doc season-notice">
          <header className="print-doc__header">
            <p className="print-doc__competition">{season.name}</p>
            <h2>{t('season.notice.docTitle', { period: periodInWords(period, t) })}</h2>
            <p className="print-doc__meta">
              <span>{t('season.notice.period', { period: period.text })}</span>
              <span>{t('season.notice.date', { date: today() })}</span>
            </p>
          </header>
          {standings.ranked.length === 0 ? (
            <p>{t('season.standings.empty')}</p>
          ) : (
            <table className="print-table print-table--public" aria-label={t('season.notice.ranking')}>
              <thead>
                <tr>
                  <th scope="col">{t('season.col.rank')}</th>
                  <th scope="col">{t('season.col.name')}</th>
                  <th scope="col">{t('season.col.unit')}</th>
                  <th scope="col" className="print-number">
                    {t('season.col.points')}
                  </th>
                  <th scope="col" className="print-number">
                    {t('season.col.competitionPoints')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {standings.ranked.map((row) => (
                  <tr key={row.memberId}>
                    <td>{rankText(row, t)}</td>
                    <td>{row.name}</td>
                    <td className="print-unit">{row.unit ?? ''}</td>
                    <td className="print-number">{row.points}</td>
                    <td className="print-number">{row.competitionPoints}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {standings.ranked.map((row) => (
            <section key={row.memberId} className="season-notice__person">
              <h3>
                {t('season.notice.personHeading', {
                  name: personText(row, t),
                  points: row.points,
                })}
              </h3>
              <table className="print-table">
                <thead>
                  <tr>
                    <th scope="col">{t('season.col.date')}</th>
                    <th scope="col">{t('season.col.item')}</th>
                    <th scope="col">{t('season.col.source')}</th>
                    <th scope="col" className="print-number">
                      {t('season.col.points')}
                    </th>
                    <th scope="col">{t('season.col.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {periodEntriesOf(season, period, row.memberId).map((counted) => {
                    const line = entryLine(counted, t);
                    return (
                      <tr key={counted.entry.id}>
                        <td className="print-nowrap">{line.date}</td>
                        <td>{line.item}</td>
                        <td className="print-note">{line.source}</td>
                        <td className="print-number">{line.points}</td>
                        <td className="print-note">{line.note}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          ))}
          <footer className="print-doc__footer">
            <p className="print-public-note">{t('season.notice.note')}</p>
            <div className="print-signatures">
              <p>
                {(['season.notice.issuer', 'season.notice.signDate', 'season.notice.signature'] as const).map(
                  (key) => (
                    <span key={key} className="print-sign">
                      {t(key)}
                      <span className="print-sign__line" />
                    </span>
                  ),
                )}
              </p>
            </div>
          </footer>
        </article>
      </div>
    </div>
  );
}
