/** The contestant list (states, recusal), the host's call, and 申请修改 after submitting. */

import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import {
  callContestant,
  decideCorrection,
  enterMark,
  pressKey,
  putContestant,
  readJudgeSession,
  setRecuseList,
  submitSheet,
} from '../../../src/db/repository';
import { freshDb } from '../db/helpers';
import { criterionRow, renderBoundJudge } from './render';
import { type JudgeRound, seedJudgeRound } from './seed';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

const list = () => within(screen.getByRole('navigation', { name: '选手（出场顺序）' }));
const MARKS: Record<string, number> = {
  content: 3800,
  presence: 1350,
  language: 1800,
  ppt: 1200,
  overall: 900,
};

async function markAll(db: LeitaiDB, seeded: JudgeRound, contestantId: string, submit: boolean) {
  const sheet = { roundId: seeded.round.id, judgeId: seeded.wang.id, contestantId };
  for (const [criterionId, value] of Object.entries(MARKS))
    await enterMark(db, { ...sheet, criterionId, value });
  if (submit) await submitSheet(db, sheet);
  return sheet;
}

describe('the contestant list', () => {
  it('lists contestants in draw order with this judge’s state of each sheet', async () => {
    const db = freshDb();
    const seeded = await seedJudgeRound(db);
    await markAll(db, seeded, seeded.lisi.id, true);
    await enterMark(db, {
      roundId: seeded.round.id,
      judgeId: seeded.wang.id,
      contestantId: seeded.zhangsan.id,
      criterionId: 'content',
      value: 3000,
    });
    // Another judge's marks are not this judge's business.
    await enterMark(db, {
      roundId: seeded.round.id,
      judgeId: seeded.zhao.id,
      contestantId: seeded.wangwu.id,
      criterionId: 'content',
      value: 2000,
    });
    await renderBoundJudge(db, seeded.wang.id, null);

    const buttons = await list().findAllByRole('button');
    expect(buttons.map((button) => button.textContent)).toEqual([
      '1 号李四榆树沟镇已提交',
      '2 号张三三工镇评分中',
      '3 号王五佃坝镇未开始',
    ]);
    expect(screen.getByText('本机保存').nextElementSibling).toHaveTextContent('6 个分数');
  });

  it('does not offer a contestant of the judge’s own unit, and says why', async () => {
    const db = freshDb();
    const seeded = await seedJudgeRound(db);
    await putContestant(db, { ...seeded.wangwu, status: 'withdrawn' });
    const { user } = await renderBoundJudge(db, seeded.zhao.id, null);
    await list().findByText('与您同单位，按规定回避');
    expect(list().queryByRole('button', { name: /张三/ })).not.toBeInTheDocument();
    const zhangsan = list().getByText('张三').closest('li') as HTMLElement;
    expect(zhangsan).toHaveTextContent('回避');
    expect(list().getByText('已退赛或被取消资格，不评分')).toBeInTheDocument();
    expect(
      list()
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['1 号李四榆树沟镇未开始']);

    await user.click(list().getByRole('button', { name: /李四/ }));
    expect(await screen.findByRole('heading', { level: 2, name: '1 号 李四' })).toBeInTheDocument();
  });

  it('says why for a nested unit name and for the judge’s own 回避名单, and offers neither', async () => {
    const db = freshDb();
    const seeded = await seedJudgeRound(db);
    await putContestant(db, { ...seeded.lisi, unit: '三工镇下六工村' });
    await setRecuseList(db, seeded.round.id, seeded.zhao.id, {
      contestantIds: [seeded.wangwu.id],
      units: [],
    });
    await renderBoundJudge(db, seeded.zhao.id, null);
    await list().findByText('与您的单位名称相互包含，按规定回避');
    expect(list().getByText('李四').closest('li')).toHaveTextContent('与您的单位名称相互包含，按规定回避');
    expect(list().getByText('王五').closest('li')).toHaveTextContent('在您的回避名单中，按规定回避');
    expect(list().getByText('张三').closest('li')).toHaveTextContent('与您同单位，按规定回避');
    expect(list().queryAllByRole('button')).toEqual([]);
  });
});

