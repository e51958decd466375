/**
 * Rows of text from an uploaded .xlsx or .csv file: the first worksheet of a workbook, or the
 * decoded CSV. exceljs is loaded only here, on demand, so it never weighs on the other screens.
 */
import type { CellValue, Workbook } from 'exceljs';
import { parseCsv } from '../../domain/csv.ts';
import { type CsvEncoding, decodeCsvBytes } from './decode.ts';

export type SheetRead =
  | { ok: true; rows: string[][]; encoding: CsvEncoding | 'xlsx' }
  | { ok: false; problem: 'unsupportedType' | 'unreadableWorkbook' | 'noWorksheet' }
  | { ok: false; problem: 'csvUnclosedQuote' | 'csvTextAfterQuote'; line: number };

export async function loadExcelJs(): Promise<typeof import('exceljs')> {
  const module = await import('exceljs');
  return (module as unknown as { default?: typeof import('exceljs') }).default ?? module;
}

/** A cell as the text a person sees in Excel: numbers in their shortest form, dates as 2026-11-23. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

async function readWorkbook(bytes: ArrayBuffer): Promise<SheetRead> {
  const ExcelJS = await loadExcelJs();
  const workbook: Workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    return { ok: false, problem: 'unreadableWorkbook' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problem: 'noWorksheet' };
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= width; column++) cells.push(cellText(row.getCell(column).value).trim());
    rows[rowNumber - 1] = cells;
  });
  // Rows eachRow skipped (never written) are blank rows, not holes.
  return { ok: true, rows: Array.from(rows, (row) => row ?? []), encoding: 'xlsx' };
}

export async function readSpreadsheet(file: Blob, fileName: string): Promise<SheetRead> {
  const extension = fileName.toLowerCase().split('.').pop();
  const bytes = await file.arrayBuffer();
  if (extension === 'xlsx') return readWorkbook(bytes);
  if (extension === 'csv' || extension === 'txt') {
    const { text, encoding } = decodeCsvBytes(new Uint8Array(bytes));
    const parsed = parseCsv(text);
    if (!parsed.ok) {
      return {
        ok: false,
        problem: parsed.reason === 'unclosedQuote' ? 'csvUnclosedQuote' : 'csvTextAfterQuote',
        line: parsed.line,
      };
    }
    return { ok: true, rows: parsed.rows, encoding };
  }
  return { ok: false, problem: 'unsupportedType' };
}
