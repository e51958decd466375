/** 加分 / 扣分 entered by the host, each with a reason; revoked, never edited or erased. */

import { type AdjustmentRow, isAdjustmentActive } from '../domain/events';
import type { Hundredths, Id } from '../domain/model';
import type { LeitaiDB } from './database';
import { getContestant, getRound, HOST, roundScope } from './entities';
import { because, fieldOf, RepositoryError } from './errors';
import { isHundredths, requireText } from './guards';
import { newId } from './ids';
import { appendLocalEvent, writeTransaction } from './log';

export interface AdjustmentDraft {
  roundId: Id;
  contestantId: Id;
  /** e.g. 超时扣分 */
  label: string;
  /** Positive for 加分, negative for 扣分. */
  points: Hundredths;
  reason: string;
}

export function addAdjustment(db: LeitaiDB, draft: AdjustmentDraft): Promise<AdjustmentRow> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, draft.roundId);
    const contestant = await getContestant(db, draft.roundId, draft.contestantId);
    const label = requireText(draft.label, fieldOf('adjustmentLabel'), 50);
    if (!isHundredths(draft.points) || draft.points === 0) {
      throw new RepositoryError(
        'invalid-field',
        because('adjustmentZero', { contestant: contestant.name, label }),
      );
    }
    const adjustmentId = newId();
    await appendLocalEvent(db, {
      type: 'adjustment.add',
      author: HOST,
      ...roundScope(round),
      payload: {
        adjustmentId,
        contestantId: contestant.id,
        label,
        points: draft.points,
        reason: requireText(draft.reason, fieldOf('adjustmentReason'), 200),
      },
    });
    return (await db.adjustments.get(adjustmentId)) as AdjustmentRow;
  });
}

export function revokeAdjustment(
  db: LeitaiDB,
  revoke: { adjustmentId: Id; reason: string },
): Promise<AdjustmentRow> {
  return writeTransaction(db, async () => {
    const row = await db.adjustments.get(revoke.adjustmentId);
    if (!row?.added) throw new RepositoryError('not-found', because('adjustmentNotFound'));
    if (!isAdjustmentActive(row))
      throw new RepositoryError('adjustment-revoked', because('adjustmentRevoked'));
    const round = await getRound(db, row.roundId);
    await appendLocalEvent(db, {
      type: 'adjustment.revoke',
      author: HOST,
      ...roundScope(round),
      payload: {
        adjustmentId: row.adjustmentId,
        reason: requireText(revoke.reason, fieldOf('revokeReason'), 200),
      },
    });
    return (await db.adjustments.get(row.adjustmentId)) as AdjustmentRow;
  });
}
