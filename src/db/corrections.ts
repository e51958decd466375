/**
 * 申请修改: after submitting, a judge asks to change a sheet; the host approves (the sheet
 * reopens, and the judge submits again) or refuses. Nothing is overwritten: the request, the
 * decision and the new marks are all events.
 */

import { type CorrectionRow, isCorrectionPending } from '../domain/events';
import type { Id } from '../domain/model';
import type { LeitaiDB } from './database';
import { getContestant, getJudge, getRound, HOST, roundScope } from './entities';
import { because, fieldOf, RepositoryError } from './errors';
import { optionalText, requireText } from './guards';
import { newId } from './ids';
import { appendLocalEvent, writeTransaction } from './log';
import type { SheetRef } from './marks';
import { unlockForCorrection } from './stage';

export function requestCorrection(
  db: LeitaiDB,
  request: SheetRef & { reason: string },
): Promise<CorrectionRow> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, request.roundId);
    const judge = await getJudge(db, request.roundId, request.judgeId);
    const contestant = await getContestant(db, request.roundId, request.contestantId);
    const sheet = await db.sheets.get([request.roundId, request.judgeId, request.contestantId]);
    if (sheet?.status !== 'submitted') {
      throw new RepositoryError(
        'sheet-not-submitted',
        because('sheetNotSubmitted', { judge: judge.name, contestant: contestant.name }),
      );
    }
    const pending = await db.corrections
      .where('roundId')
      .equals(request.roundId)
      .filter(
        (row) =>
          isCorrectionPending(row) &&
          row.request?.judgeId === request.judgeId &&
          row.request.contestantId === request.contestantId,
      )
      .count();
    if (pending > 0) {
      throw new RepositoryError(
        'correction-pending',
        because('correctionPending', { judge: judge.name, contestant: contestant.name }),
      );
    }
    const requestId = newId();
    await appendLocalEvent(db, {
      type: 'correction.request',
      author: { role: 'judge', judgeId: judge.id },
      ...roundScope(round),
      payload: {
        requestId,
        judgeId: judge.id,
        contestantId: contestant.id,
        reason: requireText(request.reason, fieldOf('correctionReason'), 200),
      },
    });
    return (await db.corrections.get(requestId)) as CorrectionRow;
  });
}

/** A refusal needs a reason, which the judge sees; an approval may have one. */
export function decideCorrection(
  db: LeitaiDB,
  decision: { requestId: Id; approved: boolean; reason?: string },
): Promise<CorrectionRow> {
  return writeTransaction(db, async () => {
    const row = await db.corrections.get(decision.requestId);
    if (!row?.request) throw new RepositoryError('not-found', because('correctionNotFound'));
    if (row.decision) throw new RepositoryError('correction-decided', because('correctionDecided'));
    const round = await getRound(db, row.roundId);
    const { judgeId, contestantId } = row.request;
    const reason = decision.approved
      ? (optionalText(decision.reason, fieldOf('decisionNote')) ?? '')
      : requireText(decision.reason ?? '', fieldOf('rejectionReason'), 200);
    const sheet = await db.sheets.get([row.roundId, judgeId, contestantId]);
    await appendLocalEvent(db, {
      type: 'correction.decide',
      author: HOST,
      ...roundScope(round),
      payload: {
        requestId: row.requestId,
        judgeId,
        contestantId,
        approved: decision.approved,
        reason,
        revision: (sheet?.head.revision ?? 0) + 1,
      },
    });
    // A revealed contestant's sheet is locked too: approving reopens it, recorded as its own event.
    if (decision.approved)
      await unlockForCorrection(db, round, { judgeId, contestantId, requestId: row.requestId });
    return (await db.corrections.get(row.requestId)) as CorrectionRow;
  });
}
