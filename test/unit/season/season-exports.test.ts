/**
 * The season's exports read back: the .csv as Excel would decode it (UTF-8 with a BOM), the .xlsx
 * with exceljs; both say what the standings and the 公示 say, corrections included.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/app/i18n/messages';
import type { TFunction } from '../../../src/app/i18n/useT';
import { seasonCsv } from '../../../src/app/season/season-export';
import { seasonXlsx } from '../../../src/app/season/season-xlsx';
import {
  appendToSeason,
  memberIdOf,
  type Period,
  parsePeriod,
  type Season,
  seasonStandings,
} from '../../../src/domain/season';
import { DEFAULT_POINTS_TABLE, importBackups } from '../../../src/domain/season-import';
import { competitionBackup, NOVEMBER_CONTEST, NOVEMBER_SPEECH } from '../domain/season-backups';

const t: TFunction = (key, params) => translate('zh-CN', key, params);
const ZHANG = memberIdOf({ name: '张三', unit: '三工镇' });

/** The November season, with 张三's 学习教育 entry and its correction. */
function november(): { season: Season; period: Period } {
  const empty: Season = {
    id: 's',
    name: '2026年度积分',
    members: [],
    table: DEFAULT_POINTS_TABLE,
    entries: [],
  };
  const { season } = importBackups(
    empty,
    [NOVEMBER_CONTEST, NOVEMBER_SPEECH].map((description) => ({
      name: description.id,
      value: JSON.parse(JSON.stringify(competitionBackup(description))),
    })),
  );
  const manual = { kind: 'manual' as const };
  const withCorrection = appendToSeason(season, {
    entries: [
      {
        id: 'study',
        date: '2026-11-10',
        memberId: ZHANG,
        item: '学习教育',
        points: 300,
        source: { ...manual, reason: '培训班' },
      },
      {
        id: 'fix',
        date: '2026-11-12',
        memberId: ZHANG,
        item: '学习教育',
        points: 200,
        source: { ...manual, reason: '只参加两天' },
        corrects: 'study',
      },
    ],
  });
  return { season: withCorrection, period: parsePeriod('2026-11') as Period };
}

describe('the season’s exports', () => {
  it('writes the standings, then every counted entry, as UTF-8 csv with a BOM', () => {
    const { season, period } = november();
    const standings = seasonStandings(season, period);
    const csv = seasonCsv({ season, standings, period, date: '2026-12-01', t });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split(/\r?\n/);
    expect(lines[1]).toBe('名次,姓名,单位,积分,其中赛事积分,最近记入,条数,备注');
    expect(lines[2]).toBe('1,张三,三工镇,20.00,18.00,2026-11-20,3,');
    expect(csv).toContain(
      '张三,三工镇,2026-11-10,学习教育,培训班,2.00,已于 2026-11-12 更正（原 3.00 分）：只参加两天',
    );
    expect(csv).toContain('导出日期,2026-12-01');
  });

  it('writes the same rows into a workbook, numbers as numbers', async () => {
    const { season, period } = november();
    const standings = seasonStandings(season, period);
    const blob = await seasonXlsx({ season, standings, period, date: '2026-12-01', t });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await blob.arrayBuffer());
    const ranking = workbook.getWorksheet('积分排名') as ExcelJS.Worksheet;
    expect(ranking.getRow(2).values).toEqual([
      undefined,
      '名次',
      '姓名',
      '单位',
      '积分',
      '其中赛事积分',
      '最近记入',
      '条数',
      '备注',
    ]);
    expect(ranking.getRow(3).values).toEqual([undefined, 1, '张三', '三工镇', 20, 18, '2026-11-20', 3, '']);
    expect(ranking.rowCount).toBe(2 + standings.ranked.length + 2);
    const entries = workbook.getWorksheet('积分明细') as ExcelJS.Worksheet;
    const studyRow = entries
      .getRows(3, entries.rowCount - 2)
      ?.find((row) => row.getCell(4).value === '学习教育');
    expect(studyRow?.getCell(6).value).toBe(2);
  });
});
