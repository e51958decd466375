/** 手写签名 as the printed judge's sheet shows them: the drawing each submitted sheet carries. */

import type { LeitaiEvent } from '../../domain/events';
import type { Id } from '../../domain/model';
import { handSignatureHolds } from '../../domain/signing';
import type { LeitaiDB } from '../database';

export interface HandSignatureOfSheet {
  contestantId: Id;
  /** The PNG, base64: the one the sheet's signature covers (its digest holds). */
  image: string;
}

/**
 * The drawings on one judge's submitted sheets of a round, from the submission that owns each
 * sheet; a drawing that does not match its signed digest is left out (the host flags that sheet).
 */
export function handSignaturesOfJudge(
  db: LeitaiDB,
  roundId: Id,
  judgeId: Id,
): Promise<HandSignatureOfSheet[]> {
  return db.transaction('r', [db.sheets, db.events], async () => {
    const sheets = await db.sheets.where('roundId').equals(roundId).toArray();
    const owned = sheets.filter((sheet) => sheet.judgeId === judgeId && sheet.status === 'submitted');
    const heads = await db.events.bulkGet(owned.map((sheet) => sheet.head.eventId));
    return heads.flatMap((event) => {
      if (event?.type !== 'sheet.submit') return [];
      const { payload } = event as LeitaiEvent<'sheet.submit'>;
      const image = payload.signature?.handSignatureImage;
      if (!payload.signature || image === undefined || !handSignatureHolds(payload.signature)) return [];
      return [{ contestantId: payload.contestantId, image }];
    });
  });
}
