import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../db/helpers';
import { competitionFromTemplate, openRoundSettings, renderOrganizer, rowTexts } from './organizer-helpers';

const groupsBox = () => screen.getByRole('group', { name: '评委分组' });
const preview = () => screen.getByRole('region', { name: '实时预览（示例数据）' });

/** The preview's rows as their cells' text, blank cells left out. */
const previewRows = () => rowTexts(within(preview()).getByRole('table'));
const save = () => userEvent.setup().click(screen.getByRole('button', { name: '保存设置' }));

describe('rater groups in the round settings', () => {
  it('start as one group of the whole sheet worth its points, hide the round’s minimum and save the group', async () => {
    const user = userEvent.setup();
    const { db, round } = await openRoundSettings();
    expect(screen.getByLabelText('至少几位评委打完分')).toBeInTheDocument();
    await user.click(within(groupsBox()).getByRole('checkbox', { name: /分组评分/ }));

    expect(screen.getByLabelText('第 1 组名称')).toHaveValue('专家评委');
    expect(screen.getByLabelText('“专家评委”的权重')).toHaveValue('100');
    const criteria = screen.getByRole('group', { name: '“专家评委”给哪些评分项打分' });
    expect(
      within(criteria)
        .getAllByRole('checkbox')
        .map((box) => (box as HTMLInputElement).checked),
    ).toEqual([true, true, true, true, true]);
    expect(screen.queryByLabelText('至少几位评委打完分')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('“专家评委”的分数怎样汇总'), '平均分');
    await user.type(screen.getByLabelText('“专家评委”至少几位评委打完分'), '3');
    await user.click(screen.getByRole('checkbox', { name: /每组得分先保留小数/ }));
    await save();
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    const saved = await db.rounds.get(round.id);
    expect(saved?.settings.minJudges).toBeNull();
    expect(saved?.settings.roundEachGroup).toBe(true);
    expect(saved?.settings.groups).toEqual([
      {
        id: 'g1',
        label: '专家评委',
        weight: 10000,
        criteria: ['content', 'presence', 'language', 'ppt', 'overall'],
        panel: { kind: 'mean' },
        minJudges: 3,
      },
    ]);
  });

  it('preview one group worth the sheet’s points exactly as the round without groups, with the group’s score', async () => {
    const user = userEvent.setup();
    await openRoundSettings();
    const ungrouped = previewRows().slice(1);
    await user.click(within(groupsBox()).getByRole('checkbox', { name: /分组评分/ }));
    const grouped = previewRows();
    expect(grouped[0]).toBe('名次 选手 专家评委 最后得分 并列 奖项');
    // Each row: the group's score (out of 100, so the final itself) beside the same final.
    expect(grouped.slice(1).map((row) => row.replace(/ (\d+\.\d\d) \1/, ' $1'))).toEqual(ungrouped);
    expect(
      within(preview()).getByText(/专家评委 91\.77（满分 100），按权重 100 计入 91\.77 分/),
    ).toBeInTheDocument();
  });

  it('put the engine’s message beside the group it names, and save nothing', async () => {
    const user = userEvent.setup();
    const { db, round } = await openRoundSettings();
    await user.click(within(groupsBox()).getByRole('checkbox', { name: /分组评分/ }));
    const weight = screen.getByLabelText('“专家评委”的权重');
    await user.clear(weight);
    await user.type(weight, '0');
    expect(weight).toHaveAccessibleDescription(
      expect.stringContaining('评委组「专家评委（g1）」的权重应大于 0、最多两位小数，实际为 0'),
    );
    await user.click(screen.getByRole('button', { name: '添加评委组' }));
    const second = screen.getByRole('group', { name: '“评委组2”给哪些评分项打分' });
    for (const box of within(second).getAllByRole('checkbox')) await user.click(box);
    expect(second).toHaveTextContent('评委组「评委组2（g2）」的评分项列表是空的');
    await user.selectOptions(screen.getByLabelText('“评委组2”的分数怎样汇总'), '去掉最高分和最低分');
    const k = within(screen.getByRole('group', { name: '评委组2' })).getByLabelText(
      '最高分、最低分各去掉几个（k）',
    );
    await user.clear(k);
    await user.type(k, '-1');
    expect(screen.getByRole('group', { name: '评委组2' })).toHaveTextContent(
      '评委组「评委组2（g2）」去掉最高最低分的个数 k 应为不小于 0 的整数，实际为 -1',
    );
    const expert = screen.getByRole('group', { name: '“专家评委”给哪些评分项打分' });
    await user.click(within(expert).getByRole('checkbox', { name: '综合印象' }));
    expect(groupsBox()).toHaveTextContent('评分项「综合印象（overall）」没有任何评委组打分');
    expect(within(preview()).getByText('设置中有错误，改正后显示预览')).toBeInTheDocument();
    await save();
    expect(screen.getByRole('alert')).toHaveTextContent('还有 5 处需要改正');
    expect((await db.rounds.get(round.id))?.settings).toEqual(round.settings);
  });

  it('name the group and the field of a value that cannot be read, and save nothing', async () => {
    const user = userEvent.setup();
    const { db, round } = await openRoundSettings();
    await user.click(within(groupsBox()).getByRole('checkbox', { name: /分组评分/ }));
    await user.click(screen.getByRole('button', { name: '添加评委组' }));
    const label = screen.getByLabelText('第 2 组名称');
    await user.clear(label);
    await user.type(label, '领导评委');
    await user.type(screen.getByLabelText('“领导评委”的权重'), '二十');
    await user.type(screen.getByLabelText('“领导评委”至少几位评委打完分'), '两');
    await user.clear(screen.getByLabelText('“专家评委”的权重'));
    await user.type(screen.getByLabelText('“专家评委”的权重'), '70.125');
    await user.clear(screen.getByLabelText('第 1 组名称'));

    expect(screen.getByLabelText('“领导评委”的权重')).toHaveAccessibleDescription(
      expect.stringContaining('“二十”不是数字'),
    );
    expect(screen.getByLabelText('“领导评委”至少几位评委打完分')).toHaveAccessibleDescription(
      expect.stringContaining('“两”不是数字'),
    );
    expect(screen.getByLabelText('“第 1 组”的权重')).toHaveAccessibleDescription(
      expect.stringContaining('“70.125”超过两位小数'),
    );
    expect(screen.getByLabelText('第 1 组名称')).toHaveAccessibleDescription('请填写此项');
    await save();
    expect(screen.getByRole('alert')).toHaveTextContent('还有 4 处需要改正');
    expect((await db.rounds.get(round.id))?.settings).toEqual(round.settings);
  });

  it('remove the groups when they are turned off, and keep the round’s minimum', async () => {
    const user = userEvent.setup();
    const { db, round } = await openRoundSettings();
    await user.click(within(groupsBox()).getByRole('checkbox', { name: /分组评分/ }));
    await save();
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    expect((await db.rounds.get(round.id))?.settings.groups).toHaveLength(1);

    await user.click(within(groupsBox()).getByRole('checkbox', { name: /分组评分/ }));
    expect(screen.queryByLabelText('第 1 组名称')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('至少几位评委打完分'), '4');
    await save();
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    const saved = await db.rounds.get(round.id);
    expect(saved?.settings.groups).toBeUndefined();
    expect(saved?.settings.roundEachGroup).toBeUndefined();
    expect(saved?.settings.minJudges).toBe(4);
  });
});

