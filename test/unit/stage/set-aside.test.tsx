/**
 * The host console with a sheet set aside: the contestant needs attention in the queue, the
 * checks before 公布 name the refused mark in words, the judge's row says it does not count, the
 * rest of the round is still scored, and the reveal goes past the sheet only with a reason.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useUiStore } from '../../../src/app/i18n/language';
import { callContestant, loadRoundInput, updateRound } from '../../../src/db/repository';
import { computeLiveStandings } from '../../../src/domain/live-standings';
import { freshDb } from '../db/helpers';
import { markFromTablet } from './from-other-devices';
import { renderHost, scoreSheet, seedStageRound } from './stage-helpers';

const revealCard = () => screen.getByRole('region', { name: '公布成绩' });
// The reveal panel is a lazy part of the console: the first look waits for it.
const findRevealCard = () => screen.findByRole('region', { name: '公布成绩' }, { timeout: 10_000 });
const panel = () => screen.getByRole('region', { name: '评委评分进度' });
const queue = () => screen.getByRole('region', { name: '出场顺序' });

describe('a set-aside sheet on the host console', () => {
  it('is named in the checks, holds the contestant, and is revealed past only with a reason', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedStageRound(db);
    const [, lisi, wangwu] = contestants;
    for (const [at, judge] of judges.entries()) {
      await scoreSheet(db, round.id, judge.id, lisi.id, 90 - at * 10);
      await scoreSheet(db, round.id, judge.id, wangwu.id, 80);
    }
    // 王评委's tablet, on an old version, sends 99999 for 李四's 内容.
    await markFromTablet(
      db,
      { roundId: round.id, judgeId: judges[0].id, contestantId: lisi.id, criterionId: 'content' },
      9999900,
    );
    const { user } = renderHost(db, round.id);

    await screen.findByRole('region', { name: '出场顺序' });
    const lisiInQueue = within(queue()).getByRole('button', { name: /^2号 李四/ });
    expect(lisiInQueue).toHaveTextContent('需处理');
    expect(within(queue()).getByRole('button', { name: /^3号 王五/ })).toHaveTextContent('待公布');
    // The rest of the round is scored: 王五 ranks first, 李四 is not ranked at all.
    const live = computeLiveStandings(await loadRoundInput(db, round.id));
    expect(live.ranked.map((result) => [result.id, result.rank])).toEqual([[wangwu.id, 1]]);

    await callContestant(db, { roundId: round.id, contestantId: lisi.id });
    const card = await waitFor(() => {
      const found = within(revealCard()).getByText('王评委 的评分表不符合评分规则，暂不计分：');
      return found.closest('li') as HTMLElement;
    });
    expect(card).toHaveTextContent(
      new RegExp(
        `王评委（${judges[0].id}） 给 李四（${lisi.id}） 的「内容（content）」打分 99999，超过满分 40`,
      ),
    );
    expect(within(revealCard()).getByText(/该选手暂不排名。请评委申请修改、更正分数/)).toBeInTheDocument();
    expect(
      within(revealCard()).getByText('评分未完成：已有 2 位评委完成评分，需要 3 位，不能公布。'),
    ).toBeInTheDocument();
    expect(within(revealCard()).getByRole('button', { name: '公布成绩' })).toBeDisabled();
    const wangRow = within(panel()).getByText('王评委').closest('li') as HTMLElement;
    expect(wangRow).toHaveTextContent('暂不计分');

    act(() => useUiStore.setState({ lang: 'en' }));
    expect(
      await within(screen.getByRole('region', { name: 'Reveal' })).findByText(
        'The sheet of 王评委 breaks a scoring rule and is not counted:',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Reveal' })).toHaveTextContent(
      `judge 王评委（${judges[0].id}）, contestant 李四（${lisi.id}）, 内容（content）: mark 99999 is above the max 40`,
    );
    act(() => useUiStore.setState({ lang: 'zh-CN' }));

    // The organizer decides two judges are enough: the host may now reveal past the sheet, with a reason.
    await updateRound(db, round.id, { settings: { ...round.settings, minJudges: 2 } });
    await waitFor(() => expect(within(revealCard()).getByRole('button', { name: '公布成绩' })).toBeEnabled());
    await user.click(within(revealCard()).getByRole('button', { name: '公布成绩' }));
    const dialog = await screen.findByRole('dialog', { name: '公布 2号 李四 的成绩？' });
    expect(within(dialog).getByText('王评委 的评分表不符合评分规则，暂不计分：')).toBeInTheDocument();
    await user.type(
      within(dialog).getByLabelText('仍要公布的理由（必填，记入记录）'),
      '组委会决定按其余评委计分',
    );
    await user.click(within(dialog).getByRole('button', { name: '确认公布' }));

    await within(await findRevealCard()).findByText('已公布，评分已锁定');
    // 李评委 80 and 赵评委 70: the mean of the two, now ranked second after 王五.
    expect(
      await within(await findRevealCard()).findByText('最后得分75.00分，目前排名第2名。', { exact: false }),
    ).toBeInTheDocument();
  });
});
