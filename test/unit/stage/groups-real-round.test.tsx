/**
 * A real round with rater groups, scored by the engine from the device's database: three
 * experts (trimmed k = 1) worth 70 and six phones' 支持 votes worth 30. The host's progress per
 * group, the reveal blocked until every group is complete, the sentence that names each group,
 * the projector's cards, and the results' columns, all from the same marks.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { PrintView } from '../../../src/app/results/PrintView';
import { loadRoundReport } from '../../../src/app/results/report';
import { summaryTable } from '../../../src/app/results/sheets';
import type { LeitaiDB } from '../../../src/db/database';
import { competitionScope, putEntities, putEntity, roundScope } from '../../../src/db/entities';
import { writeTransaction } from '../../../src/db/log';
import {
  applyRemoteEvents,
  callContestant,
  closeAudienceVoting,
  createCompetition,
  createRound,
  enterMark,
  importRoster,
  openAudienceVoting,
  revealContestant,
  setProjectorDisplay,
  submitSheet,
} from '../../../src/db/repository';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../../src/domain/records';
import { giveAudience, groupJudges, serverVote } from '../audience/helpers';
import { freshDb, SECRETARY_SHEET } from '../db/helpers';
import { zh } from '../results/demo';
import { renderHost, renderProjector, scoreSheet, seedStageRound } from './stage-helpers';

/** The live queries recompute after each write; on a loaded machine that takes a while. */
const LIVE = { timeout: 15_000 };

interface GroupedRound {
  round: RoundRecord;
  experts: JudgeRecord[];
  phones: JudgeRecord[];
  lisi: ContestantRecord;
}

async function seedGroupedRound(db: LeitaiDB): Promise<GroupedRound> {
  const competition = await createCompetition(db, { name: '擂台比武', date: '2026-06-18' });
  const sheet = SECRETARY_SHEET.map((criterion) => criterion.id);
  const created = await createRound(db, {
    competitionId: competition.id,
    name: '决赛',
    criteria: [...SECRETARY_SHEET, { id: 'support', label: '支持', max: 100, points: 100, step: 100 }],
    settings: {
      panel: { kind: 'trimmed', k: 1 },
      level: 'total',
      decimals: 2,
      rounding: 'half-up',
      roundEachCriterion: false,
      minJudges: null,
      tieBreak: [],
      awards: [],
      groups: [
        { id: 'experts', label: '专家评委', weight: 7000, criteria: sheet, panel: null, minJudges: null },
        {
          id: 'audience',
          label: '大众评审',
          weight: 3000,
          criteria: ['support'],
          panel: { kind: 'mean' },
          minJudges: 1,
        },
      ],
    },
  });
  const round: RoundRecord = {
    ...created,
    audience: { groupId: 'audience', criterionId: 'support', mode: 'support', windowSeconds: 30 },
  };
  await writeTransaction(db, () => putEntity(db, 'rounds', round, roundScope(round)));
  const roster = await importRoster(db, round.id, {
    judges: [
      ...['王评委', '李评委', '赵评委'].map((name) => ({ name })),
      ...Array.from({ length: 6 }, (_, at) => ({ name: `观众${at + 1}` })),
    ],
    contestants: [
      { name: '张三', draw: 1 },
      { name: '李四', draw: 2 },
    ],
  });
  const judges = roster.judges.map((judge, at) => ({ ...judge, group: at < 3 ? 'experts' : 'audience' }));
  await writeTransaction(db, () => putEntities(db, 'judges', judges, competitionScope(competition.id)));
  return {
    round,
    experts: judges.slice(0, 3),
    phones: judges.slice(3),
    lisi: roster.contestants[1] as ContestantRecord,
  };
}

async function expertSheet(
  db: LeitaiDB,
  round: RoundRecord,
  judge: JudgeRecord,
  contestant: ContestantRecord,
  percent: number,
) {
  for (const criterion of SECRETARY_SHEET) {
    await enterMark(db, {
      roundId: round.id,
      judgeId: judge.id,
      contestantId: contestant.id,
      criterionId: criterion.id,
      value: (criterion.max * percent) / 100,
    });
  }
  await submitSheet(db, { roundId: round.id, judgeId: judge.id, contestantId: contestant.id });
}

