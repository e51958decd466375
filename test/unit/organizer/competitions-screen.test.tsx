import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import OrganizerPage from '../../../src/app/organizer/OrganizerPage';
import { editCompetition, enterMark } from '../../../src/db/repository';
import { freshDb, seedRound } from '../db/helpers';
import { competitionFromTemplate, currentPlace, renderOrganizer } from './organizer-helpers';

describe('competitions screen', () => {
  it('offers a new competition and the demo on an empty device', async () => {
    renderOrganizer(freshDb());
    expect(await screen.findByRole('heading', { name: '还没有赛事' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '新建赛事' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '载入示例赛事' })).toBeInTheDocument();
  });

  it('speaks English when asked', async () => {
    const db = freshDb();
    await competitionFromTemplate(db);
    useUiStore.setState({ lang: 'en' });
    window.history.replaceState(null, '', '/organizer');
    render(
      <DatabaseProvider db={db}>
        <OrganizerPage />
      </DatabaseProvider>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Competitions' })).toBeInTheDocument();
    expect(screen.getByText('1 round(s)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Duplicate' })).toBeInTheDocument();
  });

  it('creates a competition from the 擂台比武 template, with its first round and sheet', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    renderOrganizer(db);
    await user.click(await screen.findByRole('button', { name: '新建赛事' }));
    await user.type(screen.getByLabelText('赛事名称'), '2026年昌吉市村党组织书记擂台比武');
    await user.type(screen.getByLabelText('比赛日期（选填）'), '2026-06-18');
    await user.type(screen.getByLabelText('比赛地点（选填）'), '市委党校');
    expect(screen.getByRole('radio', { name: /村党组织书记擂台比武/ })).toBeChecked();
    await user.clear(screen.getByLabelText('第一个轮次的名称'));
    await user.type(screen.getByLabelText('第一个轮次的名称'), '市级决赛');
    await user.click(screen.getByRole('button', { name: '创建赛事' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: '2026年昌吉市村党组织书记擂台比武' }),
    ).toBeInTheDocument();
    expect(screen.getByText('2026-06-18 · 市委党校')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: '市级决赛' })).toBeInTheDocument();
    const [competition] = await db.competitions.toArray();
    expect(currentPlace()).toEqual({ competition: competition?.id });
    const [round] = await db.rounds.toArray();
    expect(round?.criteria.map((criterion) => criterion.label)).toEqual([
      '内容',
      '形象风采',
      '语言表达',
      'PPT制作',
      '综合印象',
    ]);
    expect(round).toMatchObject({
      name: '市级决赛',
      timeLimitSeconds: 600,
      overtime: { everySeconds: 30, points: 50 },
    });
    expect(await screen.findByText(/评分项 5 项/)).toBeInTheDocument();
  });

  it('refuses a competition without a name, creating nothing', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    renderOrganizer(db);
    await user.click(await screen.findByRole('button', { name: '新建赛事' }));
    await user.click(screen.getByRole('button', { name: '创建赛事' }));
    expect(screen.getByLabelText('赛事名称')).toHaveAccessibleDescription(
      expect.stringContaining('请填写赛事名称'),
    );
    expect(await db.competitions.count()).toBe(0);
  });

  it('creates a blank competition, which then asks for its first round', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    renderOrganizer(db);
    await user.click(await screen.findByRole('button', { name: '新建赛事' }));
    await user.type(screen.getByLabelText('赛事名称'), '自定义比赛');
    await user.click(screen.getByRole('radio', { name: /空白/ }));
    expect(screen.queryByLabelText('第一个轮次的名称')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '创建赛事' }));
    expect(await screen.findByRole('heading', { name: '添加轮次' })).toBeInTheDocument();
    expect(await db.rounds.count()).toBe(0);

    await user.selectOptions(screen.getByLabelText('评分表和规则'), '自己设置（先填第一个评分项）');
    await user.type(screen.getByLabelText('第一个评分项'), '总体表现');
    await user.clear(screen.getByLabelText('满分'));
    await user.type(screen.getByLabelText('满分'), '10');
    await user.click(screen.getByRole('button', { name: '添加轮次' }));
    expect(await screen.findByRole('link', { name: '乡镇初赛' })).toBeInTheDocument();
    const [round] = await db.rounds.toArray();
    expect(round?.criteria).toEqual([
      expect.objectContaining({ label: '总体表现', max: 1000, points: 1000, step: 10 }),
    ]);
  });

  it('saves only what the edit form changed, so another device’s edit made while it was open survives', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const { competition } = await competitionFromTemplate(db, 'speech', '演讲比赛');
    renderOrganizer(db);
    await screen.findByRole('link', { name: '演讲比赛' });
    const card = () => screen.getByRole('link', { name: '演讲比赛' }).closest('li') as HTMLElement;
    await user.click(within(card()).getByRole('button', { name: '编辑' }));
    // Another organizer device's 落款 arrives while the form shows none.
    await editCompetition(db, competition.id, { issuer: '中共昌吉市委组织部' });
    await user.type(screen.getByLabelText('比赛地点（选填）'), '文化馆');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存：“演讲比赛”')).toBeInTheDocument();
    expect(await db.competitions.get(competition.id)).toMatchObject({
      name: '演讲比赛',
      venue: '文化馆',
      issuer: '中共昌吉市委组织部',
    });
  });

  it('edits, duplicates, archives and restores', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    await competitionFromTemplate(db, 'speech', '演讲比赛');
    renderOrganizer(db);
    const card = () => screen.getByRole('link', { name: '演讲比赛' }).closest('li') as HTMLElement;
    await screen.findByRole('link', { name: '演讲比赛' });

    await user.click(within(card()).getByRole('button', { name: '编辑' }));
    const name = screen.getByLabelText('赛事名称');
    await user.clear(name);
    await user.type(name, '青年演讲比赛');
    await user.type(screen.getByLabelText('比赛地点（选填）'), '文化馆');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存：“青年演讲比赛”')).toBeInTheDocument();
    expect((await db.competitions.toArray())[0]).toMatchObject({ name: '青年演讲比赛', venue: '文化馆' });

    const original = () => screen.getByRole('link', { name: '青年演讲比赛' }).closest('li') as HTMLElement;
    await user.click(within(original()).getByRole('button', { name: '复制' }));
    expect(await screen.findByRole('link', { name: '青年演讲比赛（副本）' })).toBeInTheDocument();
    expect(await db.rounds.count()).toBe(2);

    await user.click(within(original()).getByRole('button', { name: '归档' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: '青年演讲比赛' })).not.toBeInTheDocument());
    await user.click(screen.getByRole('checkbox', { name: '显示已归档（1）' }));
    expect(within(original()).getByText('已归档')).toBeInTheDocument();
    await user.click(within(original()).getByRole('button', { name: '取消归档' }));
    expect(await screen.findByText('已取消归档“青年演讲比赛”')).toBeInTheDocument();
    expect((await db.competitions.toArray()).every((each) => !each.archived)).toBe(true);
  });

  it('deletes after confirmation, and refuses when marks exist', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    await competitionFromTemplate(db, 'microLesson', '微党课大赛');
    const marked = await seedRound(db);
    await enterMark(db, {
      roundId: marked.round.id,
      judgeId: marked.judges[0].id,
      contestantId: marked.contestants[1].id,
      criterionId: 'content',
      value: 3500,
    });
    renderOrganizer(db);

    const card = (name: string) => screen.getByRole('link', { name }).closest('li') as HTMLElement;
    await screen.findByRole('link', { name: '微党课大赛' });
    await user.click(within(card('微党课大赛')).getByRole('button', { name: '删除' }));
    let dialog = screen.getByRole('alertdialog', { name: '删除赛事“微党课大赛”？' });
    expect(within(dialog).getByRole('button', { name: '取消' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: '确认删除' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: '微党课大赛' })).not.toBeInTheDocument());
    expect(screen.getByRole('status')).toHaveTextContent('已删除“微党课大赛”');

    await user.click(within(card(marked.competition.name)).getByRole('button', { name: '删除' }));
    dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: '确认删除' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      '已有评委打分，不能删除；可以将赛事归档',
    );
    expect(await db.competitions.count()).toBe(1);
    await user.click(within(dialog).getByRole('button', { name: '改为归档' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect((await db.competitions.get(marked.competition.id))?.archived).toBe(true);
  });

  it('loads the demo and shows its round with a leaderboard in progress', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    renderOrganizer(db);
    await user.click(await screen.findByRole('button', { name: '载入示例赛事' }));
    expect(
      await screen.findByRole(
        'heading',
        { level: 1, name: '2026年昌吉市村党组织书记“擂台比武”（示例）' },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '市级决赛' })).toBeInTheDocument();
    expect(await screen.findByText(/选手 13 位 · 已排名 10 位，评分中 3 位/)).toBeInTheDocument();
  });
});
