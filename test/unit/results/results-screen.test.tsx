/** The results screen: the breakdown, ties in words, the consistency charts, backup and restore. */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import { backupText, createBackup } from '../../../src/app/results/backup-file';
import ResultsPage from '../../../src/app/results/ResultsPage';
import type { LeitaiDB } from '../../../src/db/database';
import { createCompetition, createRound, enterMark, importRoster } from '../../../src/db/repository';
import { freshDb } from '../db/helpers';
import { loadDemo } from './demo';
import { meanRound } from './mean-round';

beforeEach(() => {
  useUiStore.setState({ lang: 'zh-CN' });
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

function renderResults(db: LeitaiDB, address = '/results') {
  window.history.replaceState(null, '', address);
  return render(
    <DatabaseProvider db={db}>
      <ResultsPage />
    </DatabaseProvider>,
  );
}

/** Four contestants, one criterion, mean of three judges, one decimal, tie-break exact. */
async function tieRound(db: LeitaiDB) {
  // 赵一 90.0333… and 钱二 90 are both announced 90.0: exact separates them; 孙三 and 李四 tie outright.
  const marks = [
    [9000, 9000, 9010],
    [9000, 9000, 9000],
    [8000, 8000, 8000],
    [8000, 8000, 8000],
  ];
  const { competition, round } = await meanRound(db, {
    competition: { name: '同分测试赛', date: '2026-06-18', venue: '礼堂' },
    settings: { decimals: 1, tieBreak: ['exact'], awards: [] },
    judges: ['甲', '乙', '丙'],
    contestants: ['赵一', '钱二', '孙三', '李四'],
    mark: (at, judgeAt) => marks[at]?.[judgeAt] as number,
  });
  return { competition, round };
}

describe('the results screen', () => {
  it('opens the only competition and shows the standings with their breakdown', async () => {
    const db = freshDb();
    const demo = await loadDemo(db);
    renderResults(db);

    expect(await screen.findByRole('heading', { level: 2, name: '市级决赛 · 排名' })).toBeInTheDocument();
    expect(new URLSearchParams(window.location.search).get('round')).toBe(demo.round.id);
    expect(screen.getByText('汇总方式：去掉一个最高分和一个最低分，取其余评委的平均分')).toBeInTheDocument();
    expect(screen.getByText('最后得分保留 2 位小数，四舍五入')).toBeInTheDocument();

    const [ranked, pending] = screen.getAllByRole('table');
    const rows = within(ranked as HTMLElement)
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(10);
    expect(within(rows[0] as HTMLElement).getByText('1')).toBeInTheDocument();
    for (const row of rows) {
      // Seven judges (six for the contestant of 三工镇): the highest and the lowest struck through.
      expect(row.querySelectorAll('s')).toHaveLength(2);
      expect(within(row).getByText('（去掉的最高分）')).toBeInTheDocument();
      expect(within(row).getByText('（去掉的最低分）')).toBeInTheDocument();
    }
    expect(within(ranked as HTMLElement).getByText('超时扣分 -0.5：超时 30 秒')).toBeInTheDocument();
    // 刘芳 of 三工镇 does not score the contestant of 三工镇, ranked or still pending.
    const recused = screen.getAllByText(
      (_, element) => element?.tagName === 'LI' && element.textContent === '刘芳 回避',
    );
    expect(recused).toHaveLength(1);

    expect(screen.getByRole('heading', { name: '评分中（3 人）' })).toBeInTheDocument();
    expect(within(pending as HTMLElement).getAllByText('评分中')).toHaveLength(3);
    expect(within(pending as HTMLElement).getAllByText(/已有 [34]\/\d 位评委完成/)).toHaveLength(2);
  });

  it('draws the judge consistency as charts with text alternatives, and flags the largest deviations', async () => {
    const db = freshDb();
    await loadDemo(db);
    renderResults(db);
    const section = (await screen.findByRole('heading', { name: '评委一致性' })).closest(
      'section',
    ) as HTMLElement;
    const strip = within(section).getByRole('img', { name: /各评委打分分布/ });
    expect(strip.querySelectorAll('circle').length).toBeGreaterThan(60);
    expect(strip.querySelector('desc')?.textContent).toMatch(
      /王建国：为 1[0-2] 位选手评分，平均 [\d.]+ 分，标准差 [\d.]+/,
    );
    const bars = within(section).getByRole('img', { name: /与评委组的平均偏差/ });
    expect(bars.querySelectorAll('rect')).toHaveLength(7);
    expect(within(section).getByRole('heading', { name: '偏离评委组最大的 5 个评分' })).toBeInTheDocument();
    expect(
      within(section)
        .getAllByRole('listitem')
        .filter((item) => /评委组为/.test(item.textContent ?? '')),
    ).toHaveLength(5);
    expect(strip.querySelectorAll('.chart-dot--flagged')).toHaveLength(5);
    expect(within(section).getByRole('table', { name: '评委一致性数据' })).toBeInTheDocument();
  });

  it('says in words why each tie was broken, or that it stands', async () => {
    const db = freshDb();
    const { competition, round } = await tieRound(db);
    renderResults(db, `/results?competition=${competition.id}&round=${round.id}`);
    const table = await screen.findByRole('table', { name: '决赛的排名与评分明细' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('td')?.textContent)).toEqual(['1', '2', '并列 3', '并列 3']);
    expect(
      within(rows[1] as HTMLElement).getByText(
        '与赵一同为 90.0 分，按精确得分区分：90.0333…（2701/30） 高于 90',
      ),
    ).toBeInTheDocument();
    expect(
      within(rows[2] as HTMLElement).getByText('并列第 3 名：最后得分同为 80.0，同分比较规则也无法区分'),
    ).toBeInTheDocument();
  });

  it('names the judges each criterion dropped at level criterion, and speaks English', async () => {
    const db = freshDb();
    const competition = await createCompetition(db, { name: '单项去分赛' });
    const round = await createRound(db, {
      competitionId: competition.id,
      name: '复赛',
      criteria: [
        { id: 'content', label: '内容', max: 6000 },
        { id: 'delivery', label: '表达', max: 4000 },
      ],
      settings: {
        panel: { kind: 'trimmed', k: 1 },
        level: 'criterion',
        decimals: 2,
        rounding: 'half-up',
        roundEachCriterion: false,
        minJudges: null,
        tieBreak: [],
        awards: [],
      },
    });
    const { judges, contestants } = await importRoster(db, round.id, {
      judges: ['甲', '乙', '丙'].map((name) => ({ name: `评委${name}`, title: '' })),
      contestants: [{ name: '赵一', unit: '一村', topic: '' }],
    });
    const marks: Record<string, number[]> = { content: [5000, 5500, 5200], delivery: [3900, 3000, 3500] };
    for (const [judgeAt, judge] of judges.entries()) {
      for (const criterion of ['content', 'delivery']) {
        const value = marks[criterion]?.[judgeAt] as number;
        const contestantId = contestants[0]?.id ?? '';
        await enterMark(db, {
          roundId: round.id,
          judgeId: judge.id,
          contestantId,
          criterionId: criterion,
          value,
        });
      }
    }
    renderResults(db, `/results?competition=${competition.id}&round=${round.id}`);
    const table = await screen.findByRole('table', { name: '复赛的排名与评分明细' });
    expect(within(table).getByText('去掉：评委乙、评委甲')).toBeInTheDocument();
    expect(within(table).getByText('去掉：评委甲、评委乙')).toBeInTheDocument();
    expect(
      screen.getByText('汇总方式：去掉一个最高分和一个最低分，取其余评委的平均分（各评分项分别汇总后相加）'),
    ).toBeInTheDocument();

    useUiStore.setState({ lang: 'en' });
    expect(await screen.findByRole('heading', { level: 2, name: '复赛 · Standings' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export the Excel workbook (.xlsx)' })).toBeInTheDocument();
  });

  it('restores a backup onto an empty device, and refuses a damaged one without changing anything', async () => {
    const user = userEvent.setup();
    const source = freshDb();
    const demo = await loadDemo(source);
    const text = backupText(await createBackup(source, demo.competition.id, '2026-06-18T20:00:00.000Z'));

    const db = freshDb();
    renderResults(db);
    expect(await screen.findByText(/本设备上还没有赛事/)).toBeInTheDocument();
    const input = screen.getByLabelText('从备份文件恢复');

    await user.upload(
      input,
      new File([text.replace('"leitai-backup"', '"other"')], 'x.json', { type: 'application/json' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '这不是擂台赛事备份文件（应为“下载备份”导出的 .json 文件）。本设备没有任何改动。',
    );
    expect(await db.events.count()).toBe(0);

    await user.upload(input, new File([text], 'backup.json', { type: 'application/json' }));
    expect(await screen.findByRole('heading', { name: '将要恢复的备份' })).toBeInTheDocument();
    expect(screen.getByText('2026年昌吉市村党组织书记“擂台比武”（示例）（2026-06-18）')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '恢复到本设备' }));
    await waitFor(() => expect(screen.getByRole('status', { name: '' })).toHaveTextContent(/已恢复/));
    expect(await screen.findByRole('heading', { level: 2, name: '市级决赛 · 排名' })).toBeInTheDocument();
    expect(await db.events.count()).toBe(await source.events.count());
  });
});