describe('audience voting in the round settings', () => {
  it('adds the audience group and its criterion, follows the mode, and takes both off again', async () => {
    const user = userEvent.setup();
    const { db, round } = await openRoundSettings();
    await user.click(screen.getByRole('checkbox', { name: /观众用手机扫码投票/ }));
    expect(screen.getByLabelText('第 1 组名称')).toHaveValue('专家评委');
    expect(screen.getByLabelText('“专家评委”的权重')).toHaveValue('70');
    expect(screen.getByLabelText('第 2 组名称')).toHaveValue('大众评审');
    expect(screen.getByLabelText('“大众评审”的权重')).toHaveValue('30');
    const audienceCriteria = screen.getByRole('group', { name: '“大众评审”给哪些评分项打分' });
    expect(within(audienceCriteria).getByRole('checkbox', { name: '大众投票' })).toBeChecked();
    expect(within(audienceCriteria).getByRole('checkbox', { name: '内容' })).not.toBeChecked();
    expect(within(audienceCriteria).getByRole('checkbox', { name: '内容' })).toBeDisabled();
    const expertCriteria = screen.getByRole('group', { name: '“专家评委”给哪些评分项打分' });
    expect(within(expertCriteria).getByRole('checkbox', { name: '大众投票' })).not.toBeChecked();
    expect(screen.getByText('投票计入“大众评审”组，权重在上方评委分组中设置')).toBeInTheDocument();
    expect(previewRows()[0]).toBe('名次 选手 专家评委 大众评审 最后得分 并列 奖项');
    expect(within(preview()).getByRole('heading', { name: '示例选手1的各组得分' })).toBeInTheDocument();

    const window = screen.getByLabelText('每次投票时长（秒）');
    await user.clear(window);
    await user.type(window, '0');
    expect(window).toHaveAccessibleDescription(expect.stringContaining('“0”应为不小于 1 的整数'));
    await user.clear(window);
    await user.type(window, '45');
    await save();
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    let saved = await db.rounds.get(round.id);
    expect(saved?.audience).toEqual({
      groupId: 'g2',
      criterionId: 'audienceVote',
      mode: 'support',
      windowSeconds: 45,
    });
    expect(saved?.criteria.at(-1)).toEqual({
      id: 'audienceVote',
      label: '大众投票',
      max: 100,
      points: 100,
      step: 100,
    });
    expect(saved?.settings.groups?.map((group) => [group.id, group.weight, group.criteria])).toEqual([
      ['g1', 7000, ['content', 'presence', 'language', 'ppt', 'overall']],
      ['g2', 3000, ['audienceVote']],
    ]);
    expect(saved?.settings.groups?.[1]).toMatchObject({ panel: { kind: 'mean' }, minJudges: 1 });

    await user.click(screen.getByRole('radio', { name: /1–10 评分/ }));
    await save();
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    saved = await db.rounds.get(round.id);
    expect(saved?.audience?.mode).toBe('rating');
    expect(saved?.criteria.at(-1)).toMatchObject({
      id: 'audienceVote',
      label: '大众评分',
      max: 1000,
      step: 100,
    });

    // Groups off and on again: the voting and its group went with them.
    await user.click(within(groupsBox()).getByRole('checkbox', { name: /分组评分/ }));
    expect(screen.getByRole('checkbox', { name: /观众用手机扫码投票/ })).not.toBeChecked();
    await user.click(within(groupsBox()).getByRole('checkbox', { name: /分组评分/ }));
    expect(screen.queryByLabelText('第 2 组名称')).not.toBeInTheDocument();
    expect(within(preview()).queryByText('设置中有错误，改正后显示预览')).not.toBeInTheDocument();
    await save();
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    saved = await db.rounds.get(round.id);
    expect(saved?.audience).toBeUndefined();
    expect(saved?.criteria.map((criterion) => criterion.id)).toEqual(
      round.criteria.map((criterion) => criterion.id),
    );
    expect(saved?.settings.groups?.map((group) => group.id)).toEqual(['g1']);
  });
});

describe('a round made from the 专家70% + 大众30% template', () => {
  it('opens its settings with both groups and the voting, and its sheet says the final is out of the weights', async () => {
    const db = freshDb();
    const { competition, round } = await competitionFromTemplate(db, 'expertPublic');
    if (!round) throw new Error('the template makes a round');
    renderOrganizer(db, `/organizer?competition=${competition.id}&round=${round.id}&tab=settings`);
    await screen.findByRole('heading', { name: '评分规则设置' });
    expect(screen.getByLabelText('第 1 组名称')).toHaveValue('专家评委');
    expect(screen.getByLabelText('“大众评审”的权重')).toHaveValue('30');
    expect(screen.getByRole('checkbox', { name: /观众用手机扫码投票/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /支持 \/ 不支持/ })).toBeChecked();
    expect(screen.getByLabelText('每次投票时长（秒）')).toHaveValue('60');
    expect(screen.queryByText('有未保存的修改')).not.toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole('link', { name: '评分表' }));
    expect(
      await screen.findByText(
        '本轮分组评分：最后得分满分为各组权重之和 100 分（专家评委 70 + 大众评审 30），各组按自己的评分项折算',
      ),
    ).toBeInTheDocument();
  });
});
