// @vitest-environment node
/** The engine's input assembled from a device's rows: a judge's competition-wide group reaches a grouped round only. */
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../../src/domain/engine.ts';
import type { MarkRow, Stamp } from '../../../src/domain/events.ts';
import { DEFAULT_SETTINGS, type RaterGroup } from '../../../src/domain/model.ts';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../../src/domain/records.ts';
import { assembleRoundInput } from '../../../src/domain/round-input.ts';

const STAMP: Stamp = { revision: 1, deviceId: 'd1', deviceSeq: 1, eventId: 'e1' };

const groups: RaterGroup[] = [
  { id: 'expert', label: '专家评委', weight: 7000, criteria: ['content'], panel: null, minJudges: null },
  {
    id: 'public',
    label: '大众评审',
    weight: 3000,
    criteria: ['vote'],
    panel: { kind: 'mean' },
    minJudges: 1,
  },
];

function rows(settings: RoundRecord['settings']) {
  const round: RoundRecord = {
    id: 'R1',
    competitionId: 'C1',
    name: '市级决赛',
    order: 1,
    criteria: [
      { id: 'content', label: '内容', max: 10000, points: 10000, step: 10 },
      { id: 'vote', label: '大众投票', max: 100, points: 100, step: 100 },
    ],
    settings,
    timeLimitSeconds: null,
    overtime: null,
  };
  const judge = (id: string, order: number, group: string): JudgeRecord => ({
    id,
    competitionId: 'C1',
    roundIds: ['R1'],
    name: id,
    title: '',
    weight: 100,
    unit: null,
    joinCode: '',
    order,
    group,
  });
  const contestant: ContestantRecord = {
    id: 'P1',
    roundId: 'R1',
    name: '张三',
    unit: null,
    topic: '',
    photoId: null,
    status: 'active',
    draw: 1,
    order: 1,
  };
  const mark = (judgeId: string, criterionId: string, value: number): MarkRow => ({
    roundId: 'R1',
    judgeId,
    contestantId: 'P1',
    criterionId,
    value,
    head: STAMP,
  });
  return {
    round,
    judges: [judge('E1', 1, 'expert'), judge('A1', 2, 'public')],
    contestants: [contestant],
    marks: [mark('E1', 'content', 8000), mark('A1', 'vote', 100)],
    adjustments: [],
  };
}

describe('assembleRoundInput with rater groups', () => {
  it("passes each judge's group and a copy of the groups to a round with groups", () => {
    const settings = { ...DEFAULT_SETTINGS, minJudges: null, groups, roundEachGroup: true };
    const input = assembleRoundInput(rows(settings));
    expect(input.judges.map((judge) => [judge.id, judge.group])).toEqual([
      ['E1', 'expert'],
      ['A1', 'public'],
    ]);
    expect(input.settings.groups).toEqual(groups);
    expect(input.settings.groups).not.toBe(groups);
    expect(input.settings.roundEachGroup).toBe(true);
    // 0.7 x 80 + 30 x 1
    expect(computeStandings(input).ranked[0]?.announcedScore).toBe('86.00');
  });

  it('leaves the groups out of a round without them, where a group would be refused', () => {
    const input = assembleRoundInput(rows(DEFAULT_SETTINGS));
    expect(input.judges.map((judge) => 'group' in judge)).toEqual([false, false]);
    expect('groups' in input.settings).toBe(false);
    expect(computeStandings(input).ranked).toHaveLength(0);
    expect(computeStandings(input).pending.map((result) => result.countedJudges)).toEqual([0]);
  });
});
