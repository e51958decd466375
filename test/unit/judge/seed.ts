/** A round as the judge screen meets it: five criteria, drawn contestants, one recusal. */

import type { LeitaiDB } from '../../../src/db/database';
import { createCompetition, createRound, importRoster } from '../../../src/db/repository';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../../src/domain/records';
import { SECRETARY_SHEET } from '../db/helpers';

export interface JudgeRound {
  round: RoundRecord;
  /** 王评委 (市委组织部, no unit) and 赵评委 (三工镇, recused for 张三). */
  wang: JudgeRecord;
  zhao: JudgeRecord;
  /** In draw order: 李四 (1), 张三 (2, 三工镇), 王五 (3). */
  lisi: ContestantRecord;
  zhangsan: ContestantRecord;
  wangwu: ContestantRecord;
}

export async function seedJudgeRound(db: LeitaiDB): Promise<JudgeRound> {
  const competition = await createCompetition(db, { name: '2026年昌吉市村党组织书记“擂台比武”' });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: '市级决赛',
    criteria: SECRETARY_SHEET,
  });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: [
      { name: '王评委', title: '市委组织部' },
      { name: '赵评委', title: '三工镇党委', unit: '三工镇' },
    ],
    contestants: [
      { name: '张三', unit: '三工镇', topic: '强村富民', draw: 2 },
      { name: '李四', unit: '榆树沟镇', topic: '乡村振兴', draw: 1 },
      { name: '王五', unit: '佃坝镇', topic: '基层治理', draw: 3 },
    ],
  });
  const [wang, zhao] = judges as [JudgeRecord, JudgeRecord];
  const [zhangsan, lisi, wangwu] = contestants as [ContestantRecord, ContestantRecord, ContestantRecord];
  return { round, wang, zhao, lisi, zhangsan, wangwu };
}
