/**
 * 总成绩 as a sheet: one column per stage (its announced score) and the total, shared by the
 * combined ranking's .csv and .xlsx exports. Every score is the engine's string.
 */

import type { CombinedResult, CombinedStandings } from '../../domain/combination';
import { writeCsv } from '../../domain/csv';
import type { CompetitionRecord } from '../../domain/records';
import { loadExcelJs } from '../files/read-sheet';
import { sheetName, typedCell } from '../files/xlsx-cells';
import type { TFunction } from '../i18n/useT';
import { CSV_TYPE } from './export-csv';
import type { Table } from './sheets';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function combinedTable(standings: CombinedStandings, t: TFunction): Table {
  const row = (result: CombinedResult, rank: string, note: string): string[] => [
    rank,
    result.name,
    result.unit ?? '',
    ...result.parts.map((part) => part.score ?? ''),
    result.score ?? '',
    result.award ?? '',
    note,
  ];
  return {
    keys: [
      'rank',
      'name',
      'unit',
      ...standings.stages.map((stage) => `stage:${stage.roundId}`),
      'score',
      'award',
      'note',
    ],
    header: [
      t('combo.rank'),
      t('combo.name'),
      t('results.col.unit'),
      ...standings.stages.map((stage) =>
        t('combo.stageColumn', { round: stage.roundName, percent: stage.percent }),
      ),
      t('combo.total'),
      t('combo.award'),
      t('results.col.note'),
    ],
    kinds: [
      'rank',
      'text',
      'text',
      ...standings.stages.map(() => 'decimal' as const),
      'decimal',
      'text',
      'text',
    ],
    rows: [
      ...standings.ranked.map((result) =>
        row(result, String(result.rank), result.tied ? t('combo.tied') : ''),
      ),
      ...standings.pending.map((result) => row(result, '—', t('combo.pendingNote'))),
      ...standings.excluded.map((result) => row(result, '—', t('combo.excludedNote'))),
    ],
  };
}

/** How the total is made, for the sheets' closing line: 现场观摩得分 × 40% + 擂台演讲得分 × 60%. */
export function formulaText(standings: CombinedStandings, t: TFunction): string {
  return standings.stages
    .map((stage) => t('combo.stageWeight', { round: stage.roundName, percent: stage.percent }))
    .join(' + ');
}

export function combinedCsv(
  competition: CompetitionRecord,
  standings: CombinedStandings,
  t: TFunction,
): Blob {
  const table = combinedTable(standings, t);
  const text = writeCsv([
    table.header,
    ...table.rows,
    [],
    [t('results.csv.competition'), competition.name],
    [t('combo.total'), formulaText(standings, t)],
  ]);
  return new Blob([`\uFEFF${text}`], { type: CSV_TYPE });
}

export async function combinedXlsx(
  competition: CompetitionRecord,
  standings: CombinedStandings,
  t: TFunction,
): Promise<Blob> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Leitai';
  workbook.title = `${competition.name} ${t('combo.title')}`;
  const sheet = workbook.addWorksheet(sheetName(t('combo.title')));
  const table = combinedTable(standings, t);
  sheet.addRow([competition.name]).font = { bold: true, size: 16 };
  sheet.addRow([`${t('combo.title')}：${formulaText(standings, t)}`]);
  sheet.addRow([]);
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows)
    sheet.addRow(row.map((text, at) => typedCell(text, table.kinds[at] ?? 'text')));
  table.header.forEach((_, at) => {
    sheet.getColumn(at + 1).width = at === 2 ? 16 : 12;
  });
  return new Blob([await workbook.xlsx.writeBuffer()], { type: XLSX_TYPE });
}
