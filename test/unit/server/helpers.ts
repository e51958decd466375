/** The venue server's core on an in-memory SQLite, and requests to it as a device would send them. */

import { afterEach } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import type { LeitaiEvent } from '../../../src/domain/events';
import { AttemptLimiter } from '../../../src/server/auth';
import { type ApiResponse, VenueCore } from '../../../src/server/core';
import { VenueStore } from '../../../src/server/store';
import {
  PROTOCOL_VERSION,
  type PushResponse,
  type SessionInfo,
  type SyncError,
  type WireEvent,
} from '../../../src/sync/protocol';
import { toWireAll } from '../../../src/sync/wire';

export const CLAIM_CODE = '13572468';
export const PASSWORD = '擂台2026';

const stores: VenueStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

export interface TestServer {
  core: VenueCore;
  store: VenueStore;
  clock: { now: number };
}

export function testServer(file = ':memory:'): TestServer {
  const store = new VenueStore(file);
  stores.push(store);
  const clock = { now: Date.parse('2026-11-23T09:00:00Z') };
  const now = () => clock.now;
  const core = new VenueCore({ store, now, claimCode: CLAIM_CODE, limiter: new AttemptLimiter({ now }) });
  return { core, store, clock };
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  query?: Record<string, string>;
  address?: string;
  protocol?: string | null;
  /** Over https or from the laptop itself (true unless a test says otherwise). */
  secure?: boolean;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  error: SyncError | undefined;
}

export async function call<T = unknown>(
  core: VenueCore,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const response: ApiResponse = await core.handle({
    method,
    path,
    query: new URLSearchParams(options.query ?? {}),
    protocol: options.protocol === undefined ? String(PROTOCOL_VERSION) : options.protocol,
    token: options.token ?? null,
    // Through JSON, as over the network.
    body: options.body === undefined ? undefined : JSON.parse(JSON.stringify(options.body)),
    address: options.address ?? '192.168.1.20',
    secure: options.secure ?? true,
  });
  const body = JSON.parse(response.body) as T & { error?: SyncError };
  return { status: response.status, body, error: body.error };
}

export async function claim(core: VenueCore, deviceId = 'organizer-laptop'): Promise<SessionInfo> {
  const answer = await call<SessionInfo>(core, 'POST', '/claim', {
    body: { claimCode: CLAIM_CODE, password: PASSWORD, deviceId },
  });
  if (answer.status !== 200) throw new Error(`claim failed: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export function joinJudge(
  core: VenueCore,
  code: string,
  deviceId: string,
  deviceKey?: string,
): Promise<Answer<SessionInfo>> {
  return call<SessionInfo>(core, 'POST', '/join/judge', { body: { code, deviceId, deviceKey } });
}

export function push(
  core: VenueCore,
  token: string,
  events: readonly WireEvent[] | unknown[],
): Promise<Answer<PushResponse>> {
  return call<PushResponse>(core, 'POST', '/push', { token, body: { events } });
}

/** This device's whole log, in its order, on the wire. */
export async function wireLog(db: LeitaiDB): Promise<WireEvent[]> {
  const events: LeitaiEvent[] = await db.events.orderBy('[deviceId+deviceSeq]').toArray();
  return toWireAll(events);
}
