/**
 * The hub's secrets: venue keys, and the admin secret and the dashboard code that the hub makes
 * when the operator gives none, are 256 random bits each, stored as their SHA-256 only, and
 * compared in constant time. An operator's own secret may be guessable: ./core.ts counts wrong
 * ones (AttemptLimiter).
 */

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Hex, not base64url: a key is typed after a flag (`--venue-key KEY`), and one that began with
 * `-` would be read as another option.
 */
export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether `secret` hashes to `hash`, in time that does not depend on where they differ. */
export function matchesHash(secret: string, hash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(hash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
