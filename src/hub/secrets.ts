/**
 * The hub's secrets: venue keys, the admin secret and the dashboard code are 256 random bits each
 * (unguessable, so no attempt limiter is needed as for the venue's 8-digit codes), stored as their
 * SHA-256 only, and compared in constant time.
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
