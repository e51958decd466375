/** Two scored rounds of one competition, 现场观摩 and 擂台演讲, for the combination's tests. */

import { setCombination } from '../../../src/db/combination';
import type { LeitaiDB } from '../../../src/db/database';
import {
  createCompetition,
  createRound,
  enterMark,
  importRoster,
  submitSheet,
} from '../../../src/db/repository';
import type { CombinationTieBreakStep } from '../../../src/domain/combination';
import type { CompetitionRecord, RoundRecord } from '../../../src/domain/records';

const PEOPLE = [
  { name: '张三', unit: '三工镇' },
  { name: '李四', unit: '榆树沟镇' },
  { name: '王五', unit: '佃坝镇' },
];

/** One judge, one 0–100 criterion, a plain mean: each contestant's score is the mark itself. */
async function scoredRound(
  db: LeitaiDB,
  competitionId: string,
  name: string,
  marks: readonly (number | null)[],
): Promise<RoundRecord> {
  const round = await createRound(db, {
    competitionId,
    name,
    criteria: [{ id: 'score', label: '得分', max: 10000 }],
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
  });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: [{ name: `${name}评委`, title: '' }],
    contestants: PEOPLE,
  });
  const judgeId = (judges[0] as { id: string }).id;
  for (const [at, contestant] of contestants.entries()) {
    const value = marks[at];
    if (value === null || value === undefined) continue;
    const ref = { roundId: round.id, judgeId, contestantId: contestant.id };
    await enterMark(db, { ...ref, criterionId: 'score', value });
    await submitSheet(db, ref);
  }
  return round;
}

export interface TwoStages {
  competition: CompetitionRecord;
  visit: RoundRecord;
  stage: RoundRecord;
}

/** 现场观摩: 张三 90, 李四 80, 王五 85; 擂台演讲: 张三 80, 李四 95, 王五 not scored yet. */
export async function seedTwoStages(db: LeitaiDB): Promise<TwoStages> {
  const competition = await createCompetition(db, { name: '乡镇党委书记观摩擂台' });
  const visit = await scoredRound(db, competition.id, '现场观摩', [9000, 8000, 8500]);
  const stage = await scoredRound(db, competition.id, '擂台演讲', [8000, 9500, null]);
  return { competition, visit, stage };
}

/** 现场观摩 40 + 擂台演讲 60, two decimals rounded half-up, one 一等奖, tied by tieBreak (none by default). */
export function combineFortySixty(
  db: LeitaiDB,
  { competition, visit, stage }: TwoStages,
  tieBreak: CombinationTieBreakStep[] = [],
) {
  return setCombination(db, competition.id, {
    stages: [
      { roundId: visit.id, weight: 4000 },
      { roundId: stage.id, weight: 6000 },
    ],
    decimals: 2,
    rounding: 'half-up',
    tieBreak,
    awards: [{ name: '一等奖', count: 1 }],
  });
}
