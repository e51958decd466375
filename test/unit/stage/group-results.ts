/**
 * Hand-made results of a round with rater groups, as the engine gives them: 专家评委 (three
 * judges, trimmed k = 1) worth 70 of 100 and 大众评审 (a support vote, max 1, worth 30). 李四's
 * expert totals 92.00, 88.35 and 80.00 keep 88.35; five of six phones voted 支持 (5/6 = 83.3%):
 * 0.7 x 88.35 + 30 x 5/6 = 61.845 + 25 = 86.845, announced 86.85.
 */

import type { ContestantResult, GroupResult, Standings } from '../../../src/domain/engine';
import type { RoundRecord } from '../../../src/domain/records';

export const EXPERTS = { id: 'experts', label: '专家评委' };
export const AUDIENCE = { id: 'audience', label: '大众评审' };

export function expertPart(overrides: Partial<GroupResult> = {}): GroupResult {
  return {
    id: EXPERTS.id,
    label: EXPERTS.label,
    weight: '70',
    points: '100',
    eligibleJudges: 3,
    requiredJudges: 3,
    countedJudges: 3,
    recusedJudges: [],
    incompleteJudges: [],
    judgeTotals: [
      { judge: 'J1', total: '92', shown: '92.00', dropped: 'high' },
      { judge: 'J2', total: '88.35', shown: '88.35', dropped: null },
      { judge: 'J3', total: '80', shown: '80.00', dropped: 'low' },
    ],
    criteria: [],
    aggregate: '88.35',
    announced: '88.35',
    contribution: '61.845',
    contributionShown: '61.85',
    trimReduced: false,
    effectiveK: 1,
    ...overrides,
  };
}

export function audiencePart(overrides: Partial<GroupResult> = {}): GroupResult {
  return {
    id: AUDIENCE.id,
    label: AUDIENCE.label,
    weight: '30',
    points: '1',
    eligibleJudges: 6,
    requiredJudges: 1,
    countedJudges: 6,
    recusedJudges: [],
    incompleteJudges: [],
    judgeTotals: ['V1', 'V2', 'V3', 'V4', 'V5', 'V6'].map((judge, at) => ({
      judge,
      total: at === 5 ? '0' : '1',
      shown: at === 5 ? '0.00' : '1.00',
      dropped: null,
    })),
    criteria: [],
    aggregate: '5/6',
    announced: '0.83',
    contribution: '25',
    contributionShown: '25.00',
    trimReduced: false,
    effectiveK: null,
    ...overrides,
  };
}

export function groupedResult(overrides: Partial<ContestantResult> = {}): ContestantResult {
  const groups = overrides.groups ?? [expertPart(), audiencePart()];
  return {
    id: 'P2',
    name: '李四',
    unit: '榆树沟镇',
    draw: 2,
    pending: false,
    eligibleJudges: 9,
    requiredJudges: 4,
    countedJudges: 9,
    recusedJudges: [],
    incompleteJudges: [],
    judgeTotals: groups.flatMap((group) => group.judgeTotals),
    criteria: [],
    adjustments: [],
    adjustmentTotal: '0',
    aggregate: '86.845',
    exactFinal: '86.845',
    announcedScore: '86.85',
    trimReduced: false,
    effectiveK: 1,
    rank: 1,
    award: '一等奖',
    tied: false,
    separatedBy: null,
    tieBreakKeys: [],
    ...overrides,
    groups,
  };
}

export function groupedStandings(ranked: ContestantResult[], pending: ContestantResult[] = []): Standings {
  return { decimals: 2, ranked, pending, excluded: [] };
}

/** The round's settings with the two groups (on the secretary sheet plus the 支持 criterion). */
export function withGroups(round: RoundRecord): RoundRecord {
  const sheet = round.criteria.map((criterion) => criterion.id);
  return {
    ...round,
    criteria: [...round.criteria, { id: 'support', label: '支持', max: 100, points: 100, step: 100 }],
    settings: {
      ...round.settings,
      groups: [
        { ...EXPERTS, weight: 7000, criteria: sheet, panel: null, minJudges: null },
        { ...AUDIENCE, weight: 3000, criteria: ['support'], panel: { kind: 'mean' }, minJudges: 1 },
      ],
    },
    audience: { groupId: AUDIENCE.id, criterionId: 'support', mode: 'support', windowSeconds: 30 },
  };
}