async function vote(
  db: LeitaiDB,
  round: RoundRecord,
  phone: JudgeRecord,
  contestant: ContestantRecord,
  support: boolean,
) {
  await enterMark(db, {
    roundId: round.id,
    judgeId: phone.id,
    contestantId: contestant.id,
    criterionId: 'support',
    value: support ? 100 : 0,
  });
  await submitSheet(db, { roundId: round.id, judgeId: phone.id, contestantId: contestant.id });
}

/** Experts 92, 88, 80 (88 kept); five of six phones 支持: 0.7 x 88 + 30 x 5/6 = 86.60. */
async function scoreLisi(db: LeitaiDB, seeded: GroupedRound, firstExpertDone = false) {
  const { round, experts, phones, lisi } = seeded;
  if (!firstExpertDone) await expertSheet(db, round, experts[0] as JudgeRecord, lisi, 92);
  await expertSheet(db, round, experts[1] as JudgeRecord, lisi, 88);
  await expertSheet(db, round, experts[2] as JudgeRecord, lisi, 80);
  for (const [at, phone] of phones.entries()) await vote(db, round, phone, lisi, at < 5);
}

describe('a real round with rater groups', () => {
  it('shows each group’s progress and keeps the reveal blocked until every group is complete', async () => {
    const db = freshDb();
    const seeded = await seedGroupedRound(db);
    const { round, experts, lisi } = seeded;
    await callContestant(db, { roundId: round.id, contestantId: lisi.id });
    await expertSheet(db, round, experts[0] as JudgeRecord, lisi, 92);
    renderHost(db, round.id);
    const groups = await screen.findByRole('list', { name: '各评委组进度' }, LIVE);
    await waitFor(
      () =>
        expect(
          within(groups)
            .getAllByRole('listitem')
            .map((item) => item.textContent),
        ).toEqual(['专家评委 1/3', '大众评审 已投 0']),
      LIVE,
    );
    expect(screen.getByRole('button', { name: '公布成绩' })).toBeDisabled();
    await scoreLisi(db, seeded, true);
    await waitFor(
      () =>
        expect(
          within(groups)
            .getAllByRole('listitem')
            .map((item) => item.textContent),
        ).toEqual(['专家评委 3/3', '大众评审 已投 6']),
      LIVE,
    );
    await waitFor(() => expect(screen.getByRole('button', { name: '公布成绩' })).toBeEnabled(), LIVE);
  });

  it('reads out each group, shows its cards on the projector and its column in the results', async () => {
    const db = freshDb();
    const seeded = await seedGroupedRound(db);
    const { round, lisi } = seeded;
    await callContestant(db, { roundId: round.id, contestantId: lisi.id });
    await scoreLisi(db, seeded);
    await revealContestant(db, { roundId: round.id, contestantId: lisi.id, pace: 'instant' });
    await setProjectorDisplay(db, round.id, {
      view: 'reveal',
      contestantId: lisi.id,
      theme: 'leitai',
      pace: 'instant',
    });
    const host = renderHost(db, round.id);
    await host.findByText(
      '专家评委去掉一个最高分92.00分，去掉一个最低分80.00分，平均分88.00分，大众评审支持率83.3%，最后得分86.60分，目前排名第1名。',
      {},
      LIVE,
    );
    host.unmount();

    const { container } = renderProjector(db, round.id);
    await waitFor(() => expect(container.querySelectorAll('.pj-group')).toHaveLength(2), LIVE);
    const cards = [...container.querySelectorAll('.pj-group')].map((card) =>
      [...card.children].map((part) => part.textContent),
    );
    expect(cards).toEqual([
      ['专家评委', '88.00', '× 70%'],
      ['大众评审 · 支持率', '83.3%', '× 30%'],
    ]);
    expect(container.querySelector('.pj-final__score')).toHaveTextContent('86.60');

    const report = await loadRoundReport(db, round.id);
    const table = summaryTable(report, zh);
    const row = table.rows.find((cells) => cells[1] === '李四');
    const at = (label: string) => table.header.indexOf(label);
    expect(row?.[at('专家评委（70%）')]).toBe('88.00');
    expect(row?.[at('大众评审（30%）')]).toBe('83.3%');
    expect(row?.[at('大众投票人数')]).toBe('6');
    expect(row?.[at('最后得分')]).toBe('86.60');
  });

  it('prints the summary with a column per group and each judge’s sheet under its group', async () => {
    const db = freshDb();
    const seeded = await seedGroupedRound(db);
    await scoreLisi(db, seeded);
    const { container } = render(
      <DatabaseProvider db={db}>
        <PrintView
          competitionId={seeded.round.competitionId}
          roundId={seeded.round.id}
          documents={['summary', 'judges']}
        />
      </DatabaseProvider>,
    );
    await waitFor(() => expect(container.querySelectorAll('.print-doc')).toHaveLength(1 + 9), LIVE);
    const [summary, ...sheets] = [...container.querySelectorAll('.print-doc')];
    const headers = [...(summary?.querySelectorAll('th') ?? [])].map((cell) => cell.textContent);
    expect(headers).toEqual(expect.arrayContaining(['专家评委（70%）', '大众评审（30%）', '大众投票人数']));
    const lisiRow = [...(summary?.querySelectorAll('tbody tr') ?? [])].find((row) =>
      row.textContent?.includes('李四'),
    );
    expect(lisiRow).toHaveTextContent('88.0083.3%86.60');
    expect(sheets.map((sheet) => sheet.querySelector('.print-doc__group')?.textContent)).toEqual([
      ...Array(3).fill('评委组：专家评委'),
      ...Array(6).fill('评委组：大众评审'),
    ]);
    // An expert's sheet has the experts' five criteria, a phone's only 支持.
    const columns = (sheet: Element | undefined) => (sheet?.querySelectorAll('thead th').length ?? 0) - 5;
    expect(columns(sheets[0])).toBe(5);
    expect(columns(sheets[8])).toBe(1);
  });
});

