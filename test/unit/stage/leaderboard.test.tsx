/**
 * The projector's leaderboard from the engine's standings: rank order, 并列 for a tie the
 * chain cannot break, 评分中 for the pending, and pages when the field does not fit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { boardRows, pageCount, pageRows } from '../../../src/app/stage/leaderboard-rows';
import { LeaderboardView, PAGE_MS } from '../../../src/app/stage/ProjectorViews';
import { computeStandings } from '../../../src/domain/engine';
import { readInterchangeRound } from '../../../src/domain/interchange';
import type { RoundInput } from '../../../src/domain/model';

const example = (name: string) =>
  computeStandings(
    readInterchangeRound(
      JSON.parse(
        readFileSync(join(import.meta.dirname, `../../fixtures/scoring-examples/${name}.input.json`), 'utf8'),
      ),
    ),
  );

function rowTexts(container: HTMLElement): string[][] {
  return [...container.querySelectorAll('.pj-row')].map((row) =>
    [...row.children].map((cell) => cell.textContent ?? ''),
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the leaderboard', () => {
  it('lists ties-and-rounding in rank order, with 并列 and 评分中', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: 0 });
    const { container } = render(<LeaderboardView standings={example('ties-and-rounding')} reducedMotion />);
    expect(screen.getByRole('heading', { name: '成绩排行榜' })).toBeInTheDocument();
    const firstPage = rowTexts(container);
    act(() => vi.advanceTimersByTime(PAGE_MS));
    expect([...firstPage, ...rowTexts(container)]).toEqual([
      ['1', '选手G单位G', '87.73', '一等奖'],
      ['2', '选手A单位A', '86.50', '二等奖'],
      ['3', '选手B单位B', '86.50', '二等奖'],
      ['4', '选手H东风村', '85.50', '三等奖'],
      ['5并列', '选手E单位E', '85.50', '三等奖'],
      ['5并列', '选手F单位F', '85.50', '三等奖'],
      ['7', '选手C单位C', '84.00', '优秀奖'],
      ['8', '选手D单位D', '84.00', '优秀奖'],
      ['—', '选手K单位K', '评分中', ''],
    ]);
    expect(firstPage).toHaveLength(8);
  });

  it('pages a field that does not fit, page after page', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: 0 });
    const input: RoundInput = {
      criteria: [{ id: 'c', label: '内容', max: 10_000, points: 10_000, step: 10 }],
      judges: [{ id: 'J', name: '评委', weight: 100, unit: null }],
      contestants: Array.from({ length: 25 }, (_, at) => ({
        id: `P${String(at).padStart(2, '0')}`,
        name: `选手${at + 1}`,
        unit: null,
        draw: at + 1,
        status: 'active' as const,
      })),
      marks: Array.from({ length: 24 }, (_, at) => ({
        judge: 'J',
        contestant: `P${String(at).padStart(2, '0')}`,
        criterion: 'c',
        value: 9000 - at * 10,
      })),
      adjustments: [],
      settings: {
        panel: { kind: 'mean' },
        level: 'total',
        decimals: 2,
        rounding: 'half-up',
        roundEachCriterion: false,
        minJudges: null,
        tieBreak: [],
        awards: [],
      },
    };
    const standings = computeStandings(input);
    // Eight rows a page: the name with the unit under it fits a 4:3 screen too.
    expect(pageCount(boardRows(standings).length)).toBe(4);
    expect(pageRows(boardRows(standings), 3).map((row) => row.name)).toEqual(['选手25']);
    const { container } = render(<LeaderboardView standings={standings} reducedMotion />);
    expect(screen.getByText('第 1/4 页')).toBeInTheDocument();
    expect(rowTexts(container)[0]?.[1]).toBe('选手1');
    act(() => vi.advanceTimersByTime(PAGE_MS));
    expect(screen.getByText('第 2/4 页')).toBeInTheDocument();
    expect(rowTexts(container)[0]?.[1]).toBe('选手9');
    act(() => vi.advanceTimersByTime(3 * PAGE_MS));
    expect(screen.getByText('第 1/4 页')).toBeInTheDocument();
  });

  it('animates a row that changes places with a transform', () => {
    const animate = vi.fn();
    const original = HTMLElement.prototype.animate;
    HTMLElement.prototype.animate = animate as unknown as typeof original;
    const offsets = new Map<string, number>();
    const offsetTop = vi.spyOn(HTMLElement.prototype, 'offsetTop', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return offsets.get(this.dataset.flipKey ?? '') ?? 0;
    });
    try {
      const standings = example('seed-final');
      for (const [at, id] of ['P2', 'P4', 'P3', 'P1'].entries()) offsets.set(id, at * 80);
      const { rerender } = render(<LeaderboardView standings={standings} reducedMotion={false} />);
      animate.mockClear();
      // P1 moves from the bottom to the top.
      const reordered = {
        ...standings,
        ranked: [...standings.ranked.slice(3), ...standings.ranked.slice(0, 3)],
      };
      offsets.clear();
      for (const [at, id] of ['P1', 'P2', 'P4', 'P3'].entries()) offsets.set(id, at * 80);
      rerender(<LeaderboardView standings={reordered} reducedMotion={false} />);
      const moves = animate.mock.calls.map(([frames]) => frames[0].transform);
      expect(moves).toEqual([
        'translateY(240px)',
        'translateY(-80px)',
        'translateY(-80px)',
        'translateY(-80px)',
      ]);
      animate.mockClear();
      rerender(<LeaderboardView standings={standings} reducedMotion />);
      expect(animate).not.toHaveBeenCalled();
    } finally {
      HTMLElement.prototype.animate = original;
      offsetTop.mockRestore();
    }
  });
});
