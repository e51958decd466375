/**
 * The .csv exports: 成绩汇总表 and the 公示 list, UTF-8 with a BOM (so that Chinese Excel and WPS
 * read it as UTF-8). The table comes first, as a spreadsheet expects; after a blank line, the
 * competition, round, date, venue, rules and the chain's head close the file.
 */

import { writeCsv } from '../../domain/csv';
import type { TFunction } from '../i18n/useT';
import type { RoundReport } from './report';
import { publicRows, summaryRows } from './sheets';
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

export function summaryCsv(report: RoundReport, head: string, t: TFunction): string {
  const header = [
    t('results.col.rank'),
    t('results.col.name'),
    t('results.col.unit'),
    t('results.col.topic'),
    t('results.col.score'),
    t('results.col.award'),
    t('results.col.judgesCounted'),
    t('results.col.exact'),
    t('results.col.note'),
  ];
  const rows = summaryRows(report, t).map((row) => [
    row.rank,
    row.name,
    row.unit,
    row.topic,
    row.score,
    row.award,
    row.judges,
    row.exact,
    row.note,
  ]);
  return BOM + writeCsv([header, ...rows, ...closingRows(report, head, t)]);
}

export function publicCsv(report: RoundReport, head: string, t: TFunction): string {
  const header = [
    t('results.col.rank'),
    t('results.col.name'),
    t('results.col.unit'),
    t('results.col.score'),
    t('results.col.award'),
  ];
  const rows = publicRows(report, t).map((row) => [row.rank, row.name, row.unit, row.score, row.award]);
  return BOM + writeCsv([header, ...rows, ...closingRows(report, head, t)]);
}
