/**
 * Signed sheets (评委签名): what a judge's tablet signs when it submits a sheet, and how anyone
 * checks it. The tablet signs with a non-extractable ECDSA P-256 key (SHA-256) made at join; its
 * public half travels in `judge.key.register` as the raw uncompressed point (65 bytes, 0x04 ‖ x ‖ y)
 * in base64, the form WebCrypto imports and exports as 'raw' on every browser and on Node.
 *
 * The signed text is the canonical encoding of the sheet (`canonicalSheetText`): a version tag,
 * the competition, round, judge, contestant, the sheet's revision, the time of signing, the marks
 * sorted by criterion id and the digest of the handwritten signature (手写签名) image, as JSON with
 * sorted keys. Any order of fields or marks gives the same text, so the same bytes are verified on
 * the host console, the laptop and in `leitai verify`.
 *
 * Pure: WebCrypto is a parameter (`SubtleCrypto`), never reached for; base64 and SHA-256 are ours.
 */
import { decodeBase64 } from './base64.ts';
import { canonicalJson } from './chain.ts';
import type { SheetSignature, SignedMark } from './events.ts';
import type { Id } from './model.ts';
import { compareIds } from './order.ts';
import { sha256, utf8 } from './sha256.ts';

export { decodeBase64, encodeBase64 } from './base64.ts';

/** The tag of the encoding: a change of the encoding is a new tag, never a silent change. */
export const SHEET_ENCODING = 'leitai-sheet-v1';

/** The key pair's algorithm, for `generateKey` and `importKey`. */
export const SIGNING_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The signature's algorithm, for `sign` and `verify`. */
export const SIGNATURE_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** Everything a sheet's signature covers. */
export interface SheetContent {
  competitionId: Id;
  roundId: Id;
  judgeId: Id;
  contestantId: Id;
  /** The `sheet.submit` revision: a resubmission after a correction is a new signed version. */
  revision: number;
  signedAt: string;
  marks: readonly SignedMark[];
  handSignatureDigest: string | null;
}

/** The marks in the one order signing uses: by criterion id. */
export function canonicalMarks(marks: readonly SignedMark[]): SignedMark[] {
  return [...marks]
    .map(({ criterionId, value }) => ({ criterionId, value }))
    .sort((a, b) => compareIds(a.criterionId, b.criterionId) || a.value - b.value);
}

/** The text a judge signs: one text per sheet, whatever the order of its fields or marks. */
export function canonicalSheetText(content: SheetContent): string {
  return canonicalJson({
    encoding: SHEET_ENCODING,
    competitionId: content.competitionId,
    roundId: content.roundId,
    judgeId: content.judgeId,
    contestantId: content.contestantId,
    revision: content.revision,
    signedAt: content.signedAt,
    marks: canonicalMarks(content.marks),
    handSignatureDigest: content.handSignatureDigest,
  });
}

/** The bytes signed and verified: the canonical text in UTF-8. */
export function canonicalSheetBytes(content: SheetContent): Uint8Array<ArrayBuffer> {
  return new Uint8Array(utf8(canonicalSheetText(content)));
}

/**
 * A key's short fingerprint, as the organizer's judges list, the printed code sheet and the
 * exports show it: the first 8 bytes of SHA-256 of the raw public key, in groups of four hex
 * digits (`3F2A-91C0-5B7E-0D14`). Null when the key is not base64.
 */
export function keyFingerprint(publicKey: string): string | null {
  const bytes = decodeBase64(publicKey);
  if (!bytes) return null;
  const digest = sha256(bytes).slice(0, 8);
  const hex = [...digest].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join('');
  return hex.match(/.{4}/g)?.join('-') ?? hex;
}

/** SHA-256 (hex) of a handwritten signature's image bytes, for `handSignatureDigest`. */
export function handSignatureDigest(image: Uint8Array): string {
  return [...sha256(image)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether a signature's handwritten signature image is the one its digest names: no image and no
 * digest, or an image whose SHA-256 is the digest. An image swapped after signing does not hold.
 */
export function handSignatureHolds(
  signature: Pick<SheetSignature, 'handSignatureDigest' | 'handSignatureImage'>,
): boolean {
  if (signature.handSignatureImage === undefined) return signature.handSignatureDigest === null;
  const image = decodeBase64(signature.handSignatureImage);
  return image !== null && handSignatureDigest(image) === signature.handSignatureDigest;
}

/** The content a signature of a submitted sheet covers, from the event's scope and payload. */
export function signedContentOf(
  scope: { competitionId: Id; roundId: Id },
  payload: { judgeId: Id; contestantId: Id; revision: number },
  signature: Omit<SheetSignature, 'value' | 'keyFingerprint'>,
): SheetContent {
  return {
    competitionId: scope.competitionId,
    roundId: scope.roundId,
    judgeId: payload.judgeId,
    contestantId: payload.contestantId,
    revision: payload.revision,
    signedAt: signature.signedAt,
    marks: signature.marks,
    handSignatureDigest: signature.handSignatureDigest,
  };
}

/**
 * Whether `signature` (base64, IEEE P1363) is the signature of `content` by `publicKey` (raw,
 * base64). Anything malformed is simply not a valid signature.
 */
export async function verifySheetSignature(
  subtle: SubtleCrypto,
  publicKey: string,
  content: SheetContent,
  signature: string,
): Promise<boolean> {
  const keyBytes = decodeBase64(publicKey);
  const signatureBytes = decodeBase64(signature);
  if (!keyBytes || !signatureBytes || keyBytes.length !== 65 || signatureBytes.length !== 64) return false;
  try {
    const key = await subtle.importKey('raw', keyBytes, SIGNING_KEY_ALGORITHM, false, ['verify']);
    return await subtle.verify(SIGNATURE_ALGORITHM, key, signatureBytes, canonicalSheetBytes(content));
  } catch {
    // A point off the curve, or any other key WebCrypto refuses: the signature does not verify.
    return false;
  }
}
