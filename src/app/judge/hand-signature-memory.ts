/**
 * 每次登录签一次: in a round whose handwritten signature is `perSession`, the drawing is kept for
 * the browser tab's session (sessionStorage) and goes with each sheet of that judge; closing the
 * tab forgets it, and the judge draws again.
 */

import { decodeBase64, encodeBase64 } from '../../domain/base64';
import type { Id } from '../../domain/model';

const keyOf = (judgeId: Id) => `leitai.handSignature.${judgeId}`;

export function rememberedHandSignature(judgeId: Id): Uint8Array | null {
  const stored = globalThis.sessionStorage?.getItem(keyOf(judgeId));
  return stored ? decodeBase64(stored) : null;
}

export function rememberHandSignature(judgeId: Id, png: Uint8Array): void {
  globalThis.sessionStorage?.setItem(keyOf(judgeId), encodeBase64(png));
}
