/**
 * The results, exports and prints of a round with rater groups: a column per group beside the
 * final (专家评委（70%）, 大众评审（30%）), the audience's votes counted (大众投票人数), each
 * judge's 评分明细表 with its group's criteria only, grouped by group; and a round without groups
 * exactly as before. The demo round, its standings given groups by hand as the engine gives them.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { cellText } from '../../../src/app/files/read-sheet';
import { useUiStore } from '../../../src/app/i18n/language';
import { competitionLog } from '../../../src/app/results/backup-file';
import { publicCsv, summaryCsv } from '../../../src/app/results/export-csv';
import { buildResultsWorkbook, type ExportContext } from '../../../src/app/results/export-xlsx';
import { loadRoundReport, type RoundReport } from '../../../src/app/results/report';
import { StandingsSection } from '../../../src/app/results/StandingsSection';
import { judgeSheetRows, judgesByGroup, summaryTable } from '../../../src/app/results/sheets';
import { parseCsv } from '../../../src/domain/csv';
import type { ContestantResult } from '../../../src/domain/engine';
import { freshDb } from '../db/helpers';
import { audiencePart, expertPart } from '../stage/group-results';
import { loadDemo, zh } from './demo';

let plain: RoundReport;
let grouped: RoundReport;
let head: string;
let events: ExportContext['events'];

/**
 * The demo's last judge becomes 领导评委 (mean, worth 20); the others 专家评委 (worth 50) with their
 * totals; 大众评审 votes 支持 (worth 30), 37 phones for each contestant.
 */
function csvRows(text: string): string[][] {
  const parsed = parseCsv(text.slice(1));
  if (!parsed.ok) throw new Error('CSV does not parse');
  return parsed.rows;
}

function withGroups(report: RoundReport): RoundReport {
  const sheet = report.round.criteria.map((criterion) => criterion.id);
  const leader = report.judges.at(-1)?.id;
  const judges = report.judges.map((judge) => ({
    ...judge,
    group: judge.id === leader ? 'leaders' : 'experts',
  }));
  const groupsOf = (result: ContestantResult): ContestantResult => {
    const totals = (group: string) =>
      result.judgeTotals.filter((total) => (total.judge === leader) === (group === 'leaders'));
    return {
      ...result,
      judgeTotals: [],
      groups: [
        expertPart({ weight: '50', judgeTotals: totals('experts'), announced: result.announcedScore }),
        expertPart({
          id: 'leaders',
          label: '领导评委',
          weight: '20',
          judgeTotals: totals('leaders').map((total) => ({ ...total, dropped: null })),
          announced: '90.00',
          contributionShown: '18.00',
        }),
        audiencePart({ countedJudges: 37, aggregate: '3/4', announced: '0.75', contributionShown: '22.50' }),
      ],
    };
  };
  const standings = report.standings;
  if (!standings) throw new Error('the demo round is scored');
  return {
    ...report,
    judges,
    round: {
      ...report.round,
      criteria: [
        ...report.round.criteria,
        { id: 'support', label: '支持', max: 100, points: 100, step: 100 },
      ],
      settings: {
        ...report.round.settings,
        groups: [
          { id: 'experts', label: '专家评委', weight: 5000, criteria: sheet, panel: null, minJudges: null },
          {
            id: 'leaders',
            label: '领导评委',
            weight: 2000,
            criteria: sheet,
            panel: { kind: 'mean' },
            minJudges: null,
          },
          {
            id: 'audience',
            label: '大众评审',
            weight: 3000,
            criteria: ['support'],
            panel: null,
            minJudges: 1,
          },
        ],
      },
      audience: { groupId: 'audience', criterionId: 'support', mode: 'support', windowSeconds: 30 },
    },
    standings: {
      ...standings,
      ranked: standings.ranked.map(groupsOf),
      pending: standings.pending.map(groupsOf),
    },
  };
}

beforeAll(async () => {
  const db = freshDb();
  const demo = await loadDemo(db);
  plain = await loadRoundReport(db, demo.round.id);
  grouped = withGroups(plain);
  ({ events, head } = await competitionLog(db, demo.competition.id));
});

