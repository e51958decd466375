/**
 * The host console of issue 12: 叫号 only for contestants still to come, the reveal at the pace
 * the host chose (隆重 / 标准 / 快速) on the projector too, 跳过动画 straight to the final score,
 * and a console that has not logged in saying so instead of "no rounds".
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import HostPage from '../../../src/app/stage/HostPage';
import { useRevealPace } from '../../../src/app/stage/reveal-pace';
import {
  RANK_AFTER_MS,
  REVEAL_COMPLETE,
  revealDurationMs,
  revealProgress,
  TOTAL_STEP_MS,
} from '../../../src/app/stage/reveal-sequence';
import { readStageEvents, revealContestant } from '../../../src/db/repository';
import type { LeitaiEvent } from '../../../src/domain/events';
import { projectorViewOf } from '../../../src/domain/stage';
import { syncStateTable } from '../../../src/sync/sync-state';
import { freshDb } from '../db/helpers';
import { renderHost, renderProjector, scoreSheet, seedStageRound } from './stage-helpers';

/** /stage without a round: what a new device opens. */
function renderNewConsole(db: ReturnType<typeof freshDb>) {
  window.history.replaceState(null, '', '/stage');
  return render(
    <DatabaseProvider db={db}>
      <HostPage />
    </DatabaseProvider>,
  );
}

const START = new Date('2026-06-18T10:00:00.000Z').getTime();
const revealCard = () => screen.getByRole('region', { name: '公布成绩' });
// The reveal panel is a lazy part of the console: the first look waits for it.
const findRevealCard = () => screen.findByRole('region', { name: '公布成绩' }, { timeout: 10_000 });
const queue = () => screen.findByRole('region', { name: '出场顺序' });

async function latestView(db: ReturnType<typeof freshDb>, roundId: string) {
  return projectorViewOf(await readStageEvents(db, roundId)) as LeitaiEvent<'stage.view'>;
}

/** 李四 scored by all three judges (90, 80, 70). */
async function scoredRound() {
  const db = freshDb();
  const seeded = await seedStageRound(db);
  const [wang, li, zhao] = seeded.judges;
  const lisi = seeded.contestants[1];
  await scoreSheet(db, seeded.round.id, wang.id, lisi.id, 90);
  await scoreSheet(db, seeded.round.id, li.id, lisi.id, 80);
  await scoreSheet(db, seeded.round.id, zhao.id, lisi.id, 70);
  return { db, ...seeded, lisi };
}

beforeEach(() => {
  localStorage.clear();
  useRevealPace.setState({ pace: 'standard' });
});

describe('revealProgress at the host’s pace', () => {
  it('runs the same steps slower for 隆重 and faster for 快速; instant shows everything', () => {
    const standardEnd = 3 * TOTAL_STEP_MS + RANK_AFTER_MS;
    expect(revealDurationMs(3)).toBe(standardEnd);
    expect(revealDurationMs(3, 'ceremonial')).toBeGreaterThan(standardEnd);
    expect(revealDurationMs(3, 'quick')).toBeLessThan(standardEnd / 2);
    expect(revealDurationMs(3, 'instant')).toBe(0);
    expect(revealProgress(standardEnd, 3, 'standard').done).toBe(true);
    expect(revealProgress(standardEnd, 3, 'ceremonial').done).toBe(false);
    expect(revealProgress(revealDurationMs(3, 'ceremonial'), 3, 'ceremonial').done).toBe(true);
    expect(revealProgress(revealDurationMs(3, 'quick') - 1, 3, 'quick').done).toBe(false);
    expect(revealProgress(revealDurationMs(3, 'quick'), 3, 'quick')).toMatchObject({
      totalsShown: 3,
      struck: true,
      finalShown: true,
      done: true,
    });
    expect(revealProgress(0, 3, 'instant')).toEqual(REVEAL_COMPLETE);
  });
});

