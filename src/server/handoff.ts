/**
 * 离线交接 on the venue server: the host console relays, from the QR codes a judge's tablet
 * showed, that tablet's unsent signed sheets. A tablet that has joined sends its own events, so
 * a relay of them is admitted only where the judge's key vouches for it (a forged tablet or file
 * must not fill the judge's slots): every `sheet.submit` must carry a signature that verifies
 * against a key the judge's own tablet registered through this server (never one from the
 * hand-off), made by that very device; every `mark.set` must be a value that such a signature
 * covers. What passes is then admitted exactly as the tablet's own push would be (the same
 * admission, the same duplicates), so its push when the Wi-Fi comes back is acknowledged.
 *
 * Not protected: the event ids and device sequence numbers are not signed; an organizer who
 * relays genuine signed content under other numbers only blocks the tablet's own later push of
 * those numbers (refused as a conflict, visible in its sync panel), never changes a mark.
 */

import type { LeitaiEvent } from '../domain/events';
import type { Id } from '../domain/model';
import { checkSubmissions } from '../domain/signing-checks';
import type { RefusedEvent, WireEvent } from '../sync/protocol';

export interface HandoffEvent {
  event: WireEvent;
  /** Its place in the relayed batch. */
  index: number;
}

export interface HandoffSelection {
  admissible: HandoffEvent[];
  refused: RefusedEvent[];
}

function refusal(entry: HandoffEvent, message: string): RefusedEvent {
  return { eventId: entry.event.id, index: entry.index, code: 'forbiddenAuthor', message };
}

const sheetKey = (event: WireEvent, judgeId: Id, contestantId: Id) =>
  JSON.stringify([event.deviceId, event.competitionId, event.roundId, judgeId, contestantId]);

/**
 * Which relayed events the judges' signatures vouch for. `keyEvents` are the server's own
 * `judge.key.register`/`retire` events; `judgeOfDevice` the judge a device joined as.
 */
export async function selectSignedHandoff(
  subtle: SubtleCrypto,
  relayed: readonly HandoffEvent[],
  keyEvents: readonly LeitaiEvent[],
  judgeOfDevice: (deviceId: Id) => Id | null,
): Promise<HandoffSelection> {
  const refused: RefusedEvent[] = [];
  const candidates: HandoffEvent[] = [];
  for (const entry of relayed) {
    const { event } = entry;
    if (event.type !== 'mark.set' && event.type !== 'sheet.submit') {
      refused.push(refusal(entry, `a hand-off carries a judge's signed sheets only, not ${event.type}`));
    } else if (event.author.role !== 'judge' || event.author.judgeId !== event.payload.judgeId) {
      refused.push(refusal(entry, "a hand-off carries a judge's own events only"));
    } else if (judgeOfDevice(event.deviceId) !== event.payload.judgeId) {
      refused.push(
        refusal(entry, `device ${event.deviceId} is not a tablet of judge ${event.payload.judgeId}`),
      );
    } else candidates.push(entry);
  }
  const submits = candidates.filter((entry) => entry.event.type === 'sheet.submit');
  const checks = await checkSubmissions(subtle, [
    ...keyEvents,
    ...submits.map((entry) => entry.event as LeitaiEvent),
  ]);
  /** Per sheet (device, round, judge, contestant): the criteria and values a valid signature covers. */
  const covered = new Map<string, Map<Id, number>>();
  const admissible: HandoffEvent[] = [];
  for (const entry of submits) {
    const event = entry.event as LeitaiEvent<'sheet.submit'>;
    const { judgeId, contestantId } = event.payload;
    const check = checks.get(event.id);
    const named = `the sheet of judge ${judgeId} for contestant ${contestantId}`;
    if (!check) {
      refused.push(refusal(entry, `${named} is not signed`));
    } else if (check.state !== 'valid' || check.key?.deviceId !== event.deviceId) {
      refused.push(refusal(entry, `${named}: its signature does not verify (${check.state})`));
    } else {
      admissible.push(entry);
      const marks = new Map(check.signature.marks.map((mark) => [mark.criterionId, mark.value as number]));
      covered.set(sheetKey(event, judgeId, contestantId), marks);
    }
  }
  for (const entry of candidates) {
    if (entry.event.type !== 'mark.set') continue;
    const { judgeId, contestantId, criterionId, value } = (entry.event as LeitaiEvent<'mark.set'>).payload;
    const signed = covered.get(sheetKey(entry.event, judgeId, contestantId))?.get(criterionId);
    if (value !== null && signed === value) admissible.push(entry);
    else refused.push(refusal(entry, `no valid signature in the hand-off covers the mark on ${criterionId}`));
  }
  // In the tablet's own order, as its push would send them.
  admissible.sort((a, b) => a.event.deviceSeq - b.event.deviceSeq);
  return { admissible, refused };
}
