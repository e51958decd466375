/**
 * Turning the bytes of a round file into a JSON value, with errors an organizer can act on:
 * not UTF-8 (a GBK file saved by Excel), or invalid JSON at a line and column, with the line
 * quoted and the spot marked.
 */
import { displayWidth } from './table.ts';

export type DecodedText = { ok: true; text: string } | { ok: false };

/** Strict UTF-8 (a GBK file is refused, not silently garbled); a leading byte-order mark is dropped. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false };
  }
}

export interface JsonLocation {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
}

export type ParsedJson =
  | { ok: true; value: unknown }
  | { ok: false; empty: boolean; reason: string; location: JsonLocation | null; excerpt: string | null };

/** The line and column of a UTF-16 offset into the text. */
export function locate(text: string, offset: number): JsonLocation {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1 };
}

/** The offending line, and a caret under the spot (aligned for CJK double-width characters). */
function excerptAt(text: string, location: JsonLocation): string {
  const lineText = (text.split('\n')[location.line - 1] ?? '').replace(/\r$/, '').replace(/\t/g, ' ');
  const before = [...lineText].slice(0, location.column - 1).join('');
  const gutter = `${location.line} | `;
  return `${gutter}${lineText}\n${' '.repeat(gutter.length - 2)}| ${' '.repeat(displayWidth(before))}^`;
}

/**
 * Where a JSON text first breaks the grammar (RFC 8259): the offset of the offending character,
 * or the text's length when it ends too early; null if it is valid. Used only to locate an error
 * that JSON.parse reports without a position (Node 20 says "Unexpected token ','" without one).
 */
export function findSyntaxError(text: string): number | null {
  let at = 0;
  class Stop {
    constructor(readonly offset: number) {}
  }
  const fail = (): never => {
    throw new Stop(at);
  };
  const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++;
  };
  const expect = (char: string) => {
    if (text[at] !== char) fail();
    at++;
  };
  const digits = () => {
    if (!isDigit(text[at])) fail();
    while (isDigit(text[at])) at++;
  };
  const string = () => {
    expect('"');
    while (text[at] !== '"') {
      const char = text[at];
      if (char === undefined || char < ' ') fail();
      at++;
      if (char !== '\\') continue;
      const escaped = text[at] ?? '';
      if (escaped === 'u') {
        at++;
        for (let hex = 0; hex < 4; hex++) {
          if (!/[0-9a-fA-F]/.test(text[at] ?? '')) fail();
          at++;
        }
      } else if (escaped !== '' && '"\\/bfnrt'.includes(escaped)) {
        at++;
      } else {
        fail();
      }
    }
    at++;
  };
  const number = () => {
    if (text[at] === '-') at++;
    if (text[at] === '0') at++;
    else digits();
    if (text[at] === '.') {
      at++;
      digits();
    }
    if (text[at] === 'e' || text[at] === 'E') {
      at++;
      if (text[at] === '+' || text[at] === '-') at++;
      digits();
    }
  };
  /** The members of an object or the elements of an array, after its opening bracket. */
  const members = (close: '}' | ']') => {
    skipSpace();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      if (close === '}') {
        skipSpace();
        string();
        skipSpace();
        expect(':');
      }
      value();
      skipSpace();
      if (text[at] !== ',') break;
      at++;
    }
    expect(close);
  };
  const value = () => {
    skipSpace();
    const char = text[at];
    const word = char === 't' ? 'true' : char === 'f' ? 'false' : char === 'n' ? 'null' : null;
    if (char === '{' || char === '[') {
      at++;
      members(char === '{' ? '}' : ']');
    } else if (char === '"') {
      string();
    } else if (word !== null) {
      for (const letter of word) expect(letter);
    } else if (char === '-' || isDigit(char)) {
      number();
    } else {
      fail();
    }
  };
  try {
    value();
    skipSpace();
    return at < text.length ? at : null;
  } catch (stop) {
    if (stop instanceof Stop) return Math.min(stop.offset, text.length);
    throw stop;
  }
}

/**
 * JSON.parse, and on failure the line and column of the error: from the position V8 reports
 * ("at position N", or "(line L column C)" in newer versions), else from findSyntaxError.
 */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (text.trim() === '') return { ok: false, empty: true, reason: message, location: null, excerpt: null };
    const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
    const position = /at position (\d+)/.exec(message);
    let location: JsonLocation | null = null;
    if (lineColumn) location = { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
    else if (position) location = locate(text, Number(position[1]));
    else {
      const offset = findSyntaxError(text);
      if (offset !== null) location = locate(text, offset);
    }
    const reason = message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/\s*in JSON at position \d+/, '')
      .replace(/\s*at position \d+/, '')
      // Node 20 quotes the text around an unexpected token: the token is what matters.
      .replace(/^(Unexpected token '.{1,2}'), [\s\S]*is not valid JSON\s*$/u, '$1');
    return {
      ok: false,
      empty: false,
      reason,
      location,
      excerpt: location ? excerptAt(text, location) : null,
    };
  }
}
