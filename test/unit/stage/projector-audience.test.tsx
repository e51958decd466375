/**
 * What the audience sees on the projector (issue 12, findings 3, 7 and 12): a waiting screen
 * before the host's first call; nothing the host has not revealed, on any view; ranks and awards
 * marked 暂定 (目前排名) until every contestant is revealed or the organizer closes the round;
 * and the 全屏 control only while someone moves the mouse or presses a key.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDLE_MS } from '../../../src/app/stage/use-idle';
import { revealContestant, setProjectorDisplay, setRoundClosed } from '../../../src/db/repository';
import { freshDb } from '../db/helpers';
import { renderHost, renderProjector, scoreSheet, seedStageRound } from './stage-helpers';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** 张三 scored 90 and 李四 80, 王五 96 (best of all) but not revealed; two of three revealed. */
async function twoOfThreeRevealed() {
  const db = freshDb();
  const seeded = await seedStageRound(db);
  const { round, judges, contestants } = seeded;
  const [zhang, li, wang] = contestants;
  for (const [contestant, percent] of [
    [zhang, 90],
    [li, 80],
    [wang, 96],
  ] as const) {
    // 赵评委 is of 张三's unit (三工镇): recused.
    for (const judge of judges.filter((candidate) => candidate.unit !== contestant.unit)) {
      await scoreSheet(db, round.id, judge.id, contestant.id, percent);
    }
  }
  await revealContestant(db, { roundId: round.id, contestantId: zhang.id });
  await revealContestant(db, { roundId: round.id, contestantId: li.id });
  return { db, ...seeded };
}

const show = (
  db: Parameters<typeof setProjectorDisplay>[0],
  roundId: string,
  view: 'leaderboard' | 'awards',
) => setProjectorDisplay(db, roundId, { view, contestantId: null, theme: 'leitai' });

