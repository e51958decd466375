/**
 * The projector's reveal (公布), with the screen's clock faked: each counted judge's total in
 * turn, then the dropped highest and lowest struck through, then the final score, then the
 * rank; and at once for a screen that asks for reduced motion.
 */
import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FINAL_AFTER_MS,
  RANK_AFTER_MS,
  revealProgress,
  STRIKE_AFTER_MS,
  TOTAL_STEP_MS,
} from '../../../src/app/stage/reveal-sequence';
import { revealContestant } from '../../../src/db/repository';
import { freshDb } from '../db/helpers';
import { renderProjector, scoreSheet, seedStageRound } from './stage-helpers';

const START = new Date('2026-06-18T10:00:00.000Z').getTime();

describe('revealProgress', () => {
  it('shows the totals one by one, then strikes, then the final score, then the rank', () => {
    expect(revealProgress(0, 3)).toEqual({
      totalsShown: 0,
      struck: false,
      finalShown: false,
      rankShown: false,
      done: false,
    });
    expect(revealProgress(TOTAL_STEP_MS, 3).totalsShown).toBe(1);
    expect(revealProgress(3 * TOTAL_STEP_MS, 3)).toMatchObject({ totalsShown: 3, struck: false });
    expect(revealProgress(3 * TOTAL_STEP_MS + STRIKE_AFTER_MS, 3)).toMatchObject({
      struck: true,
      finalShown: false,
    });
    expect(revealProgress(3 * TOTAL_STEP_MS + FINAL_AFTER_MS, 3)).toMatchObject({
      finalShown: true,
      rankShown: false,
    });
    expect(revealProgress(3 * TOTAL_STEP_MS + RANK_AFTER_MS, 3)).toMatchObject({
      rankShown: true,
      done: true,
    });
    expect(revealProgress(60_000, 3).totalsShown).toBe(3);
  });
});

describe('the reveal on the projector', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: START });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reveals step by step, striking the dropped totals', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedStageRound(db);
    const lisi = contestants[1];
    // Totals 90, 80, 70: 90 and 70 dropped, final 80.00. 王五 is scored higher (86) but not
    // revealed: the projector ranks 李四 among the revealed only, and 1 of 3 is provisional.
    await scoreSheet(db, round.id, judges[0].id, lisi.id, 90);
    await scoreSheet(db, round.id, judges[1].id, lisi.id, 80);
    await scoreSheet(db, round.id, judges[2].id, lisi.id, 70);
    for (const judge of judges) await scoreSheet(db, round.id, judge.id, contestants[2].id, 86);
    await revealContestant(db, { roundId: round.id, contestantId: lisi.id });
    const { container } = renderProjector(db, round.id);

    await screen.findByText('李四');
    const totals = () => [...container.querySelectorAll('.pj-total')];
    const shown = () =>
      totals()
        .filter((total) => total.classList.contains('pj-total--shown'))
        .map((total) => total.textContent);
    await waitFor(() => expect(totals()).toHaveLength(3));
    expect(shown()).toEqual([]);
    expect(container.querySelector('.pj-final--shown')).toBeNull();

    vi.setSystemTime(START + TOTAL_STEP_MS);
    await waitFor(() => expect(shown()).toEqual(['评委 190.00']));
    vi.setSystemTime(START + 3 * TOTAL_STEP_MS);
    await waitFor(() => expect(shown()).toEqual(['评委 190.00', '评委 280.00', '评委 370.00']));
    expect(container.querySelectorAll('s')).toHaveLength(0);

    vi.setSystemTime(START + 3 * TOTAL_STEP_MS + STRIKE_AFTER_MS);
    await waitFor(() => expect(container.querySelectorAll('s')).toHaveLength(2));
    expect([...container.querySelectorAll('s')].map((struck) => struck.textContent)).toEqual([
      '90.00',
      '70.00',
    ]);
    expect(shown()).toEqual(['评委 190.00去掉', '评委 280.00', '评委 370.00去掉']);
    expect(container.querySelector('.pj-final')).toHaveAttribute('aria-hidden', 'true');

    vi.setSystemTime(START + 3 * TOTAL_STEP_MS + FINAL_AFTER_MS);
    await waitFor(() => expect(container.querySelector('.pj-final')).toHaveClass('pj-final--shown'));
    expect(container.querySelector('.pj-final__score')).toHaveTextContent('80.00');
    expect(container.querySelector('.pj-rank')).not.toHaveClass('pj-rank--shown');

    vi.setSystemTime(START + 3 * TOTAL_STEP_MS + RANK_AFTER_MS);
    await waitFor(() => expect(container.querySelector('.pj-rank')).toHaveClass('pj-rank--shown'));
    expect(container.querySelector('.pj-rank')).toHaveTextContent('目前排名第 1 名');
    expect(container.querySelector('[data-reveal-done="true"]')).not.toBeNull();
    // Nothing on the projector writes: no button but 全屏 (absent where full screen is not offered).
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('shows everything at once for reduced motion', async () => {
    const matchMedia = vi.fn((query: string) => ({
      matches: query === '(prefers-reduced-motion: reduce)',
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
    vi.stubGlobal('matchMedia', matchMedia);
    try {
      const db = freshDb();
      const { round, judges, contestants } = await seedStageRound(db);
      for (const [at, judge] of judges.entries())
        await scoreSheet(db, round.id, judge.id, contestants[1].id, 90 - at * 10);
      await revealContestant(db, { roundId: round.id, contestantId: contestants[1].id });
      const { container } = renderProjector(db, round.id);
      await waitFor(() => expect(container.querySelectorAll('.pj-total--shown')).toHaveLength(3));
      expect(container.querySelectorAll('s')).toHaveLength(2);
      expect(container.querySelector('.pj-rank')).toHaveClass('pj-rank--shown');
      // Sheets submitted without signatures: the reveal recorded no 评委签名齐全, so none shows.
      expect(container.querySelector('.pj-final__signed')).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
