/**
 * 回避 before the day: every recused judge × contestant with its reason (同单位 / 单位包含 /
 * 回避名单), the round's rule for units, and a judge's own 回避名单 edited and applied.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RecusalPanel } from '../../../src/app/organizer/recusal/RecusalPanel';
import { enterMark, putContestant, putJudge } from '../../../src/db/repository';
import { freshDb, refusal, seedRound } from '../db/helpers';
import { renderWith } from './people-helpers';

async function setup() {
  const db = freshDb();
  const seeded = await seedRound(db);
  // 三工镇下六工村 is inside 三工镇: its contestant is recused from 赵评委 (of 三工镇) too.
  const village = await putContestant(db, { roundId: seeded.round.id, name: '马六', unit: '三工镇下六工村' });
  const user = userEvent.setup();
  renderWith(db, <RecusalPanel roundId={seeded.round.id} />);
  await screen.findByRole('heading', { name: '回避 · 评委与选手' });
  return { db, user, village, ...seeded };
}

const tableRows = () =>
  within(screen.getByRole('table', { name: '回避一览' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('RecusalPanel', () => {
  it('lists every recusal with its reason, by the rule of a round made in the app', async () => {
    await setup();
    expect(screen.getByRole('radio', { name: /本单位及名称相互包含的单位/ })).toBeChecked();
    expect(tableRows()).toEqual([
      ['赵评委', '三工镇', '张三', '三工镇', '同单位'],
      ['赵评委', '三工镇', '马六', '三工镇下六工村', '单位包含'],
    ]);
    expect(screen.getByText('共 2 处回避')).toBeInTheDocument();
  });

  it('follows the rule the organizer chooses, for the table and for the marks a tablet may enter', async () => {
    const { db, user, round, judges, village } = await setup();
    await refusal(
      enterMark(db, {
        roundId: round.id,
        judgeId: judges[2].id,
        contestantId: village.id,
        criterionId: 'content',
        value: 3000,
      }),
      'judge-recused',
    );
    await user.click(screen.getByRole('radio', { name: '只回避本单位（单位名称完全相同）' }));
    await screen.findByText('已更改按单位回避的规则');
    await waitFor(() => expect(tableRows()).toEqual([['赵评委', '三工镇', '张三', '三工镇', '同单位']]));
    expect((await db.rounds.get(round.id))?.settings.recusal).toBe('equal');
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[2].id,
      contestantId: village.id,
      criterionId: 'content',
      value: 3000,
    });
  });

  it("adds a judge's own 回避名单 (a contestant, a unit) to the table and to the stored judge", async () => {
    const { db, user, judges, contestants } = await setup();
    await user.click(screen.getByRole('button', { name: '编辑 王评委 的回避名单' }));
    const editor = screen.getByRole('form', { name: '王评委 的回避名单' });
    await user.click(within(editor).getByRole('checkbox', { name: /王五/ }));
    await user.type(
      within(editor).getByRole('textbox', { name: '回避的单位（每行一个）' }),
      '榆树沟镇{Enter}  {Enter}榆树沟镇 ',
    );
    await user.click(within(editor).getByRole('button', { name: '保存回避名单' }));
    expect(await screen.findByText('已保存 王评委 的回避名单')).toHaveRole('status');
    expect((await db.judges.get(judges[0].id))?.recuse).toEqual({
      contestantIds: [contestants[2].id],
      units: ['榆树沟镇'],
    });
    await waitFor(() =>
      expect(tableRows()).toEqual([
        ['王评委', '', '李四', '榆树沟镇', '回避名单'],
        ['王评委', '', '王五', '佃坝镇', '回避名单'],
        ['赵评委', '三工镇', '张三', '三工镇', '同单位'],
        ['赵评委', '三工镇', '马六', '三工镇下六工村', '单位包含'],
      ]),
    );
    expect(screen.getByText('王五、榆树沟镇')).toBeInTheDocument();
  });

  it('says so when nobody recuses', async () => {
    const db = freshDb();
    const { round, judges } = await seedRound(db);
    await putJudge(db, { id: judges[2].id, roundId: round.id, unit: null });
    renderWith(db, <RecusalPanel roundId={round.id} />);
    expect(await screen.findByText('目前没有需要回避的评委与选手。')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: '回避一览' })).not.toBeInTheDocument();
  });
});