describe('a round with the audience’s votes from their phones', () => {
  it('counts the votes the server wrote: 已投, 支持率 in the sentence, the turnout in the results', async () => {
    const db = freshDb();
    const seeded = await seedStageRound(db);
    const round = await giveAudience(db, seeded.round);
    await groupJudges(db, seeded.judges);
    const lisi = seeded.contestants[1];
    await callContestant(db, { roundId: round.id, contestantId: lisi.id });
    // Experts 90, 80, 70: 80 kept.
    for (const [at, judge] of seeded.judges.entries())
      await scoreSheet(db, round.id, judge.id, lisi.id, 90 - 10 * at);
    const windowId = await openAudienceVoting(db, round.id, lisi.id);
    // Five phones, three 支持: the round's trim (k = 1) drops a 0 and a 1, so 2 of 3 count as 支持.
    await applyRemoteEvents(
      db,
      [1, 1, 1, 0, 0].map((value, at) => serverVote(round, windowId, lisi.id, at + 1, value, at + 1)),
    );
    await closeAudienceVoting(db, round.id, windowId);
    await revealContestant(db, { roundId: round.id, contestantId: lisi.id, pace: 'instant' });
    renderHost(db, round.id);
    const groups = await screen.findByRole('list', { name: '各评委组进度' }, LIVE);
    await waitFor(
      () =>
        expect(
          within(groups)
            .getAllByRole('listitem')
            .map((item) => item.textContent),
        ).toEqual(['专家评委 3/3', '大众评审 已投 5']),
      LIVE,
    );
    // 0.7 x 80 + 30 x 2/3 = 76.00
    await screen.findByText(
      '专家评委去掉一个最高分90.00分，去掉一个最低分70.00分，平均分80.00分，大众评审支持率66.7%，最后得分76.00分，目前排名第1名。',
      {},
      LIVE,
    );
    const report = await loadRoundReport(db, round.id);
    const table = summaryTable(report, zh);
    const row = table.rows.find((cells) => cells[1] === '李四');
    expect(row?.[table.header.indexOf('大众投票人数')]).toBe('5');
    expect(row?.[table.header.indexOf('大众评审（30%）')]).toBe('66.7%');
  });
});
