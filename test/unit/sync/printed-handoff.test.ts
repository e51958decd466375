// @vitest-environment node
/**
 * 离线交接码 on the printed judge's sheet: the frames printed for a judge reassemble to exactly
 * that judge's signed sheets of the round (each signed submission and the mark writes it covers),
 * nothing of another judge, of a sheet still open or of one submitted unsigned.
 */
import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import { enterMark, submitSheet } from '../../../src/db/marks';
import { signedSheetEventsOfJudge } from '../../../src/db/queries/printed-handoff';
import { submitSignedSheet } from '../../../src/db/signed-submit';
import type { LeitaiEvent } from '../../../src/domain/events';
import { printedHandoffFrames } from '../../../src/sync/handoff';
import { eventsOfHandoffPayload, FrameCollector } from '../../../src/sync/handoff-frames';
import { freshDb, SECRETARY_SHEET, type SeededRound, seedRound } from '../db/helpers';

const { subtle } = globalThis.crypto;

async function markAll(
  db: LeitaiDB,
  sheet: { roundId: string; judgeId: string; contestantId: string },
  value: number,
) {
  for (const criterion of SECRETARY_SHEET)
    await enterMark(db, { ...sheet, criterionId: criterion.id, value });
}

/** The printed frames of a judge, read back as the host's scan would, shuffled. */
async function printedEvents(db: LeitaiDB, seeded: SeededRound, judgeId: string): Promise<unknown[] | null> {
  const frames = await printedHandoffFrames(await signedSheetEventsOfJudge(db, seeded.round.id, judgeId));
  if (frames.length === 0) return null;
  const collector = new FrameCollector();
  const outcomes = [...frames.slice(1), ...frames].map((frame) => collector.add(frame));
  const complete = outcomes.find((outcome) => outcome.kind === 'complete');
  if (complete?.kind !== 'complete')
    throw new Error(`the frames did not reassemble: ${JSON.stringify(outcomes)}`);
  return eventsOfHandoffPayload(complete.payload);
}

describe('the hand-off codes printed on a judge’s sheet', () => {
  it('carry exactly the judge’s signed sheets of the round', async () => {
    const db = freshDb();
    const seeded = await seedRound(db);
    const [wang, li, zhao] = seeded.judges;
    const [first, second, third] = seeded.contestants;
    const sheet = (judgeId: string, contestantId: string) => ({
      roundId: seeded.round.id,
      judgeId,
      contestantId,
    });
    // 王评委: two signed sheets (the first with an earlier keystroke that the signature does not
    // cover), one submitted unsigned, none other.
    const [criterion] = SECRETARY_SHEET;
    if (!criterion) throw new Error('no criterion');
    await enterMark(db, { ...sheet(wang.id, first.id), criterionId: criterion.id, value: 500 });
    await markAll(db, sheet(wang.id, first.id), 800);
    await submitSignedSheet(db, sheet(wang.id, first.id), subtle);
    await markAll(db, sheet(wang.id, second.id), 750);
    await submitSignedSheet(db, sheet(wang.id, second.id), subtle);
    await markAll(db, sheet(wang.id, third.id), 650);
    await submitSheet(db, sheet(wang.id, third.id));
    // 李评委: a signed sheet of the same contestant; 赵评委: marks not submitted.
    await markAll(db, sheet(li.id, first.id), 800);
    await submitSignedSheet(db, sheet(li.id, first.id), subtle);
    await markAll(db, sheet(zhao.id, second.id), 800);

    const log = await db.events.toArray();
    const signedOf = (judgeId: string, contestants: Record<string, number>) =>
      log
        .filter((event) => {
          if (event.type === 'sheet.submit') {
            const { payload } = event as LeitaiEvent<'sheet.submit'>;
            return payload.judgeId === judgeId && payload.contestantId in contestants && !!payload.signature;
          }
          if (event.type !== 'mark.set') return false;
          const { payload } = event as LeitaiEvent<'mark.set'>;
          return payload.judgeId === judgeId && contestants[payload.contestantId] === payload.value;
        })
        .sort((a, b) => a.deviceSeq - b.deviceSeq);

    const wangPrinted = await printedEvents(db, seeded, wang.id);
    const wangSigned = signedOf(wang.id, { [first.id]: 800, [second.id]: 750 });
    expect(wangSigned).toHaveLength(2 * SECRETARY_SHEET.length + 2);
    expect(wangPrinted).toEqual(wangSigned);
    expect(await printedEvents(db, seeded, li.id)).toEqual(signedOf(li.id, { [first.id]: 800 }));
    // A judge with no signed sheet gets no code at all.
    expect(await printedEvents(db, seeded, zhao.id)).toBeNull();
  });
});