describe('the summary table with groups', () => {
  it('has a column per group before the final and the audience’s votes after the judges', () => {
    const table = summaryTable(grouped, zh);
    expect(table.header).toEqual([
      '名次',
      '姓名',
      '单位',
      '题目',
      '专家评委（50%）',
      '领导评委（20%）',
      '大众评审（30%）',
      '最后得分',
      '奖项',
      '计分评委',
      '大众投票人数',
      '精确得分',
      '说明',
    ]);
    expect(table.kinds.slice(4, 7)).toEqual(['decimal', 'decimal', 'text']);
    const first = grouped.standings?.ranked[0] as ContestantResult;
    expect(table.rows[0]?.slice(4, 11)).toEqual([
      first.announcedScore,
      '90.00',
      '75%',
      first.announcedScore,
      first.award ?? '',
      String(first.countedJudges),
      '37',
    ]);
  });

  it('is exactly as before for a round without groups', () => {
    expect(summaryTable(plain, zh).header).toEqual([
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
  });
});

describe('the exports with groups', () => {
  it('writes the group columns and the votes into the .csv; the 公示 list keeps its columns', () => {
    const rows = csvRows(summaryCsv(grouped, head, zh));
    expect(rows[0]?.slice(4, 7)).toEqual(['专家评委（50%）', '领导评委（20%）', '大众评审（30%）']);
    expect(rows[0]?.[10]).toBe('大众投票人数');
    expect(rows[1]?.[6]).toBe('75%');
    expect(rows[1]?.[10]).toBe('37');
    const posted = csvRows(publicCsv(grouped, head, zh));
    expect(posted[0]).toEqual(['名次', '姓名', '单位', '最后得分', '奖项']);
  });

  it('writes the group columns into the workbook, numbers as numbers, and each judge’s sheet with its group', async () => {
    const buffer = await buildResultsWorkbook(ExcelJS, {
      report: grouped,
      events,
      head,
      t: zh,
    }).xlsx.writeBuffer();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as ArrayBuffer);
    const summary = workbook.getWorksheet('成绩汇总表') as ExcelJS.Worksheet;
    let headerRow = 0;
    summary.eachRow((row, number) => {
      if (cellText(row.getCell(1).value) === '名次') headerRow = number;
    });
    const header = summary.getRow(headerRow);
    expect([5, 6, 7, 11].map((column) => cellText(header.getCell(column).value))).toEqual([
      '专家评委（50%）',
      '领导评委（20%）',
      '大众评审（30%）',
      '大众投票人数',
    ]);
    const first = summary.getRow(headerRow + 1);
    expect(typeof first.getCell(5).value).toBe('number');
    expect(first.getCell(6).value).toBe(90);
    expect(first.getCell(7).value).toBe('75%');
    expect(first.getCell(11).value).toBe(37);
    // The leader, last in the panel, comes after the experts; the sheet names its group and only its criteria.
    const judgeSheets = workbook.worksheets.filter((sheet) => sheet.name.startsWith('评分明细表'));
    const leader = grouped.judges.at(-1);
    expect(judgeSheets.at(-1)?.name).toBe(`评分明细表-${leader?.order}-${leader?.name}`);
    const texts: string[] = [];
    judgeSheets.at(-1)?.eachRow((row) => {
      texts.push(cellText(row.getCell(1).value));
    });
    expect(texts).toContain('评委组：领导评委');
    let criteriaHeader: string[] = [];
    judgeSheets.at(-1)?.eachRow((row) => {
      if (cellText(row.getCell(1).value) === '出场顺序') {
        criteriaHeader = (row.values as unknown[])
          .slice(1)
          .map((value) => cellText(value as ExcelJS.CellValue));
      }
    });
    expect(criteriaHeader).toEqual([
      '出场顺序',
      '姓名',
      '单位',
      ...grouped.round.criteria
        .filter((criterion) => criterion.id !== 'support')
        .map((criterion) => `${criterion.label}（${criterion.max / 100}）`),
      '合计',
      '计分情况',
    ]);
  });
});

describe('the judges’ sheets with groups', () => {
  it('orders the judges by group and gives each its group’s totals', () => {
    const order = judgesByGroup(grouped).map(({ judge, group }) => [judge.id, group]);
    const leader = grouped.judges.at(-1)?.id;
    expect(order.at(-1)).toEqual([leader, '领导评委']);
    expect(order.slice(0, -1).every(([, group]) => group === '专家评委')).toBe(true);
    expect(judgesByGroup(plain).every(({ group }) => group === null)).toBe(true);
    const expert = grouped.judges[0];
    if (!expert) throw new Error('the demo has judges');
    const rows = judgeSheetRows(grouped, expert);
    expect(rows[0]?.marks).toHaveLength(plain.round.criteria.length);
    // The contestant-level totals were emptied: the totals come from the expert group.
    expect(rows.some((row) => row.total !== '')).toBe(true);
  });
});

describe('the standings on screen with groups', () => {
  it('shows each group’s score with what it adds, and the audience’s votes', async () => {
    useUiStore.setState({ lang: 'zh-CN' });
    render(
      <DatabaseProvider db={freshDb()}>
        <StandingsSection report={grouped} />
      </DatabaseProvider>,
    );
    const table = screen.getByRole('table', { name: /排名与评分明细/ });
    await within(table).findByRole('columnheader', { name: '大众投票人数' }, { timeout: 15_000 });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toEqual(
      expect.arrayContaining(['专家评委（50%）', '领导评委（20%）', '大众评审（30%）', '大众投票人数']),
    );
    const firstRow = within(table).getAllByRole('row')[1] as HTMLElement;
    await waitFor(() =>
      expect(firstRow.querySelector('[data-group="audience"]')).toHaveTextContent('75%计 22.50 分'),
    );
    expect(firstRow.querySelector('[data-turnout]')).toHaveTextContent('37');
  });
});
