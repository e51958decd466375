/**
 * A signed submission (评委签名): the sheet read and signed with the judge's key on this tablet,
 * then written with its signature by `writeSubmission` (./marks.ts). Apart from marks.ts, and
 * loaded on demand by the judge's screen, so that the signing code is no part of any page's
 * initial JavaScript.
 */

import type { SheetRow, SheetSignature } from '../domain/events';
import {
  canonicalSheetBytes,
  canonicalSheetText,
  encodeBase64,
  handSignatureDigest,
  type SheetContent,
  SIGNATURE_ALGORITHM,
} from '../domain/signing';
import type { LeitaiDB } from './database';
import { getContestant, getRound } from './entities';
import { because, RepositoryError } from './errors';
import { markTransaction, type SheetRef, writeSubmission } from './marks';
import { signingKeyFor } from './signing-keys';

export { renewSigningKey } from './signing-keys';

/** What a submission now would sign: the sheet's marks and its next revision. */
async function contentToSign(
  db: LeitaiDB,
  ref: SheetRef,
  signedAt: string,
  handDigest: string | null,
): Promise<SheetContent> {
  const round = await getRound(db, ref.roundId);
  const sheet = await db.sheets.get([ref.roundId, ref.judgeId, ref.contestantId]);
  const cells = await db.marks
    .where('[roundId+judgeId+contestantId]')
    .equals([ref.roundId, ref.judgeId, ref.contestantId])
    .toArray();
  return {
    competitionId: round.competitionId,
    ...ref,
    revision: (sheet?.head.revision ?? 0) + 1,
    signedAt,
    marks: cells.flatMap((cell) =>
      cell.value === null ? [] : [{ criterionId: cell.criterionId, value: cell.value }],
    ),
    handSignatureDigest: handDigest,
  };
}

/** A sheet that changes under every signature this many times running is not submitted. */
const SIGNING_ATTEMPTS = 3;

/**
 * Submits the sheet signed with the judge's key on this tablet (made and registered on first
 * use): the sheet is read and signed first (WebCrypto is asynchronous, and an IndexedDB
 * transaction cannot wait for it), then the submission and its signature are written in one
 * transaction that checks the sheet is still what was signed; if a mark arrived in between, it
 * signs again. A correction's resubmission is a new revision, signed again. `handSignature`, the
 * PNG of the judge's handwritten signature (手写签名), goes with the signature, its digest signed.
 */
export async function submitSignedSheet(
  db: LeitaiDB,
  ref: SheetRef,
  subtle: SubtleCrypto,
  handSignature: Uint8Array | null = null,
): Promise<SheetRow> {
  const key = await signingKeyFor(db, ref.judgeId, subtle);
  const handDigest = handSignature ? handSignatureDigest(handSignature) : null;
  for (let attempt = 0; attempt < SIGNING_ATTEMPTS; attempt++) {
    const signedAt = new Date().toISOString();
    // Awaited inside the callback: Dexie keeps the transaction open only for its own promises.
    const content = await markTransaction(db, async () => await contentToSign(db, ref, signedAt, handDigest));
    const value = await subtle.sign(
      SIGNATURE_ALGORITHM,
      key.keyPair.privateKey,
      canonicalSheetBytes(content),
    );
    const signature: SheetSignature = {
      keyFingerprint: key.fingerprint,
      signedAt: content.signedAt,
      marks: content.marks.map((mark) => ({ ...mark })),
      handSignatureDigest: content.handSignatureDigest,
      value: encodeBase64(new Uint8Array(value)),
      ...(handSignature ? { handSignatureImage: encodeBase64(handSignature) } : {}),
    };
    const stillSigned = async () =>
      canonicalSheetText(await contentToSign(db, ref, signedAt, handDigest)) === canonicalSheetText(content);
    const written = await markTransaction(
      db,
      async () => await writeSubmission(db, ref, false, { signature, stillSigned }),
    );
    if (written) return written;
  }
  const contestant = await getContestant(db, ref.roundId, ref.contestantId);
  throw new RepositoryError(
    'sheet-incomplete',
    because('sheetChangedWhileSigning', { contestant: contestant.name }),
  );
}
