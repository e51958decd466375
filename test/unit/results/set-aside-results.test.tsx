/**
 * The results screen and the official sheets with marks that break a scoring rule: the round is
 * still ranked, the contestants concerned are held (no score) and every set-aside sheet is named.
 */
import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import { translate } from '../../../src/app/i18n/messages';
import ResultsPage from '../../../src/app/results/ResultsPage';
import { loadRoundReport } from '../../../src/app/results/report';
import { judgeSheetRows, summaryRows } from '../../../src/app/results/sheets';
import type { LeitaiDB } from '../../../src/db/database';
import { freshDb } from '../db/helpers';
import { markFromTablet, sheetChangedElsewhere } from '../stage/from-other-devices';
import { meanRound } from './mean-round';

const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

beforeEach(() => {
  useUiStore.setState({ lang: 'zh-CN' });
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

/**
 * 综合 0-100, mean of 评委甲乙丙. Then the organizer lowers the max to 90 on another device while
 * 评委丙 had given 赵一 90.1, and 评委甲's tablet sends -1 for 孙三.
 */
async function roundWithRefusedMarks(db: LeitaiDB) {
  const marks = [
    [9000, 9000, 9010],
    [8900, 8900, 8900],
    [8000, 8000, 8000],
    [7000, 7000, 7000],
  ];
  const { competition, round, judges, contestants } = await meanRound(db, {
    competition: { name: '规则测试赛', date: '2026-06-18' },
    settings: { decimals: 2, tieBreak: [], awards: [{ name: '一等奖', count: 1 }] },
    judges: ['甲', '乙', '丙'],
    contestants: ['赵一', '钱二', '孙三', '李四'],
    mark: (at, judgeAt) => marks[at]?.[judgeAt] as number,
  });
  await sheetChangedElsewhere(db, round.id, ([criterion]) => [
    { ...(criterion as NonNullable<typeof criterion>), max: 9000, points: 9000 },
  ]);
  const [jia, , bing] = judges;
  const [zhao, , sun] = contestants;
  await markFromTablet(
    db,
    { roundId: round.id, judgeId: jia?.id as string, contestantId: sun?.id as string, criterionId: 'all' },
    -100,
  );
  return { competition, round, judges, contestants, jia, bing, zhao, sun };
}

describe('set-aside marks on the results screen', () => {
  it('ranks the others, holds 赵一 and 孙三, and names each refused mark', async () => {
    const db = freshDb();
    const { competition, round, bing, zhao } = await roundWithRefusedMarks(db);
    window.history.replaceState(null, '', `/results?competition=${competition.id}&round=${round.id}`);
    render(
      <DatabaseProvider db={db}>
        <ResultsPage />
      </DatabaseProvider>,
    );

    const list = await screen.findByRole('region', { name: '不符合评分规则、暂不计分的评分表（2 份）' });
    const items = within(list)
      .getAllByRole('listitem')
      .filter((item) => item.querySelector('strong'));
    expect(items.map((item) => item.querySelector('strong')?.textContent)).toEqual([
      '评委丙 给 赵一 的评分表',
      '评委甲 给 孙三 的评分表',
    ]);
    expect(items[0]).toHaveTextContent('暂不排名');
    expect(items[0]).toHaveTextContent(
      `评委丙（${bing?.id}） 给 赵一（${zhao?.id}） 的「综合（all）」打分 90.1，超过满分 90`,
    );
    expect(items[1]).toHaveTextContent(/评委甲（.+） 给 孙三（.+） 的「综合（all）」打分 -1，不能低于 0/);

    const table = screen.getByRole('table', { name: '决赛的排名与评分明细' });
    const names = within(table)
      .getAllByRole('rowheader')
      .map((cell) => cell.querySelector('.results-name')?.textContent);
    expect(names).toEqual(['钱二', '李四']);
    expect(within(table).getByText('一等奖')).toBeInTheDocument();

    useUiStore.setState({ lang: 'en' });
    const english = await screen.findByRole('region', {
      name: 'Sheets that break a scoring rule, not counted (2)',
    });
    expect(english).toHaveTextContent(
      `judge 评委丙（${bing?.id}）, contestant 赵一（${zhao?.id}）, 综合（all）: mark 90.1 is above the max 90`,
    );
  });

  it('puts the held contestants on the official sheets without a score, and marks the set-aside sheet', async () => {
    const db = freshDb();
    const { round, bing } = await roundWithRefusedMarks(db);
    const report = await loadRoundReport(db, round.id);
    expect(summaryRows(report, zh).map((row) => [row.rank, row.name, row.score, row.note])).toEqual([
      ['1', '钱二', '89.00', ''],
      ['2', '李四', '70.00', ''],
      ['—', '赵一', '', '暂不计分：有 1 项评分不符合评分规则，待处理'],
      ['—', '孙三', '', '暂不计分：有 1 项评分不符合评分规则，待处理'],
    ]);
    const bingSheet = judgeSheetRows(report, bing as NonNullable<typeof bing>);
    expect(bingSheet.map((row) => [row.name, row.marks, row.state])).toEqual([
      ['赵一', ['90.1'], 'setAside'],
      ['钱二', ['89.0'], 'counted'],
      ['孙三', ['80.0'], 'counted'],
      ['李四', ['70.0'], 'counted'],
    ]);
  });
});
