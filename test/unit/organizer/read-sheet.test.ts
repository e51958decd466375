// @vitest-environment node
/** Upload formats: .xlsx from Excel/WPS, and CSV in UTF-8 (with a BOM) or GBK. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../../src/app/files/decode.ts';
import { readSpreadsheet } from '../../../src/app/files/read-sheet.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/import');
const blobOf = (bytes: Uint8Array | ArrayBuffer) => new Blob([new Uint8Array(bytes)]);

const expectedRows = [
  ['出场顺序', '姓名', '单位', '题目'],
  ['1', '沙哈提别克', '庙尔沟乡', '发展庭院经济 带领群众增收'],
  ['2', '潘金永', '三工镇', '党建引领 乡村振兴'],
  ['3', '哈德尔', '阿什里乡', '守好一方水土'],
  ['4', '李桂芳', '榆树沟镇', '让村里的路“亮”起来'],
  ['5', '赵建国', '二六工镇', '一张蓝图绘到底, 干出新样子'],
];

describe('CSV files', () => {
  it('reads a GBK CSV as Chinese Excel writes it', async () => {
    const bytes = readFileSync(join(fixtures, 'contestants-gbk.csv'));
    expect(decodeCsvBytes(bytes).encoding).toBe('gb18030');
    expect(await readSpreadsheet(blobOf(bytes), '报名表.CSV')).toEqual({
      ok: true,
      rows: expectedRows,
      encoding: 'gb18030',
    });
  });

  it('reads a UTF-8 CSV with a BOM', async () => {
    const bytes = readFileSync(join(fixtures, 'contestants-utf8-bom.csv'));
    expect(await readSpreadsheet(blobOf(bytes), 'contestants.csv')).toEqual({
      ok: true,
      rows: expectedRows,
      encoding: 'utf-8',
    });
  });

  it('names the line of a damaged CSV', async () => {
    const bytes = new TextEncoder().encode('姓名,单位\n"王伟,三工镇\n');
    expect(await readSpreadsheet(blobOf(bytes), 'a.csv')).toEqual({
      ok: false,
      problem: 'csvUnclosedQuote',
      line: 2,
    });
  });
});

describe('.xlsx files', () => {
  it('reads the first worksheet as text, numbers in their shortest form', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('选手');
    for (const row of expectedRows.slice(0, 3))
      sheet.addRow(row.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)));
    sheet.addRow([]);
    sheet.addRow([
      4,
      { richText: [{ text: '李' }, { text: '桂芳' }] },
      '榆树沟镇',
      { formula: '"让村"&"里"', result: '让村里' },
    ]);
    const bytes = await workbook.xlsx.writeBuffer();
    const read = await readSpreadsheet(blobOf(bytes as ArrayBuffer), '名单.xlsx');
    expect(read).toEqual({
      ok: true,
      encoding: 'xlsx',
      rows: [...expectedRows.slice(0, 3), ['', '', '', ''], ['4', '李桂芳', '榆树沟镇', '让村里']],
    });
  });

  it('refuses a file that is not a workbook, and other file types', async () => {
    expect(await readSpreadsheet(blobOf(new TextEncoder().encode('not a zip')), 'a.xlsx')).toEqual({
      ok: false,
      problem: 'unreadableWorkbook',
    });
    expect(await readSpreadsheet(blobOf(new Uint8Array([1])), 'a.xls')).toEqual({
      ok: false,
      problem: 'unsupportedType',
    });
  });
});
