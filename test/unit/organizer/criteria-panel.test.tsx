import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { enterMark } from '../../../src/db/repository';
import { freshDb, seedRound } from '../db/helpers';
import { competitionFromTemplate, renderOrganizer } from './organizer-helpers';

function sheetRows(): string[] {
  const table = screen.getByRole('table', { name: /的评分项/ });
  return within(table)
    .getAllByRole('row')
    .slice(1, -1)
    .map((row) =>
      [...row.querySelectorAll('td, th')]
        .slice(0, 5)
        .map((cell) => cell.textContent)
        .join(' '),
    );
}

async function openSheet() {
  const db = freshDb();
  const { competition, round } = await competitionFromTemplate(db);
  if (!round) throw new Error('the template makes a round');
  renderOrganizer(db, `/organizer?competition=${competition.id}&round=${round.id}&tab=criteria`);
  await screen.findByRole('heading', { level: 2, name: '评分表' });
  return { db, round };
}

describe('score sheet', () => {
  it('lists the criteria with max, points and step, and checks they add up to 100', async () => {
    await openSheet();
    expect(sheetRows()).toEqual([
      '1 内容 40 40 0.1',
      '2 形象风采 15 15 0.1',
      '3 语言表达 20 20 0.1',
      '4 PPT制作 15 15 0.1',
      '5 综合印象 10 10 0.1',
    ]);
    expect(screen.getByText('✓ 分值合计 100 分，与满分一致')).toBeInTheDocument();
  });

  it('warns clearly when the points do not add up, and moves and deletes criteria', async () => {
    const user = userEvent.setup();
    const { db, round } = await openSheet();
    await user.click(screen.getByRole('button', { name: '编辑“综合印象”' }));
    const max = screen.getByLabelText('满分');
    await user.clear(max);
    await user.type(max, '5');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存：“综合印象”')).toBeInTheDocument();
    // The notice is the panel's own; the sum comes with the round's next live read.
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        '⚠ 分值合计 95 分，比满分 100 分少 5 分，请检查评分表',
      ),
    );

    await user.click(screen.getByRole('button', { name: '下移“内容”' }));
    await waitFor(() => expect(screen.getAllByRole('row')[1]).toHaveTextContent('形象风采'));
    expect((await db.rounds.get(round.id))?.criteria.map((c) => c.label)).toEqual([
      '形象风采',
      '内容',
      '语言表达',
      'PPT制作',
      '综合印象',
    ]);

    // Deleting 内容 takes its tie-break with it, in the same write.
    await user.click(screen.getByRole('button', { name: '删除“内容”' }));
    const dialog = screen.getByRole('alertdialog', { name: '删除评分项“内容”？' });
    expect(dialog).toHaveTextContent('同分比较规则中的“比较“内容”一项的得分”也会一并移除');
    await user.click(within(dialog).getByRole('button', { name: '确认删除' }));
    expect(await screen.findByText('已保存：删除了“内容”')).toBeInTheDocument();
    const saved = await db.rounds.get(round.id);
    expect(saved?.criteria).toHaveLength(4);
    expect(saved?.settings.tieBreak).toEqual(['exact']);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('⚠ 分值合计 55 分，比满分 100 分少 45 分'),
    );

    const fullMark = screen.getByLabelText('满分合计');
    await user.clear(fullMark);
    await user.type(fullMark, '55');
    await user.click(screen.getByRole('button', { name: '设为满分合计' }));
    expect(await screen.findByText('✓ 分值合计 55 分，与满分一致')).toBeInTheDocument();
    expect((await db.rounds.get(round.id))?.fullMark).toBe(5500);
  });

  it('adds a criterion with points other than its max, and validates every field by the rules', async () => {
    const user = userEvent.setup();
    const { db, round } = await openSheet();
    await user.click(screen.getByRole('button', { name: '添加评分项' }));
    const form = screen.getByRole('form', { name: '添加评分项' });
    await user.click(within(form).getByRole('button', { name: '添加评分项' }));
    expect(within(form).getByLabelText('评分项')).toHaveAccessibleDescription('请填写评分项名称');
    expect(within(form).getByLabelText('满分')).toHaveAccessibleDescription(
      expect.stringContaining('请填写此项'),
    );

    await user.type(within(form).getByLabelText('评分项'), '内容');
    await user.type(within(form).getByLabelText('满分'), '10');
    const step = within(form).getByLabelText('最小分值单位');
    await user.clear(step);
    await user.type(step, '0.3');
    await user.type(within(form).getByLabelText('分值'), '5.555');
    await user.click(within(form).getByRole('button', { name: '添加评分项' }));
    expect(within(form).getByLabelText('评分项')).toHaveAccessibleDescription('已有名为“内容”的评分项');
    expect(within(form).getByLabelText('最小分值单位')).toHaveAccessibleDescription(
      expect.stringContaining('评分项「内容」的最小分值单位 0.3 不能整除满分 10'),
    );
    expect(within(form).getByLabelText('分值')).toHaveAccessibleDescription(
      expect.stringContaining('“5.555”超过两位小数'),
    );
    expect((await db.rounds.get(round.id))?.criteria).toHaveLength(5);

    await user.clear(within(form).getByLabelText('评分项'));
    await user.type(within(form).getByLabelText('评分项'), '加分项');
    await user.clear(step);
    await user.type(step, '0.5');
    await user.clear(within(form).getByLabelText('分值'));
    await user.type(within(form).getByLabelText('分值'), '5');
    await user.click(within(form).getByRole('button', { name: '添加评分项' }));
    expect(await screen.findByText('已保存：添加了“加分项”')).toBeInTheDocument();
    // The table and the sum come with the round's next live read, after the form's own notice.
    await waitFor(() => expect(sheetRows().at(-1)).toBe('6 加分项 10 5 0.5'));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('比满分 100 分多 5 分'));
  });

  it('shows the repository’s refusal when a change would invalidate given marks', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const seeded = await seedRound(db);
    await enterMark(db, {
      roundId: seeded.round.id,
      judgeId: seeded.judges[0].id,
      contestantId: seeded.contestants[1].id,
      criterionId: 'content',
      value: 3550,
    });
    renderOrganizer(
      db,
      `/organizer?competition=${seeded.competition.id}&round=${seeded.round.id}&tab=criteria`,
    );
    await user.click(await screen.findByRole('button', { name: '编辑“内容”' }));
    const step = screen.getByLabelText('最小分值单位');
    await user.clear(step);
    await user.type(step, '1');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '评分项“内容”已有 35.5 分的打分，不能改为满分 40、最小分值单位 1',
    );
    expect((await db.rounds.get(seeded.round.id))?.criteria[0]?.step).toBe(10);
    // The form stays open with what was typed.
    expect(screen.getByLabelText('最小分值单位')).toHaveValue('1');

    await user.click(screen.getByRole('button', { name: '取消' }));
    await user.click(screen.getByRole('button', { name: '删除“内容”' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '确认删除' }));
    expect(await within(screen.getByRole('alertdialog')).findByRole('alert')).toHaveTextContent(
      '已有评委在被删除的评分项上打分，不能删除该评分项',
    );
  });
});
