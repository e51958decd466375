import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { updateRound } from '../../../src/db/repository';
import { openRoundSettings } from './organizer-helpers';

const preview = () => screen.getByRole('region', { name: '实时预览（示例数据）' });

/** The preview's rows as "rank name score tie award". */
function previewRows(): string[] {
  return within(within(preview()).getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
        .filter(Boolean)
        .join(' '),
    );
}

describe('round settings', () => {
  it('explain every rule and preview the standings on sample data, marked as such', async () => {
    await openRoundSettings();
    expect(screen.getByRole('radio', { name: /去掉最高分和最低分/ })).toBeChecked();
    expect(
      screen.getByText('去掉最高分和最低分各 k 个，其余取平均（k = 1 即“去掉一个最高分、一个最低分”）'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('保留小数位数')).toHaveValue('2');
    expect(screen.getByLabelText('每位选手限时')).toHaveValue('10');
    expect(screen.getByText('即：超时每 30 秒扣 0.5 分')).toBeInTheDocument();
    expect(within(preview()).getByText(/示例数据，不是真实成绩/)).toBeInTheDocument();
    expect(previewRows()).toEqual([
      '1 示例选手1 91.77 一等奖',
      '2 示例选手2 89.40 二等奖',
      '3 示例选手3 85.57 二等奖',
      '4 示例选手4 82.97 并列 三等奖',
      '4 示例选手5 82.97 并列 三等奖',
      '6 示例选手6 79.57 三等奖',
    ]);
    const totals = within(preview()).getByRole('list');
    expect(within(totals).getByText('96.20').parentElement).toHaveTextContent('评委2 96.20 去掉（最高）');
    expect(within(totals).getByText('88.60').parentElement).toHaveTextContent('评委5 88.60 去掉（最低）');
    // roundEachCriterion is only offered at level criterion.
    expect(screen.queryByRole('checkbox', { name: /各项得分先取舍再相加/ })).not.toBeInTheDocument();
  });

  it('show the domain’s message beside a wrong field, pause the preview and save nothing', async () => {
    const user = userEvent.setup();
    const { db, round } = await openRoundSettings();
    const k = screen.getByLabelText('最高分、最低分各去掉几个（k）');
    await user.clear(k);
    await user.type(k, '-1');
    expect(k).toHaveAccessibleDescription(
      expect.stringContaining('去掉最高最低分的个数 k 应为不小于 0 的整数，实际为 -1'),
    );
    expect(within(preview()).getByText('设置中有错误，改正后显示预览')).toBeInTheDocument();
    await user.clear(k);
    await user.type(k, '两');
    expect(k).toHaveAccessibleDescription(expect.stringContaining('“两”不是数字'));

    const decimals = screen.getByLabelText('保留小数位数');
    await user.clear(decimals);
    await user.type(decimals, '5');
    expect(decimals).toHaveAccessibleDescription(
      expect.stringContaining('保留小数位数应为 0 到 4 的整数，实际为 5'),
    );

    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(screen.getByRole('alert')).toHaveTextContent('还有 2 处需要改正');
    expect((await db.rounds.get(round.id))?.settings).toEqual(round.settings);
  });

  it('update the preview before saving, and say 已保存 only once saved', async () => {
    const user = userEvent.setup();
    const { db, round } = await openRoundSettings();
    await user.click(screen.getByRole('radio', { name: /平均分/ }));
    expect(previewRows()[0]).toBe('1 示例选手1 92.02 一等奖');
    expect(screen.getByText('有未保存的修改')).toBeInTheDocument();
    expect((await db.rounds.get(round.id))?.settings.panel).toEqual({ kind: 'trimmed', k: 1 });

    await user.click(screen.getByRole('radio', { name: /去掉最高分和最低分/ }));
    // The tie of sample contestants 4 and 5: broken by the untrimmed mean, once it leads the chain.
    await user.click(screen.getByRole('button', { name: '移除“比较取舍前的精确得分”' }));
    await user.click(screen.getByRole('button', { name: '移除“比较“内容”一项的得分”' }));
    expect(screen.getByText('未设置：最后得分相同即为并列')).toBeInTheDocument();
    await user.selectOptions(
      screen.getByLabelText('添加比较规则'),
      '比较所有评委的平均分（不去掉最高最低分）',
    );
    await user.click(screen.getByRole('button', { name: '添加' }));
    expect(previewRows().slice(3, 5)).toEqual(['4 示例选手5 82.97 三等奖', '5 示例选手4 82.97 三等奖']);

    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    expect((await db.rounds.get(round.id))?.settings.tieBreak).toEqual(['untrimmed']);
    const k = screen.getByLabelText('最高分、最低分各去掉几个（k）');
    await user.type(k, '0');
    expect(screen.queryByText('已保存')).not.toBeInTheDocument();
  });

  it('save only what changed since they opened, so another device’s time limit set meanwhile survives', async () => {
    const { db, round } = await openRoundSettings();
    const user = userEvent.setup();
    // Another organizer device sets the time limit while this editor still shows 10 minutes.
    await updateRound(db, round.id, { timeLimitSeconds: 420 });
    await user.click(screen.getByRole('radio', { name: /平均分/ }));
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    expect(await db.rounds.get(round.id)).toMatchObject({
      settings: { panel: { kind: 'mean' } },
      timeLimitSeconds: 420,
    });
  });

  it('offer “round each criterion” with level criterion only, and save awards, limit and overtime', async () => {
    const user = userEvent.setup();
    const { db, round } = await openRoundSettings();
    await user.click(screen.getByRole('radio', { name: /按评分项/ }));
    await user.click(screen.getByRole('checkbox', { name: /各项得分先取舍再相加/ }));
    await user.click(screen.getByRole('radio', { name: /按总分/ }));
    expect(screen.queryByRole('checkbox', { name: /各项得分先取舍再相加/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '添加奖项' }));
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(screen.getByLabelText('第 5 个奖项名称')).toHaveAccessibleDescription(
      expect.stringContaining('第 5 个奖项没有名称'),
    );
    await user.click(screen.getByRole('button', { name: '移除“第 5 个奖项”' }));
    await user.click(screen.getByRole('button', { name: '上移“二等奖”' }));
    await user.selectOptions(
      within(screen.getByLabelText('第 2 个奖项名称').closest('li') as HTMLElement).getByLabelText('名额按'),
      '比例（%）',
    );
    const percent = screen.getByLabelText('比例（%）');
    await user.clear(percent);
    await user.type(percent, '12.5');

    const limit = screen.getByLabelText('每位选手限时');
    await user.clear(limit);
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(screen.getByText('设置超时扣分前，请先填写时间限制')).toBeInTheDocument();
    await user.type(limit, '7:30');
    const every = screen.getByLabelText('每超时（秒）');
    await user.clear(every);
    await user.type(every, '20');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('已保存')).toBeInTheDocument();

    const saved = await db.rounds.get(round.id);
    expect(saved?.settings.roundEachCriterion).toBe(false);
    expect(saved?.settings.awards).toEqual([
      { name: '二等奖', count: 2 },
      { name: '一等奖', percent: 1250 },
      { name: '三等奖', count: 3 },
      { name: '优秀奖', rest: true },
    ]);
    expect(saved).toMatchObject({ timeLimitSeconds: 450, overtime: { everySeconds: 20, points: 50 } });
  });

  it('show contestants as pending in the preview when more judges are required than the sample has', async () => {
    const user = userEvent.setup();
    await openRoundSettings();
    await user.type(screen.getByLabelText('至少几位评委打完分'), '6');
    await waitFor(() => expect(within(preview()).getAllByText(/评分中：5 \/ 6 位评委/)).toHaveLength(6));
  });
});
