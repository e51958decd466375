// @vitest-environment node
/** The official exports, read back: the .xlsx with exceljs, the .csv as Excel would decode it. */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../../../src/app/files/read-sheet';
import { translate } from '../../../src/app/i18n/messages';
import { competitionLog } from '../../../src/app/results/backup-file';
import { publicCsv, summaryCsv } from '../../../src/app/results/export-csv';
import { buildResultsWorkbook, type ExportContext } from '../../../src/app/results/export-xlsx';
import { loadRoundReport, type RoundReport } from '../../../src/app/results/report';
import { markText } from '../../../src/app/results/sheets';
import { parseCsv } from '../../../src/domain/csv';
import type { ContestantResult } from '../../../src/domain/engine';
import { freshDb } from '../db/helpers';
import { loadDemo } from './demo';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

let context: ExportContext;
let report: RoundReport;
let ranked: ContestantResult[];

beforeAll(async () => {
  const db = freshDb();
  const demo = await loadDemo(db);
  report = await loadRoundReport(db, demo.round.id);
  ranked = report.standings?.ranked ?? [];
  const { events, head } = await competitionLog(db, demo.competition.id);
  context = { report, events, head, t };
});

async function readBack(): Promise<ExcelJS.Workbook> {
  const buffer = await buildResultsWorkbook(ExcelJS, context).xlsx.writeBuffer();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as ArrayBuffer);
  return workbook;
}

/** The rows of a sheet as text, the first row first. */
function rowsOf(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column++)
      cells.push(cellText(row.getCell(column).value));
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

function tableAfter(rows: string[][], firstHeader: string): { header: string[]; body: string[][] } {
  const at = rows.findIndex((row) => row[0] === firstHeader);
  if (at < 0) throw new Error(`no table headed ${firstHeader}`);
  const end = rows.findIndex((row, index) => index > at && row.every((cell) => cell === ''));
  return { header: rows[at] as string[], body: rows.slice(at + 1, end < 0 ? undefined : end) };
}

