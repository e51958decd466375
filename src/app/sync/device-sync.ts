/**
 * The app's side of sync: one SyncClient per database, talking to the venue server that served
 * the page (same origin), and the calls the screens make to get a token.
 *
 * For the judge screen: `joinAsJudge(code)` exchanges a judge's join code for this tablet's
 * token, then pulls everything, so the judge's rounds are on the device when it resolves.
 */

import { useSyncExternalStore } from 'react';
import { db as deviceDatabase, type LeitaiDB } from '../../db/database';
import { outboxCounts } from '../../db/queries/device';
import type { PageSignal, SyncClient } from '../../sync/client';
import { NOT_CONNECTED, type SyncStatus } from '../../sync/status';
import { forgetSession, readSession } from '../../sync/sync-state';
import { httpTransport, type SyncTransport, Unreachable } from '../../sync/transport';
import { whenIdle } from '../pwa/when-idle';

/**
 * Sync runs in the production build, served by the venue server. The dev server and component
 * tests have no venue server behind them: there the status shows "not connected" and nothing is
 * sent anywhere.
 */
const SYNC_AVAILABLE = import.meta.env.PROD && typeof window !== 'undefined';

/** What the screens use of a sync client: a SyncClient once loaded, or this device's while it loads. */
export type SyncClientView = Pick<SyncClient, 'getStatus' | 'subscribe' | 'syncNow' | 'sessionChanged'>;

/**
 * This device's sync client, whose code (the client, the pull's checks of every event, the purge)
 * is not in the shell every page waits for (test/budgets). It loads once the page's first screen
 * is up (whenIdle): loaded beside the page, its requests and its start would delay that screen
 * on a slow tablet. It loads at once when it is needed sooner: a join or a login (sessionChanged),
 * a sync asked for, or marks of this device's session not sent yet. Until it has started the
 * status is the session this device has, not yet online, as any client's is while it connects.
 * The outbox is in IndexedDB: a mark written in that moment is sent as soon as the client starts.
 * A client that cannot load (offline on plain http, no service worker) is tried again when the
 * network is back.
 */
class LoadingSyncClient implements SyncClientView {
  private client: SyncClient | null = null;
  private ready: Promise<SyncClient> | null = null;
  private status: SyncStatus = NOT_CONNECTED;
  private readonly listeners = new Set<(status: SyncStatus) => void>();

  constructor(
    private readonly db: LeitaiDB,
    private readonly transport: SyncTransport,
  ) {
    // What the client's status will say of this device, shown from the start: the status line
    // does not change width (and move the page) when the client takes over.
    Promise.all([readSession(db), outboxCounts(db)]).then(
      ([session, counts]) => {
        if (this.client) return;
        this.status = { ...NOT_CONNECTED, session, ...counts };
        this.emit(this.status);
        // Marks of this device's session not sent yet go as soon as the client is there.
        if (session && counts.pending > 0) this.loadOrRetry();
      },
      () => undefined, // the client reads them again, and says what fails
    );
    whenIdle(() => this.loadOrRetry());
  }

  private loadOrRetry(): void {
    this.load().catch((error: unknown) => {
      console.error('The sync client could not be loaded', error);
      window.addEventListener('online', () => this.loadOrRetry(), { once: true });
    });
  }

  private emit(status: SyncStatus): void {
    for (const listener of this.listeners) listener(status);
  }

  private load(): Promise<SyncClient> {
    this.ready ??= import('../../sync/client').then(async ({ SyncClient }) => {
      const client = new SyncClient({ db: this.db, transport: this.transport, page: pageSignals() });
      // Started (its session read) before anything is asked of it or its status shown.
      await client.start();
      this.client = client;
      client.subscribe((status) => this.emit(status));
      this.emit(client.getStatus());
      return client;
    });
    // A failed load (a chunk missing offline, on plain http) is tried again on the next call.
    this.ready.catch(() => {
      this.ready = null;
    });
    return this.ready;
  }

  getStatus = (): SyncStatus => this.client?.getStatus() ?? this.status;

  subscribe = (listener: (status: SyncStatus) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  syncNow = (): Promise<void> => this.load().then((client) => client.syncNow());

  // A client still starting may have read the session before or after the change: told only if
  // it has the old one (else it would open a second socket), and either way a join resolves once
  // the device has synced (the judge's rounds are there).
  sessionChanged = async (): Promise<void> => {
    if (this.client) return this.client.sessionChanged();
    const client = await this.load();
    const current = await readSession(this.db);
    if (JSON.stringify(client.getStatus().session) === JSON.stringify(current)) return client.syncNow();
    return client.sessionChanged();
  };
}

const clients = new WeakMap<LeitaiDB, { client: SyncClientView; transport: SyncTransport }>();

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
): { client: SyncClientView; transport: SyncTransport } | null {
  if (!SYNC_AVAILABLE) return null;
  let entry = clients.get(db);
  if (!entry) {
    const transport = httpTransport({ baseUrl: window.location.origin });
    entry = { client: new LoadingSyncClient(db, transport), transport };
    clients.set(db, entry);
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
  const { joinWithJudgeCode } = await import('../../sync/session');
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
  const { loginAsOrganizer: login } = await import('../../sync/session');
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
  const { claimServer: claim } = await import('../../sync/session');
  await claim(db, transport, claimCode, password);
  await client.sessionChanged();
}

export async function joinAsProjector(
  code: string,
  db: LeitaiDB = deviceDatabase,
  sync: DeviceSync | null = deviceSync(db),
): Promise<void> {
  const { client, transport } = required(sync);
  const { joinWithProjectorCode } = await import('../../sync/session');
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
export function useSyncStatus(client: SyncClientView | null): SyncStatus {
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
