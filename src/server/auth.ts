/**
 * Secrets of the venue server: device tokens and device keys (256 random bits, stored as their
 * SHA-256), the organizer's password (scrypt, on libuv's thread pool so that a guess never stalls
 * the event loop), one-time codes, and the limiter of failed logins, claims and joins
 * (src/domain/attempt-limiter.ts, shared with the hub).
 */

import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

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

function scryptAsync(password: string, salt: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT_KEY_LENGTH);
  return `scrypt:${salt.toString('base64')}:${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split(':');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** Equal strings, in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

// The venue server's limiter, where its modules and tests have always found it.
export {
  ATTEMPT_RULES,
  AttemptLimiter,
  type AttemptTarget,
  type BucketRule,
} from '../domain/attempt-limiter';
