/**
 * Verification of a backup's results (校验): every round recomputed from the raw events with
 * the engine, the same path a device takes (foldEvents -> roundRowsOf -> assembleRoundInput ->
 * computeStandings), and compared with the results recorded at export. The chain is checked by
 * `checkBackupChain` (./backup.ts); together they tell a supervisor whether the official
 * results follow from the marks the judges actually entered.
 */
import { type BackupFile, type BackupSummary, type RecordedRound, summarize } from './backup.ts';
import { canonicalJson } from './chain.ts';
import { computeStandings } from './engine.ts';
import { foldEvents, type Projection } from './events.ts';
import { toInterchangeStandings } from './interchange.ts';
import { RoundRejectedError } from './issues.ts';
import type { Id } from './model.ts';
import { byOrderThenId } from './order.ts';
import { isRehearsalRound } from './purge.ts';
import type { RoundRecord } from './records.ts';
import { assembleRoundInput, roundRowsOf } from './round-input.ts';
import {
  checkSubmissions,
  type RegisteredKey,
  registeredKeysOf,
  roundSigningOf,
  type SubmissionCheck,
  signedOnlyProjection,
  type UncoveredMark,
} from './signing-checks.ts';

/** The results of a round from its rows in a projection: what a device records at export. */
export function resultOfRound(projection: Projection, round: RoundRecord): RecordedRound {
  const rows = roundRowsOf(projection, round.id);
  if (!rows) throw new Error(`round ${round.id} is not in the projection`);
  return recordRound(round, () => computeStandings(assembleRoundInput(rows)));
}

/** A round's standings as recorded, or the engine's refusal of it. */
export function recordRound(
  round: Pick<RoundRecord, 'id' | 'name'>,
  compute: () => ReturnType<typeof computeStandings>,
): RecordedRound {
  try {
    return {
      roundId: round.id,
      roundName: round.name,
      outcome: 'standings',
      standings: toInterchangeStandings(compute()),
    };
  } catch (error) {
    if (!(error instanceof RoundRejectedError)) throw error;
    return { roundId: round.id, roundName: round.name, outcome: 'refused', issues: [...error.issues] };
  }
}

/** One contestant's place in a result: ranked, pending, excluded, or absent. */
export interface Placing {
  state: 'ranked' | 'pending' | 'excluded';
  rank: number | null;
  score: string | null;
  award: string | null;
  judges: number | null;
  /** The exact final and how the contestant was told from the one above. */
  exact: string | null;
  separatedBy: string | null;
  status: string | null;
}

export interface PlacingDifference {
  contestantId: Id;
  /** From the events; the id when the contestant is not among them. */
  name: string;
  recorded: Placing | null;
  recomputed: Placing | null;
}

export type RoundVerdict =
  | { roundId: Id; roundName: string; status: 'match'; recomputed: RecordedRound }
  | {
      roundId: Id;
      roundName: string;
      status: 'mismatch';
      recomputed: RecordedRound;
      recorded: RecordedRound;
      differences: PlacingDifference[];
    }
  /** A round of the events without recorded results. */
  | { roundId: Id; roundName: string; status: 'notRecorded'; recomputed: RecordedRound }
  /** Recorded results of a round that the events do not contain. */
  | { roundId: Id; roundName: string; status: 'notInEvents'; recorded: RecordedRound };

export interface ResultsVerdict {
  rounds: RoundVerdict[];
  /** The summary as the events give it, and whether the file's summary says the same. */
  summary: BackupSummary | null;
  summaryMatches: boolean;
  /** True when every round matches and the summary too. */
  allMatch: boolean;
}

function placings(result: RecordedRound): Map<Id, Placing> {
  const places = new Map<Id, Placing>();
  if (result.outcome !== 'standings') return places;
  const { standings } = result;
  for (const row of standings.standings) {
    places.set(row.id, {
      state: 'ranked',
      rank: row.rank,
      score: row.score,
      award: row.award,
      judges: row.judges,
      exact: row.exact,
      separatedBy: row.separatedBy,
      status: null,
    });
  }
  const unranked = { rank: null, score: null, award: null, exact: null, separatedBy: null };
  for (const row of standings.pending) {
    places.set(row.id, { state: 'pending', ...unranked, judges: row.judges, status: null });
  }
  for (const row of standings.excluded) {
    places.set(row.id, { state: 'excluded', ...unranked, judges: null, status: row.status });
  }
  return places;
}

/** Per contestant, where the recorded and the recomputed results part. */
function differencesOf(
  recorded: RecordedRound,
  recomputed: RecordedRound,
  nameOf: (id: Id) => string,
): PlacingDifference[] {
  const before = placings(recorded);
  const after = placings(recomputed);
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  return ids.flatMap((contestantId) => {
    const a = before.get(contestantId) ?? null;
    const b = after.get(contestantId) ?? null;
    if (a && b && canonicalJson(a) === canonicalJson(b)) return [];
    return [{ contestantId, name: nameOf(contestantId), recorded: a, recomputed: b }];
  });
}

/** A field of the file's competition summary that the events say otherwise. */
export interface SummaryDifference {
  field: 'id' | 'name' | 'date' | 'venue' | 'rounds';
  /** As the file says, and as the events give it (canonical JSON for the rounds; '' when absent). */
  recorded: string;
  fromEvents: string;
}

