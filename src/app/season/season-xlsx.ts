/**
 * The season's .xlsx export, loaded on demand with exceljs as the results' workbook is: the
 * standings and every counted entry (./season-sheets.ts), cells typed as the results' are.
 */

import { loadExcelJs } from '../files/read-sheet';
import { sheetName, typedCell } from '../files/xlsx-cells';
import type { Table } from '../results/sheets';
import { type SeasonExport, titleOf } from './season-export';
import { entriesTable, standingsTable } from './season-sheets';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function seasonXlsx(context: SeasonExport): Promise<Blob> {
  const ExcelJS = await loadExcelJs();
  const { season, standings, period, t } = context;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Leitai';
  workbook.title = titleOf(context);
  const addSheet = (name: string, table: Table, widths: number[]) => {
    const sheet = workbook.addWorksheet(sheetName(name));
    sheet.pageSetup = {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    };
    const title = sheet.addRow([titleOf(context)]);
    title.font = { name: 'SimSun', bold: true, size: 14 };
    sheet.mergeCells(title.number, 1, title.number, table.header.length);
    const header = sheet.addRow(table.header);
    header.font = { bold: true };
    widths.forEach((width, at) => {
      sheet.getColumn(at + 1).width = width;
    });
    for (const row of table.rows) {
      sheet.addRow(row.map((cell, at) => typedCell(cell, table.kinds[at] ?? 'text')));
    }
    sheet.addRow([]);
    sheet.addRow([t('season.csv.exported'), context.date]);
  };
  addSheet(t('season.sheet.standings'), standingsTable(standings, t), [8, 12, 18, 10, 12, 12, 8, 24]);
  addSheet(
    t('season.sheet.entries'),
    entriesTable(season, standings, period, t),
    [12, 18, 12, 28, 24, 10, 36],
  );
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: XLSX_TYPE });
}
