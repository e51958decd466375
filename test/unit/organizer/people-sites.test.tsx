/** 观摩评分 in the 选手 panel: the round marked as a site-visit round, each contestant's 观摩点 typed and checked. */
import { screen, within } from '@testing-library/react';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ContestantsPanel } from '../../../src/app/organizer/people/ContestantsPanel';
import { seededPanel } from './people-helpers';

const setup = () => seededPanel(ContestantsPanel, '选手（3 位）');

describe('site-visit rounds in the contestants panel', () => {
  it('asks for sites only once the round is a site-visit round', async () => {
    const { db, user, round } = await setup();
    await user.click(screen.getByRole('button', { name: '编辑 张三' }));
    expect(screen.queryByRole('textbox', { name: '观摩点' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '取消' }));

    await user.click(screen.getByRole('checkbox', { name: /观摩评分/ }));
    await expect.poll(async () => (await db.rounds.get(round.id))?.siteVisit).toBe(true);
    expect(await screen.findByRole('columnheader', { name: '观摩点' })).toBeInTheDocument();
  });

  it('refuses a site time that is no time, beside the field, then saves the sites', async () => {
    const { db, user, round, contestants } = await setup();
    await user.click(screen.getByRole('checkbox', { name: /观摩评分/ }));
    await screen.findByRole('columnheader', { name: '观摩点' });
    await user.click(screen.getByRole('button', { name: '编辑 张三' }));
    const sites = screen.getByRole('textbox', { name: '观摩点' });
    await user.type(sites, '大泉湖村 25:00');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(sites).toHaveAccessibleDescription(/观摩点“大泉湖村 25:00”的时间无效/);
    expect((await db.contestants.get(contestants[0].id))?.sites).toBeUndefined();

    await user.clear(sites);
    await user.type(sites, '大泉湖村 9:30；三工镇党群服务中心');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：张三');
    expect((await db.contestants.get(contestants[0].id))?.sites).toEqual([
      { name: '大泉湖村', time: '09:30' },
      { name: '三工镇党群服务中心' },
    ]);
    const row = screen.getByRole('row', { name: /张三/ });
    expect(within(row).getByText('大泉湖村 09:30；三工镇党群服务中心')).toBeInTheDocument();
    expect((await db.rounds.get(round.id))?.siteVisit).toBe(true);
  });

  it('imports a 观摩点 column with the contestants, each cell read as the form reads it', async () => {
    const { db, user, round } = await setup();
    await user.click(screen.getByRole('button', { name: '从 Excel/CSV 导入' }));
    const region = screen.getByRole('region', { name: /从 Excel\/CSV 导入/ });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('观摩安排');
    for (const row of [
      ['姓名', '单位', '观摩点'],
      ['马六', '大西渠镇', '大西渠村 15:00；大西渠镇党群服务中心 15:40'],
      ['钱七', '滨湖镇', ''],
    ])
      sheet.addRow(row);
    const file = new File([(await workbook.xlsx.writeBuffer()) as ArrayBuffer], '观摩安排.xlsx', {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    await user.upload(within(region).getByLabelText('选择文件（.xlsx 或 .csv）'), file);
    expect(await within(region).findByRole('combobox', { name: '观摩点' })).toHaveDisplayValue(
      'C 列：观摩点',
    );
    await user.click(within(region).getByRole('button', { name: '导入 2 位选手' }));
    await screen.findByText('已导入 2 位选手');
    const stored = await db.contestants.where('roundId').equals(round.id).sortBy('order');
    expect(stored.slice(3).map(({ name, sites }) => [name, sites])).toEqual([
      [
        '马六',
        [
          { name: '大西渠村', time: '15:00' },
          { name: '大西渠镇党群服务中心', time: '15:40' },
        ],
      ],
      ['钱七', undefined],
    ]);
  });
});
