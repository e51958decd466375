/**
 * The backup file (备份): one whole competition as one versioned JSON value, so that it can be
 * archived, restored onto another device and checked independently (`leitai verify`).
 *
 *   { format: 'leitai-backup', version: 1, exportedAt, competition (a summary),
 *     events: [{ event, hash }…] (the hash chain, src/domain/chain.ts), head,
 *     unlisted (sequence numbers of the chain's devices that are not in it, and why),
 *     results (per round, the interchange standings the device computed at export) }
 *
 * The events are the whole truth: setup, marks, adjustments, corrections, draws and every
 * kind added later all travel as events, and the audit log is the events themselves. Photos
 * are in the events' wire form (JSON has no Blob): the chain runs over exactly the JSON text.
 *
 * Checking is strict and refuses the file whole. The envelope is checked here; the events'
 * own shapes by the one strict validator of events (./event-shape.ts), the one the venue
 * server and the devices apply.
 *
 * A device's sequence numbers are gapless across all its events, but a chain holds one
 * competition's: numbers used by the device in another competition are listed in `unlisted`
 * (as are numbers the exporting device never received), so that only an unexplained gap, a
 * removed event, counts as damage. A forger who rewrites the file must rewrite the head too,
 * and the head printed on the signed sheets is what settles it.
 */
import { buildChain, type ChainedEvent, type ChainProblem, verifyChain } from './chain.ts';
import { parseWireEvent } from './event-shape.ts';
import type { LeitaiEvent } from './events.ts';
import type { InterchangeStandings } from './interchange.ts';
import type { Issue } from './issues.ts';
import type { Id } from './model.ts';
import { byOrderThenId } from './order.ts';
import type { CompetitionRecord, RoundRecord } from './records.ts';

const BACKUP_FORMAT = 'leitai-backup';
export const BACKUP_VERSION = 1;

export interface BackupRoundSummary {
  id: Id;
  name: string;
  order: number;
  judges: number;
  contestants: number;
}

/** What a person wants to know before opening the events: taken from their fold. */
export interface BackupSummary {
  id: Id;
  name: string;
  date?: string;
  venue?: string;
  rounds: BackupRoundSummary[];
}

/** Results as recorded at export: the standings, or the engine's refusal of the round. */
export type RecordedRound =
  | { roundId: Id; roundName: string; outcome: 'standings'; standings: InterchangeStandings }
  | { roundId: Id; roundName: string; outcome: 'refused'; issues: Issue[] };

/** Sequence numbers of a chain device that are not in the chain. */
export interface UnlistedSeqs {
  deviceId: Id;
  from: number;
  to: number;
  /** `otherCompetition`: the device used them there; `notOnDevice`: the exporter never had them. */
  reason: 'otherCompetition' | 'notOnDevice';
}

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** The exporting device's clock: shown, never used to decide anything. */
  exportedAt: string;
  competition: BackupSummary;
  events: ChainedEvent[];
  head: string;
  unlisted: UnlistedSeqs[];
  results: RecordedRound[];
}

/** The summary of a competition from its records (a device's tables, or a fold of events). */
export function summarize(
  competition: CompetitionRecord,
  rounds: readonly RoundRecord[],
  judges: readonly { roundIds: readonly Id[] }[],
  contestants: readonly { roundId: Id }[],
): BackupSummary {
  const count = (rows: readonly { roundId: Id }[], roundId: Id) =>
    rows.filter((row) => row.roundId === roundId).length;
  const assigned = (roundId: Id) => judges.filter((judge) => judge.roundIds.includes(roundId)).length;
  return {
    id: competition.id,
    name: competition.name,
    ...(competition.date !== undefined ? { date: competition.date } : {}),
    ...(competition.venue !== undefined ? { venue: competition.venue } : {}),
    rounds: rounds
      .filter((round) => round.competitionId === competition.id)
      .sort(byOrderThenId)
      .map((round) => ({
        id: round.id,
        name: round.name,
        order: round.order,
        judges: assigned(round.id),
        contestants: count(contestants, round.id),
      })),
  };
}

