/**
 * Ids and join codes from crypto.getRandomValues: crypto.randomUUID exists only in secure
 * contexts, and a tablet that opens the venue server over http://192.168.x.x is not one.
 */

import type { Id } from '../domain/model';

/** 128 random bits as 32 lowercase hex digits: unique across devices without coordination. */
export function newId(): Id {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const JOIN_CODE_SPACE = 1_000_000;
// The largest multiple of 10^6 below 2^32: drawing below it keeps every code equally likely.
const UNBIASED_LIMIT = Math.floor(2 ** 32 / JOIN_CODE_SPACE) * JOIN_CODE_SPACE;

function randomJoinCode(): string {
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    const value = word[0] as number;
    if (value < UNBIASED_LIMIT) return String(value % JOIN_CODE_SPACE).padStart(6, '0');
  }
}

/** Six digits that are not in `taken`. */
export function newJoinCode(taken: ReadonlySet<string>): string {
  if (taken.size >= JOIN_CODE_SPACE / 2) throw new Error('join codes exhausted');
  for (;;) {
    const code = randomJoinCode();
    if (!taken.has(code)) return code;
  }
}
