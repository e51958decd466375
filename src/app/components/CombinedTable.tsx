/**
 * 总成绩 as a table: rank, contestant, one column per stage (its announced score, weighted by
 * its percent), the total and the award; the pending and the excluded named below. Shown by the
 * organizer's preview, the host's console and the results screen.
 */

import type { CombinedStandings } from '../../domain/combination';
import { useT } from '../i18n/useT';

function shownName(name: string, unit: string | null): string {
  return unit ? `${name}（${unit}）` : name;
}

export function CombinedTable({
  standings,
  className,
}: {
  standings: CombinedStandings;
  className?: string;
}) {
  const t = useT();
  const names = (rows: CombinedStandings['pending']) =>
    rows.map((row) => shownName(row.name, row.unit)).join('、');
  return (
    <>
      {standings.ranked.length === 0 ? (
        <p className="notice">{t('combo.previewNone')}</p>
      ) : (
        <table className={className ?? 'org-table'}>
          <caption className="visually-hidden">{t('combo.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('combo.rank')}</th>
              <th scope="col">{t('combo.name')}</th>
              {standings.stages.map((stage) => (
                <th scope="col" className="org-number" key={stage.roundId}>
                  {t('combo.stageColumn', { round: stage.roundName, percent: stage.percent })}
                </th>
              ))}
              <th scope="col" className="org-number">
                {t('combo.total')}
              </th>
              <th scope="col">{t('combo.award')}</th>
            </tr>
          </thead>
          <tbody>
            {standings.ranked.map((row) => (
              <tr key={row.key}>
                <td>{row.tied ? `${row.rank}（${t('combo.tied')}）` : row.rank}</td>
                <td>{shownName(row.name, row.unit)}</td>
                {row.parts.map((part) => (
                  <td className="org-number" key={part.roundId}>
                    {part.score}
                  </td>
                ))}
                <td className="org-number">
                  <strong>{row.score}</strong>
                </td>
                <td>{row.award ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {standings.pending.length > 0 && (
        <p className="org-hint">{t('combo.pending', { names: names(standings.pending) })}</p>
      )}
      {standings.excluded.length > 0 && (
        <p className="org-hint">{t('combo.excluded', { names: names(standings.excluded) })}</p>
      )}
    </>
  );
}