export interface BackupParts {
  exportedAt: string;
  competition: BackupSummary;
  /** Every event of the competition, in their JSON form (photos as wire blobs). */
  events: readonly LeitaiEvent[];
  unlisted: readonly UnlistedSeqs[];
  results: readonly RecordedRound[];
}

export function makeBackup(parts: BackupParts): BackupFile {
  const { entries, head } = buildChain(parts.events);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: parts.exportedAt,
    competition: parts.competition,
    events: entries,
    head,
    unlisted: [...parts.unlisted],
    results: [...parts.results],
  };
}

/**
 * The runs of sequence numbers of each chain device, from 1 to the highest in the chain, that
 * the chain lacks: `otherCompetition` when `heldElsewhere` says the device knows them.
 */
export function unlistedSeqs(
  events: readonly LeitaiEvent[],
  heldElsewhere: (deviceId: Id, seq: number) => boolean,
): UnlistedSeqs[] {
  const seqsByDevice = new Map<Id, Set<number>>();
  for (const event of events) {
    const seqs = seqsByDevice.get(event.deviceId) ?? new Set<number>();
    seqs.add(event.deviceSeq);
    seqsByDevice.set(event.deviceId, seqs);
  }
  const runs: UnlistedSeqs[] = [];
  for (const deviceId of [...seqsByDevice.keys()].sort()) {
    const seqs = seqsByDevice.get(deviceId) as Set<number>;
    const highest = Math.max(...seqs);
    for (let seq = 1; seq < highest; seq++) {
      if (seqs.has(seq)) continue;
      const reason = heldElsewhere(deviceId, seq) ? 'otherCompetition' : 'notOnDevice';
      const last = runs[runs.length - 1];
      if (last && last.deviceId === deviceId && last.reason === reason && last.to === seq - 1) last.to = seq;
      else runs.push({ deviceId, from: seq, to: seq, reason });
    }
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// Checking a file

export type BackupRefusal =
  | { kind: 'foreign' }
  | { kind: 'newerVersion'; version: number }
  | { kind: 'badShape'; path: string; problem: string }
  | { kind: 'otherCompetition'; eventId: string }
  | { kind: 'duplicateEvent'; eventId: string };

export type BackupCheck = { ok: true; backup: BackupFile } | { ok: false; refusal: BackupRefusal };

class EnvelopeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : typeof value;
}

const field = (path: string, key: string) => (path ? `${path}.${key}` : key);

function object(
  value: unknown,
  path: string,
  keys: readonly string[],
  optional: readonly string[] = [],
): Json {
  if (!isObject(value)) throw new EnvelopeError(path, `expected an object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key) && !optional.includes(key))
      throw new EnvelopeError(field(path, key), 'unknown field');
  }
  for (const key of keys) if (!(key in value)) throw new EnvelopeError(field(path, key), 'missing');
  return value;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new EnvelopeError(path, `expected a string, got ${describe(value)}`);
  return value;
}

function whole(value: unknown, path: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new EnvelopeError(path, `expected a whole number of at least ${min}, got ${describe(value)}`);
  }
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new EnvelopeError(path, `expected an array, got ${describe(value)}`);
  return value;
}

function nullableText(value: unknown, path: string): void {
  if (value !== null) text(value, path);
}

const HASH = /^[0-9a-f]{64}$/;

function hash(value: unknown, path: string): string {
  if (!HASH.test(text(value, path))) throw new EnvelopeError(path, 'expected 64 hexadecimal digits');
  return value as string;
}

function checkSummary(value: unknown): void {
  const summary = object(value, 'competition', ['id', 'name', 'rounds'], ['date', 'venue']);
  text(summary.id, 'competition.id');
  text(summary.name, 'competition.name');
  if ('date' in summary) text(summary.date, 'competition.date');
  if ('venue' in summary) text(summary.venue, 'competition.venue');
  list(summary.rounds, 'competition.rounds').forEach((entry, at) => {
    const path = `competition.rounds[${at}]`;
    const round = object(entry, path, ['id', 'name', 'order', 'judges', 'contestants']);
    text(round.id, `${path}.id`);
    text(round.name, `${path}.name`);
    whole(round.order, `${path}.order`);
    whole(round.judges, `${path}.judges`);
    whole(round.contestants, `${path}.contestants`);
  });
}

function checkStandings(value: unknown, path: string): void {
  const standings = object(value, path, ['standings', 'pending', 'excluded']);
  list(standings.standings, `${path}.standings`).forEach((entry, at) => {
    const place = `${path}.standings[${at}]`;
    const row = object(entry, place, [
      'rank',
      'id',
      'score',
      'award',
      'judges',
      'exact',
      'tied',
      'separatedBy',
      'trimReduced',
    ]);
    whole(row.rank, `${place}.rank`, 1);
    text(row.id, `${place}.id`);
    text(row.score, `${place}.score`);
    nullableText(row.award, `${place}.award`);
    whole(row.judges, `${place}.judges`);
    text(row.exact, `${place}.exact`);
    if (typeof row.tied !== 'boolean') throw new EnvelopeError(`${place}.tied`, 'expected true or false');
    nullableText(row.separatedBy, `${place}.separatedBy`);
    if (typeof row.trimReduced !== 'boolean')
      throw new EnvelopeError(`${place}.trimReduced`, 'expected true or false');
  });
  list(standings.pending, `${path}.pending`).forEach((entry, at) => {
    const place = `${path}.pending[${at}]`;
    const row = object(entry, place, ['id', 'judges', 'required']);
    text(row.id, `${place}.id`);
    whole(row.judges, `${place}.judges`);
    whole(row.required, `${place}.required`);
  });
  list(standings.excluded, `${path}.excluded`).forEach((entry, at) => {
    const place = `${path}.excluded[${at}]`;
    const row = object(entry, place, ['id', 'status']);
    text(row.id, `${place}.id`);
    text(row.status, `${place}.status`);
  });
}

function checkResult(value: unknown, path: string): void {
  if (!isObject(value)) throw new EnvelopeError(path, `expected an object, got ${describe(value)}`);
  if (value.outcome === 'standings') {
    const result = object(value, path, ['roundId', 'roundName', 'outcome', 'standings']);
    checkStandings(result.standings, `${path}.standings`);
  } else if (value.outcome === 'refused') {
    const result = object(value, path, ['roundId', 'roundName', 'outcome', 'issues']);
    list(result.issues, `${path}.issues`).forEach((entry, at) => {
      const found = object(entry, `${path}.issues[${at}]`, ['code', 'path', 'params']);
      text(found.code, `${path}.issues[${at}].code`);
      text(found.path, `${path}.issues[${at}].path`);
      object(found.params, `${path}.issues[${at}].params`, [], Object.keys(found.params ?? {}));
    });
  } else {
    throw new EnvelopeError(
      `${path}.outcome`,
      `expected "standings" or "refused", got ${describe(value.outcome)}`,
    );
  }
  text(value.roundId, `${path}.roundId`);
  text(value.roundName, `${path}.roundName`);
}

function checkUnlisted(value: unknown, path: string): void {
  const run = object(value, path, ['deviceId', 'from', 'to', 'reason']);
  text(run.deviceId, `${path}.deviceId`);
  const from = whole(run.from, `${path}.from`, 1);
  if (whole(run.to, `${path}.to`, 1) < from) throw new EnvelopeError(`${path}.to`, 'below from');
  if (run.reason !== 'otherCompetition' && run.reason !== 'notOnDevice') {
    throw new EnvelopeError(
      `${path}.reason`,
      `expected "otherCompetition" or "notOnDevice", got ${describe(run.reason)}`,
    );
  }
}

/**
 * Checks a parsed backup file: that it is one (`foreign` otherwise), of a version this code
 * reads (`newerVersion`), and strictly well-formed, events included (parseWireEvent), every event
 * of the summarized competition and none twice. The chain itself: `checkBackupChain`.
 */
export function checkBackup(value: unknown): BackupCheck {
  if (!isObject(value) || value.format !== BACKUP_FORMAT) return { ok: false, refusal: { kind: 'foreign' } };
  const { version } = value;
  if (typeof version === 'number' && Number.isSafeInteger(version) && version > BACKUP_VERSION) {
    return { ok: false, refusal: { kind: 'newerVersion', version } };
  }
  try {
    const file = object(value, '', [
      'format',
      'version',
      'exportedAt',
      'competition',
      'events',
      'head',
      'unlisted',
      'results',
    ]);
    if (version !== BACKUP_VERSION)
      throw new EnvelopeError('version', `expected ${BACKUP_VERSION}, got ${describe(version)}`);
    text(file.exportedAt, 'exportedAt');
    checkSummary(file.competition);
    hash(file.head, 'head');
    list(file.unlisted, 'unlisted').forEach((run, at) => {
      checkUnlisted(run, `unlisted[${at}]`);
    });
    list(file.results, 'results').forEach((result, at) => {
      checkResult(result, `results[${at}]`);
    });
    const competitionId = (file.competition as BackupSummary).id;
    const seen = new Set<string>();
    for (const [at, entry] of list(file.events, 'events').entries()) {
      const chained = object(entry, `events[${at}]`, ['event', 'hash']);
      hash(chained.hash, `events[${at}].hash`);
      const shape = parseWireEvent(chained.event);
      if (!shape.ok) {
        const inner = shape.error.path ? `.${shape.error.path}` : '';
        throw new EnvelopeError(`events[${at}].event${inner}`, shape.error.problem);
      }
      const event = chained.event as LeitaiEvent;
      if (event.competitionId !== competitionId) {
        return { ok: false, refusal: { kind: 'otherCompetition', eventId: event.id } };
      }
      if (seen.has(event.id)) return { ok: false, refusal: { kind: 'duplicateEvent', eventId: event.id } };
      seen.add(event.id);
    }
  } catch (error) {
    if (error instanceof EnvelopeError) {
      return {
        ok: false,
        refusal: { kind: 'badShape', path: error.path || '(file)', problem: error.problem },
      };
    }
    throw error;
  }
  return { ok: true, backup: value as unknown as BackupFile };
}

export type BackupChainProblem =
  | ChainProblem
  /** An `unlisted` run claims a sequence number that an event of the chain has. */
  | { kind: 'unlistedButPresent'; deviceId: Id; seq: number };

/**
 * The chain's problems (src/domain/chain.ts verifyChain), less the gaps that `unlisted` or a
 * reordering explains: an empty list means every event is there, unchanged, in its place.
 */
export function checkBackupChain(backup: BackupFile): BackupChainProblem[] {
  const present = new Set(backup.events.map(({ event }) => `${event.deviceId}\n${event.deviceSeq}`));
  // A "gap" whose numbers come later in the file is a reordering (reported as outOfOrder), not a removal.
  const accountedFor = (deviceId: Id, seq: number) =>
    present.has(`${deviceId}\n${seq}`) ||
    backup.unlisted.some((run) => run.deviceId === deviceId && run.from <= seq && seq <= run.to);
  const explained = (deviceId: Id, from: number, to: number) => {
    for (let seq = from; seq <= to; seq++) if (!accountedFor(deviceId, seq)) return false;
    return true;
  };
  const problems: BackupChainProblem[] = verifyChain(backup.events, backup.head).filter(
    (problem) =>
      problem.kind !== 'gap' || !explained(problem.deviceId, problem.missingFrom, problem.missingTo),
  );
  for (const run of backup.unlisted) {
    for (let seq = run.from; seq <= run.to; seq++) {
      if (present.has(`${run.deviceId}\n${seq}`)) {
        problems.push({ kind: 'unlistedButPresent', deviceId: run.deviceId, seq });
        break;
      }
    }
  }
  return problems;
}
