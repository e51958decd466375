/**
 * 离线交接, both ends: the tablet's unsent signed sheets as the hand-off's events, and the host
 * console's relay of a scanned hand-off to the venue server (POST /handoff, src/server/handoff.ts),
 * which admits them as the tablet's own push would.
 */

import type { LeitaiDB } from '../db/database';
import { readOutbox } from '../db/remote';
import type { LeitaiEvent } from '../domain/events';
import { handoffPayloadText, splitIntoFrames } from './handoff-frames';
import type { PushResponse, WireEvent } from './protocol';
import { request, type SyncTransport } from './transport';
import { toWireAll } from './wire';

/** More than a tablet ever holds unsent (a day's sheets); IndexedDB wants a 32-bit count. */
const OUTBOX_LIMIT = 100_000;

const sheetOf = (event: LeitaiEvent<'mark.set' | 'sheet.submit'>) =>
  JSON.stringify([event.roundId, event.payload.judgeId, event.payload.contestantId]);

/**
 * What waits in this tablet's outbox of its signed sheets: each signed submission and, of its
 * marks, the writes whose value the signature covers (earlier keystrokes of a cell stay for the
 * tablet's own push). Oldest first, as the push would send them.
 */
export async function unsentSignedSheets(db: LeitaiDB): Promise<WireEvent[]> {
  const outbox = await readOutbox(db, OUTBOX_LIMIT);
  const signed = new Map<string, Map<string, number>>();
  for (const event of outbox) {
    if (event.type !== 'sheet.submit') continue;
    const { signature } = (event as LeitaiEvent<'sheet.submit'>).payload;
    if (signature)
      signed.set(
        sheetOf(event as LeitaiEvent<'sheet.submit'>),
        new Map(signature.marks.map((mark) => [mark.criterionId, mark.value as number])),
      );
  }
  const chosen = outbox.filter((event) => {
    if (event.type === 'sheet.submit')
      return (event as LeitaiEvent<'sheet.submit'>).payload.signature !== undefined;
    if (event.type !== 'mark.set') return false;
    const mark = event as LeitaiEvent<'mark.set'>;
    return signed.get(sheetOf(mark))?.get(mark.payload.criterionId) === mark.payload.value;
  });
  return toWireAll(chosen);
}

/**
 * The QR frames printed on a judge's sheet (the paper fallback): the same frames a tablet shows,
 * of the events `signedSheetEventsOfJudge` (src/db/queries/printed-handoff.ts) chose; none for none.
 */
export async function printedHandoffFrames(events: readonly LeitaiEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  return splitIntoFrames(handoffPayloadText(await toWireAll(events)));
}

/** The host console's relay of a scanned hand-off; the server's answer, event by event. */
export function relayHandoff(
  transport: SyncTransport,
  organizerToken: string,
  events: readonly unknown[],
): Promise<PushResponse> {
  return request<PushResponse>(transport, {
    method: 'POST',
    path: '/handoff',
    token: organizerToken,
    body: { events },
  });
}
