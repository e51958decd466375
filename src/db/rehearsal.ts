/**
 * 彩排: a rehearsal of a real round, the day before, in the hall. "开始彩排" copies the round
 * (sheet, settings, time limit, contestants) into a new round flagged `rehearsalOf`, with
 * simulated judges of its own; every event it writes carries that round's id, so the real
 * round's events are never touched. The simulation (src/app/organizer/rehearsal) writes the
 * simulated judges' marks as the organizer through `enterMark` / `submitSheet`; the venue
 * server admits such marks only in a rehearsal round. "结束彩排并清除" purges the rehearsal round
 * everywhere (src/db/purge.ts).
 */

import type { Id } from '../domain/model';
import { byOrderThenId } from '../domain/order';
import { isRehearsalRound } from '../domain/purge';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../domain/records';
import type { LeitaiDB } from './database';
import { getRound, putEntities, putEntity, roundScope } from './entities';
import { because, RepositoryError } from './errors';
import { newId } from './ids';
import { writeTransaction } from './log';

/** How many simulated judges a rehearsal of a round without a panel gets. */
export const DEFAULT_SIMULATED_PANEL = 7;

/**
 * The simulated panel of a rehearsal round: one per real judge (their unit and weight, so that
 * 回避 and the weighted rule behave as on the day), named 模拟评委1…n; seven when the real
 * round has no judges yet. They never join a tablet (no join code), and are the competition's
 * judges only in name: assigned to the rehearsal round alone, flagged `simulated`, and written
 * in its scope, so that its purge takes them too. Kept in one function: what a judge is
 * changes only here.
 */
export function simulatedJudges(realJudges: readonly JudgeRecord[], rehearsal: RoundRecord): JudgeRecord[] {
  const panel = [...realJudges].sort(byOrderThenId);
  const count = panel.length > 0 ? panel.length : DEFAULT_SIMULATED_PANEL;
  // With rater groups, the real judge's group when it is one of the round's, else the groups in turn.
  const groups = rehearsal.settings.groups ?? [];
  const groupOf = (index: number): Pick<JudgeRecord, 'group'> => {
    const own = panel[index]?.group;
    if (own !== undefined && groups.some((group) => group.id === own)) return { group: own };
    const turn = groups[index % Math.max(1, groups.length)];
    return turn ? { group: turn.id } : {};
  };
  return Array.from({ length: count }, (_, index) => ({
    id: newId(),
    competitionId: rehearsal.competitionId,
    roundIds: [rehearsal.id],
    name: `模拟评委${index + 1}`,
    title: '彩排',
    weight: panel[index]?.weight ?? 100,
    unit: panel[index]?.unit ?? null,
    joinCode: '',
    order: index + 1,
    simulated: true,
    ...groupOf(index),
  }));
}

/** The rehearsal round of a real round, if one is running. */
export async function rehearsalOf(db: LeitaiDB, realRoundId: Id): Promise<RoundRecord | undefined> {
  const rounds = await db.rounds.toArray();
  return rounds.find((round) => round.rehearsalOf === realRoundId);
}

/** 开始彩排: the rehearsal round, its contestants (copies, own ids) and its simulated judges. */
export function startRehearsal(db: LeitaiDB, realRoundId: Id): Promise<RoundRecord> {
  return writeTransaction(db, async () => {
    const real = await getRound(db, realRoundId);
    if (isRehearsalRound(real)) {
      throw new RepositoryError('rehearsal-invalid', because('alreadyRehearsal', { round: real.name }));
    }
    if (await rehearsalOf(db, realRoundId)) {
      throw new RepositoryError('rehearsal-invalid', because('rehearsalRunning', { round: real.name }));
    }
    const contestants = await db.contestants.where('roundId').equals(realRoundId).toArray();
    if (contestants.length === 0) {
      throw new RepositoryError('rehearsal-invalid', because('rehearsalNoContestants', { round: real.name }));
    }
    const round: RoundRecord = {
      ...structuredClone(real),
      id: newId(),
      name: `${real.name}（彩排）`,
      rehearsalOf: real.id,
    };
    const scope = roundScope(round);
    await putEntity(db, 'rounds', round, scope);
    const realJudges = await db.judges.where('roundIds').equals(realRoundId).toArray();
    await putEntities(db, 'judges', simulatedJudges(realJudges, round), scope);
    const copies = contestants.map(
      (contestant): ContestantRecord => ({ ...contestant, id: newId(), roundId: round.id, photoId: null }),
    );
    await putEntities(db, 'contestants', copies, scope);
    return round;
  });
}
