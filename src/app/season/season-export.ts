/**
 * The season's .csv export (UTF-8 with a BOM, as the results' are): the standings, then every
 * counted entry. The .xlsx says the same (./season-xlsx.ts, loaded on demand).
 */

import { writeCsv } from '../../domain/csv';
import type { Period, Season, SeasonStandings } from '../../domain/season';
import type { TFunction } from '../i18n/useT';
import { entriesTable, standingsTable } from './season-sheets';

const BOM = '\uFEFF';
export const CSV_TYPE = 'text/csv;charset=utf-8';

export interface SeasonExport {
  season: Season;
  standings: SeasonStandings;
  period: Period;
  /** The day of the export, YYYY-MM-DD. */
  date: string;
  t: TFunction;
}

export function titleOf({ season, period, t }: SeasonExport): string {
  return t('season.notice.title', { season: season.name, period: period.text });
}

export function seasonCsv(context: SeasonExport): string {
  const { season, standings, period, date, t } = context;
  const ranking = standingsTable(standings, t);
  const entries = entriesTable(season, standings, period, t);
  return (
    BOM +
    writeCsv([
      [titleOf(context)],
      ranking.header,
      ...ranking.rows,
      [],
      [t('season.sheet.entries')],
      entries.header,
      ...entries.rows,
      [],
      [t('season.csv.exported'), date],
    ])
  );
}
