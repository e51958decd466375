/**
 * Secrets of the venue server: device tokens (256 random bits, stored as their SHA-256), the
 * organizer's password (scrypt), one-time codes, and the per-address slowdown of failed logins.
 */

import { createHash, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `digits` random decimal digits (claim code, projector code). */
export function newNumericCode(digits: number): string {
  let code = '';
  for (let i = 0; i < digits; i += 1) code += String(randomInt(10));
  return code;
}

const SCRYPT_KEY_LENGTH = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, SCRYPT_KEY_LENGTH);
  return `scrypt:${salt.toString('base64')}:${key.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, salt, key] = stored.split(':');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** Equal strings, in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

export interface AttemptLimiterOptions {
  /** Failures allowed before the first wait. */
  freeFailures?: number;
  /** The first wait; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  now: () => number;
}

/**
 * Slows guessing down per address: after a few failed logins, claims or joins, the next try is
 * refused until a wait that doubles with each failure (a six-digit join code then takes months
 * to guess). A success clears the address.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, { count: number; until: number }>();
  private readonly freeFailures: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;

  constructor({ freeFailures = 3, baseDelayMs = 1000, maxDelayMs = 60_000, now }: AttemptLimiterOptions) {
    this.freeFailures = freeFailures;
    this.baseDelayMs = baseDelayMs;
    this.maxDelayMs = maxDelayMs;
    this.now = now;
  }

  /** Milliseconds this address must still wait; 0 when it may try. */
  waitFor(address: string): number {
    const entry = this.failures.get(address);
    return entry ? Math.max(0, entry.until - this.now()) : 0;
  }

  fail(address: string): void {
    const count = (this.failures.get(address)?.count ?? 0) + 1;
    const over = count - this.freeFailures;
    const delay = over <= 0 ? 0 : Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (over - 1));
    this.failures.set(address, { count, until: this.now() + delay });
  }

  succeed(address: string): void {
    this.failures.delete(address);
  }
}
