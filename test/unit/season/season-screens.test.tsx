/**
 * The season's screens (/season): forms refuse bad input with messages that name what is wrong
 * and write nothing; a good entry, a correction (shown beside what it corrects) and an import
 * done twice (which says that nothing changed) go through.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import SeasonPage from '../../../src/app/season/SeasonPage';
import { restoreEvents } from '../../../src/db/backup';
import type { LeitaiDB } from '../../../src/db/database';
import { seasonById } from '../../../src/db/queries/season';
import { addSeasonMembers, createSeason } from '../../../src/db/season';
import {
  DEFAULT_POINTS_TABLE,
  memberIdOf,
  type Period,
  parsePeriod,
  type Season,
  seasonStandings,
} from '../../../src/domain/season';
import { freshDb } from '../db/helpers';
import { competitionBackup, NOVEMBER_CONTEST, NOVEMBER_SPEECH } from '../domain/season-backups';

beforeEach(() => {
  useUiStore.setState({ lang: 'zh-CN' });
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

function renderSeason(db: LeitaiDB, address: string) {
  window.history.replaceState(null, '', address);
  return render(
    <DatabaseProvider db={db}>
      <SeasonPage />
    </DatabaseProvider>,
  );
}

async function seasonWithZhang(db: LeitaiDB): Promise<string> {
  const seasonId = await createSeason(db, { name: '2026年度积分', table: DEFAULT_POINTS_TABLE });
  await addSeasonMembers(db, seasonId, [{ name: '张三', unit: '三工镇' }]);
  return seasonId;
}

describe('the season screens', () => {
  it('posts a closed round of this device once, and refuses a provisional one', async () => {
    const db = freshDb();
    await restoreEvents(
      db,
      competitionBackup(NOVEMBER_CONTEST).events.map((entry) => entry.event),
    );
    const seasonId = await createSeason(db, { name: '2026年度积分', table: DEFAULT_POINTS_TABLE });
    const user = userEvent.setup();
    renderSeason(db, `/season?season=${seasonId}&view=entries`);
    const rounds = await screen.findAllByRole('button', { name: '按积分表记入' });
    expect(rounds).toHaveLength(2);
    expect(screen.getByText(/成绩暂定，结束本轮后才能记入/)).toBeInTheDocument();
    expect(rounds[1]).toBeDisabled();
    await user.click(rounds[0] as HTMLElement);
    expect(
      await screen.findByText('“十一月擂台比武 · 决赛”已记入：3 条积分，新增 3 名成员'),
    ).toBeInTheDocument();
    await user.click(rounds[0] as HTMLElement);
    expect(await screen.findByText('“十一月擂台比武 · 决赛”的积分已全部记入，没有变化')).toBeInTheDocument();
    expect(await db.seasonEntries.count()).toBe(3);
  });

  it('speaks English when the screen does', async () => {
    useUiStore.setState({ lang: 'en' });
    const db = freshDb();
    const user = userEvent.setup();
    renderSeason(db, '/season');
    expect(await screen.findByRole('heading', { level: 1, name: 'Season points' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Give the season a name');
    expect(await db.seasons.count()).toBe(0);
  });

  it('refuses a season without a name and a points table with a bad row, creating nothing', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    renderSeason(db, '/season');
    const create = await screen.findByRole('button', { name: '创建' });
    await user.click(create);
    expect(await screen.findByRole('alert')).toHaveTextContent('请填写积分周期的名称');

    await user.type(screen.getByLabelText('名称'), '2026年度积分');
    const points = screen.getByLabelText('第 2 行的积分');
    await user.clear(points);
    await user.type(points, '8.125');
    await user.click(create);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '积分表中“2”的分值 8.125 不是最多两位小数的数',
    );
    expect(await db.seasons.count()).toBe(0);

    await user.clear(points);
    await user.type(points, '8.5');
    await user.click(create);
    await waitFor(() => expect(window.location.search).toMatch(/^\?season=/));
    const [season] = await db.seasonPointsTables.toArray();
    expect(season?.table.rows[1]).toEqual({ placing: 2, points: 850 });
  });

  it('names every problem of an item by hand and writes nothing; a good one is entered', async () => {
    const db = freshDb();
    const seasonId = await seasonWithZhang(db);
    const user = userEvent.setup();
    renderSeason(db, `/season?season=${seasonId}&view=entries`);
    const submit = await screen.findByRole('button', { name: '记入' });
    await user.clear(screen.getByLabelText('日期'));
    await user.type(screen.getByLabelText('积分（扣分填负数）'), 'abc');
    await user.click(submit);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('没有记入，请修改');
    for (const problem of [
      '请选择成员',
      '请填写事项',
      '日期“”无效',
      '积分“abc”不是最多两位小数的数',
      '请填写理由',
    ])
      expect(alert).toHaveTextContent(problem);
    expect(await db.seasonEntries.count()).toBe(0);

    await user.selectOptions(screen.getByLabelText('成员'), '张三（三工镇）');
    await user.type(screen.getByLabelText('事项'), '扣分项');
    await user.type(screen.getByLabelText('日期'), '2026-11-12');
    const pointsField = screen.getByLabelText('积分（扣分填负数）');
    await user.clear(pointsField);
    await user.type(pointsField, '-1.5');
    await user.type(screen.getByLabelText('理由'), '例会无故缺席');
    await user.click(submit);
    expect(await screen.findByText('已记入')).toBeInTheDocument();
    await waitFor(async () => expect(await db.seasonEntries.count()).toBe(1));
    const [entry] = await db.seasonEntries.toArray();
    expect(entry).toMatchObject({
      date: '2026-11-12',
      item: '扣分项',
      points: -150,
      source: { kind: 'manual', reason: '例会无故缺席' },
    });
  });

  it('enters a correction as a new entry and shows it beside the one it corrects', async () => {
    const db = freshDb();
    const seasonId = await seasonWithZhang(db);
    const { addManualEntry } = await import('../../../src/db/season');
    await addManualEntry(db, seasonId, {
      memberId: memberIdOf({ name: '张三', unit: '三工镇' }),
      date: '2026-11-10',
      item: '学习教育',
      points: 300,
      reason: '参加全市书记培训班',
    });
    const user = userEvent.setup();
    renderSeason(
      db,
      `/season?season=${seasonId}&view=file&member=${memberIdOf({ name: '张三', unit: '三工镇' })}`,
    );
    expect(await screen.findByText('累计积分 3.00')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '更正' }));
    await user.click(screen.getByRole('button', { name: '记入更正' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('积分“”不是最多两位小数的数');
    expect(await db.seasonEntries.count()).toBe(1);

    await user.type(screen.getByLabelText('更正后的积分'), '2');
    await user.type(screen.getByLabelText('理由'), '培训只参加了两天');
    await user.click(screen.getByRole('button', { name: '记入更正' }));
    expect(await screen.findByText('累计积分 2.00')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: '张三的积分记录' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('参加全市书记培训班');
    expect(rows[0]).toHaveTextContent('已被更正，不再计入');
    expect(rows[1]).toHaveTextContent('培训只参加了两天');
    expect(rows[1]).toHaveTextContent('更正 2026-11-10 的条目（原 3.00 分）');
  });

  it('imports two competitions’ backups, and says that importing them again changed nothing', async () => {
    const db = freshDb();
    const seasonId = await createSeason(db, { name: '2026年度积分', table: DEFAULT_POINTS_TABLE });
    const user = userEvent.setup();
    renderSeason(db, `/season?season=${seasonId}&view=import`);
    const files = [NOVEMBER_CONTEST, NOVEMBER_SPEECH].map(
      (description) =>
        new File([JSON.stringify(competitionBackup(description))], `${description.id}.json`, {
          type: 'application/json',
        }),
    );
    const input = await screen.findByLabelText('选择备份文件');
    await user.upload(input, files);
    const result = await screen.findByRole('status', { name: '导入结果' });
    expect(result).toHaveTextContent('已导入：6 条积分，新增 4 名成员');
    expect(result).toHaveTextContent('未记入（成绩暂定）：十一月擂台比武 · 加赛');
    const ledger = JSON.stringify(await db.seasonEntries.toArray());

    await user.upload(input, files);
    await waitFor(() =>
      expect(screen.getByRole('status', { name: '导入结果' })).toHaveTextContent(
        '没有变化：这 2 份备份的成绩已全部记入',
      ),
    );
    expect(JSON.stringify(await db.seasonEntries.toArray())).toBe(ledger);

    await user.upload(input, new File(['{ not json'], 'broken.json', { type: 'application/json' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('没有导入：broken.json 不是备份文件');
    expect(JSON.stringify(await db.seasonEntries.toArray())).toBe(ledger);
  });

  it('ranks a period, and says what is wrong with a period that names none', async () => {
    const db = freshDb();
    const seasonId = await createSeason(db, { name: '2026年度积分', table: DEFAULT_POINTS_TABLE });
    const { importBackupsIntoSeason } = await import('../../../src/db/season-import');
    await importBackupsIntoSeason(
      db,
      seasonId,
      [NOVEMBER_CONTEST, NOVEMBER_SPEECH].map((description) => ({
        name: `${description.id}.json`,
        value: JSON.parse(JSON.stringify(competitionBackup(description))),
      })),
    );
    const user = userEvent.setup();
    renderSeason(db, `/season?season=${seasonId}&period=2026-Q4`);
    const table = await screen.findByRole('table', { name: '积分榜 · 2026-Q4' });
    const names = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[1]?.textContent);
    const season = await seasonById(db, seasonId);
    const standings = seasonStandings(season as Season, parsePeriod('2026-Q4') as Period);
    expect(names).toEqual(standings.ranked.map((row) => row.name));
    // 张三 and 王五: 18 points each, all from competitions, both last entered on 2026-11-20.
    expect(names.slice(2)).toEqual(['李四', '钱七']);
    expect(within(table).getAllByText('并列1')).toHaveLength(2);

    const period = screen.getByLabelText('统计时段');
    await user.clear(period);
    await user.type(period, '2026-13');
    await user.click(screen.getByRole('button', { name: '查看' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('时段“2026-13”无效');
    expect(window.location.search).toContain('period=2026-Q4');
  });
});
