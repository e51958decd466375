/**
 * 导入模板: the files an organizer fills in, as .xlsx and as .csv (UTF-8 with a BOM, so that
 * Excel opens it in Chinese). A header row the import recognises and one example row.
 */
import { writeCsv } from '../../../domain/csv';
import type { RosterKind } from '../../../domain/roster-import';
import { loadExcelJs } from '../../files/read-sheet';

export const TEMPLATE_ROWS: Record<RosterKind, readonly (readonly string[])[]> = {
  contestants: [
    ['出场顺序', '姓名', '单位', '题目', '状态'],
    ['1', '沙哈提别克', '庙尔沟乡', '发展庭院经济 带领群众增收', '参赛'],
  ],
  // 评委组 left empty: only a round scored in groups has groups to name (专家评委, 领导评委…).
  judges: [
    ['姓名', '职务', '回避单位', '权重', '评委组'],
    ['王建华', '市委组织部副部长', '市委组织部', '1', ''],
  ],
};

const FILE_NAMES: Record<RosterKind, string> = { contestants: '选手导入模板', judges: '评委导入模板' };
const SHEET_NAMES: Record<RosterKind, string> = { contestants: '选手', judges: '评委' };
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function templateFileName(kind: RosterKind, extension: 'xlsx' | 'csv'): string {
  return `${FILE_NAMES[kind]}.${extension}`;
}

export function templateCsv(kind: RosterKind): Blob {
  return new Blob([`\uFEFF${writeCsv(TEMPLATE_ROWS[kind])}`], { type: 'text/csv;charset=utf-8' });
}

/** Numbers stay numbers in the workbook (出场顺序, 权重), as a person would type them. */
export async function templateXlsx(kind: RosterKind): Promise<Blob> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  const [header = [], ...examples] = TEMPLATE_ROWS[kind];
  sheet.addRow([...header]).font = { bold: true };
  for (const example of examples)
    sheet.addRow(example.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)));
  sheet.columns.forEach((column, index) => {
    column.width = Math.max(10, ...TEMPLATE_ROWS[kind].map((row) => 2 * (row[index]?.length ?? 0) + 2));
  });
  const bytes = await workbook.xlsx.writeBuffer();
  return new Blob([bytes as ArrayBuffer], { type: XLSX_TYPE });
}
