/** A round as the host meets it, and the host console and the projector rendered on it. */

import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import HostPage from '../../../src/app/stage/HostPage';
import ProjectorPage from '../../../src/app/stage/ProjectorPage';
import type { LeitaiDB } from '../../../src/db/database';
import {
  createCompetition,
  createRound,
  enterMark,
  importRoster,
  submitSheet,
} from '../../../src/db/repository';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../../src/domain/records';
import { SECRETARY_SHEET } from '../db/helpers';

export interface StageRound {
  round: RoundRecord;
  /** 王评委, 李评委, 赵评委 (三工镇). */
  judges: [JudgeRecord, JudgeRecord, JudgeRecord];
  /** In draw order: 张三 (三工镇, 1), 李四 (2), 王五 (3). */
  contestants: [ContestantRecord, ContestantRecord, ContestantRecord];
}

/** 10 分钟 per contestant, 超时每 30 秒扣 0.5 分, three award tiers. */
export async function seedStageRound(db: LeitaiDB): Promise<StageRound> {
  const competition = await createCompetition(db, {
    name: '2026年昌吉市村党组织书记“擂台比武”',
    date: '2026-06-18',
  });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: '市级决赛',
    criteria: SECRETARY_SHEET,
    timeLimitSeconds: 600,
    overtime: { everySeconds: 30, points: 50 },
    settings: {
      panel: { kind: 'trimmed', k: 1 },
      level: 'total',
      decimals: 2,
      rounding: 'half-up',
      roundEachCriterion: false,
      minJudges: null,
      tieBreak: [],
      awards: [
        { name: '一等奖', count: 1 },
        { name: '二等奖', count: 1 },
        { name: '三等奖', rest: true },
      ],
    },
  });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: [
      { name: '王评委', title: '市委组织部' },
      { name: '李评委', title: '党校' },
      { name: '赵评委', title: '三工镇党委', unit: '三工镇' },
    ],
    contestants: [
      { name: '张三', unit: '三工镇', topic: '强村富民', draw: 1 },
      { name: '李四', unit: '榆树沟镇', topic: '乡村振兴', draw: 2 },
      { name: '王五', unit: '佃坝镇', topic: '基层治理', draw: 3 },
    ],
  });
  return {
    round,
    judges: judges as StageRound['judges'],
    contestants: contestants as StageRound['contestants'],
  };
}

/** Marks every criterion at `percent` % of its max and submits the sheet. */
export async function scoreSheet(
  db: LeitaiDB,
  roundId: string,
  judgeId: string,
  contestantId: string,
  percent: number,
  submit = true,
): Promise<void> {
  for (const criterion of SECRETARY_SHEET) {
    await enterMark(db, {
      roundId,
      judgeId,
      contestantId,
      criterionId: criterion.id,
      value: (criterion.max * percent) / 100,
    });
  }
  if (submit) await submitSheet(db, { roundId, judgeId, contestantId });
}

function renderPage(db: LeitaiDB, path: string, Page: () => React.ReactNode) {
  window.history.replaceState(null, '', path);
  useUiStore.setState({ lang: 'zh-CN' });
  const user = userEvent.setup();
  const view = render(
    <DatabaseProvider db={db}>
      <Page />
    </DatabaseProvider>,
  );
  return { user, ...view };
}

export function renderHost(db: LeitaiDB, roundId: string) {
  return renderPage(db, `/stage?round=${roundId}`, HostPage);
}

export function renderProjector(db: LeitaiDB, roundId: string) {
  return renderPage(db, `/projector?round=${roundId}`, ProjectorPage);
}
