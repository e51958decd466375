/** The hub's core on a fresh PostgreSQL database, and requests to it as a venue's relay sends them. */

import { afterEach } from 'vitest';
import { HubCore } from '../../../src/hub/core';
import { hashSecret } from '../../../src/hub/secrets';
import { HubStore } from '../../../src/hub/store';
import type { HubError, VenueRegistration } from '../../../src/sync/hub-protocol';
import { PROTOCOL_VERSION, type WireEvent } from '../../../src/sync/protocol';
import { freshDatabase } from './postgres';

export const ADMIN_SECRET = 'hub-admin-secret-for-tests';
export const DASHBOARD_CODE = 'hub-dashboard-code-for-tests';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface TestHub {
  core: HubCore;
  store: HubStore;
  url: string;
}

export async function testHub(): Promise<TestHub> {
  const database = await freshDatabase();
  cleanups.push(database.drop);
  const store = await HubStore.open(database.url);
  cleanups.push(() => store.close());
  const core = new HubCore({
    store,
    hubId: 'test-hub',
    adminSecretHash: hashSecret(ADMIN_SECRET),
    dashboardCodeHash: hashSecret(DASHBOARD_CODE),
  });
  return { core, store, url: database.url };
}

export interface Answer<T> {
  status: number;
  body: T;
  error: HubError | undefined;
}

export async function call<T = unknown>(
  core: HubCore,
  method: string,
  path: string,
  options: {
    token?: string | null;
    body?: unknown;
    query?: Record<string, string>;
    protocol?: string | null;
    address?: string;
  } = {},
): Promise<Answer<T>> {
  const response = await core.handle({
    method,
    path,
    query: new URLSearchParams(options.query ?? {}),
    protocol: options.protocol === undefined ? String(PROTOCOL_VERSION) : options.protocol,
    token: options.token ?? null,
    address: options.address ?? '192.168.1.20',
    body: options.body === undefined ? undefined : JSON.parse(JSON.stringify(options.body)),
  });
  const body = JSON.parse(response.body) as T & { error?: HubError };
  return { status: response.status, body, error: body.error };
}

export async function registerVenue(core: HubCore, name: string): Promise<VenueRegistration> {
  const answer = await call<VenueRegistration>(core, 'POST', '/admin/venues', {
    token: ADMIN_SECRET,
    body: { name },
  });
  if (answer.status !== 200) throw new Error(`registration failed: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A judge's mark as a venue stores it: `n` makes the event and its cell distinct. */
export function markEvent(n: number, deviceId = 'tablet-1'.padEnd(32, '0')): WireEvent {
  return {
    id: `mark-${n}`.padEnd(32, '0'),
    deviceId,
    deviceSeq: n,
    author: { role: 'judge', judgeId: 'j1' },
    competitionId: 'c1',
    roundId: 'r1',
    recordedAt: '2026-12-04T09:00:00.000Z',
    type: 'mark.set',
    payload: { judgeId: 'j1', contestantId: `p${n}`, criterionId: 'content', value: 8500, revision: 1 },
  } as WireEvent;
}
