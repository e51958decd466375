/**
 * 评委组 on the judges' tab: chosen in the judge's form, read from an import's 评委组 column
 * (by a group's label or id), and an unknown group refused with the row and the value.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { JudgesPanel } from '../../../src/app/organizer/people/JudgesPanel';
import { updateRound } from '../../../src/db/repository';
import { DEFAULT_SETTINGS, type RaterGroup } from '../../../src/domain/model';
import { freshDb, SECRETARY_SHEET, seedRound } from '../db/helpers';
import { renderWith } from './people-helpers';

const GROUPS: RaterGroup[] = [
  { id: 'expert', label: '专家评委', weight: 7000, criteria: null, panel: null, minJudges: null },
  { id: 'leader', label: '领导评委', weight: 3000, criteria: null, panel: { kind: 'mean' }, minJudges: null },
];

async function groupedRound() {
  const db = freshDb();
  const seeded = await seedRound(db);
  await updateRound(db, seeded.round.id, { settings: { ...DEFAULT_SETTINGS, groups: GROUPS } });
  const user = userEvent.setup();
  renderWith(db, <JudgesPanel roundId={seeded.round.id} />);
  const list = await screen.findByRole('table', { name: '本赛事评委名单' });
  return { db, user, list, ...seeded };
}

async function uploadJudges(user: ReturnType<typeof userEvent.setup>, csv: string) {
  await user.click(screen.getByRole('button', { name: '从 Excel/CSV 导入' }));
  const region = screen.getByRole('region', { name: /从 Excel\/CSV 导入/ });
  await user.upload(
    within(region).getByLabelText('选择文件（.xlsx 或 .csv）'),
    new File([csv], 'judges.csv', { type: 'text/csv' }),
  );
  await within(region).findByText(/行数据/);
  return region;
}

describe('a judge’s 评委组', () => {
  it('is chosen in the judge’s form among the groups of their rounds, shown in the list, and flagged while missing', async () => {
    const { db, user, list, judges, round } = await groupedRound();
    const [wang] = judges;
    // No group weighs its judges: the weights do not count.
    expect(screen.getByText(/权重不影响成绩/)).toBeInTheDocument();
    await updateRound(db, round.id, {
      settings: {
        ...DEFAULT_SETTINGS,
        groups: [GROUPS[0] as RaterGroup, { ...(GROUPS[1] as RaterGroup), panel: { kind: 'weighted' } }],
      },
    });
    expect(await screen.findByText(/权重生效/)).toBeInTheDocument();
    const row = within(list).getByRole('row', { name: /王评委/ });
    expect(within(row).getByText('未分组')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: '编辑 王评委' }));
    const group = screen.getByRole('combobox', { name: '评委组' });
    expect(
      within(group)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['不分组', '专家评委', '领导评委']);
    await user.selectOptions(group, '领导评委');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：王评委');
    expect((await db.judges.get(wang.id))?.group).toBe('leader');
    const saved = within(screen.getByRole('table', { name: '本赛事评委名单' })).getByRole('row', {
      name: /王评委/,
    });
    expect(within(saved).getByText('领导评委')).toBeInTheDocument();
    expect(within(saved).queryByText('未分组')).not.toBeInTheDocument();

    await user.click(within(saved).getByRole('button', { name: '编辑 王评委' }));
    await user.selectOptions(screen.getByRole('combobox', { name: '评委组' }), '不分组');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：王评委');
    expect((await db.judges.get(wang.id))?.group).toBeUndefined();
  });

  it('is read from the import’s 评委组 column by label or id, full-width and spaced as typed', async () => {
    const { db, user, round } = await groupedRound();
    const region = await uploadJudges(
      user,
      '姓名,评委组\r\n刘芳, 专家评委 \r\n王建国,ｌｅａｄｅｒ\r\n赵敏,\r\n王评委,专家评委\r\n',
    );
    expect(within(region).getByRole('combobox', { name: '评委组' })).toHaveDisplayValue('B 列：评委组');
    await user.click(within(region).getByRole('button', { name: '导入 4 位评委' }));
    await screen.findByText('已导入 4 位评委');
    const all = await db.judges.where('roundIds').equals(round.id).sortBy('order');
    expect(all.map(({ name, group }) => [name, group])).toEqual([
      // 王评委 was already a judge (same name, no unit): the file puts them in its group.
      ['王评委', 'expert'],
      ['李评委', undefined],
      ['赵评委', undefined],
      ['刘芳', 'expert'],
      ['王建国', 'leader'],
      ['赵敏', undefined],
    ]);
  });

  it('refuses an unknown group on its row, naming the value, and imports nothing', async () => {
    const { db, user } = await groupedRound();
    const before = await db.judges.toArray();
    const region = await uploadJudges(user, '姓名,评委组\r\n刘芳,专家评委\r\n王建国,大众评审\r\n');
    const errors = within(region).getByRole('alert');
    expect(errors).toHaveTextContent('发现 1 处错误');
    expect(errors).toHaveTextContent(
      '第 3 行 B 列：评委组“大众评审”不存在，可用的评委组：专家评委、领导评委',
    );
    expect(within(region).getByRole('button', { name: '导入 2 位评委' })).toBeDisabled();
    expect(await db.judges.toArray()).toEqual(before);
  });

  it('is never the group the audience’s phones vote as: not offered, and refused in an import', async () => {
    const db = freshDb();
    const seeded = await seedRound(db);
    await updateRound(db, seeded.round.id, {
      criteria: [...SECRETARY_SHEET, { id: 'vote', label: '大众投票', max: 100, step: 100 }],
      settings: {
        ...DEFAULT_SETTINGS,
        groups: [
          { ...(GROUPS[0] as RaterGroup), criteria: SECRETARY_SHEET.map((criterion) => criterion.id) },
          { id: 'public', label: '大众评审', weight: 3000, criteria: ['vote'], panel: null, minJudges: 1 },
        ],
      },
      audience: { groupId: 'public', criterionId: 'vote', mode: 'support', windowSeconds: 60 },
    });
    const user = userEvent.setup();
    renderWith(db, <JudgesPanel roundId={seeded.round.id} />);
    const list = await screen.findByRole('table', { name: '本赛事评委名单' });
    await user.click(within(list).getByRole('button', { name: '编辑 王评委' }));
    const group = screen.getByRole('combobox', { name: '评委组' });
    expect(
      within(group)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['不分组', '专家评委']);
    await user.click(screen.getByRole('button', { name: '取消' }));

    const region = await uploadJudges(user, '姓名,评委组\r\n刘芳,大众评审\r\n');
    expect(within(region).getByRole('alert')).toHaveTextContent(
      '第 2 行 B 列：评委组“大众评审”由观众手机投票（大众投票），不能分配评委',
    );
    expect(within(region).getByRole('button', { name: '导入 1 位评委' })).toBeDisabled();
  });
});
