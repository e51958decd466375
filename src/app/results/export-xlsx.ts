/**
 * The official workbook (.xlsx): 成绩汇总表, one 评分明细表 per judge, 单项得分, 加扣分 and
 * 操作记录, each headed by the competition's title, round, date, venue and rules, and carrying
 * the chain's head in its last row and in the printed footer. exceljs is loaded on demand.
 */

import type { Workbook, Worksheet } from 'exceljs';
import { formatHundredths } from '../../domain/decimal';
import type { LeitaiEvent } from '../../domain/events';
import { loadExcelJs } from '../files/read-sheet';
import { decimalCell, sheetName, typedCell } from '../files/xlsx-cells';
import type { TFunction } from '../i18n/useT';
import { auditRows } from './audit';
import type { RoundReport } from './report';
import {
  adjustmentRows,
  criterionRows,
  JUDGE_STATE_KEYS,
  judgeSheetCriteria,
  judgeSheetRows,
  judgesByGroup,
  summaryTable,
} from './sheets';
import { rulesInWords } from './words';

type ExcelJs = Awaited<ReturnType<typeof loadExcelJs>>;

export interface ExportContext {
  report: RoundReport;
  /** Every event of the competition: the audit log. */
  events: readonly LeitaiEvent[];
  head: string;
  t: TFunction;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A sheet name not yet in the workbook (Excel refuses two alike, whatever their case). */
function uniqueSheetName(workbook: Workbook, wanted: string): string {
  const taken = new Set(workbook.worksheets.map((sheet) => sheet.name.toLowerCase()));
  let name = sheetName(wanted);
  for (let copy = 2; taken.has(name.toLowerCase()); copy++) {
    const suffix = `(${copy})`;
    name = sheetName(wanted).slice(0, 31 - suffix.length) + suffix;
  }
  return name;
}

function numberFormat(text: string): string {
  const decimals = text.split('.')[1]?.length ?? 0;
  return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}

class SheetWriter {
  constructor(
    readonly sheet: Worksheet,
    private readonly context: ExportContext,
    private readonly width: number,
  ) {
    const { t, head } = context;
    sheet.pageSetup = {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    };
    sheet.headerFooter = {
      oddFooter: `&L&8${t('results.footer.head', { head })}&R&8${t('results.footer.page')}`,
    };
  }

  /** Title, round and sheet, date and venue, rules: the heading every official sheet carries. */
  heading(title: string, extra: string[] = []): void {
    const { report, t } = this.context;
    const { competition, round } = report;
    this.merged(competition.name, { bold: true, size: 16 });
    this.merged(`${round.name} · ${title}`, { bold: true, size: 13 });
    this.merged(
      [
        t('results.meta.date', { date: competition.date ?? t('results.meta.unknown') }),
        t('results.meta.venue', { venue: competition.venue ?? t('results.meta.unknown') }),
      ].join('    '),
    );
    for (const line of extra) this.merged(line);
    this.merged(
      t('results.meta.rules', { rules: rulesInWords(round.settings, round.criteria, t).join('；') }),
      {
        size: 9,
      },
    );
    this.sheet.addRow([]);
  }

  private merged(text: string, font: { bold?: boolean; size?: number } = {}): void {
    const row = this.sheet.addRow([text]);
    this.sheet.mergeCells(row.number, 1, row.number, Math.max(1, this.width));
    row.getCell(1).font = { name: 'SimSun', ...font };
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    if (text.length > 60) row.height = Math.ceil(text.length / 60) * 14;
  }

  header(labels: string[], widths: number[]): void {
    const row = this.sheet.addRow(labels);
    row.font = { bold: true };
    row.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5EFE0' } };
      cell.border = { bottom: { style: 'thin' } };
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
    widths.forEach((width, at) => {
      this.sheet.getColumn(at + 1).width = width;
    });
    this.sheet.views = [{ state: 'frozen', ySplit: row.number }];
  }

  row(values: (string | number)[], formats: (string | null)[] = []): void {
    const row = this.sheet.addRow(values);
    formats.forEach((format, at) => {
      if (format) row.getCell(at + 1).numFmt = format;
    });
  }

