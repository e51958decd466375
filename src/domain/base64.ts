/**
 * Standard, padded base64 (RFC 4648 §4), for keys, signatures and the handwritten signature's
 * PNG. Its own module so that a screen that only stores a drawing does not load the signing code.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const [a, b, c] = [bytes[index] as number, bytes[index + 1], bytes[index + 2]];
    const group = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    text += BASE64[group >> 18] + (BASE64[(group >> 12) & 63] as string);
    text += b === undefined ? '=' : BASE64[(group >> 6) & 63];
    text += c === undefined ? '=' : BASE64[group & 63];
  }
  return text;
}

/** The bytes of a base64 text, or null when it is not base64 (padded, standard alphabet). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let index = 0; index < text.length; index += 4) {
    const group = [0, 1, 2, 3].reduce(
      (sum, offset) => (sum << 6) | Math.max(0, BASE64.indexOf(text[index + offset] as string)),
      0,
    );
    for (const shift of [16, 8, 0]) if (at < bytes.length) bytes[at++] = (group >> shift) & 255;
  }
  return bytes;
}