describe('the host’s call (叫号)', () => {
  it('opens the called contestant, but waits while another sheet is in progress', async () => {
    const db = freshDb();
    const seeded = await seedJudgeRound(db);
    const { round, wang, lisi, zhangsan, wangwu } = seeded;
    await renderBoundJudge(db, wang.id, null);
    await callContestant(db, { roundId: round.id, contestantId: lisi.id });
    expect(await screen.findByRole('heading', { level: 2, name: '1 号 李四' })).toBeInTheDocument();
    expect(list().getByRole('button', { name: /李四/ })).toHaveTextContent('台上');

    // Mid-sheet: the next call waits in a banner.
    await pressKey(
      db,
      { roundId: round.id, judgeId: wang.id, contestantId: lisi.id, criterionId: 'content' },
      '3',
    );
    await waitFor(() => expect(list().getByRole('button', { name: /李四/ })).toHaveTextContent('评分中'));
    await callContestant(db, { roundId: round.id, contestantId: wangwu.id });
    expect(await screen.findByText('主持人已叫号：3 号 王五')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: '1 号 李四' })).toBeInTheDocument();

    // Once the sheet is submitted, the waiting call opens.
    await db.drafts.clear();
    await markAll(db, seeded, lisi.id, true);
    expect(await screen.findByRole('heading', { level: 2, name: '3 号 王五' })).toBeInTheDocument();

    // A recused contestant is never opened: the call is followed, and 王五's sheet stays.
    await setRecuseList(db, round.id, wang.id, { contestantIds: [zhangsan.id], units: [] });
    const recused = await callContestant(db, { roundId: round.id, contestantId: zhangsan.id });
    await waitFor(async () =>
      expect((await readJudgeSession(db))?.followedCalls[round.id]).toBe(recused.callId),
    );
    expect(screen.getByText('主持人已叫号：2 号 张三')).toBeInTheDocument();
    expect(screen.getByText('（您对该选手回避或其已退赛）')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: '3 号 王五' })).toBeInTheDocument();
  });
});

describe('申请修改', () => {
  it('sends a request with a reason, shows it pending, refused, then reopens on approval', async () => {
    const db = freshDb();
    const seeded = await seedJudgeRound(db);
    await markAll(db, seeded, seeded.lisi.id, true);
    const { user } = await renderBoundJudge(db, seeded.wang.id, seeded.lisi.id);
    expect(await screen.findByText('已提交，评分表已锁定')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '申请修改' }));
    const dialog = screen.getByRole('dialog', { name: '申请修改评分表' });
    await user.click(within(dialog).getByRole('button', { name: '发送申请' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('请先选择一个修改理由');
    await user.click(within(dialog).getByRole('button', { name: '分数录入有误' }));
    expect(within(dialog).getByRole('button', { name: '分数录入有误' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.type(within(dialog).getByRole('textbox', { name: '补充说明（选填）' }), '内容应为36');
    await user.click(within(dialog).getByRole('button', { name: '发送申请' }));

    expect(
      await screen.findByText('修改申请已发出（分数录入有误：内容应为36），等待主持人处理。'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '申请修改' })).not.toBeInTheDocument();
    const [request] = await db.corrections.toArray();
    expect(request?.request).toMatchObject({ judgeId: seeded.wang.id, reason: '分数录入有误：内容应为36' });
    expect(list().getByRole('button', { name: /李四/ })).toHaveTextContent('申请修改中');

    await decideCorrection(db, {
      requestId: request?.requestId as string,
      approved: false,
      reason: '已公布成绩',
    });
    expect(await screen.findByText('主持人驳回了修改申请：已公布成绩')).toBeInTheDocument();
    expect(screen.getByText('已提交，评分表已锁定')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '再次申请修改' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '需要重新考虑评分' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '发送申请' }));
    await screen.findByText('修改申请已发出（需要重新考虑评分），等待主持人处理。');
    const pending = (await db.corrections.toArray()).find((row) => row.decision === null);
    await decideCorrection(db, { requestId: pending?.requestId as string, approved: true });

    expect(await screen.findByText('主持人已同意修改。改好后请重新提交。')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: '分数键盘' })).toBeInTheDocument();
    expect(criterionRow('内容')).toHaveTextContent('38');
    expect(list().getByRole('button', { name: /李四/ })).toHaveTextContent('可修改');
  });
});
