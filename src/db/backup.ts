/**
 * The data side of 备份 / 恢复: what a backup of a competition holds, read from the device in one
 * snapshot, and a restore through the sync boundary. The file format and its checks are pure
 * (src/domain/backup.ts); turning photos into JSON is the wire's job (src/sync/wire.ts), done by
 * the caller, so this module stays below sync.
 */

import {
  type BackupSummary,
  type RecordedRound,
  summarize,
  type UnlistedSeqs,
  unlistedSeqs,
} from '../domain/backup';
import { recordRound } from '../domain/backup-verify';
import { computeStandings } from '../domain/engine';
import type { LeitaiEvent } from '../domain/events';
import type { Id } from '../domain/model';
import { byOrderThenId } from '../domain/order';
import { isRehearsalRound } from '../domain/purge';
import type { LeitaiDB } from './database';
import { getCompetition } from './entities';
import { writeTransaction } from './log';
import { loadRoundInput } from './read';
import { applyRemoteEvents, type RemoteApplyResult } from './remote';
import { realRoundsOf } from './rounds';

export interface CompetitionArchive {
  competition: BackupSummary;
  /** Every event of the competition, photos as Blobs. */
  events: LeitaiEvent[];
  unlisted: UnlistedSeqs[];
  /** What this device computes for each round now: the results the backup records. */
  results: RecordedRound[];
}

/** The sequence numbers each device holds on this database, by device. */
async function heldSeqs(db: LeitaiDB, events: readonly LeitaiEvent[]): Promise<Map<Id, Set<number>>> {
  const highest = new Map<Id, number>();
  for (const event of events) {
    highest.set(event.deviceId, Math.max(highest.get(event.deviceId) ?? 0, event.deviceSeq));
  }
  const held = new Map<Id, Set<number>>();
  for (const [deviceId, last] of highest) {
    const keys = await db.events
      .where('[deviceId+deviceSeq]')
      .between([deviceId, 1], [deviceId, last], true, true)
      .keys();
    held.set(deviceId, new Set(keys.map((key) => (key as unknown as [Id, number])[1])));
  }
  return held;
}

/**
 * The competition's events that a backup and every export carry: all of them but a running
 * 彩排's (a rehearsal round is never part of the results; a purged one is gone already).
 */
export async function competitionEvents(db: LeitaiDB, competitionId: Id): Promise<LeitaiEvent[]> {
  const rounds = await db.rounds.where('competitionId').equals(competitionId).toArray();
  const rehearsals = new Set(rounds.filter(isRehearsalRound).map((round) => round.id));
  const events = await db.events.where('competitionId').equals(competitionId).toArray();
  return rehearsals.size === 0
    ? events
    : events.filter((event) => event.roundId === null || !rehearsals.has(event.roundId));
}

/** Everything a backup of the competition holds, read in one transaction (a consistent snapshot). */
export function readCompetitionArchive(db: LeitaiDB, competitionId: Id): Promise<CompetitionArchive> {
  return db.transaction(
    'r',
    [
      db.competitions,
      db.rounds,
      db.judges,
      db.contestants,
      db.marks,
      db.adjustments,
      db.audienceWindows,
      db.audienceVotes,
      db.events,
    ],
    async () => {
      const competition = await getCompetition(db, competitionId);
      const rounds = (await realRoundsOf(db, competitionId)).sort(byOrderThenId);
      const roundIds = rounds.map((round) => round.id);
      const judges = await db.judges.where('competitionId').equals(competitionId).toArray();
      const contestants = await db.contestants.where('roundId').anyOf(roundIds).toArray();
      const events = await competitionEvents(db, competitionId);
      const held = await heldSeqs(db, events);
      const results: RecordedRound[] = [];
      for (const round of rounds) {
        const input = await loadRoundInput(db, round.id);
        results.push(recordRound(round, () => computeStandings(input)));
      }
      return {
        competition: summarize(competition, rounds, judges, contestants),
        events,
        unlisted: unlistedSeqs(events, (deviceId, seq) => held.get(deviceId)?.has(seq) ?? false),
        results,
      };
    },
  );
}

export interface RestoreResult extends RemoteApplyResult {
  /** This device's own events waiting for the venue server: all that a restore leaves to send. */
  unsent: number;
}

/**
 * Restores a checked backup's events onto this device, in one transaction: onto an empty
 * device, or merged with what it has (events it knows are skipped, so restoring twice changes
 * nothing). They are applied as other devices' events, with the same winner rule as sync, and
 * never queued: each belongs to the device that wrote it, which sends it itself (the venue
 * server has it already, or gets it from that device). Refused whole (RepositoryError
 * 'event-conflict') if a device seems to have numbered two different events alike.
 */
export function restoreEvents(db: LeitaiDB, events: readonly LeitaiEvent[]): Promise<RestoreResult> {
  return writeTransaction(db, async () => {
    const applied = await applyRemoteEvents(db, events);
    return { ...applied, unsent: await db.outbox.count() };
  });
}
