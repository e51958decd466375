/**
 * The points table as the organizer types it: rows of text (a placing or an award, and its
 * points), read into the domain's table with every problem named in the domain's own words
 * (src/domain/season-issues.ts), so the screen and `leitai season --table` say the same thing.
 */

import { formatHundredths, parseHundredths } from '../../domain/decimal';
import { checkTable, type PointsTable } from '../../domain/season';
import { type SeasonIssue, seasonIssue } from '../../domain/season-issues';

export interface TableRowText {
  /** A placing ("1") or an award tier ("一等奖"). */
  key: string;
  points: string;
}

export function rowsOfTable(table: PointsTable): TableRowText[] {
  return table.by === 'placing'
    ? table.rows.map((row) => ({ key: String(row.placing), points: formatHundredths(row.points) }))
    : table.rows.map((row) => ({ key: row.award, points: formatHundredths(row.points) }));
}

export function tableOfRows(
  by: PointsTable['by'],
  rows: readonly TableRowText[],
): { ok: true; table: PointsTable } | { ok: false; issues: SeasonIssue[] } {
  const issues: SeasonIssue[] = [];
  const parsed = rows.flatMap((row, at) => {
    const key = row.key.trim();
    const path = `table.rows[${at}]`;
    const points = parseHundredths(row.points);
    if (!points.ok) {
      issues.push(seasonIssue('tablePointsInvalid', path, { value: key, points: row.points.trim() }));
      return [];
    }
    if (by === 'placing' && !/^[1-9]\d*$/.test(key)) {
      issues.push(seasonIssue('tableRankInvalid', path, { value: key }));
      return [];
    }
    return [{ key, points: points.value }];
  });
  const table: PointsTable =
    by === 'placing'
      ? { by, rows: parsed.map((row) => ({ placing: Number(row.key), points: row.points })) }
      : { by, rows: parsed.map((row) => ({ award: row.key, points: row.points })) };
  if (issues.length === 0) issues.push(...checkTable(table));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, table };
}
