/**
 * The tablet's signing (src/db/signed-submit.ts), loaded on demand in one chunk: a new key at
 * join, and a signed 提交. Without WebCrypto (plain http) the tablet has no key and submits the
 * sheet unsigned; its submit dialog says so.
 */
import type { LeitaiDB } from '../../db/database';
import { availableSubtle, type SheetRef, submitSheet } from '../../db/repository';
import type { Id } from '../../domain/model';

const signing = () => import('../../db/signed-submit');

/** Each join makes the tablet a new signing key for the judge and retires the earlier ones. */
export async function renewJudgeKey(db: LeitaiDB, judgeId: Id): Promise<void> {
  const subtle = availableSubtle();
  if (subtle) await (await signing()).renewSigningKey(db, judgeId, subtle);
}

/**
 * Submits the sheet, signed with the judge's key on this tablet where WebCrypto exists, with the
 * judge's handwritten signature (手写签名, a PNG) when the round asks for one.
 */
export async function submitJudgeSheet(
  db: LeitaiDB,
  ref: SheetRef,
  handSignature: Uint8Array | null = null,
): Promise<void> {
  const subtle = availableSubtle();
  if (subtle) await (await signing()).submitSignedSheet(db, ref, subtle, handSignature);
  else await submitSheet(db, ref);
}
