/**
 * The reveal and the leaderboard with rater groups: each group's score and its share (专家评委
 * 88.35 × 70%, 大众评审 · 支持率 83.3% × 30%), one card per group in turn, then the final; the
 * host's lines with what each group adds; a column per group on the leaderboard.
 */
import { act, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import { boardRows } from '../../../src/app/stage/leaderboard-rows';
import { LeaderboardView, RevealView } from '../../../src/app/stage/ProjectorViews';
import { RevealPanel } from '../../../src/app/stage/RevealPanel';
import { FINAL_AFTER_MS, revealSteps, TOTAL_STEP_MS } from '../../../src/app/stage/reveal-sequence';
import type { LeitaiEvent } from '../../../src/domain/events';
import { type GroupPart, groupParts } from '../../../src/domain/group-parts';
import { contestantLockOf } from '../../../src/domain/stage';
import { freshDb } from '../db/helpers';
import { audiencePart, expertPart, groupedResult, groupedStandings, withGroups } from './group-results';
import { seedStageRound } from './stage-helpers';

const START = Date.parse('2026-06-18T10:00:00.000Z');

function revealEvent(contestantId: string): LeitaiEvent<'stage.view'> {
  return {
    id: 'view-1',
    deviceId: 'host',
    deviceSeq: 1,
    author: { role: 'host' },
    competitionId: 'c',
    roundId: 'r',
    recordedAt: new Date(START).toISOString(),
    type: 'stage.view',
    payload: { view: 'reveal', contestantId, theme: 'leitai', revision: 1, pace: 'standard' },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

async function groupedRound() {
  const db = freshDb();
  const seed = await seedStageRound(db);
  return { db, round: withGroups(seed.round), seed };
}

const parts = (overrides: Parameters<typeof groupedResult>[0] = {}) =>
  groupParts(
    groupedResult(overrides),
    { rounding: 'half-up' },
    { groupId: 'audience', mode: 'support' },
  ) as GroupPart[];

describe('each group’s score and share', () => {
  it('reads a support vote as the share of 支持, a panel as its announced score', () => {
    expect(
      parts().map(({ label, score, share, contribution, support }) => [
        label,
        score,
        share,
        contribution,
        support,
      ]),
    ).toEqual([
      ['专家评委', '88.35', '70%', '61.85', false],
      ['大众评审', '83.3%', '30%', '25.00', true],
    ]);
  });

  it('reads a 1–10 rating as its mean, and a share that is not whole with one decimal', () => {
    const rating = audiencePart({ weight: '20', points: '10', aggregate: '42/5', announced: '8.40' });
    const shown = groupParts(
      groupedResult({ groups: [expertPart({ weight: '40' }), rating] }),
      { rounding: 'half-up' },
      {
        groupId: 'audience',
        mode: 'rating',
      },
    );
    expect(shown?.map((part) => [part.score, part.share, part.support])).toEqual([
      ['88.35', '66.7%', false],
      ['8.40', '33.3%', false],
    ]);
  });

  it('follows the round’s group order, not the engine’s (by id)', () => {
    const order = [
      { id: 'experts', label: '专家评委', weight: 7000, criteria: null, panel: null, minJudges: null },
      { id: 'audience', label: '大众评审', weight: 3000, criteria: null, panel: null, minJudges: null },
    ];
    const byId = groupedResult({ groups: [audiencePart(), expertPart()] });
    expect(groupParts(byId, { rounding: 'half-up', groups: order })?.map((part) => part.id)).toEqual([
      'experts',
      'audience',
    ]);
  });

  it('is null for a round without groups, and a group without a counted judge has no score', () => {
    expect(groupParts({}, { rounding: 'half-up' })).toBeNull();
    const none = audiencePart({
      countedJudges: 0,
      aggregate: null,
      announced: null,
      contributionShown: null,
    });
    expect(parts({ groups: [expertPart(), none] })[1]).toMatchObject({ score: null, contribution: null });
  });
});

describe('the projector’s reveal with groups', () => {
  it('turns over one card per group, then the final score', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: START });
    const { round, seed } = await groupedRound();
    const result = groupedResult();
    expect(revealSteps(result)).toBe(2);
    const view = (
      <RevealView
        round={round}
        contestant={seed.contestants[1]}
        judges={seed.judges}
        result={result}
        revealed
        provisional={false}
        started={revealEvent(seed.contestants[1].id)}
        reducedMotion={false}
        allSigned={false}
      />
    );
    const { container } = render(view);
    const shown = () =>
      [...container.querySelectorAll('.pj-group--shown')].map((card) =>
        [...card.children].map((part) => part.textContent),
      );
    expect(container.querySelectorAll('.pj-group')).toHaveLength(2);
    expect(container.querySelectorAll('.pj-total')).toHaveLength(0);
    expect(shown()).toEqual([]);
    act(() => vi.advanceTimersByTime(TOTAL_STEP_MS + 100));
    expect(shown()).toEqual([['专家评委', '88.35', '× 70%']]);
    act(() => vi.advanceTimersByTime(TOTAL_STEP_MS + FINAL_AFTER_MS));
    expect(shown()).toEqual([
      ['专家评委', '88.35', '× 70%'],
      ['大众评审 · 支持率', '83.3%', '× 30%'],
    ]);
    expect(container.querySelector('.pj-final--shown')).toHaveTextContent('最后得分86.85');
  });
});

