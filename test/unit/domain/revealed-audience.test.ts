// @vitest-environment node
/**
 * The projector's input (src/domain/revealed.ts) of a round with audience voting: a reveal's
 * cells hold the judges' marks only, so a revealed contestant keeps the audience's votes, and an
 * unrevealed one gets neither (found by test/e2e/groups-audience-day.test.ts: the projector
 * stayed on 成绩即将揭晓 after the host's reveal).
 */
import { describe, expect, it } from 'vitest';
import { voterIdOf } from '../../../src/domain/audience.ts';
import { computeStandings } from '../../../src/domain/engine.ts';
import type { LeitaiEvent } from '../../../src/domain/events.ts';
import type { RoundInput } from '../../../src/domain/model.ts';
import { revealedRoundInput } from '../../../src/domain/revealed.ts';

const voters = [1, 2, 3, 4].map(voterIdOf);

const input: RoundInput = {
  criteria: [
    { id: 'content', label: '内容', max: 10000, points: 10000, step: 10 },
    { id: 'vote', label: '大众投票', max: 100, points: 100, step: 100 },
  ],
  judges: [
    { id: 'E1', name: '专家1', weight: 100, unit: null, group: 'expert' },
    { id: 'E2', name: '专家2', weight: 100, unit: null, group: 'expert' },
    ...voters.map((id) => ({ id, name: id, weight: 100, unit: null, group: 'public' })),
  ],
  contestants: ['P1', 'P2'].map((id, at) => ({
    id,
    name: id,
    unit: null,
    draw: at + 1,
    status: 'active' as const,
  })),
  marks: [
    ...['P1', 'P2'].flatMap((contestant) =>
      ['E1', 'E2'].map((judge) => ({ judge, contestant, criterion: 'content', value: 9000 })),
    ),
    // P1: three of four phones 支持 (75%); P2: all four.
    ...voters.map((judge, at) => ({ judge, contestant: 'P1', criterion: 'vote', value: at < 3 ? 100 : 0 })),
    ...voters.map((judge) => ({ judge, contestant: 'P2', criterion: 'vote', value: 100 })),
  ],
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
    groups: [
      { id: 'expert', label: '专家评委', weight: 7000, criteria: ['content'], panel: null, minJudges: null },
      { id: 'public', label: '大众评审', weight: 3000, criteria: ['vote'], panel: null, minJudges: 1 },
    ],
  },
};

const revealP1 = {
  id: 'lock-1',
  deviceId: 'laptop',
  deviceSeq: 1,
  author: { role: 'host' },
  competitionId: 'competition',
  roundId: 'round',
  recordedAt: '2026-06-18T09:00:00.000Z',
  type: 'contestant.lock',
  payload: {
    contestantId: 'P1',
    // As the host writes it: every panel judge on every criterion, the vote's cells empty.
    cells: ['E1', 'E2'].flatMap((judgeId) =>
      ['content', 'vote'].map((criterionId) => ({
        judgeId,
        criterionId,
        value: criterionId === 'content' ? 9000 : null,
        head:
          criterionId === 'content'
            ? { revision: 1, deviceId: judgeId, deviceSeq: 1, eventId: `${judgeId}-P1` }
            : null,
      })),
    ),
    override: null,
    revision: 1,
  },
} as LeitaiEvent<'contestant.lock'>;

describe('revealedRoundInput with audience votes', () => {
  it('scores a revealed contestant with the audience’s votes, and leaves the unrevealed pending', () => {
    const standings = computeStandings(revealedRoundInput(input, [revealP1]));
    // 70 × 90/100 + 30 × 75% = 63 + 22.5.
    expect(standings.ranked.map((result) => [result.id, result.announcedScore])).toEqual([['P1', '85.50']]);
    expect(standings.pending.map((result) => result.id)).toEqual(['P2']);
    expect(computeStandings(input).ranked.find((result) => result.id === 'P1')?.announcedScore).toBe('85.50');
  });
});
