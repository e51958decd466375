/**
 * Building a season from competitions' backups (events run on different laptops): each backup is
 * checked as `leitai verify` checks it (its shape, its hash chain, and every round recomputed
 * from its events equal to the recorded results), the events of one competition found in several
 * backups are merged as sync merges them (a union by event id, folded), and each final round
 * (结束本轮 or every contestant revealed, ./provisional.ts) is scored with the engine and posted by
 * the season's points table (./season.ts).
 *
 * The result depends on the set of events only: backups are processed by competition id and
 * rounds by their order, never by the order the files were given, and posting is idempotent, so
 * importing a backup twice, or two backups in either order, gives the same ledger, byte for byte.
 * A backup that does not verify, a competition without a date or a final round the engine
 * refuses: the import is refused whole (SeasonRejectedError, each file named), nothing posted.
 */
import { checkBackup, checkBackupChain } from './backup.ts';
import { verifyBackupResults } from './backup-verify.ts';
import { canonicalJson } from './chain.ts';
import { parseHundredths } from './decimal.ts';
import { computeStandings } from './engine.ts';
import { foldEvents, type LeitaiEvent, type Projection } from './events.ts';
import { RoundRejectedError } from './issues.ts';
import type { Id } from './model.ts';
import { byOrderThenId, compareIds } from './order.ts';
import { roundResultStatusOf } from './provisional.ts';
import { isRehearsalRound } from './purge.ts';
import { assembleRoundInput, roundRowsOf } from './round-input.ts';
import {
  checkTable,
  DEFAULT_POINTS_TABLE,
  isIsoDate,
  type PointsTable,
  type PostedRound,
  postRound,
  type Season,
} from './season.ts';
import { type SeasonIssue, SeasonRejectedError, seasonIssue } from './season-issues.ts';

/** A parsed backup file, with the name the messages call it by. */
export interface BackupSource {
  name: string;
  value: unknown;
}

/** What an import did with each round of each competition. */
export interface ImportedRound {
  competitionId: Id;
  competitionName: string;
  roundId: Id;
  roundName: string;
  /** `posted` (final: its results are in the ledger) or `provisional` (not final yet: skipped). */
  outcome: 'posted' | 'provisional';
}

interface Competition {
  id: Id;
  /** The file named in messages: the first of the backups that hold the competition. */
  file: string;
  events: Map<Id, LeitaiEvent>;
}

/** The events of every verified backup, by competition; issues for the files that do not verify. */
function verifiedCompetitions(backups: readonly BackupSource[], issues: SeasonIssue[]): Competition[] {
  const competitions = new Map<Id, Competition>();
  backups.forEach((source, at) => {
    const path = `backups[${at}]`;
    const file = source.name;
    const checked = checkBackup(source.value);
    if (!checked.ok) {
      const { refusal } = checked;
      if (refusal.kind === 'foreign') issues.push(seasonIssue('backupNotBackup', path, { file }));
      else if (refusal.kind === 'newerVersion')
        issues.push(seasonIssue('backupNewer', path, { file, version: refusal.version }));
      else {
        const problem =
          refusal.kind === 'badShape'
            ? `${refusal.path}: ${refusal.problem}`
            : `${refusal.kind} ${refusal.eventId}`;
        issues.push(seasonIssue('backupDamaged', path, { file, problem }));
      }
      return;
    }
    const { backup } = checked;
    const chainProblems = checkBackupChain(backup);
    if (chainProblems.length > 0) {
      const problem = [...new Set(chainProblems.map((found) => found.kind))].join(', ');
      issues.push(seasonIssue('backupDamaged', path, { file, problem }));
      return;
    }
    const verdict = verifyBackupResults(backup);
    if (!verdict.allMatch) {
      const rounds = verdict.rounds
        .filter((round) => round.status !== 'match')
        .map((round) => round.roundName);
      const problem = [...(verdict.summaryMatches ? [] : ['summary']), ...rounds].join(', ');
      issues.push(seasonIssue('backupNotVerified', path, { file, problem }));
      return;
    }
    const competition = competitions.get(backup.competition.id) ?? {
      id: backup.competition.id,
      file,
      events: new Map<Id, LeitaiEvent>(),
    };
    for (const { event } of backup.events) {
      const known = competition.events.get(event.id);
      if (known && canonicalJson(known) !== canonicalJson(event)) {
        issues.push(seasonIssue('backupEventConflict', path, { file, eventId: event.id }));
        return;
      }
      competition.events.set(event.id, event);
    }
    competitions.set(competition.id, competition);
  });
  return [...competitions.values()].sort((a, b) => compareIds(a.id, b.id));
}

/** What a competition's rounds give a season. */
export interface CompetitionPostings {
  competitionName: string;
  /** The competition has no date: nothing of it can be posted. */
  undated: boolean;
  /** Its final rounds' results, by round order. */
  postings: PostedRound[];
  /** What was done with each round (none when undated). */
  rounds: ImportedRound[];
  /** The names of the final rounds the engine refuses to compute. */
  refusedRounds: string[];
}

/**
 * The final rounds (no 彩排 round) of a competition as postings, and the rounds still
 * provisional, from a projection holding the competition and its events (more may be there).
 */
