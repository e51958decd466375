/**
 * The local write path: every repository function runs `writeTransaction` and, inside it,
 * appends its events with `appendLocalEvents`, which numbers them, stores them, updates the
 * projections and queues them for the venue server, all in that one transaction.
 */

import Dexie from 'dexie';
import type { EventDraft, LeitaiEvent } from '../domain/events';
import type { Id } from '../domain/model';
import type { DeviceRow, LeitaiDB } from './database';
import { newId } from './ids';
import { applyToProjections } from './projection';

/**
 * One read-write transaction over every table: writes are small and rare (a judge's tap), so
 * locking everything costs nothing and no write can forget a table it touches.
 */
export function writeTransaction<T>(db: LeitaiDB, work: () => Promise<T>): Promise<T> {
  return db.transaction('rw', db.tables, work);
}

/** This device's id, made on first use: sync introduces the device to the venue server with it. */
export function getDeviceId(db: LeitaiDB): Promise<Id> {
  return db.transaction('rw', db.device, async () => (await readDevice(db)).deviceId);
}

/** Reads (and on first use creates) this device's identity, inside the caller's transaction. */
export async function readDevice(db: LeitaiDB): Promise<DeviceRow> {
  const device = await db.device.get('self');
  if (device) return device;
  const created: DeviceRow = { key: 'self', deviceId: newId(), nextSeq: 1 };
  await db.device.add(created);
  return created;
}

/**
 * Numbers, stores, projects and queues this device's new events, in the caller's write
 * transaction, in the order given.
 */
export async function appendLocalEvents(db: LeitaiDB, drafts: readonly EventDraft[]): Promise<LeitaiEvent[]> {
  const tx = Dexie.currentTransaction;
  if (tx?.mode !== 'readwrite') {
    // Outside a transaction the events, the projections and the outbox could commit apart.
    throw new Error('appendLocalEvents must run inside writeTransaction');
  }
  if (drafts.length === 0) return [];
  const device = await readDevice(db);
  const recordedAt = new Date().toISOString();
  const events = drafts.map(
    (draft, index) =>
      ({
        ...draft,
        id: newId(),
        deviceId: device.deviceId,
        deviceSeq: device.nextSeq + index,
        recordedAt,
      }) as LeitaiEvent,
  );
  await db.device.put({ ...device, nextSeq: device.nextSeq + events.length });
  await db.events.bulkAdd(events);
  await applyToProjections(db, events);
  await db.outbox.bulkAdd(events.map((event) => ({ eventId: event.id, deviceSeq: event.deviceSeq })));
  return events;
}

export async function appendLocalEvent(db: LeitaiDB, draft: EventDraft): Promise<LeitaiEvent> {
  const [event] = await appendLocalEvents(db, [draft]);
  return event as LeitaiEvent;
}
