/**
 * The demo competition offered on an empty device: a 市级决赛 in progress with 13 contestants
 * from the townships of 昌吉市, 7 judges (one of them recused from the contestant of their own
 * township), a recorded draw, and marks: the first 10 in the order of appearance marked and
 * submitted by every eligible judge, the next 2 partly, the last not yet. A newcomer sees a
 * full leaderboard at once.
 *
 * Everything is written through the repository functions, inside one transaction, so the demo
 * is made of real events (and vanishes whole if any write is refused). The marks are a fixed
 * function of contestant, judge and criterion: no randomness.
 */

import type { Criterion, Hundredths } from '../domain/model';
import { DEMO_DRAW_SEED } from '../domain/purge';
import type { CompetitionRecord, ContestantRecord, JudgeRecord, RoundRecord } from '../domain/records';
import { isRecusedFrom } from '../domain/recusal';
import { addAdjustment } from './adjustments';
import { createCompetition } from './competitions';
import type { LeitaiDB } from './database';
import { commitDrawSeed, drawWithCommittedSeed } from './draw';
import { writeTransaction } from './log';
import { enterMark, submitSheet } from './marks';
import { importRoster } from './roster';
import { createRound, type RoundDraft } from './rounds';

const JUDGES = [
  { name: '王建国', title: '市委组织部副部长' },
  { name: '李秀兰', title: '市委党校教授' },
  { name: '张伟', title: '市农业农村局局长' },
  { name: '刘芳', title: '三工镇党委副书记', unit: '三工镇' },
  { name: '陈志强', title: '市民政局副局长' },
  { name: '杨丽', title: '市妇联主席' },
  { name: '赵明', title: '市委宣传部科长' },
];

const CONTESTANTS = [
  { name: '马建军', unit: '三工镇', topic: '党建引领促振兴，庭院经济富农家' },
  { name: '李红梅', unit: '榆树沟镇', topic: '小蔬菜撬动大产业' },
  { name: '周晓东', unit: '二六工镇', topic: '网格连民心，治理增实效' },
  { name: '王海燕', unit: '大西渠镇', topic: '盘活集体资产，壮大村级经济' },
  { name: '阿不都热合曼·买买提', unit: '佃坝镇', topic: '民族团结一家亲，同心共筑振兴梦' },
  { name: '孙志刚', unit: '六工镇', topic: '土地流转促增收，合作经营添活力' },
  { name: '刘娟', unit: '滨湖镇', topic: '美丽乡村建设的滨湖实践' },
  { name: '努尔兰·哈力别克', unit: '阿什里哈萨克民族乡', topic: '牧民定居与草原生态保护' },
  { name: '赵建平', unit: '庙尔沟乡', topic: '发展乡村旅游，守护绿水青山' },
  { name: '何晓军', unit: '硫磺沟镇', topic: '矿区转型中的村党组织担当' },
  { name: '陈静', unit: '宁边路街道', topic: '社区党建“红色物业”探索' },
  { name: '高文杰', unit: '延安北路街道', topic: '老旧小区改造中的党员先锋' },
  { name: '吴丽娜', unit: '北京南路街道', topic: '“15分钟便民服务圈”建设' },
];

/** Each contestant's level, in thousandths of the full mark, by registration order. */
const LEVEL = [905, 862, 931, 874, 889, 846, 918, 857, 896, 871, 838, 883, 910];
/** Each judge's habit: some mark generously, some strictly (the trim exists for them). */
const JUDGE_HABIT = [0, 25, -20, 10, -35, 15, -5];

/** Places in the order of appearance: the first 10 are done, the next 2 in progress. */
const COMPLETE = 10;
const PARTIAL = 2;
/** Judges who have submitted a partly scored contestant; one more has begun. */
const PARTIAL_SUBMITTED = 4;

export { DEMO_DRAW_SEED } from '../domain/purge';

/** A mark on the criterion's step, at most its max: level + habit + a small fixed wobble. */
export function demoMark(
  criterion: Criterion,
  contestant: number,
  judge: number,
  position: number,
): Hundredths {
  const wobble = (((contestant * 5 + judge * 3 + position * 7) % 7) - 3) * 10;
  const thousandths = (LEVEL[contestant] ?? 880) + (JUDGE_HABIT[judge] ?? 0) + wobble;
  const steps = criterion.max / criterion.step;
  return Math.min(steps, Math.floor((steps * thousandths) / 1000)) * criterion.step;
}

export interface Demo {
  competition: CompetitionRecord;
  round: RoundRecord;
  judges: JudgeRecord[];
  contestants: ContestantRecord[];
}

export function loadDemoCompetition(
  db: LeitaiDB,
  setup: Omit<RoundDraft, 'competitionId' | 'name'>,
): Promise<Demo> {
  return writeTransaction(db, async () => {
    const competition = await createCompetition(db, {
      name: '2026年昌吉市村党组织书记“擂台比武”（示例）',
      date: '2026-06-18',
      venue: '昌吉市委党校报告厅',
      demo: true,
    });
    const round = await createRound(db, { ...setup, competitionId: competition.id, name: '市级决赛' });
    const { judges, contestants } = await importRoster(db, round.id, {
      judges: JUDGES,
      contestants: CONTESTANTS,
    });
    await commitDrawSeed(db, round.id, DEMO_DRAW_SEED);
    const order = (await drawWithCommittedSeed(db, round.id)).map((contestant) => contestant.id);

    for (const [place, contestantId] of order.entries()) {
      const contestantAt = contestants.findIndex((contestant) => contestant.id === contestantId);
      const contestant = contestants[contestantAt] as ContestantRecord;
      // 回避: a recused judge never marks them. The partly marked contestants get the same
      // number of eligible judges whoever the draw put there.
      const eligible = judges.filter((judge) => !isRecusedFrom(judge, contestant, round.settings.recusal));
      const marking =
        place < COMPLETE
          ? eligible
          : place < COMPLETE + PARTIAL
            ? eligible.slice(0, PARTIAL_SUBMITTED + 1)
            : [];
      for (const [markedAt, judge] of marking.entries()) {
        const judgeAt = judges.indexOf(judge);
        const submits = place < COMPLETE || markedAt < PARTIAL_SUBMITTED;
        const criteria = submits ? round.criteria : round.criteria.slice(0, 2);
        for (const [position, criterion] of criteria.entries()) {
          await enterMark(db, {
            roundId: round.id,
            judgeId: judge.id,
            contestantId,
            criterionId: criterion.id,
            value: demoMark(criterion, contestantAt, judgeAt, position),
          });
        }
        if (submits) await submitSheet(db, { roundId: round.id, judgeId: judge.id, contestantId });
      }
      if (place === 2) {
        await addAdjustment(db, {
          roundId: round.id,
          contestantId,
          label: '超时扣分',
          points: -50,
          reason: '超时 30 秒',
        });
      }
    }
    const drawn = await db.contestants.where('roundId').equals(round.id).toArray();
    return { competition, round, judges, contestants: drawn };
  });
}
