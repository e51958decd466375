/**
 * `leitai season BACKUP.json… --period 2026-11 [--table TABLE.json] [--json]`: the season's
 * standings (积分制) built from competitions' backups (src/domain/season-import.ts): every backup
 * verified, final rounds posted by the points table, then the period's ranking as a table (or
 * JSON). A file that cannot be read, a backup that does not verify or a bad points table prints
 * its reasons on stderr and nothing on stdout.
 */
import { formatHundredths } from '../domain/decimal.ts';
import type { Language } from '../domain/issues.ts';
import {
  type Period,
  type PointsTable,
  parsePeriod,
  type Season,
  type SeasonStandings,
  seasonStandings,
} from '../domain/season.ts';
import {
  type BackupSource,
  DEFAULT_POINTS_TABLE,
  type ImportedRound,
  importBackups,
  readPointsTable,
} from '../domain/season-import.ts';
import { describeSeasonIssue, type SeasonIssue, SeasonRejectedError } from '../domain/season-issues.ts';
import type { CliIo } from './io.ts';
import { say } from './messages.ts';
import { Refusal, readJsonFile } from './read-file.ts';
import type { SeasonCommand } from './season-args.ts';
import { type Column, renderTable } from './table.ts';

/** The season the command line builds: nothing but what the backups post. */
const COMMAND_LINE_SEASON = { id: 'leitai-season', name: '', members: [], entries: [] };

/** A points table or an import the domain refused: the headline, then each issue on its line. */
class SeasonRefusal extends Error {
  constructor(
    readonly headline: string,
    readonly issues: readonly SeasonIssue[],
  ) {
    super(headline);
  }
}

const shownName = (file: string, language: Language) => (file === '-' ? say('stdinName', language) : file);

function readTable(file: string, io: CliIo, language: Language): PointsTable {
  const json = readJsonFile(file, io, language);
  try {
    return readPointsTable(json);
  } catch (error) {
    if (!(error instanceof SeasonRejectedError)) throw error;
    const headline = say('pointsTableRefused', language, {
      file: shownName(file, language),
      count: error.issues.length,
    });
    throw new SeasonRefusal(headline, error.issues);
  }
}

/** Every backup's JSON, or a Refusal naming every file that cannot be read. */
function readBackups(files: readonly string[], io: CliIo, language: Language): BackupSource[] {
  const lines: string[] = [];
  const sources = files.flatMap((file) => {
    try {
      return [{ name: shownName(file, language), value: readJsonFile(file, io, language) }];
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      lines.push(...error.lines);
      return [];
    }
  });
  if (lines.length > 0) throw new Refusal(lines);
  return sources;
}

function tableText(standings: SeasonStandings, rounds: readonly ImportedRound[], language: Language): string {
  const columns: Column[] = [
    { heading: say('headingRank', language), align: 'right' },
    { heading: say('headingName', language) },
    { heading: say('headingUnit', language) },
    { heading: say('headingPoints', language), align: 'right' },
    { heading: say('headingCompetitionPoints', language), align: 'right' },
    { heading: say('headingLatest', language) },
    { heading: say('headingEntries', language), align: 'right' },
    { heading: say('headingNote', language) },
  ];
  const note = (row: SeasonStandings['ranked'][number]) => {
    const { separatedBy, tied } = row;
    if (separatedBy === 'competitionPoints' || separatedBy === 'latestEntry') {
      const step = say(
        separatedBy === 'competitionPoints' ? 'stepCompetitionPoints' : 'stepLatestEntry',
        language,
      );
      return say(tied ? 'separatedAndTied' : 'separatedBy', language, { step });
    }
    return tied ? say('tied', language) : '';
  };
  const rows = standings.ranked.map((row) => [
    String(row.rank),
    row.name,
    row.unit ?? '',
    row.points,
    row.competitionPoints,
    row.latestDate,
    String(row.entries),
    note(row),
  ]);
  const title = say('seasonTitle', language, {
    period: standings.period,
    competitions: new Set(rounds.map((round) => round.competitionId)).size,
    rounds: rounds.filter((round) => round.outcome === 'posted').length,
  });
  const table = renderTable(columns, [
    rows.length > 0 ? { rows } : { title: say('seasonNoEntries', language), rows: [] },
  ]);
  const notes = rounds
    .filter((round) => round.outcome === 'provisional')
    .map((round) =>
      say('seasonProvisional', language, { competition: round.competitionName, round: round.roundName }),
    );
  return [title, '', table.replace(/\n$/, ''), ...(notes.length > 0 ? ['', ...notes] : []), ''].join('\n');
}

function jsonText(standings: SeasonStandings, rounds: readonly ImportedRound[], table: PointsTable): string {
  const points = Object.fromEntries(
    table.by === 'placing'
      ? table.rows.map((row) => [String(row.placing), formatHundredths(row.points)])
      : table.rows.map((row) => [row.award, formatHundredths(row.points)]),
  );
  const value = {
    period: standings.period,
    table: { by: table.by, points },
    rounds,
    standings: standings.ranked.map((row) => ({
      rank: row.rank,
      memberId: row.memberId,
      name: row.name,
      unit: row.unit,
      points: row.points,
      competitionPoints: row.competitionPoints,
      latestDate: row.latestDate,
      entries: row.entries,
      tied: row.tied,
      separatedBy: row.separatedBy,
    })),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Runs `leitai season`; true when the standings were printed. */
export function runSeason(command: SeasonCommand, io: CliIo, language: Language): boolean {
  try {
    const table =
      command.tableFile === null ? DEFAULT_POINTS_TABLE : readTable(command.tableFile, io, language);
    const sources = readBackups(command.files, io, language);
    let imported: ReturnType<typeof importBackups>;
    try {
      imported = importBackups({ ...COMMAND_LINE_SEASON, table } satisfies Season, sources);
    } catch (error) {
      if (!(error instanceof SeasonRejectedError)) throw error;
      throw new SeasonRefusal(say('seasonRefused', language, { count: error.issues.length }), error.issues);
    }
    const standings = seasonStandings(imported.season, parsePeriod(command.period) as Period);
    io.stdout(
      command.json
        ? jsonText(standings, imported.rounds, table)
        : tableText(standings, imported.rounds, language),
    );
    return true;
  } catch (error) {
    if (error instanceof Refusal) io.stderr(`leitai: ${error.lines.join('\n')}\n`);
    else if (error instanceof SeasonRefusal) {
      const lines = error.issues.map((found) => `  ${describeSeasonIssue(found, language)}`);
      io.stderr(`leitai: ${error.headline}\n${lines.join('\n')}\n`);
    } else {
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      io.stderr(`leitai: ${say('internalError', language, { reason })}\n`);
    }
    return false;
  }
}