export function competitionPostings(
  competitionId: Id,
  projection: Projection,
  events: readonly LeitaiEvent[],
): CompetitionPostings {
  const record = projection.entities.competitions[competitionId];
  const competitionName = record?.name ?? competitionId;
  const found: CompetitionPostings = {
    competitionName,
    undated: false,
    postings: [],
    rounds: [],
    refusedRounds: [],
  };
  if (!record || !isIsoDate(record.date)) return { ...found, undated: true };
  const competitionRounds = Object.values(projection.entities.rounds)
    .filter((round) => round.competitionId === competitionId && !isRehearsalRound(round))
    .sort(byOrderThenId);
  for (const round of competitionRounds) {
    const rows = roundRowsOf(projection, round.id);
    if (!rows) continue;
    const base = { competitionId, competitionName, roundId: round.id, roundName: round.name };
    const status = roundResultStatusOf(
      rows.contestants,
      events.filter((event) => event.roundId === round.id),
    );
    if (!status.final) {
      found.rounds.push({ ...base, outcome: 'provisional' });
      continue;
    }
    try {
      const standings = computeStandings(assembleRoundInput(rows));
      found.postings.push({
        ...base,
        date: record.date as string,
        placings: standings.ranked.map((result) => ({
          name: result.name,
          unit: result.unit,
          rank: result.rank as number,
          award: result.award,
        })),
      });
      found.rounds.push({ ...base, outcome: 'posted' });
    } catch (error) {
      if (!(error instanceof RoundRejectedError)) throw error;
      found.refusedRounds.push(round.name);
    }
  }
  return found;
}

/** The final rounds of a competition as postings, and the rounds still provisional. */
function roundsOf(
  competition: Competition,
  issues: SeasonIssue[],
  at: number,
): { postings: PostedRound[]; rounds: ImportedRound[] } {
  const events = [...competition.events.values()];
  const found = competitionPostings(competition.id, foldEvents(events), events);
  const path = `competitions[${at}]`;
  const file = competition.file;
  if (found.undated)
    issues.push(seasonIssue('competitionUndated', path, { file, competition: found.competitionName }));
  for (const round of found.refusedRounds)
    issues.push(seasonIssue('roundRefusedByEngine', path, { file, round }));
  return found;
}

/**
 * The season with the final rounds of the backups' competitions posted, and what was done with
 * each round. Refused whole (SeasonRejectedError) when any backup does not verify, a competition
 * has no date, a final round cannot be scored, or a posting breaks the ledger's rules.
 */
export function importBackups(
  season: Season,
  backups: readonly BackupSource[],
): { season: Season; rounds: ImportedRound[] } {
  const issues: SeasonIssue[] = [];
  const competitions = verifiedCompetitions(backups, issues);
  const postings: PostedRound[] = [];
  const rounds: ImportedRound[] = [];
  competitions.forEach((competition, at) => {
    const found = roundsOf(competition, issues, at);
    postings.push(...found.postings);
    rounds.push(...found.rounds);
  });
  if (issues.length > 0) throw new SeasonRejectedError(issues);
  return { season: postings.reduce(postRound, season), rounds };
}

// ---------------------------------------------------------------------------------------------
// The points table as a file

// Kept in ./season.ts (the screens create a season with it without loading the import).
export { DEFAULT_POINTS_TABLE };

/**
 * A points table from its JSON: `{"by": "placing", "points": {"1": 10, "2": "8.5"}}` or
 * `{"by": "award", "points": {"一等奖": 10}}`, points as JSON numbers or decimal strings with at
 * most two decimals. Refused (SeasonRejectedError) with every problem named.
 */
export function readPointsTable(json: unknown): PointsTable {
  const fail = (code: SeasonIssue['code'], params: Record<string, string | number> = {}) =>
    new SeasonRejectedError([seasonIssue(code, 'table', params)]);
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw fail('tableKindInvalid', { value: String(json) });
  const { by, points } = json as { by?: unknown; points?: unknown };
  if (by !== 'placing' && by !== 'award') throw fail('tableKindInvalid', { value: String(by) });
  if (typeof points !== 'object' || points === null || Array.isArray(points)) throw fail('tableEmpty');
  const issues: SeasonIssue[] = [];
  const parsed = Object.entries(points).flatMap(([key, value]) => {
    const amount = parseHundredths(value);
    if (!amount.ok) {
      issues.push(
        seasonIssue('tablePointsInvalid', `table.points.${key}`, { value: key, points: String(value) }),
      );
      return [];
    }
    if (by === 'placing' && !/^[1-9]\d*$/.test(key)) {
      issues.push(seasonIssue('tableRankInvalid', `table.points.${key}`, { value: key }));
      return [];
    }
    return [{ key, points: amount.value }];
  });
  const table: PointsTable =
    by === 'placing'
      ? { by, rows: parsed.map(({ key, points: amount }) => ({ placing: Number(key), points: amount })) }
      : { by, rows: parsed.map(({ key, points: amount }) => ({ award: key, points: amount })) };
  if (issues.length === 0) issues.push(...checkTable(table));
  if (issues.length > 0) throw new SeasonRejectedError(issues);
  return table;
}
