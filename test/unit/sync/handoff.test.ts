// @vitest-environment node
/** 离线交接 on the tablet: what the QR codes carry is exactly the signed, unsent part of the outbox. */
import { describe, expect, it } from 'vitest';
import { enterMark } from '../../../src/db/marks';
import { acknowledgeEvents, readOutbox } from '../../../src/db/remote';
import { submitSignedSheet } from '../../../src/db/signed-submit';
import { signingKeyFor } from '../../../src/db/signing-keys';
import { unsentSignedSheets } from '../../../src/sync/handoff';
import {
  eventsOfHandoffPayload,
  FrameCollector,
  handoffPayloadText,
  splitIntoFrames,
} from '../../../src/sync/handoff-frames';
import { freshDb, SECRETARY_SHEET, seedRound } from '../db/helpers';

const { subtle } = globalThis.crypto;

describe('a tablet’s unsent signed sheets', () => {
  it('are the signed submissions and the marks they cover; a sheet not yet submitted stays out', async () => {
    const db = freshDb();
    const seeded = await seedRound(db);
    const judgeId = seeded.judges[0].id;
    await signingKeyFor(db, judgeId, subtle);
    // What was sent before the Wi-Fi went (the setup, the key's registration) is acknowledged.
    await acknowledgeEvents(
      db,
      (await readOutbox(db, 100_000)).map((event) => event.id),
    );
    const signedSheet = { roundId: seeded.round.id, judgeId, contestantId: seeded.contestants[0].id };
    const openSheet = { ...signedSheet, contestantId: seeded.contestants[1].id };
    const [first] = SECRETARY_SHEET;
    if (!first) throw new Error('no criterion');
    // A first keystroke then the final value: only the signed value is handed over.
    await enterMark(db, { ...signedSheet, criterionId: first.id, value: 500 });
    for (const criterion of SECRETARY_SHEET)
      await enterMark(db, { ...signedSheet, criterionId: criterion.id, value: 800 });
    await submitSignedSheet(db, signedSheet, subtle);
    await enterMark(db, { ...openSheet, criterionId: first.id, value: 900 });

    const events = await unsentSignedSheets(db);
    expect(events.map((event) => event.type)).toEqual([
      ...SECRETARY_SHEET.map(() => 'mark.set'),
      'sheet.submit',
    ]);
    expect(events.every((event) => event.type !== 'mark.set' || event.payload.value === 800)).toBe(true);
    expect(
      events.every(
        (event) => 'contestantId' in event.payload && event.payload.contestantId === signedSheet.contestantId,
      ),
    ).toBe(true);

    // Through the frames and back, the same events.
    const collector = new FrameCollector();
    const frames = splitIntoFrames(handoffPayloadText(events));
    const outcome = [...frames]
      .reverse()
      .map((frame) => collector.add(frame))
      .at(-1);
    expect(outcome?.kind).toBe('complete');
    if (outcome?.kind === 'complete') expect(eventsOfHandoffPayload(outcome.payload)).toEqual(events);
  });
});
