import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArea } from '../../../src/app/i18n/areas';
import { translate } from '../../../src/app/i18n/messages';
import { combinedCsv, combinedXlsx } from '../../../src/app/results/combined-sheet';
import { combinedStandingsOf } from '../../../src/db/queries/combination';
import { parseCsv } from '../../../src/domain/csv';
import { combineFortySixty, seedTwoStages } from '../db/combination-seed';
import { freshDb } from '../db/helpers';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

beforeAll(async () => {
  await Promise.all([loadArea('combination'), loadArea('results')]);
});

async function combined() {
  const db = freshDb();
  const seeded = await seedTwoStages(db);
  const { competition } = seeded;
  await combineFortySixty(db, seeded);
  const read = await combinedStandingsOf(db, competition.id);
  if (!read?.standings) throw new Error('expected combined standings');
  return { competition: read.competition, standings: read.standings };
}

const EXPECTED: string[][] = [
  ['名次', '选手', '单位', '现场观摩（40%）', '擂台演讲（60%）', '总分', '奖项', '说明'],
  ['1', '李四', '榆树沟镇', '80.00', '95.00', '89.00', '一等奖', ''],
  ['2', '张三', '三工镇', '90.00', '80.00', '84.00', '', ''],
  ['—', '王五', '佃坝镇', '85.00', '', '', '', '待定：尚未在所有轮次中完成'],
];

describe('the 总成绩 exports', () => {
  it('write one column per stage and the total to the CSV, with the formula after the table', async () => {
    const { competition, standings } = await combined();
    const text = await combinedCsv(competition, standings, t).text();
    const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
    const rows = parsed.ok ? parsed.rows.filter((row) => row.some(Boolean)) : [];
    expect(rows.slice(0, 4)).toEqual(EXPECTED);
    expect(rows.at(-1)).toEqual(['总分', '现场观摩得分 × 40% + 擂台演讲得分 × 60%']);
  });

  it('write the same table to the workbook, scores as numbers', async () => {
    const { competition, standings } = await combined();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await combinedXlsx(competition, standings, t)).arrayBuffer());
    const sheet = workbook.getWorksheet('总排名');
    expect(sheet?.getRow(4).values).toEqual([undefined, ...(EXPECTED[0] ?? [])]);
    expect(sheet?.getRow(5).values).toEqual([undefined, 1, '李四', '榆树沟镇', 80, 95, 89, '一等奖', '']);
  });
});
