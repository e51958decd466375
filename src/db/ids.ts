/**
 * Ids and join codes from crypto.getRandomValues: crypto.randomUUID exists only in secure
 * contexts, and a tablet that opens the venue server over http://192.168.x.x is not one.
 */

import { JOIN_CODE_LENGTH } from '../domain/join-code';
import type { Id } from '../domain/model';

/** 128 random bits as 32 lowercase hex digits: unique across devices without coordination. */
export function newId(): Id {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const JOIN_CODE_SPACE = 10 ** JOIN_CODE_LENGTH;
// The largest multiple of 10^8 that fits in 32 bits (4.2 × 10^9): a word drawn below it maps
// onto every code equally often; the 2% of words above it are drawn again.
const UNBIASED_LIMIT = Math.floor(2 ** 32 / JOIN_CODE_SPACE) * JOIN_CODE_SPACE;

/** The code a random 32-bit word stands for, or null for a word that must be drawn again. */
export function joinCodeFromWord(word: number): string | null {
  if (word >= UNBIASED_LIMIT) return null;
  return String(word % JOIN_CODE_SPACE).padStart(JOIN_CODE_LENGTH, '0');
}

function randomJoinCode(): string {
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    const code = joinCodeFromWord(word[0] as number);
    if (code !== null) return code;
  }
}

/** A join code (JOIN_CODE_LENGTH digits) that is not in `taken`. */
export function newJoinCode(taken: ReadonlySet<string>): string {
  if (taken.size >= JOIN_CODE_SPACE / 2) throw new Error('join codes exhausted');
  for (;;) {
    const code = randomJoinCode();
    if (!taken.has(code)) return code;
  }
}

/**
 * WebCrypto's signing API where this page may use it (src/db/signing-keys.ts): like
 * crypto.randomUUID, `crypto.subtle` exists only in secure contexts (https, or the laptop
 * itself), so a tablet on plain http cannot sign, and a console there cannot check signatures.
 */
export function availableSubtle(): SubtleCrypto | null {
  return globalThis.crypto?.subtle ?? null;
}