describe('the .xlsx workbook', () => {
  it('has the summary, one sheet per judge, per criterion, adjustments and the audit log', async () => {
    const workbook = await readBack();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '成绩汇总表',
      ...report.judges.map((judge) => `评分明细表-${judge.order}-${judge.name}`),
      '单项得分',
      '加扣分',
      '操作记录',
    ]);
  });

  it('heads each sheet with the competition and ends it with the chain head', async () => {
    const workbook = await readBack();
    for (const sheet of workbook.worksheets) {
      const rows = rowsOf(sheet);
      expect(rows[0]?.[0], sheet.name).toBe('2026年昌吉市村党组织书记“擂台比武”（示例）');
      expect(rows[2]?.[0], sheet.name).toBe('日期：2026-06-18    地点：昌吉市委党校报告厅');
      expect(
        rows.some((row) => row[0]?.startsWith('规则：评分标准：内容 40 分、形象风采 15 分')),
        sheet.name,
      ).toBe(true);
      expect(rows[rows.length - 1]?.[0], sheet.name).toBe(`校验码（链头）：${context.head}`);
      expect(sheet.headerFooter.oddFooter, sheet.name).toContain(context.head);
      expect(sheet.pageSetup.paperSize, sheet.name).toBe(9);
    }
  });

  it('lists the ranking in the summary, with exact numbers and their decimals', async () => {
    const workbook = await readBack();
    const sheet = workbook.getWorksheet('成绩汇总表') as ExcelJS.Worksheet;
    const { header, body } = tableAfter(rowsOf(sheet), '名次');
    expect(header).toEqual([
      '名次',
      '姓名',
      '单位',
      '题目',
      '最后得分',
      '奖项',
      '计分评委',
      '精确得分',
      '说明',
    ]);
    expect(body).toHaveLength(13);
    const first = ranked[0] as ContestantResult;
    expect(body[0]?.slice(0, 3)).toEqual(['1', first.name, first.unit]);
    expect(body[0]?.[5]).toBe(first.award);
    expect(body[0]?.[6]).toBe(String(first.countedJudges));
    const headerRow = rowsOf(sheet).findIndex((row) => row[0] === '名次') + 1;
    const scoreCell = sheet.getRow(headerRow + 1).getCell(5);
    expect(scoreCell.value).toBe(Number(first.announcedScore));
    expect(scoreCell.numFmt).toBe('0.00');
    expect(body.slice(10).map((row) => row[8])).toEqual(
      (report.standings?.pending ?? []).map(
        (result) => `评分中（${result.countedJudges}/${result.requiredJudges} 位评委）`,
      ),
    );
    expect(rowsOf(sheet).some((row) => row[0] === '评委签字：')).toBe(true);
  });

  it('gives each judge their own marks and totals, dropped and recused ones named', async () => {
    const workbook = await readBack();
    const judge = report.judges[3];
    if (!judge) throw new Error('the demo has 7 judges');
    const sheet = workbook.getWorksheet(`评分明细表-${judge.order}-${judge.name}`) as ExcelJS.Worksheet;
    const rows = rowsOf(sheet);
    expect(rows[3]?.[0]).toBe(`评委：${judge.name}（${judge.title}）`);
    const { header, body } = tableAfter(rows, '出场顺序');
    expect(header).toEqual([
      '出场顺序',
      '姓名',
      '单位',
      '内容（40）',
      '形象风采（15）',
      '语言表达（20）',
      'PPT制作（15）',
      '综合印象（10）',
      '合计',
      '计分情况',
    ]);
    const first = report.contestants[0];
    const marks = report.input.marks.filter(
      (mark) => mark.judge === judge.id && mark.contestant === first?.id,
    );
    expect(body[0]?.slice(3, 8)).toEqual(
      report.round.criteria.map((criterion) => {
        const mark = marks.find((entry) => entry.criterion === criterion.id);
        // Numbers in Excel; shown with the step's decimals by their number format.
        return mark ? String(Number(markText(mark.value, criterion.step))) : '';
      }),
    );
    // 刘芳 of 三工镇 does not score 马建军 of 三工镇 (回避).
    expect(body.find((row) => row[1] === '马建军')?.[9]).toBe('回避');
    // Across the panel, each ranked contestant lost exactly one highest and one lowest total.
    const dropped = report.judges.flatMap((each) =>
      tableAfter(
        rowsOf(workbook.getWorksheet(`评分明细表-${each.order}-${each.name}`) as ExcelJS.Worksheet),
        '出场顺序',
      )
        .body.filter((row) => ranked.some((result) => result.name === row[1]))
        .map((row) => row[9]),
    );
    expect(dropped.filter((state) => state === '去掉（最高分）')).toHaveLength(ranked.length);
    expect(dropped.filter((state) => state === '去掉（最低分）')).toHaveLength(ranked.length);
  });

  it('has the adjustments with their reasons, and every event in the audit log', async () => {
    const workbook = await readBack();
    const adjustments = rowsOf(workbook.getWorksheet('加扣分') as ExcelJS.Worksheet);
    const { body } = tableAfter(adjustments, '姓名');
    expect(body).toHaveLength(1);
    expect(body[0]?.slice(1)).toEqual(['超时扣分', '-0.5', '超时 30 秒', '有效']);
    expect(markText(1700, 10)).toBe('17.0');
    expect(markText(1750, 50)).toBe('17.5');
    expect(markText(1700, 100)).toBe('17');
    expect(markText(1705, 5)).toBe('17.05');

    const audit = rowsOf(workbook.getWorksheet('操作记录') as ExcelJS.Worksheet);
    const log = tableAfter(audit, '序号');
    expect(log.header).toEqual([
      '序号',
      '时间',
      '轮次',
      '操作人',
      '设备',
      '设备序号',
      '类型',
      '说明',
      '事件编号',
    ]);
    expect(log.body).toHaveLength(context.events.length);
    expect(new Set(log.body.map((row) => row[8]))).toEqual(new Set(context.events.map((event) => event.id)));
    expect(log.body.some((row) => row[6] === '抽签' && row[7]?.startsWith('抽签（种子指纹'))).toBe(true);
    expect(
      log.body.some(
        (row) => row[3] === '评委 王建国' && /^评委 王建国 给 .+ 的「内容」打 [\d.]+ 分$/.test(row[7] ?? ''),
      ),
    ).toBe(true);
    expect(
      log.body.some(
        (row) =>
          row[7] === `${ranked.find((r) => r.adjustments.length)?.name}：超时扣分 -0.5 分，原因：超时 30 秒`,
      ),
    ).toBe(true);
  });
});

