/**
 * The draw's seed and how it is shown. The seed comes from the device's random source
 * (crypto.getRandomValues: it exists on plain-http LAN pages too); the fingerprint is
 * SHA-256 of the seed's UTF-8 text, the same as `sha256sum` of the seed without a newline.
 */

/** 64 random bits as 16 lowercase hex digits: short enough to read out, far too many to guess. */
export function newDrawSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** "3f2a9c1b7d4e0a55" -> "3f2a 9c1b 7d4e 0a55": easier to read out and to compare. */
export function groupDigits(text: string, size = 4): string {
  return (text.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(' ');
}

/** How many fingerprint digits are shown large, to be written down or photographed. */
export const FINGERPRINT_SHOWN = 16;
