/**
 * The sync boundary: events from other devices come in through `applyRemoteEvents`; this
 * device's events go out from the outbox. The transport (src/sync) is not here.
 */

import type { LeitaiEvent } from '../domain/events';
import type { Id } from '../domain/model';
import { compareIds } from '../domain/order';
import { isPurge, isPurged, purgeScopeOf } from '../domain/purge';
import type { LeitaiDB, RefusedEventRow } from './database';
import { because, RepositoryError } from './errors';
import { writeTransaction } from './log';
import { applyToProjections } from './projection';
import { wipeScope } from './purge';

export interface RemoteApplyResult {
  applied: number;
  /** Events already in the log (an id seen before, or twice in the batch). */
  ignored: number;
  /** New events of a purged scope (the demo, a rehearsal), not kept. */
  purged: number;
}

function conflict(event: LeitaiEvent): RepositoryError {
  return new RepositoryError(
    'event-conflict',
    because('eventConflict', { device: event.deviceId, seq: event.deviceSeq }),
  );
}

/** The batch's events that this device does not have yet, each once. */
async function unknownEvents(db: LeitaiDB, events: readonly LeitaiEvent[]): Promise<LeitaiEvent[]> {
  const known = await db.events.bulkGet(events.map((event) => event.id));
  const fresh = new Map<Id, LeitaiEvent>();
  events.forEach((event, index) => {
    if (!known[index] && !fresh.has(event.id)) fresh.set(event.id, event);
  });
  return [...fresh.values()];
}

/** A device never numbers two different events alike; if it seems to, something is corrupt. */
async function checkSequenceNumbers(db: LeitaiDB, events: readonly LeitaiEvent[]): Promise<void> {
  const inBatch = new Set<string>();
  for (const event of events) {
    const slot = JSON.stringify([event.deviceId, event.deviceSeq]);
    if (inBatch.has(slot)) throw conflict(event);
    inBatch.add(slot);
  }
  const clashes = await db.events
    .where('[deviceId+deviceSeq]')
    .anyOf(events.map((event) => [event.deviceId, event.deviceSeq]))
    .toArray();
  const clash = clashes[0];
  if (clash) throw conflict(clash);
}

/**
 * Stores other devices' events and folds them into the projections with the same winner rule
 * as local writes, in one transaction; they are not queued in the outbox. Idempotent: known ids
 * are ignored, so a batch may be applied again after a lost acknowledgement. The events are
 * not validated again: their author's device did, and refusing one here would make this device
 * diverge from the others. To move a sync cursor in the same transaction, call this inside a
 * `db.transaction('rw', db.tables, …)` that also writes the cursor.
 */
export function applyRemoteEvents(db: LeitaiDB, events: readonly LeitaiEvent[]): Promise<RemoteApplyResult> {
  return writeTransaction(db, async () => {
    const fresh = await unknownEvents(db, events);
    // A purge, known here or in the batch, keeps its scope out; a new one wipes it (src/db/purge.ts).
    const newPurges = fresh.filter(isPurge);
    const known = (await db.events
      .where('type')
      .equals('scope.purge')
      .toArray()) as LeitaiEvent<'scope.purge'>[];
    const scopes = [...known, ...newPurges].map(purgeScopeOf);
    const kept = fresh.filter((event) => !isPurged(event, scopes));
    if (kept.length > 0) {
      await checkSequenceNumbers(db, kept);
      await db.events.bulkAdd(kept);
      await applyToProjections(db, kept);
    }
    for (const purge of newPurges) await wipeScope(db, purgeScopeOf(purge));
    return {
      applied: kept.length,
      ignored: events.length - fresh.length,
      purged: fresh.length - kept.length,
    };
  });
}

/** This device's unacknowledged events, oldest first. */
export async function readOutbox(db: LeitaiDB, limit = 200): Promise<LeitaiEvent[]> {
  return db.transaction('r', [db.outbox, db.events], async () => {
    const rows = await db.outbox.orderBy('deviceSeq').limit(limit).toArray();
    const events = await db.events.bulkGet(rows.map((row) => row.eventId));
    return events.filter((event): event is LeitaiEvent => event !== undefined);
  });
}

/** The venue server has stored these events: they leave the outbox (and stay in the log). */
export function acknowledgeEvents(db: LeitaiDB, eventIds: readonly Id[]): Promise<void> {
  return db.outbox.bulkDelete([...eventIds]);
}

/**
 * The venue server's answer to a push, in one transaction: the acknowledged events leave the
 * outbox, the refused ones move from the outbox to `refused` with the reason. A refusal is
 * final (sending the event again gets the same answer), so a refused event must not hold up
 * the ones behind it; it stays in the log, and in the list until someone dismisses it.
 */
export function settleOutbox(
  db: LeitaiDB,
  acknowledged: readonly Id[],
  refused: readonly RefusedEventRow[],
): Promise<void> {
  return db.transaction('rw', [db.outbox, db.refused, db.events], async () => {
    await db.outbox.bulkDelete([...acknowledged, ...refused.map((row) => row.eventId)]);
    // An event a purge wiped meanwhile (the server refused it as purged) is gone: nothing to list.
    const present = await db.events.bulkGet(refused.map((row) => row.eventId));
    await db.refused.bulkPut(refused.filter((_, index) => present[index] !== undefined));
  });
}

export interface RefusedEntry extends RefusedEventRow {
  /** The event itself, from the log. */
  event: LeitaiEvent;
}

/** The refused events with their reasons: oldest refusal first, a batch's in the order written. */
export async function readRefusedEvents(db: LeitaiDB): Promise<RefusedEntry[]> {
  const entries = await db.transaction('r', [db.refused, db.events], async () => {
    const rows = await db.refused.toArray();
    const events = await db.events.bulkGet(rows.map((row) => row.eventId));
    return rows.flatMap((row, index) => {
      const event = events[index];
      return event ? [{ ...row, event }] : [];
    });
  });
  return entries.sort(
    (a, b) => compareIds(a.refusedAt, b.refusedAt) || a.event.deviceSeq - b.event.deviceSeq,
  );
}

/** Someone has dealt with a refused event (exported it, told the organizer): off the list. */
export function dismissRefusedEvent(db: LeitaiDB, eventId: Id): Promise<void> {
  return db.refused.delete(eventId);
}
