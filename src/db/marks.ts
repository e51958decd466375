/** A judge's marks and the submission of their score sheet (评分表). */

import type { Author, MarkRow, SheetRow } from '../domain/events';
import type { Hundredths, Id } from '../domain/model';
import { isRehearsalRound } from '../domain/purge';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../domain/records';
import { type RecusalReason, recusalReason } from '../domain/recusal';
import type { LeitaiDB } from './database';
import { getContestant, getJudge, getRound, roundScope } from './entities';
import { RepositoryError } from './errors';
import { checkMarkValue } from './guards';
import { appendLocalEvent, writeTransaction } from './log';
import { isSheetLockedIn } from './stage';

export interface SheetRef {
  roundId: Id;
  judgeId: Id;
  contestantId: Id;
}

export interface MarkEntry extends SheetRef {
  criterionId: Id;
  /** Hundredths, or null to clear the cell. */
  value: Hundredths | null;
}

const RECUSAL_EXPLAINED: Record<RecusalReason, (judge: JudgeRecord, contestant: ContestantRecord) => string> =
  {
    sameUnit: (judge, contestant) => `与选手“${contestant.name}”同属“${judge.unit}”`,
    unitContains: (judge, contestant) =>
      `的单位“${judge.unit}”与选手“${contestant.name}”的单位“${contestant.unit}”相互包含`,
    recuseList: (_judge, contestant) => `的回避名单包括选手“${contestant.name}”`,
  };

interface SheetContext {
  round: RoundRecord;
  judge: JudgeRecord;
  contestant: ContestantRecord;
  sheet: SheetRow | undefined;
}

/** The judge's own tablet writes as the judge; a rehearsal's simulation writes as the organizer. */
function authorOf(judgeId: Id, simulated: boolean): Author {
  return simulated ? { role: 'organizer' } : { role: 'judge', judgeId };
}

/** The checks shared by marking and submitting: who may score whom, and the sheet still open. */
async function openSheet(db: LeitaiDB, ref: SheetRef, simulated: boolean): Promise<SheetContext> {
  const round = await getRound(db, ref.roundId);
  if (simulated && !isRehearsalRound(round)) {
    throw new RepositoryError('rehearsal-invalid', `轮次“${round.name}”不是彩排轮次，不能写入模拟评分`);
  }
  const judge = await getJudge(db, ref.roundId, ref.judgeId);
  const contestant = await getContestant(db, ref.roundId, ref.contestantId);
  if (contestant.status !== 'active') {
    throw new RepositoryError('contestant-inactive', `选手“${contestant.name}”已退赛或被取消资格，不能评分`);
  }
  const recusal = recusalReason(judge, contestant, round.settings.recusal);
  if (recusal !== null) {
    throw new RepositoryError(
      'judge-recused',
      `评委“${judge.name}”${RECUSAL_EXPLAINED[recusal](judge, contestant)}，应当回避，不能评分`,
    );
  }
  if (await isSheetLockedIn(db, ref.roundId, ref.contestantId, ref.judgeId)) {
    throw new RepositoryError(
      'contestant-locked',
      `选手“${contestant.name}”的成绩已公布，评分已锁定；如需修改，请向主持人申请修改`,
    );
  }
  const sheet = await db.sheets.get([ref.roundId, ref.judgeId, ref.contestantId]);
  return { round, judge, contestant, sheet };
}

/**
 * Sets or clears one mark (`simulated`: by a rehearsal's simulation, see submitSheet). Re-entering the value the cell already holds writes nothing (a
 * screen may save on every blur); otherwise the event supersedes the cell's revision.
 * Resolves to the cell after the write: undefined only when an empty cell was cleared.
 */
export function enterMark(db: LeitaiDB, entry: MarkEntry, simulated = false): Promise<MarkRow | undefined> {
  return writeTransaction(db, async () => {
    const { round, judge, contestant, sheet } = await openSheet(db, entry, simulated);
    const criterion = round.criteria.find((candidate) => candidate.id === entry.criterionId);
    if (!criterion) {
      throw new RepositoryError(
        'unknown-criterion',
        `评委“${judge.name}”给选手“${contestant.name}”打分的评分项不在本轮次的评分标准中`,
      );
    }
    if (sheet?.status === 'submitted') {
      throw new RepositoryError(
        'sheet-submitted',
        `评委“${judge.name}”对选手“${contestant.name}”的评分表已提交；如需修改，请申请修改`,
      );
    }
    if (entry.value !== null) {
      checkMarkValue(criterion, entry.value, { judgeName: judge.name, contestantName: contestant.name });
    }
    const key: [Id, Id, Id, Id] = [entry.roundId, entry.judgeId, entry.contestantId, entry.criterionId];
    const current = await db.marks.get(key);
    // Nothing changes (an unchanged value, or clearing a cell never marked): nothing to record.
    if ((current?.value ?? null) === entry.value) return current;
    await appendLocalEvent(db, {
      type: 'mark.set',
      author: authorOf(judge.id, simulated),
      ...roundScope(round),
      payload: {
        judgeId: judge.id,
        contestantId: contestant.id,
        criterionId: criterion.id,
        value: entry.value,
        revision: (current?.head.revision ?? 0) + 1,
      },
    });
    return db.marks.get(key);
  });
}

/**
 * Sends the sheet to the host; every criterion must be marked. `simulated`: written by a
 * rehearsal's simulation (as the organizer), in a rehearsal round only.
 */
export function submitSheet(db: LeitaiDB, ref: SheetRef, simulated = false): Promise<SheetRow> {
  return writeTransaction(db, async () => {
    const { round, judge, contestant, sheet } = await openSheet(db, ref, simulated);
    if (sheet?.status === 'submitted') return sheet;
    const marks = await db.marks
      .where('[roundId+judgeId+contestantId]')
      .equals([ref.roundId, ref.judgeId, ref.contestantId])
      .toArray();
    const marked = new Set(marks.filter((mark) => mark.value !== null).map((mark) => mark.criterionId));
    const missing = round.criteria.filter((criterion) => !marked.has(criterion.id));
    if (missing.length > 0) {
      throw new RepositoryError(
        'sheet-incomplete',
        `评委“${judge.name}”对选手“${contestant.name}”还有评分项未打分：${missing.map((c) => c.label).join('、')}`,
      );
    }
    await appendLocalEvent(db, {
      type: 'sheet.submit',
      author: authorOf(judge.id, simulated),
      ...roundScope(round),
      payload: { judgeId: judge.id, contestantId: contestant.id, revision: (sheet?.head.revision ?? 0) + 1 },
    });
    return (await db.sheets.get([ref.roundId, ref.judgeId, ref.contestantId])) as SheetRow;
  });
}
