/**
 * The `leitai` command line (started by ./leitai.mjs, which lets Node load TypeScript):
 *
 *   leitai score FILE.json           the standings as JSON (the interchange format) on stdout
 *   leitai score FILE.json --table   a readable table instead, in Chinese (--lang en: English)
 *   leitai verify BACKUP.json        checks a competition backup (./verify.ts)
 *   leitai season BACKUP.json… --period 2026-11   the season's standings (./season.ts)
 *
 * A file that cannot be read, is not JSON, or breaks a rule prints its reasons on stderr, one
 * issue a line, and nothing on stdout: exit status 1. A usage error: exit status 2.
 * `main` does no I/O of its own (it is given a CliIo, ./io.ts), so it can be tested in-process.
 */
import { readFileSync } from 'node:fs';
import { computeStandings } from '../domain/engine.ts';
import { readInterchangeRound, toInterchangeStandings } from '../domain/interchange.ts';
import { describeIssue } from '../domain/issue-texts.ts';
import { type Issue, type Language, RoundRejectedError } from '../domain/issues.ts';
import type { RoundInput } from '../domain/model.ts';
import { type Command, parseArguments } from './args.ts';
import type { CliIo } from './io.ts';
import { MAIN_HELP, SCORE_HELP, SEASON_HELP, say, VERIFY_HELP } from './messages.ts';
import { Refusal, readJsonFile } from './read-file.ts';
import { runSeason } from './season.ts';
import { formatStandingsTable } from './standings-table.ts';
import { verifyBackup } from './verify.ts';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** One issue of a refused round, on one line; the path is added when the message lacks it. */
export function issueLine(found: Issue, language: Language): string {
  const text = describeIssue(found, language);
  return found.path && !text.includes(found.path)
    ? say('issueAt', language, { issue: text, path: found.path })
    : text;
}

function readRound(file: string, io: CliIo, language: Language): RoundInput {
  return readInterchangeRound(readJsonFile(file, io, language));
}

function score(command: Extract<Command, { kind: 'score' }>, io: CliIo, language: Language): number {
  const shownName = command.file === '-' ? say('stdinName', language) : command.file;
  let output: string;
  try {
    const round = readRound(command.file, io, language);
    const standings = computeStandings(round);
    output = command.table
      ? formatStandingsTable(standings, round, language)
      : `${JSON.stringify(toInterchangeStandings(standings), null, 2)}\n`;
  } catch (error) {
    if (error instanceof Refusal) {
      io.stderr(`leitai: ${error.lines.join('\n')}\n`);
      return EXIT_REFUSED;
    }
    if (error instanceof RoundRejectedError) {
      const headline = say('roundRejected', language, { file: shownName, count: error.issues.length });
      const lines = error.issues.map((found) => `  ${issueLine(found, language)}`);
      io.stderr(`leitai: ${headline}\n${lines.join('\n')}\n`);
      return EXIT_REFUSED;
    }
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`leitai: ${say('internalError', language, { reason })}\n`);
    return EXIT_REFUSED;
  }
  io.stdout(output);
  return EXIT_OK;
}

/**
 * Runs the command line; returns the exit status (a promise for `verify`, which checks the
 * judges' signatures with WebCrypto; the other commands answer at once).
 */
export function main(argv: readonly string[], io: CliIo): number | Promise<number> {
  const parsed = parseArguments(argv);
  if (!parsed.ok) {
    const topic = parsed.topic === 'main' ? '' : `${parsed.topic} `;
    const hint = say('seeHelp', parsed.language, { topic });
    io.stderr(`leitai: ${say(parsed.error.key, parsed.language, parsed.error.params)}\n${hint}\n`);
    return EXIT_USAGE;
  }
  const { command, language } = parsed;
  switch (command.kind) {
    case 'help':
      io.stdout(
        { main: MAIN_HELP, score: SCORE_HELP, verify: VERIFY_HELP, season: SEASON_HELP }[command.topic],
      );
      return EXIT_OK;
    case 'usage':
      io.stderr(MAIN_HELP);
      return EXIT_USAGE;
    case 'score':
      return score(command, io, language);
    case 'verify':
      return verifyBackup(command.file, io, language).then((outcome) =>
        outcome === 'verified' ? EXIT_OK : EXIT_REFUSED,
      );
    case 'season':
      return runSeason(command, io, language) ? EXIT_OK : EXIT_REFUSED;
  }
}

/** The real process: files, stdout and stderr, and the exit status. */
export async function runNodeCli(): Promise<void> {
  // `leitai score x.json | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readBytes: (file) => readFileSync(file === '-' ? 0 : file),
  });
}
