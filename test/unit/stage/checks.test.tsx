/**
 * Before 公布: the panel's progress, 催分, the outlier flag and 请评委确认, the override with a
 * reason, the reveal and the sentence to read out; and the judge's screen showing the host's
 * requests.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  bindJudge,
  callContestant,
  confirmTotal,
  nudgeJudge,
  openContestantSheet,
  readStageEvents,
  requestConfirmation,
} from '../../../src/db/repository';
import type { LeitaiEvent } from '../../../src/domain/events';
import { contestantLockOf } from '../../../src/domain/stage';
import { freshDb } from '../db/helpers';
import { renderJudgePage } from '../judge/render';
import { renderHost, scoreSheet, seedStageRound } from './stage-helpers';

const panel = () => screen.getByRole('region', { name: '评委评分进度' });
const judgeRow = (name: string) => within(panel()).getByText(name).closest('li') as HTMLElement;
const revealCard = () => screen.getByRole('region', { name: '公布成绩' });
// The reveal panel is a lazy part of the console: the first look waits for it.
const findRevealCard = () => screen.findByRole('region', { name: '公布成绩' }, { timeout: 10_000 });

describe('the checks before the reveal', () => {
  it('shows who has submitted, nudges a late judge and reveals with a recorded reason', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedStageRound(db);
    const lisi = contestants[1];
    await callContestant(db, { roundId: round.id, contestantId: lisi.id });
    await scoreSheet(db, round.id, judges[0].id, lisi.id, 90);
    // 李评委 has marked everything but not submitted; 赵评委 has not started.
    await scoreSheet(db, round.id, judges[1].id, lisi.id, 80, false);
    const { user } = renderHost(db, round.id);

    await screen.findByText('已提交 1 / 3');
    await findRevealCard();
    expect(judgeRow('王评委')).toHaveTextContent('已提交总分 90.00');
    expect(judgeRow('李评委')).toHaveTextContent('评分中总分 80.00');
    expect(judgeRow('赵评委')).toHaveTextContent('未开始已打 0/5 项');
    expect(within(revealCard()).getByText('还有 2 位评委未提交：李评委、赵评委')).toBeInTheDocument();
    expect(
      within(revealCard()).getByText('评分未完成：已有 2 位评委完成评分，需要 3 位，不能公布。'),
    ).toBeInTheDocument();
    expect(within(revealCard()).getByRole('button', { name: '公布成绩' })).toBeDisabled();

    await user.click(within(panel()).getByRole('button', { name: '催 赵评委 评分' }));
    await within(judgeRow('赵评委')).findByText('已催分');
    const nudges = (await readStageEvents(db, round.id)).filter((event) => event.type === 'stage.nudge');
    expect(nudges.map((event) => (event as LeitaiEvent<'stage.nudge'>).payload.judgeId)).toEqual([
      judges[2].id,
    ]);

    await scoreSheet(db, round.id, judges[2].id, lisi.id, 70, false);
    await within(await findRevealCard()).findByText('还有 2 位评委未提交：李评委、赵评委');
    await waitFor(() => expect(within(revealCard()).getByRole('button', { name: '公布成绩' })).toBeEnabled());
    await user.click(within(revealCard()).getByRole('button', { name: '公布成绩' }));
    const dialog = await screen.findByRole('dialog', { name: '公布 2号 李四 的成绩？' });
    await user.click(within(dialog).getByRole('button', { name: '确认公布' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('请填写仍要公布的理由（必填，记入记录）');
    await user.type(within(dialog).getByLabelText('仍要公布的理由（必填，记入记录）'), '两位评委已口头确认');
    await user.click(within(dialog).getByRole('button', { name: '确认公布' }));

    await within(await findRevealCard()).findByText('已公布，评分已锁定');
    expect(
      within(revealCard()).getByText(
        '去掉一个最高分90.00分，去掉一个最低分70.00分，最后得分80.00分，目前排名第1名。',
      ),
    ).toBeInTheDocument();
    const lock = contestantLockOf(await readStageEvents(db, round.id), lisi.id).lock;
    expect(lock?.payload.override).toEqual({
      reason: '两位评委已口头确认',
      missingJudgeIds: [judges[1].id, judges[2].id],
    });
  });

  it('flags a total far from the median and asks that judge to confirm', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedStageRound(db);
    const wangwu = contestants[2];
    await callContestant(db, { roundId: round.id, contestantId: wangwu.id });
    await scoreSheet(db, round.id, judges[0].id, wangwu.id, 90);
    await scoreSheet(db, round.id, judges[1].id, wangwu.id, 88);
    await scoreSheet(db, round.id, judges[2].id, wangwu.id, 70); // 18 below the median 88: more than 10
    const { user } = renderHost(db, round.id);

    await screen.findByText('已提交 3 / 3');
    expect(judgeRow('赵评委')).toHaveTextContent('比中位数低出满分的 10% 以上');
    expect(judgeRow('王评委')).not.toHaveTextContent('中位数');
    expect(within(revealCard()).getByText('评分偏差较大、评委尚未确认：赵评委')).toBeInTheDocument();
    await user.click(within(panel()).getByRole('button', { name: '请 赵评委 确认总分' }));
    await within(judgeRow('赵评委')).findByText('已请评委确认');

    const request = (await readStageEvents(db, round.id)).find(
      (event) => event.type === 'stage.confirmRequest',
    ) as LeitaiEvent<'stage.confirmRequest'>;
    expect(request.payload).toMatchObject({ judgeId: judges[2].id, contestantId: wangwu.id, total: '70.00' });
    await confirmTotal(db, {
      roundId: round.id,
      requestId: request.payload.requestId,
      judgeId: judges[2].id,
    });
    await within(judgeRow('赵评委')).findByText('评委已确认');
    await waitFor(() => expect(within(revealCard()).queryByText(/评委尚未确认/)).toBeNull());
    expect(within(revealCard()).getByText('全部 3 位评委已提交，可以公布。')).toBeInTheDocument();
  });
});

describe('the host’s requests on the judge’s screen', () => {
  it('shows 催分 until the sheet is submitted, and 请确认 until the judge confirms', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedStageRound(db);
    const [wang] = judges;
    const lisi = contestants[1];
    await bindJudge(db, wang.id);
    await openContestantSheet(db, contestants[2].id);
    const { user } = renderJudgePage(db);
    await screen.findByRole('heading', { level: 1, name: '王评委' });

    await nudgeJudge(db, { roundId: round.id, judgeId: wang.id, contestantId: lisi.id });
    const nudge = await screen.findByText('主持人催分：请尽快完成并提交 2号 李四 的评分');
    await user.click(within(nudge.closest('div') as HTMLElement).getByRole('button', { name: '打开评分表' }));
    await screen.findByRole('heading', { level: 2, name: '2 号 李四' });
    await scoreSheet(db, round.id, wang.id, lisi.id, 90);
    await waitFor(() => expect(screen.queryByText(/主持人催分/)).toBeNull());

    await requestConfirmation(db, {
      roundId: round.id,
      judgeId: wang.id,
      contestantId: lisi.id,
      total: '90.00',
    });
    const question = await screen.findByText(
      '主持人请您确认：您给 2号 李四 的总分 90.00 与其他评委差距较大。',
    );
    await user.click(
      within(question.closest('div') as HTMLElement).getByRole('button', { name: '确认无误' }),
    );
    await waitFor(() => expect(screen.queryByText(/主持人请您确认/)).toBeNull());
    const confirms = (await readStageEvents(db, round.id)).filter((event) => event.type === 'stage.confirm');
    expect(confirms.map((event) => event.author)).toEqual([{ role: 'judge', judgeId: wang.id }]);
  });
});
