/**
 * The last resort when a device cannot reach the venue server: its own event log as a file,
 * which the organizer imports on the laptop (applied there, then pushed to the server like any
 * other device's events). The file is the wire form, so photos travel too.
 *
 * The events the server refused leave as the same kind of file, with the server's reason for
 * each, for the organizer to look at.
 */

import type { LeitaiDB, RefusedEventRow } from '../db/database';
import { getDeviceId } from '../db/log';
import { applyRemoteEvents, type RemoteApplyResult, readRefusedEvents } from '../db/remote';
import { parseWireEvent } from '../domain/event-shape';
import type { PushResponse, WireEvent } from './protocol';
import { request, type SyncTransport } from './transport';
import { fromWire, toWireAll } from './wire';

const DEVICE_LOG_FORMAT = 'leitai-device-log';

export interface DeviceLogFile {
  format: typeof DEVICE_LOG_FORMAT;
  version: 1;
  deviceId: string;
  /** For the file's reader only. */
  exportedAt: string;
  events: WireEvent[];
}

/** This device's own events, oldest first. */
export async function exportDeviceLog(db: LeitaiDB, now = new Date()): Promise<DeviceLogFile> {
  const deviceId = await getDeviceId(db);
  const events = await db.events
    .where('[deviceId+deviceSeq]')
    .between([deviceId, 0], [deviceId, Number.MAX_SAFE_INTEGER])
    .toArray();
  return {
    format: DEVICE_LOG_FORMAT,
    version: 1,
    deviceId,
    exportedAt: now.toISOString(),
    events: await toWireAll(events),
  };
}

/** A device log of the refused events only, with why the server refused each. */
export interface RefusedEventsFile extends DeviceLogFile {
  refusals: RefusedEventRow[];
}

/** The refused list, oldest refusal first: the events (importable as a device log) and reasons. */
export async function exportRefusedEvents(db: LeitaiDB, now = new Date()): Promise<RefusedEventsFile> {
  const entries = await readRefusedEvents(db);
  return {
    format: DEVICE_LOG_FORMAT,
    version: 1,
    deviceId: await getDeviceId(db),
    exportedAt: now.toISOString(),
    events: await toWireAll(entries.map((entry) => entry.event)),
    refusals: entries.map(({ eventId, code, message, path, refusedAt }) => ({
      eventId,
      code,
      message,
      path,
      refusedAt,
    })),
  };
}

/** Why a device log cannot be imported: the file's first problem, or who may import one. */
export type DeviceLogProblem =
  | { code: 'notJson' }
  | { code: 'notDeviceLog' }
  | { code: 'badEvent'; event: number; path: string; problem: string }
  | { code: 'organizerOnly' };

/** `problem` is for the screen to put into words; `message` is for developers. */
export class DeviceLogError extends Error {
  override readonly name = 'DeviceLogError';

  constructor(readonly problem: DeviceLogProblem) {
    super(
      problem.code === 'badEvent'
        ? `event ${problem.event}: ${problem.path}: ${problem.problem}`
        : { notJson: 'not JSON', notDeviceLog: 'not a Leitai device log', organizerOnly: 'organizer only' }[
            problem.code
          ],
    );
  }
}

export function parseDeviceLog(text: string): WireEvent[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DeviceLogError({ code: 'notJson' });
  }
  const file = value as Partial<DeviceLogFile> | null;
  if (file?.format !== DEVICE_LOG_FORMAT || file.version !== 1 || !Array.isArray(file.events)) {
    throw new DeviceLogError({ code: 'notDeviceLog' });
  }
  return file.events.map((event, index) => {
    const parsed = parseWireEvent(event);
    if (!parsed.ok)
      throw new DeviceLogError({
        code: 'badEvent',
        event: index + 1,
        path: parsed.error.path,
        problem: parsed.error.problem,
      });
    return parsed.value;
  });
}

export interface ImportResult extends RemoteApplyResult {
  /** How many the server had not had before. */
  sentToServer: number;
  /** How many the server refused (each for its own reason; the others went through). */
  refusedByServer: number;
}

/**
 * Applies another device's exported events on this (the organizer's) device, then pushes them
 * to the server with the organizer's token. Idempotent: importing a file twice changes nothing.
 */
export async function importDeviceLog(
  db: LeitaiDB,
  transport: SyncTransport,
  organizerToken: string,
  events: readonly WireEvent[],
  batchSize = 200,
): Promise<ImportResult> {
  const applied = await applyRemoteEvents(db, events.map(fromWire));
  let sentToServer = 0;
  let refusedByServer = 0;
  for (let start = 0; start < events.length; start += batchSize) {
    const reply = await request<PushResponse>(transport, {
      method: 'POST',
      path: '/push',
      token: organizerToken,
      body: { events: events.slice(start, start + batchSize) },
    });
    sentToServer += reply.accepted;
    refusedByServer += reply.refused.length;
  }
  // The tablet whose log this is may reach the server later: its id, now in the log, is
  // approved so that it can still join under it (the server refuses unknown takers otherwise).
  for (const deviceId of new Set(events.map((event) => event.deviceId))) {
    await request<{ approved: number }>(transport, {
      method: 'POST',
      path: '/devices/approve',
      token: organizerToken,
      body: { deviceId },
    });
  }
  return { ...applied, sentToServer, refusedByServer };
}
