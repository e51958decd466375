/** A round scored in rater groups, on the judge's tablet: each judge sees their group's criteria only. */

import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { enterMark, putJudge, RepositoryError, updateRound } from '../../../src/db/repository';
import { DEFAULT_SETTINGS, type RaterGroup } from '../../../src/domain/model';
import { freshDb, SECRETARY_SHEET } from '../db/helpers';
import { keypad, renderBoundJudge, typeOnKeypad } from './render';
import { seedJudgeRound } from './seed';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

const GROUPS: RaterGroup[] = [
  {
    id: 'expert',
    label: '专家评委',
    weight: 7000,
    criteria: ['content', 'presence', 'language', 'ppt', 'overall'],
    panel: null,
    minJudges: null,
  },
  {
    id: 'leader',
    label: '领导评委',
    weight: 2000,
    criteria: ['content', 'overall'],
    panel: null,
    minJudges: null,
  },
  {
    id: 'public',
    label: '大众评审',
    weight: 1000,
    criteria: ['vote'],
    panel: { kind: 'mean' },
    minJudges: 1,
  },
];

/** 王评委 a leader, 赵评委 in no group yet; the sheet has the audience's vote besides the contest's. */
async function groupedRound() {
  const db = freshDb();
  const seeded = await seedJudgeRound(db);
  await updateRound(db, seeded.round.id, {
    criteria: [...SECRETARY_SHEET, { id: 'vote', label: '大众投票', max: 100, step: 100 }],
    settings: { ...DEFAULT_SETTINGS, groups: GROUPS },
  });
  await putJudge(db, { id: seeded.wang.id, roundId: seeded.round.id, group: 'leader' });
  return { db, ...seeded };
}

describe('a judge of a round with rater groups', () => {
  it('sees only their group’s criteria, with the total, the keypad and 提交 over them alone', async () => {
    const { db, wang, lisi } = await groupedRound();
    const { user } = await renderBoundJudge(db, wang.id, lisi.id);
    const sheet = screen.getByRole('region', { name: '1 号 李四' });
    const rows = within(sheet).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('.crit__label')?.textContent)).toEqual(['内容', '综合印象']);
    expect(within(sheet).queryByText('大众投票')).not.toBeInTheDocument();
    expect(screen.getByText('满分 50 · 已打 0/2 项')).toBeInTheDocument();

    await typeOnKeypad(user, '36');
    await user.click(keypad().getByRole('button', { name: /确定/ }));
    await typeOnKeypad(user, '9');
    await user.click(keypad().getByRole('button', { name: /确定/ }));
    await waitFor(() => expect(document.querySelector('.judge-total__value')?.textContent).toBe('45.00'));
    await user.click(screen.getByRole('button', { name: '提交评分表' }));
    const dialog = await screen.findByRole('dialog', { name: '确认提交：1 号 李四' });
    expect(
      within(dialog)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['评分项得分满分', '内容3640', '综合印象910', '合计45.0050']);
    await user.click(within(dialog).getByRole('button', { name: '确认提交' }));
    expect(await screen.findByText('已提交，评分表已锁定')).toBeInTheDocument();
    expect((await db.sheets.toArray()).map((row) => row.status)).toEqual(['submitted']);
    // A mark outside the group is refused before it is written (src/domain/mark-write.ts).
    const marks = await db.marks.count();
    await expect(
      enterMark(db, {
        roundId: lisi.roundId,
        judgeId: wang.id,
        contestantId: lisi.id,
        criterionId: 'presence',
        value: 1200,
      }),
    ).rejects.toBeInstanceOf(RepositoryError);
    expect(await db.marks.count()).toBe(marks);
  });

  it('has no sheet while in none of the round’s groups, and says why instead', async () => {
    const { db, round, zhao, lisi } = await groupedRound();
    await renderBoundJudge(db, zhao.id, null);
    const notice = await screen.findByRole('region', { name: '您还没有分到本轮的评委组' });
    expect(within(notice).getByRole('alert')).toHaveTextContent(
      '“市级决赛”按评委组评分，赵评委不在本轮的任何评委组中，暂时不能打分。',
    );
    expect(screen.queryByRole('group', { name: '分数键盘' })).not.toBeInTheDocument();
    // The device refuses such a mark too (src/domain/mark-write.ts).
    await expect(
      enterMark(db, {
        roundId: round.id,
        judgeId: zhao.id,
        contestantId: lisi.id,
        criterionId: 'content',
        value: 3000,
      }),
    ).rejects.toBeInstanceOf(RepositoryError);
    expect(await db.marks.count()).toBe(0);
  });
});
