import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { enterMark, importRoster } from '../../../src/db/repository';
import { freshDb, seedRound } from '../db/helpers';
import { competitionFromTemplate, currentPlace, renderOrganizer } from './organizer-helpers';

describe('a competition and its rounds', () => {
  it('carries the panel over to a round made 与上一轮相同: its judges need not join again', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const { competition, round } = await competitionFromTemplate(db);
    const { judges } = await importRoster(db, round?.id as string, {
      judges: [{ name: '王评委' }, { name: '李评委' }],
    });
    renderOrganizer(db, `/organizer?competition=${competition.id}`);
    await screen.findByRole('link', { name: '乡镇初赛' });
    await user.click(screen.getByRole('button', { name: '添加轮次' }));
    expect(screen.getByLabelText('评分表和规则')).toHaveAccessibleDescription(
      '同一批评委为新轮次评分：评委码不变，评委平板无需重新登录。',
    );
    await user.click(screen.getByRole('button', { name: '添加轮次' }));
    const final = (await screen.findByRole('link', { name: '市级决赛' })).closest('li') as HTMLElement;
    await waitFor(() => expect(final).toHaveTextContent('评委 2 位'));
    const finalRound = (await db.rounds.toArray()).find((each) => each.name === '市级决赛');
    for (const judge of judges) {
      expect((await db.judges.get(judge.id))?.roundIds).toEqual([round?.id, finalRound?.id]);
    }
  });

  it('adds a round with the sheet of an earlier one, renames and reorders', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const { competition, round } = await competitionFromTemplate(db);
    renderOrganizer(db, `/organizer?competition=${competition.id}`);
    await screen.findByRole('link', { name: '乡镇初赛' });

    await user.click(screen.getByRole('button', { name: '添加轮次' }));
    expect(screen.getByLabelText('轮次名称')).toHaveValue('市级决赛');
    expect(screen.getByLabelText('评分表和规则')).toHaveDisplayValue('与“乡镇初赛”相同');
    await user.click(screen.getByRole('button', { name: '添加轮次' }));
    expect(await screen.findByRole('link', { name: '市级决赛' })).toBeInTheDocument();
    const final = (await db.rounds.toArray()).find((each) => each.name === '市级决赛');
    expect(final?.criteria).toEqual(round?.criteria);
    expect(final?.order).toBe(2);

    const row = (name: string) => screen.getByRole('link', { name }).closest('li') as HTMLElement;
    await user.click(within(row('市级决赛')).getByRole('button', { name: '重命名' }));
    const field = screen.getByLabelText('轮次名称');
    await user.clear(field);
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('轮次名称不能为空')).toBeInTheDocument();
    await user.type(screen.getByLabelText('轮次名称'), '复赛');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('link', { name: '复赛' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '上移“复赛”' }));
    await waitFor(() =>
      expect(screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual([
        '复赛',
        '乡镇初赛',
      ]),
    );
    expect(screen.getByRole('button', { name: '上移“复赛”' })).toBeDisabled();
    expect((await db.rounds.toArray()).sort((a, b) => a.order - b.order).map((each) => each.name)).toEqual([
      '复赛',
      '乡镇初赛',
    ]);
  });

  it('refuses to delete a round with marks, and deletes one without after confirmation', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const seeded = await seedRound(db);
    await enterMark(db, {
      roundId: seeded.round.id,
      judgeId: seeded.judges[0].id,
      contestantId: seeded.contestants[1].id,
      criterionId: 'content',
      value: 3000,
    });
    renderOrganizer(db, `/organizer?competition=${seeded.competition.id}`);
    await screen.findByRole('link', { name: '市级决赛' });
    expect(await screen.findByText(/评委 3 位 · 选手 3 位 · 已排名 0 位，评分中 3 位/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '删除' }));
    const dialog = screen.getByRole('alertdialog', { name: '删除轮次“市级决赛”？' });
    expect(dialog).toHaveTextContent('3 位评委和 3 位选手');
    await user.click(within(dialog).getByRole('button', { name: '确认删除' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      '轮次“市级决赛”已有评委打分，不能删除',
    );
    await user.click(within(dialog).getByRole('button', { name: '关闭' }));
    expect(await db.rounds.count()).toBe(1);

    await user.click(screen.getByRole('button', { name: '添加轮次' }));
    await user.clear(screen.getByLabelText('轮次名称'));
    await user.type(screen.getByLabelText('轮次名称'), '加赛');
    await user.click(screen.getByRole('button', { name: '添加轮次' }));
    const extra = await screen.findByRole('link', { name: '加赛' });
    await user.click(within(extra.closest('li') as HTMLElement).getByRole('button', { name: '删除' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '确认删除' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: '加赛' })).not.toBeInTheDocument());
    expect(await db.rounds.count()).toBe(1);
  });

  it('opens a round on its tabs, keeping the place in the address', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const { competition, round } = await competitionFromTemplate(db);
    renderOrganizer(db, `/organizer?competition=${competition.id}`);
    await user.click(await screen.findByRole('link', { name: '乡镇初赛' }));
    expect(await screen.findByRole('heading', { level: 1, name: '乡镇初赛' })).toBeInTheDocument();
    expect(currentPlace()).toEqual({ competition: competition.id, round: round?.id, tab: 'settings' });
    const tabs = screen.getByRole('navigation', { name: '“乡镇初赛”的设置项' });
    expect(
      within(tabs)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['设置', '评分表', '评委', '选手', '回避', '抽签', '晋级']);
    expect(within(tabs).getByRole('link', { name: '设置' })).toHaveAttribute('aria-current', 'page');
    await user.click(within(tabs).getByRole('link', { name: '评分表' }));
    expect(await screen.findByRole('heading', { level: 2, name: '评分表' })).toBeInTheDocument();
    expect(currentPlace().tab).toBe('criteria');

    await user.click(screen.getByRole('link', { name: '擂台比武' }));
    expect(await screen.findByRole('heading', { level: 1, name: '擂台比武' })).toBeInTheDocument();
    expect(currentPlace()).toEqual({ competition: competition.id });
  });

  it('says so when the competition or round in the address does not exist', async () => {
    const db = freshDb();
    const { competition } = await competitionFromTemplate(db);
    const { unmount } = renderOrganizer(db, '/organizer?competition=gone');
    expect(await screen.findByRole('heading', { name: '找不到该赛事，可能已被删除' })).toBeInTheDocument();
    unmount();
    renderOrganizer(db, `/organizer?competition=${competition.id}&round=gone&tab=judges`);
    expect(await screen.findByRole('heading', { name: '找不到该轮次，可能已被删除' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '返回“擂台比武”' })).toBeInTheDocument();
  });
});
