/**
 * The app's side of sync: one SyncClient per database, talking to the venue server that served
 * the page (same origin), and the calls the screens make to get a token.
 *
 * For the judge screen: `joinAsJudge(code)` exchanges a judge's join code for this tablet's
 * token, then pulls everything, so the judge's rounds are on the device when it resolves.
 */

import { useSyncExternalStore } from 'react';
import { db as deviceDatabase, type LeitaiDB } from '../../db/database';
import { NOT_CONNECTED, type PageSignal, SyncClient, type SyncStatus } from '../../sync/client';
import {
  claimServer as claim,
  forgetSession,
  joinWithJudgeCode,
  joinWithProjectorCode,
  loginAsOrganizer as login,
} from '../../sync/session';
import { httpTransport, type SyncTransport, Unreachable } from '../../sync/transport';

/**
 * Sync runs in the production build, served by the venue server. The dev server and component
 * tests have no venue server behind them: there the status shows "not connected" and nothing is
 * sent anywhere.
 */
const SYNC_AVAILABLE = import.meta.env.PROD && typeof window !== 'undefined';

const clients = new WeakMap<LeitaiDB, { client: SyncClient; transport: SyncTransport }>();

function pageSignals() {
  return {
    addEventListener: (type: PageSignal, listener: () => void) =>
      (type === 'visibilitychange' ? document : window).addEventListener(type, listener),
    removeEventListener: (type: PageSignal, listener: () => void) =>
      (type === 'visibilitychange' ? document : window).removeEventListener(type, listener),
    isVisible: () => document.visibilityState === 'visible',
  };
}

/** This database's sync client, started on first use; null where there is no venue server. */
export function deviceSync(
  db: LeitaiDB = deviceDatabase,
): { client: SyncClient; transport: SyncTransport } | null {
  if (!SYNC_AVAILABLE) return null;
  let entry = clients.get(db);
  if (!entry) {
    const transport = httpTransport({ baseUrl: window.location.origin });
    const client = new SyncClient({ db, transport, page: pageSignals() });
    entry = { client, transport };
    clients.set(db, entry);
    void client.start();
  }
  return entry;
}

export type DeviceSync = NonNullable<ReturnType<typeof deviceSync>>;

function required(sync: DeviceSync | null): DeviceSync {
  if (!sync) throw new Unreachable('no venue server in this build');
  return sync;
}

/**
 * Binds this tablet to the judge with this join code at the venue server, then syncs. Rejects
 * with SyncRefusal ('badJoinCode', 'tooManyAttempts'…) or Unreachable; `syncFailureMessage`
 * (failure-message.ts) says either for the screen.
 */
export async function joinAsJudge(
  code: string,
  db: LeitaiDB = deviceDatabase,
  sync: DeviceSync | null = deviceSync(db),
): Promise<{ judgeId: string }> {
  const { client, transport } = required(sync);
  const session = await joinWithJudgeCode(db, transport, code);
  await client.sessionChanged();
  return { judgeId: session.judgeId as string };
}

export async function loginAsOrganizer(
  password: string,
  db: LeitaiDB = deviceDatabase,
  sync: DeviceSync | null = deviceSync(db),
): Promise<void> {
  const { client, transport } = required(sync);
  await login(db, transport, password);
  await client.sessionChanged();
}

export async function claimServer(
  claimCode: string,
  password: string,
  db: LeitaiDB = deviceDatabase,
  sync: DeviceSync | null = deviceSync(db),
): Promise<void> {
  const { client, transport } = required(sync);
  await claim(db, transport, claimCode, password);
  await client.sessionChanged();
}

export async function joinAsProjector(
  code: string,
  db: LeitaiDB = deviceDatabase,
  sync: DeviceSync | null = deviceSync(db),
): Promise<void> {
  const { client, transport } = required(sync);
  await joinWithProjectorCode(db, transport, code);
  await client.sessionChanged();
}

export async function disconnectDevice(
  db: LeitaiDB = deviceDatabase,
  sync: DeviceSync | null = deviceSync(db),
) {
  await forgetSession(db);
  await sync?.client.sessionChanged();
}

const noop = () => () => {};
const notConnected = () => NOT_CONNECTED;

/** The live sync status of this database, for any screen. */
export function useSyncStatus(client: SyncClient | null): SyncStatus {
  return useSyncExternalStore(client?.subscribe ?? noop, client?.getStatus ?? notConnected, notConnected);
}

/**
 * Whether a password typed on this page would cross the venue network readable by anyone on
 * it: plain http to another machine. The server refuses it then (`insecureTransport`), so the
 * page says so before the password is sent at all.
 */
export function passwordWouldTravelInClear(page: { protocol: string; hostname: string }): boolean {
  if (page.protocol !== 'http:') return false;
  const host = page.hostname;
  return !(host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host));
}
