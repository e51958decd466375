/**
 * Text of a CSV file as Chinese Excel and WPS save it: UTF-8 (with or without a BOM) or the
 * legacy GBK/GB18030 code page ("CSV (逗号分隔)" on a Chinese Windows). UTF-8 is tried strictly
 * first, because GBK bytes are almost never valid UTF-8, while UTF-8 bytes often decode as
 * plausible-looking GBK garbage.
 */
export type CsvEncoding = 'utf-8' | 'gb18030';

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: 'utf-8',
    };
  } catch {
    // GB18030 is a superset of GBK and GB2312 and decodes every byte sequence.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
