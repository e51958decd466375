import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { competitionById } from '../../../src/db/repository';
import { seedTwoStages } from '../db/combination-seed';
import { freshDb } from '../db/helpers';
import { renderOrganizer, rowTexts } from './organizer-helpers';

async function openPanel() {
  const db = freshDb();
  const seeded = await seedTwoStages(db);
  renderOrganizer(db, `/organizer?competition=${seeded.competition.id}`);
  await userEvent.setup().click(await screen.findByRole('button', { name: '设置总成绩' }));
  await screen.findByRole('group', { name: '计入总成绩的轮次' });
  return { db, ...seeded };
}

const preview = () => screen.getByRole('region', { name: '总排名预览（按各轮当前成绩）' });

const previewRows = () => rowTexts(within(preview()).getByRole('table'));

describe('the 总成绩 panel', () => {
  it('previews 现场观摩 40 + 擂台演讲 60 live and saves the combination', async () => {
    const user = userEvent.setup();
    const { db, competition, visit, stage } = await openPanel();
    await user.type(screen.getByLabelText('“现场观摩”的权重'), '40');
    await user.type(screen.getByLabelText('“擂台演讲”的权重'), '60');

    expect(await within(preview()).findByRole('table')).toBeInTheDocument();
    expect(previewRows()).toEqual([
      '名次 选手 现场观摩（40%） 擂台演讲（60%） 总分 奖项',
      '1 李四（榆树沟镇） 80.00 95.00 89.00',
      '2 张三（三工镇） 90.00 80.00 84.00',
    ]);
    expect(within(preview()).getByText('待定（尚未在所有轮次中完成）：王五（佃坝镇）')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '保存总成绩设置' }));
    expect(await screen.findByText('已保存总成绩设置')).toBeInTheDocument();
    expect((await competitionById(db, competition.id))?.combination).toEqual({
      stages: [
        { roundId: visit.id, weight: 4000 },
        { roundId: stage.id, weight: 6000 },
      ],
      decimals: 2,
      rounding: 'half-up',
      tieBreak: [],
      awards: [],
    });
  });

  it('names a bad weight beside its field, refuses a weight of 0 in the domain’s words, and saves nothing', async () => {
    const user = userEvent.setup();
    const { db, competition } = await openPanel();
    await user.type(screen.getByLabelText('“现场观摩”的权重'), '四十');
    await user.type(screen.getByLabelText('“擂台演讲”的权重'), '0');

    expect(screen.getByLabelText('“现场观摩”的权重')).toHaveAccessibleDescription(
      expect.stringContaining('“四十”不是大于 0、最多两位小数的数，例如 40'),
    );
    await user.clear(screen.getByLabelText('“现场观摩”的权重'));
    await user.type(screen.getByLabelText('“现场观摩”的权重'), '40');
    expect(screen.getByLabelText('“擂台演讲”的权重')).toHaveAccessibleDescription(
      expect.stringContaining('阶段 「擂台演讲」'),
    );
    await user.click(screen.getByRole('button', { name: '保存总成绩设置' }));
    expect(await screen.findByText('请先改正上面标红的项')).toBeInTheDocument();
    expect((await competitionById(db, competition.id))?.combination).toBeUndefined();
  });
});
