/**
 * The command line's arguments, parsed without side effects:
 *   leitai --help | -h | help
 *   leitai score FILE.json [--table] [--lang zh-CN|en] [--help]
 *   leitai verify BACKUP.json [--lang zh-CN|en] [--help]
 *   leitai season BACKUP.json… --period P [--table TABLE.json] [--json] (./season-args.ts)
 * Options may come before or after FILE; `--` ends the options; `-` as FILE is standard input.
 */
import type { Language } from '../domain/issues.ts';
import type { MessageKey } from './messages.ts';
import { isSeasonCommand, parseSeasonArguments, type SeasonCommand } from './season-args.ts';

export type HelpTopic = 'main' | 'score' | 'verify' | 'season';

const COMMANDS: readonly string[] = ['score', 'verify'];

export type Command =
  | { kind: 'help'; topic: HelpTopic }
  | { kind: 'score'; file: string; table: boolean }
  | { kind: 'verify'; file: string }
  | SeasonCommand
  /** No arguments at all: the usage goes to stderr, exit status 2. */
  | { kind: 'usage' };

export type ParsedArguments =
  | { ok: true; command: Command; language: Language }
  | {
      ok: false;
      language: Language;
      topic: HelpTopic;
      error: { key: MessageKey; params: Record<string, string> };
    };

const LANGUAGES: Record<string, Language> = {
  'zh-CN': 'zh-CN',
  'zh-cn': 'zh-CN',
  zh: 'zh-CN',
  cn: 'zh-CN',
  en: 'en',
  'en-US': 'en',
  'en-GB': 'en',
};

export function parseArguments(argv: readonly string[]): ParsedArguments {
  if (isSeasonCommand(argv)) return parseSeasonArguments(argv, LANGUAGES);
  let language: Language = 'zh-CN';
  let languageError: { key: MessageKey; params: Record<string, string> } | null = null;
  let help = false;
  let table = false;
  let optionsEnded = false;
  const positionals: string[] = [];
  const unknown: string[] = [];
  const tableWithValue: string[] = [];

  for (let at = 0; at < argv.length; at++) {
    const argument = argv[at] as string;
    if (optionsEnded || argument === '-' || !argument.startsWith('-')) {
      positionals.push(argument);
      continue;
    }
    const [name, inlineValue] =
      argument.startsWith('--') && argument.includes('=')
        ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)]
        : [argument, undefined];
    switch (name) {
      case '--':
        optionsEnded = true;
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      case '--table':
        if (inlineValue !== undefined) tableWithValue.push(name);
        table = true;
        break;
      case '--lang': {
        const value = inlineValue ?? argv[++at];
        if (value === undefined || value === '') {
          languageError ??= { key: 'missingLanguage', params: {} };
        } else if (LANGUAGES[value] === undefined) {
          languageError ??= { key: 'unknownLanguage', params: { value } };
        } else {
          language = LANGUAGES[value] as Language;
        }
        break;
      }
      default:
        unknown.push(argument);
    }
  }

  const [commandName, ...rest] = positionals;
  const topicOf = (name: string | undefined): HelpTopic =>
    name === 'score' || name === 'verify' || name === 'season' ? name : 'main';
  const topic = topicOf(commandName);
  const fail = (key: MessageKey, params: Record<string, string> = {}): ParsedArguments => ({
    ok: false,
    language,
    topic,
    error: { key, params },
  });

  if (languageError) return fail(languageError.key, languageError.params);
  if (commandName === 'help') {
    return { ok: true, command: { kind: 'help', topic: topicOf(rest[0]) }, language };
  }
  if (commandName !== undefined && !COMMANDS.includes(commandName))
    return fail('unknownCommand', { value: commandName });
  // --help wins over everything else that is merely incomplete, as users expect.
  if (help) return { ok: true, command: { kind: 'help', topic }, language };
  // --table is the score command's own: verify prints a report, never a table.
  if (commandName === 'verify' && table) unknown.push('--table');
  if (unknown.length > 0) return fail('unknownOption', { value: unknown[0] as string });
  if (tableWithValue.length > 0) return fail('optionTakesNoValue', { value: tableWithValue[0] as string });
  if (commandName === undefined) {
    return table ? fail('missingFile') : { ok: true, command: { kind: 'usage' }, language };
  }
  const [file, ...extra] = rest;
  if (file === undefined) return fail(commandName === 'verify' ? 'missingBackup' : 'missingFile');
  if (extra.length > 0) return fail('extraArgument', { value: extra[0] as string });
  if (commandName === 'verify') return { ok: true, command: { kind: 'verify', file }, language };
  return { ok: true, command: { kind: 'score', file, table }, language };
}