describe('the projector before the first call', () => {
  it('waits with the competition, the round and 比赛即将开始, not a board of 评分中', async () => {
    const db = freshDb();
    const { round } = await seedStageRound(db);
    const { container } = renderProjector(db, round.id);
    expect(await screen.findByText('比赛即将开始', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText('2026年昌吉市村党组织书记“擂台比武”')).toBeInTheDocument();
    expect(screen.getByText('市级决赛')).toBeInTheDocument();
    expect(container.querySelectorAll('.pj-row')).toHaveLength(0);
    expect(screen.queryByText('评分中')).toBeNull();
  });
});

describe('only what the host revealed', () => {
  it('lists an unrevealed contestant as 评分中 on the leaderboard, and ranks the revealed among themselves', async () => {
    const { db, round } = await twoOfThreeRevealed();
    await show(db, round.id, 'leaderboard');
    const { container } = renderProjector(db, round.id);
    await screen.findByRole('heading', { name: '成绩排行榜' }, { timeout: 10_000 });
    await waitFor(() => expect(container.querySelectorAll('.pj-row')).toHaveLength(3));
    const rows = [...container.querySelectorAll('.pj-row')].map((row) =>
      [...row.children].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['1', '张三三工镇', '90.00', '一等奖'],
      ['2', '李四榆树沟镇', '80.00', '二等奖'],
      ['—', '王五佃坝镇', '评分中', ''],
    ]);
    expect(container.textContent).not.toContain('96.00');
    expect(screen.getByText('暂定 · 已公布 2/3 位')).toBeInTheDocument();
  });

  it('leaves an unrevealed contestant out of the awards, which are 暂定', async () => {
    const { db, round } = await twoOfThreeRevealed();
    await show(db, round.id, 'awards');
    const { container } = renderProjector(db, round.id);
    await screen.findByRole('heading', { name: '获奖名单' }, { timeout: 10_000 });
    await waitFor(() => expect(container.querySelectorAll('.pj-winner').length).toBeGreaterThan(0));
    expect(screen.getByText('暂定 · 已公布 2/3 位')).toBeInTheDocument();
    expect(container.textContent).not.toContain('王五');
    expect(container.textContent).not.toContain('96.00');
    expect(screen.getByRole('heading', { name: '一等奖' })).toBeInTheDocument();
    expect(container.querySelector('.pj-winner__name')).toHaveTextContent('张三');
  });

  it('says 目前排名 on a reveal while provisional, and 第 N 名 once the organizer closes the round', async () => {
    const matchMedia = vi.fn((query: string) => ({
      matches: query === '(prefers-reduced-motion: reduce)',
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
    vi.stubGlobal('matchMedia', matchMedia);
    const { db, round } = await twoOfThreeRevealed();
    const { container } = renderProjector(db, round.id);
    // The last reveal (李四) is on screen: second of the two revealed so far.
    await waitFor(() => expect(container.querySelector('.pj-rank')).toHaveTextContent('目前排名第 2 名'));
    await act(() => setRoundClosed(db, { roundId: round.id, closed: true }));
    await waitFor(() => expect(container.querySelector('.pj-rank')).toHaveTextContent(/^第 2 名$/));
    await act(() => show(db, round.id, 'awards'));
    await screen.findByRole('heading', { name: '获奖名单' }, { timeout: 10_000 });
    expect(container.querySelector('.pj-provisional')).toBeNull();
    // Closed, yet the unrevealed 王五 stays off the screen until the host reveals him.
    expect(container.textContent).not.toContain('王五');
  });
});

describe('the projector’s controls', () => {
  it('hide after 3 s without the mouse or a key, come back on either, and F still toggles full screen', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const requestFullscreen = vi.fn(() => Promise.resolve());
    Object.defineProperty(document, 'fullscreenEnabled', { configurable: true, value: true });
    document.documentElement.requestFullscreen = requestFullscreen;
    const db = freshDb();
    const { round } = await seedStageRound(db);
    renderProjector(db, round.id);
    await vi.waitFor(() => expect(screen.getByRole('button', { name: '全屏 (F)' })).toBeInTheDocument());

    act(() => vi.advanceTimersByTime(IDLE_MS));
    expect(screen.queryByRole('button', { name: '全屏 (F)' })).toBeNull();
    expect(document.querySelector('.pj-page--idle')).not.toBeNull();

    fireEvent.mouseMove(window);
    expect(screen.getByRole('button', { name: '全屏 (F)' })).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(IDLE_MS));
    expect(screen.queryByRole('button', { name: '全屏 (F)' })).toBeNull();

    fireEvent.keyDown(window, { key: 'f' });
    expect(requestFullscreen).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: '全屏 (F)' })).toBeInTheDocument();

    // In full screen the control stays away, mouse or not.
    Object.defineProperty(document, 'fullscreenElement', {
      configurable: true,
      value: document.documentElement,
    });
    act(() => {
      document.dispatchEvent(new Event('fullscreenchange'));
    });
    fireEvent.mouseMove(window);
    expect(screen.queryByRole('button', { name: '全屏 (F)' })).toBeNull();
    Object.defineProperty(document, 'fullscreenElement', { configurable: true, value: null });
  });
});

describe('the host console’s projector controls', () => {
  it('show no view on while the projector waits, and the awards as 暂定 while provisional', async () => {
    const db = freshDb();
    const { round } = await seedStageRound(db);
    renderHost(db, round.id);
    // The display controls come after the console's first paint, and read the round themselves:
    // on a machine loaded by the whole suite, that takes a while.
    const display = await screen.findByRole('region', { name: '大屏' }, { timeout: 20_000 });
    await within(display).findByRole('button', { name: '获奖名单（暂定）' }, { timeout: 20_000 });
    const views = within(display).getByRole('group', { name: '大屏' });
    // The four views, and 总排名, which waits for the competition's combination.
    expect(within(views).getAllByRole('button')).toHaveLength(5);
    expect(within(views).getByRole('button', { name: '总排名' })).toBeDisabled();
    expect(within(views).queryAllByRole('button', { pressed: true })).toEqual([]);
    await act(() => show(db, round.id, 'leaderboard'));
    await waitFor(() =>
      expect(within(display).getByRole('button', { name: '排行榜' })).toHaveAttribute('aria-pressed', 'true'),
    );
  }, 60_000);
});
