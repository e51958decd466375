/**
 * The .csv exports: 成绩汇总表 and the 公示 list, UTF-8 with a BOM (so that Chinese Excel and WPS
 * read it as UTF-8). The table comes first, as a spreadsheet expects; after a blank line, the
 * competition, round, date, venue, rules and the chain's head close the file.
 */

import { writeCsv } from '../../domain/csv';
import type { TFunction } from '../i18n/useT';
import type { RoundReport } from './report';
import { publicTable, summaryTable, type Table } from './sheets';
import { rulesInWords } from './words';

export const CSV_TYPE = 'text/csv;charset=utf-8';
const BOM = '\uFEFF';

function closingRows(report: RoundReport, head: string, t: TFunction): string[][] {
  const { competition, round } = report;
  return [
    [],
    [t('results.csv.competition'), competition.name],
    [t('results.csv.round'), round.name],
    [t('results.csv.date'), competition.date ?? ''],
    [t('results.csv.venue'), competition.venue ?? ''],
    [t('results.csv.rules'), rulesInWords(round.settings, round.criteria, t).join('；')],
    [t('results.csv.head'), head],
  ];
}

function csvOf(table: Table, report: RoundReport, head: string, t: TFunction): string {
  return BOM + writeCsv([table.header, ...table.rows, ...closingRows(report, head, t)]);
}

export function summaryCsv(report: RoundReport, head: string, t: TFunction): string {
  return csvOf(summaryTable(report, t), report, head, t);
}

export function publicCsv(report: RoundReport, head: string, t: TFunction): string {
  return csvOf(publicTable(report, t), report, head, t);
}
