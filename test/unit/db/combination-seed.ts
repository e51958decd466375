/** Two scored rounds of one competition, 现场观摩 and 擂台演讲, for the combination's tests. */

import { setCombination } from '../../../src/db/combination';
import type { LeitaiDB } from '../../../src/db/database';
import { createCompetition } from '../../../src/db/repository';
import type { CombinationTieBreakStep } from '../../../src/domain/combination';
import type { CompetitionRecord, RoundRecord } from '../../../src/domain/records';
import { meanRoundIn } from '../results/mean-round';

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
  const { round } = await meanRoundIn(db, competitionId, {
    name,
    criterion: { id: 'score', label: '得分' },
    settings: { decimals: 2, tieBreak: [], awards: [] },
    roster: { judges: [{ name: `${name}评委`, title: '' }], contestants: PEOPLE },
    mark: (at) => marks[at] ?? null,
  });
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