describe('the .csv lists', () => {
  const decode = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parseCsv(new TextDecoder('utf-8').decode(bytes));
    if (!parsed.ok) throw new Error('CSV does not parse');
    return parsed.rows;
  };

  it('has the summary in Chinese, with a UTF-8 BOM and the chain head on its last line', () => {
    const rows = decode(summaryCsv(report, context.head, t));
    expect(rows[0]).toEqual([
      '名次',
      '姓名',
      '单位',
      '题目',
      '最后得分',
      '奖项',
      '计分评委',
      '精确得分',
      '说明',
    ]);
    const first = ranked[0] as ContestantResult;
    expect(rows[1]?.slice(0, 2)).toEqual(['1', first.name]);
    expect(rows[1]?.[4]).toBe(first.announcedScore);
    expect(
      rows
        .slice(1, 14)
        .map((row) => row[1])
        .sort(),
    ).toEqual(report.contestants.map((c) => c.name).sort());
    expect(rows[14]).toEqual(['']);
    expect(rows.slice(15).map((row) => row[0])).toEqual([
      '赛事',
      '轮次',
      '日期',
      '地点',
      '规则',
      '校验码（链头）',
    ]);
    expect(rows[rows.length - 1]).toEqual(['校验码（链头）', context.head]);
  });

  it('posts only the ranked contestants in the 公示 list', () => {
    const rows = decode(publicCsv(report, context.head, t));
    expect(rows[0]).toEqual(['名次', '姓名', '单位', '最后得分', '奖项']);
    expect(rows.slice(1, 11).map((row) => row[1])).toEqual(ranked.map((result) => result.name));
    expect(rows[11]).toEqual(['']);
    expect(rows[rows.length - 1]).toEqual(['校验码（链头）', context.head]);
  });
});

describe('the .xlsx and the .csv', () => {
  it('carry the same summary table, header and rows', async () => {
    const workbook = await readBack();
    const sheet = workbook.getWorksheet('成绩汇总表') as ExcelJS.Worksheet;
    // As Excel shows a cell: a number with its format's decimals (89.5 under 0.00 is 89.50).
    const shown: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      shown[number - 1] = Array.from({ length: sheet.columnCount }, (_, at) => {
        const cell = row.getCell(at + 1);
        const decimals = /^0\.(0+)$/.exec(cell.numFmt ?? '')?.[1]?.length;
        return typeof cell.value === 'number' && decimals
          ? cell.value.toFixed(decimals)
          : cellText(cell.value);
      });
    });
    const xlsx = tableAfter(
      Array.from(shown, (row) => row ?? []),
      '名次',
    );
    const parsed = parseCsv(summaryCsv(report, context.head, t).slice(1));
    if (!parsed.ok) throw new Error('CSV does not parse');
    const csv = tableAfter(parsed.rows, '名次');
    expect(csv.header).toEqual(xlsx.header);
    expect(csv.body).toHaveLength(report.contestants.length);
    expect(xlsx.body).toEqual(csv.body);
  });
});
