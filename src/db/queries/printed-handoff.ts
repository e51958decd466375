/**
 * The paper fallback of 离线交接: what the printed judge's sheet carries as QR codes, so that a
 * photo of the page can be relayed to the venue server later (POST /handoff). The server admits
 * a hand-off's `mark.set` and signed `sheet.submit` written by the judge's own tablet, and a mark
 * only where a signature of the same tablet covers its value (src/server/handoff.ts): exactly
 * what is chosen here, from this device's log.
 */

import type { LeitaiEvent } from '../../domain/events';
import type { Id } from '../../domain/model';
import type { LeitaiDB } from '../database';

const byDeviceOrder = (a: LeitaiEvent, b: LeitaiEvent) =>
  a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : a.deviceSeq - b.deviceSeq;

/**
 * A judge's signed sheets of a round: each submitted sheet whose submission (the one that owns
 * the sheet now) the judge's tablet signed, and the writes of its marks whose value that
 * signature covers (earlier keystrokes of a cell stay out), in each tablet's own order. Sheets
 * not submitted, submitted unsigned or entered for the judge by someone else are left out.
 */
export function signedSheetEventsOfJudge(db: LeitaiDB, roundId: Id, judgeId: Id): Promise<LeitaiEvent[]> {
  return db.transaction('r', [db.sheets, db.events], async () => {
    const sheets = await db.sheets.where('roundId').equals(roundId).toArray();
    const owned = sheets.filter((sheet) => sheet.judgeId === judgeId && sheet.status === 'submitted');
    const heads = await db.events.bulkGet(owned.map((sheet) => sheet.head.eventId));
    const submits = heads.filter(
      (event): event is LeitaiEvent<'sheet.submit'> =>
        event?.type === 'sheet.submit' &&
        event.payload.signature !== undefined &&
        event.author.role === 'judge' &&
        event.author.judgeId === judgeId,
    );
    if (submits.length === 0) return [];
    /** By tablet and contestant: the value each criterion's mark was signed with. */
    const signed = new Map(
      submits.map((submit) => [
        `${submit.deviceId}/${submit.payload.contestantId}`,
        new Map(submit.payload.signature?.marks.map((mark) => [mark.criterionId, mark.value as number])),
      ]),
    );
    const marks = await db.events
      .where('[roundId+type]')
      .equals([roundId, 'mark.set'])
      .filter((event) => {
        const { author, deviceId, payload } = event as LeitaiEvent<'mark.set'>;
        if (author.role !== 'judge' || author.judgeId !== judgeId || payload.judgeId !== judgeId)
          return false;
        const value = signed.get(`${deviceId}/${payload.contestantId}`)?.get(payload.criterionId);
        return value !== undefined && value === payload.value;
      })
      .toArray();
    return [...marks, ...submits].sort(byDeviceOrder);
  });
}