  /** Signature lines and the chain's head: the end of every official sheet. */
  footer(signatures: boolean): void {
    const { t, head } = this.context;
    this.sheet.addRow([]);
    if (signatures) {
      this.sheet.addRow([t('results.sign.judges')]);
      this.sheet.addRow([
        `${t('results.sign.scorer')}            ${t('results.sign.supervisor')}            ${t('results.sign.date')}`,
      ]);
      this.sheet.addRow([]);
    }
    const row = this.sheet.addRow([t('results.footer.head', { head })]);
    row.font = { size: 8 };
  }
}

/** The summary's column widths; a group's score and the audience's votes take 12. */
const SUMMARY_WIDTHS: Record<string, number> = {
  rank: 8,
  name: 12,
  unit: 16,
  topic: 28,
  score: 10,
  award: 10,
  judges: 10,
  exact: 12,
  note: 36,
};

function summarySheet(workbook: Workbook, context: ExportContext): void {
  const { report, t } = context;
  const table = summaryTable(report, t);
  const writer = new SheetWriter(
    workbook.addWorksheet(sheetName(t('results.sheet.summary'))),
    context,
    table.header.length,
  );
  writer.heading(t('results.sheet.summary'));
  writer.header(
    table.header,
    table.keys.map((key) => SUMMARY_WIDTHS[key] ?? 12),
  );
  for (const row of table.rows) {
    writer.row(
      row.map((text, at) => typedCell(text, table.kinds[at] ?? 'text')),
      row.map((text, at) => (table.kinds[at] === 'decimal' && text !== '' ? numberFormat(text) : null)),
    );
  }
  writer.footer(true);
}

function judgeSheets(workbook: Workbook, context: ExportContext): void {
  const { report, t } = context;
  for (const { judge, group } of judgesByGroup(report)) {
    const criteria = judgeSheetCriteria(report, judge);
    const title = t('results.sheet.judge');
    const name = uniqueSheetName(workbook, `${title}-${judge.order}-${judge.name}`);
    const writer = new SheetWriter(workbook.addWorksheet(name), context, criteria.length + 5);
    writer.heading(title, [
      judge.title
        ? t('results.meta.judgeWithTitle', { name: judge.name, title: judge.title })
        : t('results.meta.judge', { name: judge.name }),
      ...(group ? [t('results.col.groupOfJudge', { group })] : []),
    ]);
    writer.header(
      [
        t('results.col.draw'),
        t('results.col.name'),
        t('results.col.unit'),
        ...criteria.map((criterion) =>
          t('results.col.criterionMax', { label: criterion.label, max: formatHundredths(criterion.max) }),
        ),
        t('results.col.total'),
        t('results.col.counting'),
      ],
      [8, 12, 16, ...criteria.map(() => 11), 10, 14],
    );
    for (const row of judgeSheetRows(report, judge)) {
      writer.row(
        [
          row.draw === '' ? '' : Number(row.draw),
          row.name,
          row.unit,
          ...row.marks.map((mark) => (mark === '' ? '' : decimalCell(mark))),
          row.total === '' ? '' : decimalCell(row.total),
          t(JUDGE_STATE_KEYS[row.state]),
        ],
        [
          null,
          null,
          null,
          ...row.marks.map((mark) => (mark === '' ? null : numberFormat(mark))),
          row.total === '' ? null : numberFormat(row.total),
        ],
      );
    }
    writer.footer(true);
  }
}

function criterionSheet(workbook: Workbook, context: ExportContext): void {
  const { report, t } = context;
  const { criteria } = report.round;
  const writer = new SheetWriter(
    workbook.addWorksheet(sheetName(t('results.sheet.criteria'))),
    context,
    criteria.length + 5,
  );
  writer.heading(t('results.sheet.criteria'));
  writer.header(
    [
      t('results.col.rank'),
      t('results.col.name'),
      ...criteria.map((criterion) => criterion.label),
      t('results.col.panel'),
      t('results.col.adjustmentTotal'),
      t('results.col.score'),
    ],
    [8, 12, ...criteria.map(() => 11), 12, 10, 10],
  );
  for (const row of criterionRows(report, t)) {
    writer.row([
      /^\d+$/.test(row.rank) ? Number(row.rank) : row.rank,
      row.name,
      ...row.aggregates.map(decimalCell),
      decimalCell(row.panel),
      row.adjustments === '' ? '' : decimalCell(row.adjustments),
      row.score === '' ? '' : decimalCell(row.score),
    ]);
  }
  writer.footer(false);
}

function adjustmentSheet(workbook: Workbook, context: ExportContext): void {
  const { report, t } = context;
  const writer = new SheetWriter(
    workbook.addWorksheet(sheetName(t('results.sheet.adjustments'))),
    context,
    5,
  );
  writer.heading(t('results.sheet.adjustments'));
  writer.header(
    [
      t('results.col.name'),
      t('results.col.adjustmentLabel'),
      t('results.col.points'),
      t('results.col.reason'),
      t('results.col.state'),
    ],
    [12, 14, 10, 36, 28],
  );
  const rows = adjustmentRows(report, t);
  for (const row of rows) writer.row([row.name, row.label, decimalCell(row.points), row.reason, row.state]);
  if (rows.length === 0) writer.row([t('results.adjustments.none')]);
  writer.footer(false);
}

function auditSheet(workbook: Workbook, context: ExportContext): void {
  const { t, events } = context;
  const writer = new SheetWriter(workbook.addWorksheet(sheetName(t('results.sheet.audit'))), context, 9);
  writer.heading(t('results.sheet.audit'), [t('results.audit.scope', { count: events.length })]);
  writer.header(
    [
      t('results.audit.col.number'),
      t('results.audit.col.time'),
      t('results.audit.col.round'),
      t('results.audit.col.author'),
      t('results.audit.col.device'),
      t('results.audit.col.seq'),
      t('results.audit.col.kind'),
      t('results.audit.col.description'),
      t('results.audit.col.event'),
    ],
    [7, 20, 12, 14, 12, 9, 12, 60, 34],
  );
  // Many rows: plain values, no per-row styling.
  writer.sheet.addRows(
    auditRows(events, t).map((row, at) => [
      at + 1,
      row.time,
      row.round,
      row.author,
      row.deviceId.slice(0, 8),
      row.deviceSeq,
      row.kind,
      row.description,
      row.eventId,
    ]),
  );
  writer.footer(false);
}

/** The workbook, built with the given exceljs module (tests pass Node's; the app loads it lazily). */
export function buildResultsWorkbook(ExcelJS: ExcelJs, context: ExportContext): Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Leitai';
  workbook.title = `${context.report.competition.name} ${context.report.round.name}`;
  summarySheet(workbook, context);
  judgeSheets(workbook, context);
  criterionSheet(workbook, context);
  adjustmentSheet(workbook, context);
  auditSheet(workbook, context);
  return workbook;
}

export async function exportXlsx(context: ExportContext): Promise<Blob> {
  const ExcelJS = await loadExcelJs();
  // The fastest deflate: the audit log's XML is most of the work, and level 1 halves its cost
  // for a file about a fifth larger.
  const buffer = await buildResultsWorkbook(ExcelJS, context).xlsx.writeBuffer({
    zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
  } as Parameters<Workbook['xlsx']['writeBuffer']>[0]);
  return new Blob([buffer], { type: XLSX_TYPE });
}