/** Where the file's summary and the summary folded from its events part, field by field. */
export function summaryDifferences(
  recorded: BackupSummary,
  fromEvents: BackupSummary | null,
): SummaryDifference[] {
  const fields = ['id', 'name', 'date', 'venue', 'rounds'] as const;
  const shown = (summary: BackupSummary | null, field: (typeof fields)[number]) => {
    const value = summary?.[field];
    if (value === undefined) return '';
    return typeof value === 'string' ? value : canonicalJson(value);
  };
  return fields.flatMap((field) => {
    const [before, after] = [shown(recorded, field), shown(fromEvents, field)];
    return before === after ? [] : [{ field, recorded: before, fromEvents: after }];
  });
}

/** Recomputes every round of the backup's competition from its events and compares. */
export function verifyBackupResults(backup: BackupFile): ResultsVerdict {
  const projection = foldEvents(backup.events.map(({ event }) => event));
  const competitionId = backup.competition.id;
  const { entities } = projection;
  const competition = entities.competitions[competitionId];
  const rounds = Object.values(entities.rounds)
    .filter((round) => round.competitionId === competitionId && !isRehearsalRound(round))
    .sort(byOrderThenId);
  const summary = competition
    ? summarize(competition, rounds, Object.values(entities.judges), Object.values(entities.contestants))
    : null;
  const recordedById = new Map(backup.results.map((result) => [result.roundId, result]));
  const nameOf = (id: Id) => projection.entities.contestants[id]?.name ?? id;

  const verdicts: RoundVerdict[] = rounds.map((round) => {
    const recomputed = resultOfRound(projection, round);
    const recorded = recordedById.get(round.id);
    const base = { roundId: round.id, roundName: round.name };
    if (!recorded) return { ...base, status: 'notRecorded', recomputed };
    if (canonicalJson(recorded) === canonicalJson(recomputed))
      return { ...base, status: 'match', recomputed };
    return {
      ...base,
      status: 'mismatch',
      recomputed,
      recorded,
      differences: differencesOf(recorded, recomputed, nameOf),
    };
  });
  const known = new Set(rounds.map((round) => round.id));
  for (const recorded of backup.results) {
    if (!known.has(recorded.roundId)) {
      verdicts.push({
        roundId: recorded.roundId,
        roundName: recorded.roundName,
        status: 'notInEvents',
        recorded,
      });
    }
  }
  const summaryMatches = summary !== null && canonicalJson(summary) === canonicalJson(backup.competition);
  return {
    rounds: verdicts,
    summary,
    summaryMatches,
    allMatch: summaryMatches && verdicts.every((verdict) => verdict.status === 'match'),
  };
}

/** One round's signed sheets, and its standings recomputed from the signed marks alone. */
export interface RoundSignatures {
  roundId: Id;
  roundName: string;
  /** Sheets submitted now, and how many of them a valid signature covers whole. */
  submitted: number;
  signed: number;
  uncovered: UncoveredMark[];
  /** From the signed marks alone (a changed mark back to its signed value, an unsigned one left out). */
  signedResult: RecordedRound;
  /** The announced (recorded) results, or the recomputed ones when none were recorded. */
  announced: RecordedRound;
  /** Where the signed marks' standings and the announced ones part; empty when they agree. */
  differences: PlacingDifference[];
  stands: boolean;
}

export interface SignaturesVerdict {
  /** Whether the log holds any key or signature: a log from before signing holds neither. */
  inUse: boolean;
  keys: RegisteredKey[];
  /** Signed submissions whose signature does not hold (any version, superseded ones included). */
  badSubmissions: SubmissionCheck[];
  rounds: RoundSignatures[];
  /** True when every counted mark is signed, every key regular and every round stands. */
  allSigned: boolean;
}

/**
 * Checks every signature of the backup against the keys registered in its log, names every
 * counted mark no valid signature covers, and recomputes each round from the signed marks alone
 * against the announced results (./signing-checks.ts). WebCrypto is a parameter.
 */
export async function verifyBackupSignatures(
  backup: BackupFile,
  subtle: SubtleCrypto,
): Promise<SignaturesVerdict> {
  const events = backup.events.map(({ event }) => event);
  const projection = foldEvents(events);
  const keys = registeredKeysOf(events);
  const checks = await checkSubmissions(subtle, events);
  const inUse = keys.length > 0 || checks.size > 0;
  const recordedById = new Map(backup.results.map((result) => [result.roundId, result]));
  const nameOf = (id: Id) => projection.entities.contestants[id]?.name ?? id;
  const rounds = Object.values(projection.entities.rounds)
    .filter((round) => round.competitionId === backup.competition.id && !isRehearsalRound(round))
    .sort(byOrderThenId)
    .map((round): RoundSignatures => {
      const signing = roundSigningOf(events, projection, round.id, checks);
      const states = [...signing.sheets.values()].filter((state) => state !== null);
      const signedResult = resultOfRound(signedOnlyProjection(projection, round.id, signing), round);
      const announced = recordedById.get(round.id) ?? resultOfRound(projection, round);
      const differences =
        canonicalJson(signedResult) === canonicalJson(announced)
          ? []
          : differencesOf(announced, signedResult, nameOf);
      return {
        roundId: round.id,
        roundName: round.name,
        submitted: states.length,
        signed: states.filter((state) => state.state === 'signed').length,
        uncovered: signing.uncovered,
        signedResult,
        announced,
        differences,
        stands: canonicalJson(signedResult) === canonicalJson(announced),
      };
    });
  const badSubmissions = [...checks.values()].filter((check) => check.state !== 'valid');
  return {
    inUse,
    keys,
    badSubmissions,
    rounds,
    allSigned:
      badSubmissions.length === 0 &&
      keys.every((key) => key.irregular === null) &&
      rounds.every((round) => round.uncovered.length === 0 && round.stands),
  };
}
