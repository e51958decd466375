/** Reading a JSON file for a command: every way it can fail becomes a message naming the file. */
import type { Language } from '../domain/issues.ts';
import type { CliIo } from './io.ts';
import { decodeUtf8, parseJson } from './json-text.ts';
import { say } from './messages.ts';

/** A file that cannot be used, with its reasons (one a line) for stderr. */
export class Refusal extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/** The JSON value of a file (or of standard input for "-"); throws a Refusal saying why not. */
export function readJsonFile(file: string, io: CliIo, language: Language): unknown {
  const shownName = file === '-' ? say('stdinName', language) : file;
  let bytes: Uint8Array;
  try {
    bytes = io.readBytes(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const params = { file: shownName, reason: error instanceof Error ? error.message : String(error) };
    if (code === 'ENOENT') throw new Refusal([say('fileNotFound', language, params)]);
    if (code === 'EISDIR') throw new Refusal([say('fileIsDirectory', language, params)]);
    if (code === 'EACCES' || code === 'EPERM') throw new Refusal([say('fileNotReadable', language, params)]);
    throw new Refusal([say('fileReadFailed', language, params)]);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) throw new Refusal([say('fileNotUtf8', language, { file: shownName })]);
  const parsed = parseJson(decoded.text);
  if (!parsed.ok) {
    if (parsed.empty) throw new Refusal([say('jsonEmpty', language, { file: shownName })]);
    const params = { file: shownName, reason: parsed.reason };
    if (!parsed.location) throw new Refusal([say('jsonInvalid', language, params)]);
    const headline = say('jsonInvalidAt', language, { ...params, ...parsed.location });
    throw new Refusal([headline, ...(parsed.excerpt ?? '').split('\n').map((line) => `  ${line}`)]);
  }
  return parsed.value;
}