describe('the queue', () => {
  it('offers 叫号 for contestants still to come, not for a revealed one', async () => {
    const { db, round, lisi } = await scoredRound();
    await revealContestant(db, { roundId: round.id, contestantId: lisi.id });
    renderHost(db, round.id);
    const list = await queue();
    await within(list).findByRole('button', { name: '叫号：3号 王五' });
    expect(within(list).getByRole('button', { name: '叫号：1号 张三' })).toBeInTheDocument();
    expect(within(list).queryByRole('button', { name: '叫号：2号 李四' })).toBeNull();
    expect(within(list).getByText('已公布')).toBeInTheDocument();
  });
});

describe('揭晓速度 and 跳过', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: START });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reveals at the pace the host chose, and the projector unfolds it at that pace', async () => {
    const { db, round, lisi } = await scoredRound();
    const { user, unmount } = renderHost(db, round.id);
    await user.click(await within(await queue()).findByRole('button', { name: /^2号\s*李四/ }));
    const quick = await within(await findRevealCard()).findByRole('button', { name: '快速' });
    await user.click(quick);
    expect(quick).toHaveAttribute('aria-pressed', 'true');
    expect(localStorage.getItem('leitai.revealPace')).toBe('quick');
    await user.click(within(revealCard()).getByRole('button', { name: '公布成绩' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: '公布 2号 李四 的成绩？' })).getByRole('button', {
        name: '确认公布',
      }),
    );
    await within(await findRevealCard()).findByText('已公布，评分已锁定');
    const view = await latestView(db, round.id);
    expect(view.payload).toMatchObject({ view: 'reveal', contestantId: lisi.id, pace: 'quick' });
    unmount();

    const { container } = renderProjector(db, round.id);
    await screen.findByText('李四');
    // Well before a standard reveal would end, the quick one is over.
    vi.setSystemTime(START + revealDurationMs(3, 'quick'));
    await waitFor(() => expect(container.querySelector('[data-reveal-done="true"]')).not.toBeNull());
    expect(container.querySelector('.pj-final__score')).toHaveTextContent('80.00');
  });

  it('skips to the final score on the projector at once, and offers the skip only while it runs', async () => {
    const { db, round, lisi } = await scoredRound();
    await revealContestant(db, { roundId: round.id, contestantId: lisi.id, pace: 'ceremonial' });
    const { user, unmount } = renderHost(db, round.id);
    await user.click(await within(await queue()).findByRole('button', { name: /^2号\s*李四/ }));
    await user.click(await within(await findRevealCard()).findByRole('button', { name: '跳过动画' }));
    await waitFor(async () => expect((await latestView(db, round.id)).payload.pace).toBe('instant'));
    await waitFor(() => expect(within(revealCard()).queryByRole('button', { name: '跳过动画' })).toBeNull());
    // The readout stays; 在大屏重新揭晓 replays at the chosen pace.
    expect(within(revealCard()).getByText(/最后得分80\.00分/)).toBeInTheDocument();
    unmount();

    const { container } = renderProjector(db, round.id);
    await waitFor(() => expect(container.querySelector('[data-reveal-done="true"]')).not.toBeNull());
    expect(container.querySelector('.pj-final')).toHaveClass('pj-final--shown');
    expect(container.querySelectorAll('.pj-total--shown')).toHaveLength(3);
  });
});

describe('before login', () => {
  it('says that the console has not logged in, instead of that there are no rounds', async () => {
    const db = freshDb();
    renderNewConsole(db);
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent('本设备还没有登录场馆服务器，所以这里还没有轮次。请用组织者密码登录');
    expect(within(notice).getByRole('button', { name: '登录场馆服务器' })).toBeInTheDocument();
    expect(screen.queryByText(/还没有可主持的轮次/)).toBeNull();
  });

  it('says there are no rounds on a logged-in console that has none', async () => {
    const db = freshDb();
    await syncStateTable(db).put({
      key: 'session',
      session: {
        token: 't',
        role: 'organizer',
        deviceId: 'host',
        judgeId: null,
        serverId: 's',
        expiresAt: '2026-06-19T10:00:00.000Z',
        deviceKey: null,
      },
    });
    renderNewConsole(db);
    expect(await screen.findByText(/还没有可主持的轮次/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '登录场馆服务器' })).toBeNull();
  });
});
