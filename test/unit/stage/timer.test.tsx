/**
 * The stage clock on the host console, with the screen's clock faked: the countdown from the
 * round's 10 minutes, the warnings at 2 and 1 minutes left, red when time is up, the overtime
 * counted, and at the pause the proposed deduction, which the host confirms.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callContestant } from '../../../src/db/repository';
import { freshDb } from '../db/helpers';
import { renderHost, seedStageRound } from './stage-helpers';

const START = new Date('2026-06-18T10:00:00.000Z').getTime();

beforeEach(() => {
  // Only the clock: IndexedDB (fake-indexeddb) and the screen's 200 ms tick keep real timers.
  vi.useFakeTimers({ toFake: ['Date'], now: START });
});

afterEach(() => {
  vi.useRealTimers();
});

const timerCard = () => screen.getByRole('region', { name: '计时' });
const digits = () => timerCard().querySelector('.host-timer__digits')?.textContent;

describe('the stage clock', () => {
  it('counts down, warns at 2 and 1 minutes, turns red at the limit and proposes the overtime deduction', async () => {
    const db = freshDb();
    const { round, contestants } = await seedStageRound(db);
    await callContestant(db, { roundId: round.id, contestantId: contestants[1].id });
    const { user, unmount } = renderHost(db, round.id);

    await screen.findByRole('heading', { level: 2, name: '2号 李四' });
    // The clock is a part of its own, loaded as the console mounts.
    await screen.findByRole('region', { name: '计时' });
    expect(digits()).toBe('剩余 10:00');
    await user.click(within(timerCard()).getByRole('button', { name: '开始计时' }));
    await within(timerCard()).findByText('计时中');

    vi.setSystemTime(START + 8 * 60_000);
    await waitFor(() => expect(digits()).toBe('剩余 2:00'));
    expect(within(timerCard()).getByText(/还剩 2 分钟/)).toBeInTheDocument();
    expect(timerCard()).toHaveClass('host-timer--twoMinutes');

    vi.setSystemTime(START + 9 * 60_000 + 30_000);
    await waitFor(() => expect(digits()).toBe('剩余 0:30'));
    expect(timerCard()).toHaveClass('host-timer--oneMinute');

    vi.setSystemTime(START + 10 * 60_000);
    await waitFor(() => expect(timerCard()).toHaveClass('host-timer--overtime'));
    expect(within(timerCard()).getByText(/时间到，已超时 0:00/)).toBeInTheDocument();

    vi.setSystemTime(START + 11 * 60_000 + 12_000);
    await waitFor(() => expect(digits()).toBe('剩余 +1:12'));
    // Still running: nothing is proposed yet.
    expect(within(timerCard()).queryByRole('button', { name: '确认超时扣分' })).toBeNull();

    await user.click(within(timerCard()).getByRole('button', { name: '暂停' }));
    await within(timerCard()).findByText('已暂停');
    const pause = (await db.events.where('type').equals('stage.timer').sortBy('deviceSeq')).at(-1);
    expect(pause?.payload).toMatchObject({ action: 'pause', elapsedMs: 672_000 });
    // 72 s over, every started 30 s costs 0.5: three periods.
    expect(
      within(timerCard()).getByText(
        '超时 1:12：按本轮规则（每 30 秒扣 0.5 分，不足 30 秒按 30 秒计）应扣 1.5 分',
      ),
    ).toBeInTheDocument();

    // A paused clock stays where it was, whatever the time: the console opened again 20 minutes
    // later reads the clock afresh and shows the paused time.
    vi.setSystemTime(START + 20 * 60_000);
    unmount();
    const { user: later } = renderHost(db, round.id);
    await within(await screen.findByRole('region', { name: '计时' })).findByText('已暂停');
    expect(digits()).toBe('剩余 +1:12');

    await later.click(within(timerCard()).getByRole('button', { name: '确认超时扣分' }));
    const dialog = await screen.findByRole('dialog', { name: '记录超时扣分？' });
    expect(dialog).toHaveTextContent('为 李四 记录“超时扣分” -1.5 分，理由：超时 1分12秒。');
    await later.click(within(dialog).getByRole('button', { name: '确认超时扣分' }));
    await within(timerCard()).findByText('已记录超时扣分 -1.5 分（超时 1分12秒）');
    const [adjustment] = await db.adjustments.toArray();
    expect(adjustment?.added).toMatchObject({
      contestantId: contestants[1].id,
      label: '超时扣分',
      points: -150,
      reason: '超时 1分12秒',
    });
  });

  it('resumes from the paused time and resets only after asking', async () => {
    const db = freshDb();
    const { round, contestants } = await seedStageRound(db);
    await callContestant(db, { roundId: round.id, contestantId: contestants[2].id });
    const { user } = renderHost(db, round.id);
    await screen.findByRole('heading', { level: 2, name: '3号 王五' });
    await screen.findByRole('region', { name: '计时' });

    await user.click(within(timerCard()).getByRole('button', { name: '开始计时' }));
    await within(timerCard()).findByText('计时中');
    vi.setSystemTime(START + 90_000);
    await user.click(await within(timerCard()).findByRole('button', { name: '暂停' }));
    await within(timerCard()).findByText('已暂停');
    await waitFor(() => expect(digits()).toBe('剩余 8:30'));
    vi.setSystemTime(START + 300_000);
    await user.click(await within(timerCard()).findByRole('button', { name: '继续计时' }));
    await within(timerCard()).findByText('计时中');
    vi.setSystemTime(START + 310_000);
    await waitFor(() => expect(digits()).toBe('剩余 8:20'));

    await user.click(within(timerCard()).getByRole('button', { name: '重置' }));
    const dialog = await screen.findByRole('dialog', { name: '重置计时？' });
    expect(dialog).toHaveTextContent('已计时 1:40 将清零。');
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(digits()).toBe('剩余 8:20');
    await user.click(within(timerCard()).getByRole('button', { name: '重置' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '重置' }));
    await waitFor(() => expect(digits()).toBe('剩余 10:00'));
    expect(within(timerCard()).getByText('未开始')).toBeInTheDocument();
  });
});
