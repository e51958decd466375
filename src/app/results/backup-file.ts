/**
 * The backup file as text: written from the device (photos to their wire form, the chain
 * built over exactly that JSON) and read back with every check, before anything is restored.
 * The format is src/domain/backup.ts; events are checked by the strict validator the server
 * applies (src/domain/event-shape.ts).
 */

import { competitionEvents, readCompetitionArchive } from '../../db/backup';
import type { LeitaiDB } from '../../db/database';
import {
  type BackupChainProblem,
  type BackupFile,
  type BackupRefusal,
  checkBackup,
  checkBackupChain,
  makeBackup,
} from '../../domain/backup';
import {
  type ResultsVerdict,
  type SummaryDifference,
  summaryDifferences,
  verifyBackupResults,
} from '../../domain/backup-verify';
import { CHAIN_GENESIS, chainLink, compareChainOrder } from '../../domain/chain';
import type { LeitaiEvent } from '../../domain/events';
import type { Id } from '../../domain/model';
import type { WireEvent } from '../../sync/protocol';
import { fromWire, toWireAll } from '../../sync/wire';

/** Wire events are the JSON form of events, which the chain is computed over. */
const asChainEvents = (events: readonly WireEvent[]) => events as unknown as LeitaiEvent[];

type Log = { events: LeitaiEvent[]; head: string };

/** Per database, the links of the last chain computed, by event id in chain order. */
const lastChains = new WeakMap<LeitaiDB, { competitionId: Id; links: { eventId: Id; hash: string }[] }>();
/** Per database, the log being read now. */
const inFlight = new WeakMap<LeitaiDB, { competitionId: Id; log: Promise<Log> }>();

/**
 * The head of the chain over these events. Events never change once written, so the links of
 * the longest prefix (in chain order) that the last computation shares are still right; only
 * the rest is hashed again. Exporting twice, or after the screen warmed it, hashes nothing new.
 */
async function chainHead(db: LeitaiDB, competitionId: Id, events: readonly LeitaiEvent[]): Promise<string> {
  const ordered = [...events].sort(compareChainOrder);
  const lastChain = lastChains.get(db);
  const known = lastChain?.competitionId === competitionId ? lastChain.links : [];
  let shared = 0;
  while (shared < ordered.length && shared < known.length && known[shared]?.eventId === ordered[shared]?.id)
    shared++;
  const links = known.slice(0, shared);
  let previous = links[shared - 1]?.hash ?? CHAIN_GENESIS;
  const wire = asChainEvents(await toWireAll(ordered.slice(shared)));
  for (const event of wire) {
    previous = chainLink(previous, event);
    links.push({ eventId: event.id, hash: previous });
  }
  lastChains.set(db, { competitionId, links });
  return previous;
}

async function readLog(db: LeitaiDB, competitionId: Id): Promise<Log> {
  const events = await competitionEvents(db, competitionId);
  return { events, head: await chainHead(db, competitionId, events) };
}

/**
 * The competition's events and the head of their chain: what every export and printed sheet
 * carries, equal to the head of a backup made now. A call made while another is computing the
 * same competition's chain shares its result (one snapshot: events and head agree).
 */
export function competitionLog(db: LeitaiDB, competitionId: Id): Promise<Log> {
  const running = inFlight.get(db);
  if (running?.competitionId === competitionId) return running.log;
  const log = readLog(db, competitionId).finally(() => {
    if (inFlight.get(db)?.log === log) inFlight.delete(db);
  });
  inFlight.set(db, { competitionId, log });
  return log;
}

export async function createBackup(db: LeitaiDB, competitionId: Id, exportedAt: string): Promise<BackupFile> {
  const archive = await readCompetitionArchive(db, competitionId);
  return makeBackup({
    exportedAt,
    competition: archive.competition,
    events: asChainEvents(await toWireAll(archive.events)),
    unlisted: archive.unlisted,
    results: archive.results,
  });
}

/** Pretty at the top, one chained event per line: readable, and a diff shows what changed. */
export function backupText(backup: BackupFile): string {
  const placeholder = '"__events__"';
  const outline = JSON.stringify({ ...backup, events: '__events__' }, null, 2);
  const events = backup.events.map((entry) => `    ${JSON.stringify(entry)}`).join(',\n');
  return `${outline.replace(placeholder, backup.events.length > 0 ? `[\n${events}\n  ]` : '[]')}\n`;
}

export type BackupRead =
  | { ok: true; backup: BackupFile; events: LeitaiEvent[] }
  | {
      ok: false;
      refusal:
        | BackupRefusal
        | { kind: 'notJson' }
        | { kind: 'brokenChain'; problems: BackupChainProblem[] }
        /** Intact chain, but the summary or the recorded results are not what the events give. */
        | { kind: 'resultsDiffer'; verdict: ResultsVerdict; summary: SummaryDifference[] };
    };

/**
 * Reads a backup file's text: refused whole unless it is a well-formed, intact backup whose
 * summary and recorded results are what its events give (the checks of `leitai verify`).
 */
export function readBackupText(text: string): BackupRead {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { ok: false, refusal: { kind: 'notJson' } };
  }
  const checked = checkBackup(value);
  if (!checked.ok) return checked;
  const problems = checkBackupChain(checked.backup);
  if (problems.length > 0) return { ok: false, refusal: { kind: 'brokenChain', problems } };
  // What `leitai verify` checks beyond the chain: the summary and every round's recorded results.
  const verdict = verifyBackupResults(checked.backup);
  if (!verdict.allMatch) {
    const summary = summaryDifferences(checked.backup.competition, verdict.summary);
    return { ok: false, refusal: { kind: 'resultsDiffer', verdict, summary } };
  }
  const events = checked.backup.events.map(({ event }) => fromWire(event as unknown as WireEvent));
  return { ok: true, backup: checked.backup, events };
}