describe('the host’s reveal card with groups', () => {
  it('lists each group’s part and what it adds', async () => {
    const { db, round, seed } = await groupedRound();
    useUiStore.setState({ lang: 'zh-CN' });
    const lisi = seed.contestants[1];
    const lock = { ...contestantLockOf([], lisi.id), status: 'locked' as const };
    render(
      <DatabaseProvider db={db}>
        <RevealPanel
          round={round}
          contestant={lisi}
          judges={seed.judges}
          checks={{
            missing: [],
            incomplete: [],
            setAside: [],
            unconfirmedOutliers: [],
            allSubmitted: true,
            signatureProblems: [],
            allSigned: false,
            needsOverride: false,
            audienceVoting: null,
          }}
          eligibleCount={3}
          signedJudgeIds={[]}
          result={groupedResult()}
          lock={lock}
          view={null}
        />
      </DatabaseProvider>,
    );
    const lines = within(await screen.findByRole('list', { name: '各评委组得分' }, { timeout: 15_000 }))
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(lines).toEqual(['专家评委 88.35 × 70%，计 61.85 分', '大众评审 支持率 83.3% × 30%，计 25.00 分']);
  });

  it('names the group that keeps the reveal blocked', async () => {
    const { db, round, seed } = await groupedRound();
    useUiStore.setState({ lang: 'zh-CN' });
    const lisi = seed.contestants[1];
    const waiting = audiencePart({ countedJudges: 0, aggregate: null, announced: null });
    render(
      <DatabaseProvider db={db}>
        <RevealPanel
          round={round}
          contestant={lisi}
          judges={seed.judges}
          checks={{
            missing: [],
            incomplete: [],
            setAside: [],
            unconfirmedOutliers: [],
            allSubmitted: true,
            signatureProblems: [],
            allSigned: false,
            needsOverride: false,
            audienceVoting: null,
          }}
          eligibleCount={3}
          signedJudgeIds={[]}
          result={groupedResult({ pending: true, groups: [expertPart(), waiting], rank: null })}
          lock={contestantLockOf([], lisi.id)}
          view={null}
        />
      </DatabaseProvider>,
    );
    expect(screen.getByText('大众评审评分未完成：已有 0 位，需要 1 位，不能公布。')).toBeInTheDocument();
    expect(screen.queryByText(/专家评委评分未完成/)).toBeNull();
    expect(screen.getByRole('button', { name: '公布成绩' })).toBeDisabled();
  });
});

describe('the leaderboard with groups', () => {
  it('shows a column per group beside the final score, under their headings', () => {
    const second = groupedResult({
      id: 'P3',
      name: '王五',
      rank: 2,
      award: '二等奖',
      announcedScore: '80.10',
      groups: [
        expertPart({ announced: '81.00' }),
        audiencePart({ aggregate: '1/2', contributionShown: '15.00' }),
      ],
    });
    const pending = groupedResult({
      id: 'P4',
      name: '赵六',
      pending: true,
      rank: null,
      announcedScore: null,
    });
    const standings = groupedStandings([groupedResult(), second], [pending]);
    const round = {
      settings: {
        ...withGroupsSettings(),
      },
      audience: { groupId: 'audience', criterionId: 'support', mode: 'support' as const, windowSeconds: 30 },
    };
    const { container } = render(<LeaderboardView round={round} standings={standings} reducedMotion />);
    expect(
      [...(container.querySelector('.pj-board__columns')?.children ?? [])].map((cell) => cell.textContent),
    ).toEqual(['', '', '专家评委', '大众评审', '最后得分', '']);
    const rows = [...container.querySelectorAll('.pj-row')].map((row) =>
      [...row.querySelectorAll('.pj-row__group, .pj-row__score')].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['88.35', '83.3%', '86.85'],
      ['81.00', '50%', '80.10'],
      ['', '', '评分中'],
    ]);
    // Without the round, the rows are as before.
    expect(boardRows(standings)[0]?.groups).toBeNull();
  });
});

function withGroupsSettings() {
  return {
    panel: { kind: 'trimmed' as const, k: 1 },
    level: 'total' as const,
    decimals: 2,
    rounding: 'half-up' as const,
    roundEachCriterion: false,
    minJudges: null,
    tieBreak: [],
    awards: [],
    groups: [
      { id: 'experts', label: '专家评委', weight: 7000, criteria: null, panel: null, minJudges: null },
      { id: 'audience', label: '大众评审', weight: 3000, criteria: ['support'], panel: null, minJudges: 1 },
    ],
  };
}
