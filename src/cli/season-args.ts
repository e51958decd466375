/**
 * The arguments of `leitai season BACKUP.json… --period P [--table TABLE.json] [--json]
 * [--lang zh-CN|en] [--help]`, parsed without side effects. The season's `--table` takes a file
 * (score's `--table` is a flag), so the season command is recognised before the general parser
 * (./args.ts) reads anything, and parsed here. A period that names no month, quarter or year is a
 * usage error.
 */
import type { Language } from '../domain/issues.ts';
import { parsePeriod } from '../domain/season.ts';
import type { MessageKey } from './messages.ts';

export interface SeasonCommand {
  kind: 'season';
  files: string[];
  /** Canonical: 2026-11, 2026-Q4, 2026. */
  period: string;
  /** The points table's file; null for the default table. */
  tableFile: string | null;
  json: boolean;
}

export type SeasonArguments =
  | { ok: true; command: SeasonCommand | { kind: 'help'; topic: 'season' }; language: Language }
  | {
      ok: false;
      language: Language;
      topic: 'season';
      error: { key: MessageKey; params: Record<string, string> };
    };

const VALUE_OPTIONS: readonly string[] = ['--lang', '--period', '--table'];

/** Whether the command (the first argument that is no option or option value) is `season`. */
export function isSeasonCommand(argv: readonly string[]): boolean {
  for (let at = 0; at < argv.length; at++) {
    const argument = argv[at] as string;
    if (argument === '--') return argv[at + 1] === 'season';
    if (argument !== '-' && argument.startsWith('-')) {
      if (VALUE_OPTIONS.includes(argument)) at++;
      continue;
    }
    return argument === 'season';
  }
  return false;
}

/** Parses a season command line; `languages` reads a --lang value as ./args.ts does. */
export function parseSeasonArguments(
  argv: readonly string[],
  languages: Readonly<Record<string, Language>>,
): SeasonArguments {
  let language: Language = 'zh-CN';
  let help = false;
  let json = false;
  let period: string | null = null;
  let tableFile: string | null = null;
  let optionsEnded = false;
  let error: { key: MessageKey; params: Record<string, string> } | null = null;
  const positionals: string[] = [];
  const failOnce = (key: MessageKey, params: Record<string, string> = {}) => {
    error ??= { key, params };
  };

  for (let at = 0; at < argv.length; at++) {
    const argument = argv[at] as string;
    if (optionsEnded || argument === '-' || !argument.startsWith('-')) {
      positionals.push(argument);
      continue;
    }
    const equals = argument.startsWith('--') ? argument.indexOf('=') : -1;
    const name = equals === -1 ? argument : argument.slice(0, equals);
    const inline = equals === -1 ? undefined : argument.slice(equals + 1);
    const value = () => {
      const given = inline ?? argv[++at];
      if (given === undefined || given === '') failOnce('optionNeedsValue', { value: name });
      return given ?? '';
    };
    switch (name) {
      case '--':
        optionsEnded = true;
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      case '--json':
        if (inline !== undefined) failOnce('optionTakesNoValue', { value: name });
        json = true;
        break;
      case '--period':
        period = value();
        break;
      case '--table':
        tableFile = value();
        break;
      case '--lang': {
        const given = inline ?? argv[++at];
        if (given === undefined || given === '') failOnce('missingLanguage');
        else if (languages[given] === undefined) failOnce('unknownLanguage', { value: given });
        else language = languages[given] as Language;
        break;
      }
      default:
        failOnce('unknownOption', { value: argument });
    }
  }

  const fail = (found: { key: MessageKey; params: Record<string, string> }): SeasonArguments => ({
    ok: false,
    language,
    topic: 'season',
    error: found,
  });
  if (help && error === null) return { ok: true, command: { kind: 'help', topic: 'season' }, language };
  if (error !== null) return fail(error);
  const files = positionals.slice(1);
  if (files.length === 0) return fail({ key: 'missingBackups', params: {} });
  if (period === null) return fail({ key: 'missingPeriod', params: {} });
  const parsed = parsePeriod(period);
  if (!parsed) return fail({ key: 'periodInvalid', params: { value: period } });
  return { ok: true, command: { kind: 'season', files, period: parsed.text, tableFile, json }, language };
}
