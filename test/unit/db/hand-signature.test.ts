// @vitest-environment node
/**
 * 手写签名: the drawing goes with the signed sheet, its digest inside what the key signs, so the
 * image cannot be swapped afterwards; the event's shape admits a small PNG and refuses a large one.
 */
import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import { enterMark } from '../../../src/db/marks';
import { handSignaturesOfJudge } from '../../../src/db/queries/hand-signatures';
import { roundById } from '../../../src/db/queries/setup';
import { updateRound } from '../../../src/db/rounds';
import { submitSignedSheet } from '../../../src/db/signed-submit';
import { parseWireEvent } from '../../../src/domain/event-shape';
import type { LeitaiEvent } from '../../../src/domain/events';
import { encodeBase64, handSignatureDigest } from '../../../src/domain/signing';
import { checkSubmissions } from '../../../src/domain/signing-checks';
import { freshDb, SECRETARY_SHEET, seedRound } from './helpers';

const { subtle } = globalThis.crypto;
/** Stands for the PNG the pad makes: the signature covers whatever bytes it is given. */
const DRAWING = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 1, 2, 3, 4, 5, 6, 7, 8]);

async function signedWithDrawing(db: LeitaiDB): Promise<LeitaiEvent[]> {
  const seeded = await seedRound(db);
  const sheet = {
    roundId: seeded.round.id,
    judgeId: seeded.judges[0].id,
    contestantId: seeded.contestants[0].id,
  };
  for (const criterion of SECRETARY_SHEET)
    await enterMark(db, { ...sheet, criterionId: criterion.id, value: 800 });
  await submitSignedSheet(db, sheet, subtle, DRAWING);
  return db.events.orderBy('[deviceId+deviceSeq]').toArray();
}

function submissionOf(events: LeitaiEvent[]): LeitaiEvent<'sheet.submit'> {
  const submit = events.find((event) => event.type === 'sheet.submit');
  if (!submit) throw new Error('no sheet.submit in the log');
  return submit as LeitaiEvent<'sheet.submit'>;
}

describe('a sheet signed with a handwritten signature', () => {
  it('carries the drawing and its digest, and the signature verifies', async () => {
    const events = await signedWithDrawing(freshDb());
    const submit = submissionOf(events);
    expect(submit.payload.signature).toMatchObject({
      handSignatureDigest: handSignatureDigest(DRAWING),
      handSignatureImage: encodeBase64(DRAWING),
    });
    expect((await checkSubmissions(subtle, events)).get(submit.id)?.state).toBe('valid');
  });

  it('is what the printed judge’s sheet reads for that contestant', async () => {
    const db = freshDb();
    const events = await signedWithDrawing(db);
    const submit = submissionOf(events);
    expect(await handSignaturesOfJudge(db, submit.roundId as string, submit.payload.judgeId)).toEqual([
      { contestantId: submit.payload.contestantId, image: encodeBase64(DRAWING) },
    ]);
  });

  it('no longer holds once the drawing is swapped, though the marks are untouched', async () => {
    const events = await signedWithDrawing(freshDb());
    const submit = submissionOf(events);
    const signature = submit.payload.signature;
    if (!signature) throw new Error('unsigned');
    const swapped = { ...signature, handSignatureImage: encodeBase64(new Uint8Array([1, 2, 3])) };
    const forged = { ...submit, payload: { ...submit.payload, signature: swapped } };
    const checks = await checkSubmissions(
      subtle,
      events.map((event) => (event.id === submit.id ? forged : event)),
    );
    expect(checks.get(submit.id)?.state).toBe('invalid');
  });

  it('is admitted by the event shape, and an image the size of a photo is refused', async () => {
    const events = await signedWithDrawing(freshDb());
    const submit = submissionOf(events);
    expect(parseWireEvent(JSON.parse(JSON.stringify(submit))).ok).toBe(true);
    const photo = { ...submit.payload.signature, handSignatureImage: 'A'.repeat(40_000) };
    const tooLarge = { ...submit, payload: { ...submit.payload, signature: photo } };
    const parsed = parseWireEvent(JSON.parse(JSON.stringify(tooLarge)));
    expect(parsed.ok).toBe(false);
  });
});

describe('the round’s 手写签名 setting', () => {
  it('is set per sheet or per session and removed with null, as a field edit of the round', async () => {
    const db = freshDb();
    const { round } = await seedRound(db);
    await updateRound(db, round.id, { handSignature: 'perSession' });
    expect((await roundById(db, round.id))?.handSignature).toBe('perSession');
    await updateRound(db, round.id, { handSignature: null });
    expect((await roundById(db, round.id))?.handSignature).toBeUndefined();
    const fieldsOfEdits = (await db.events.toArray()).flatMap((event) =>
      event.type === 'entity.put' && event.payload.entity.id === round.id && 'fields' in event.payload
        ? [event.payload.fields]
        : [],
    );
    expect(fieldsOfEdits.slice(-2)).toEqual([['handSignature'], ['handSignature']]);
  });
});
