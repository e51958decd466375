/**
 * The device side of sync. A mark's path: the judge's write commits locally with the event in
 * the outbox (src/db/log.ts) -> `pushOutbox` sends it and drops it from the outbox once the
 * server acknowledges it -> the server pokes every live device -> each `pullEvents` applies it
 * and moves its cursor in one Dexie transaction.
 *
 * `SyncClient` decides when: on a local write (the outbox changed), on a poke, when the live
 * socket (re)connects, on `online`, when the page becomes visible, and on a slow timer; a
 * failure retries with exponential backoff. Nothing here is lost by a lost message: an
 * unacknowledged event stays in the outbox, an unapplied one stays after the cursor.
 */

import { liveQuery, type Subscription } from 'dexie';
import type { LeitaiDB } from '../db/database';
import { acknowledgeEvents, applyRemoteEvents, readOutbox } from '../db/remote';
import type { LeitaiEvent } from '../domain/events';
import {
  MAX_PULL_EVENTS,
  MAX_PUSH_EVENTS,
  type PullResponse,
  type PushResponse,
  parseWireEvent,
  type SessionInfo,
  type SyncError,
} from './protocol';
import { readCursor, readSession, syncStateTable } from './sync-state';
import { type LiveConnection, request, SyncRefusal, type SyncTransport, Unreachable } from './transport';
import { fromWire, toWire } from './wire';

// ---------------------------------------------------------------------------------------------
// One push, one pull

export interface PushOptions {
  batchSize?: number;
  /** A batch stops growing past this many bytes of JSON (photos are large). */
  batchBytes?: number;
}

/** Sends the outbox in batches until it is empty; returns how many events the server acknowledged. */
export async function pushOutbox(
  db: LeitaiDB,
  transport: SyncTransport,
  token: string,
  { batchSize = 200, batchBytes = 4 * 1024 * 1024 }: PushOptions = {},
): Promise<number> {
  let acknowledged = 0;
  for (;;) {
    const events = await readOutbox(db, Math.min(batchSize, MAX_PUSH_EVENTS));
    if (events.length === 0) return acknowledged;
    const batch = [];
    let bytes = 0;
    for (const event of events) {
      const wire = await toWire(event);
      bytes += JSON.stringify(wire).length;
      if (batch.length > 0 && bytes > batchBytes) break;
      batch.push(wire);
    }
    const reply = await request<PushResponse>(transport, {
      method: 'POST',
      path: '/push',
      token,
      body: { events: batch },
    });
    const sent = new Set(batch.map((event) => event.id));
    const done = reply.acknowledged.filter((id) => sent.has(id));
    await acknowledgeEvents(db, done);
    acknowledged += done.length;
    // A server that acknowledges less than it was sent would otherwise be asked forever.
    if (done.length < sent.size) throw new Unreachable('the server did not acknowledge the whole batch');
  }
}

/** A pulled event that this client cannot read: the cursor stops before it. */
function parsePulled(response: PullResponse): LeitaiEvent[] {
  return response.events.map((value, index) => {
    const parsed = parseWireEvent(value);
    if (!parsed.ok) {
      throw new SyncRefusal(
        {
          code: 'malformedEvent',
          message: `pulled event ${index}: ${parsed.error.path}: ${parsed.error.problem}`,
          index,
          path: parsed.error.path,
        },
        200,
      );
    }
    return fromWire(parsed.value);
  });
}

/**
 * Pulls and applies the server's events after this device's cursor, page by page; the cursor
 * moves in the same transaction as the events it covers. Returns how many were new here.
 */
export async function pullEvents(
  db: LeitaiDB,
  transport: SyncTransport,
  session: SessionInfo,
  { limit = 500 }: { limit?: number } = {},
): Promise<number> {
  let applied = 0;
  for (;;) {
    const before = await readCursor(db);
    const after = before && before.serverId === session.serverId ? before.cursor : 0;
    const response = await request<PullResponse>(transport, {
      method: 'GET',
      path: '/pull',
      token: session.token,
      query: { after: String(after), limit: String(Math.min(limit, MAX_PULL_EVENTS)) },
    });
    const events = parsePulled(response);
    // Nothing new: no write transaction (it would lock every table for nothing).
    if (events.length === 0 && response.cursor === after && before?.serverId === response.serverId)
      return applied;
    await db.transaction('rw', db.tables, async () => {
      const current = await readCursor(db);
      // Another pull (another tab) got here first: this page is not applied twice, nor the cursor moved back.
      if ((current?.cursor ?? 0) !== (before?.cursor ?? 0) || current?.serverId !== before?.serverId) return;
      applied += (await applyRemoteEvents(db, events)).applied;
      await syncStateTable(db).put({ key: 'cursor', serverId: response.serverId, cursor: response.cursor });
    });
    if (response.cursor >= response.head || events.length === 0) return applied;
  }
}

// ---------------------------------------------------------------------------------------------
// When to sync

export interface SyncStatus {
  /** The live socket is open: the server is reachable and will poke this device. */
  online: boolean;
  /** Events of this device that the server has not acknowledged yet. */
  pending: number;
  /** When the server last answered (ms since the epoch, for display only). */
  lastContact: number | null;
  session: SessionInfo | null;
  /** The server's last refusal, until a sync succeeds; null otherwise. */
  refusal: SyncError | null;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type PageSignal = 'online' | 'offline' | 'visibilitychange';

/** Where `online`, `offline` and `visibilitychange` come from; absent outside a browser. */
export interface PageSignals {
  addEventListener(type: PageSignal, listener: () => void): void;
  removeEventListener(type: PageSignal, listener: () => void): void;
  isVisible(): boolean;
}

export interface SyncClientOptions {
  db: LeitaiDB;
  transport: SyncTransport;
  push?: PushOptions;
  pullLimit?: number;
  /** The first retry after a failure; doubles up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** The slow timer: a pull even without a poke, in case one was lost. */
  pollMs?: number;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  page?: PageSignals | null;
}

const globalTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SyncClient {
  private readonly db: LeitaiDB;
  private readonly transport: SyncTransport;
  private readonly options: SyncClientOptions;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly random: () => number;
  private status: SyncStatus = { online: false, pending: 0, lastContact: null, session: null, refusal: null };
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private started = false;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private retryTimer: unknown = null;
  private pollTimer: unknown = null;
  private live: LiveConnection | null = null;
  private liveFailures = 0;
  private liveTimer: unknown = null;
  private outboxWatch: Subscription | null = null;
  private knownHead = 0;
  private readonly onOnline = () => this.reconnectNow();
  // A dead connection can look open for a long time: the page's own word is taken at once.
  private readonly onOffline = () => this.dropLive();
  private readonly onVisibility = () => {
    if (this.options.page?.isVisible()) this.reconnectNow();
  };

  constructor(options: SyncClientOptions) {
    this.db = options.db;
    this.transport = options.transport;
    this.options = options;
    this.timers = options.timers ?? globalTimers;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  getStatus = (): SyncStatus => this.status;

  subscribe = (listener: (status: SyncStatus) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(change: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...change };
    for (const listener of this.listeners) listener(this.status);
  }

  /** Starts watching the outbox and the page, opens the live socket, and syncs. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const session = await readSession(this.db);
    // A join that finished meanwhile (sessionChanged) has the newer word.
    if (!this.status.session) this.update({ session });
    this.outboxWatch = liveQuery(() => this.db.outbox.count()).subscribe({
      next: (pending) => {
        const grew = pending > this.status.pending;
        this.update({ pending });
        if (grew) this.requestSync();
      },
      error: () => {},
    });
    this.options.page?.addEventListener('online', this.onOnline);
    this.options.page?.addEventListener('offline', this.onOffline);
    this.options.page?.addEventListener('visibilitychange', this.onVisibility);
    this.openLive();
    this.requestSync();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.outboxWatch?.unsubscribe();
    this.outboxWatch = null;
    this.options.page?.removeEventListener('online', this.onOnline);
    this.options.page?.removeEventListener('offline', this.onOffline);
    this.options.page?.removeEventListener('visibilitychange', this.onVisibility);
    for (const timer of [this.retryTimer, this.pollTimer, this.liveTimer]) {
      if (timer !== null) this.timers.clearTimeout(timer);
    }
    this.retryTimer = this.pollTimer = this.liveTimer = null;
    this.live?.close();
    this.live = null;
    await this.running;
    this.update({ online: false });
  }

  /** A new session (joined, logged in) or none: the live socket and the sync start over with it. */
  async sessionChanged(): Promise<void> {
    const session = await readSession(this.db);
    // Online again once the new session's socket is welcomed.
    this.update({ session, refusal: null, online: false });
    this.failures = 0;
    this.live?.close();
    this.live = null;
    if (!this.started) return;
    this.openLive();
    await this.syncNow();
  }

  /** Push then pull now; resolves when this round of sync is over (failures go to the status). */
  syncNow(): Promise<void> {
    this.requestSync();
    return this.running ?? Promise.resolve();
  }

  private requestSync(): void {
    this.again = true;
    if (!this.running) this.running = this.loop().finally(() => (this.running = null));
  }

  private async loop(): Promise<void> {
    while (this.again) {
      this.again = false;
      const session = this.status.session;
      if (!session) return;
      try {
        // The outbox watch keeps `pending` current (and asks for a sync when it grows).
        if (this.status.pending > 0)
          await pushOutbox(this.db, this.transport, session.token, this.options.push);
        await pullEvents(this.db, this.transport, session, { limit: this.options.pullLimit });
        this.failures = 0;
        this.update({ lastContact: this.now(), refusal: null });
        // Jittered, so that devices started together do not all poll in the same instant.
        this.schedule('poll', Math.round((this.options.pollMs ?? 30_000) * (0.75 + this.random() / 2)));
      } catch (error) {
        this.failed(error);
        return;
      }
    }
  }

  private failed(error: unknown): void {
    if (error instanceof SyncRefusal) {
      // The server answered: contact, but no retry until something changes (a new session, a
      // new write, a poke, the page coming back): asking again would get the same answer.
      this.update({ lastContact: this.now(), refusal: error.error });
      if (error.error.code === 'unauthorized') {
        this.live?.close();
        this.live = null;
        this.update({ online: false });
      }
      return;
    }
    if (!(error instanceof Unreachable)) console.error('sync failed', error);
    // The server is out of reach: its socket is as good as gone; it reopens with the retries.
    this.dropLive();
    this.failures += 1;
    this.schedule('retry', this.backoff(this.failures));
  }

  private backoff(failures: number): number {
    const first = this.options.firstRetryMs ?? 1000;
    const max = this.options.maxRetryMs ?? 60_000;
    const base = Math.min(max, first * 2 ** (failures - 1));
    // Jitter: fifteen tablets that lost the server together do not all come back in one instant.
    return Math.round(base * (0.5 + this.random() / 2));
  }

  private schedule(kind: 'retry' | 'poll', ms: number): void {
    if (!this.started) return;
    for (const timer of [this.retryTimer, this.pollTimer])
      if (timer !== null) this.timers.clearTimeout(timer);
    this.retryTimer = this.pollTimer = null;
    const handle = this.timers.setTimeout(() => {
      if (kind === 'retry') this.retryTimer = null;
      else this.pollTimer = null;
      this.openLive();
      this.requestSync();
    }, ms);
    if (kind === 'retry') this.retryTimer = handle;
    else this.pollTimer = handle;
  }

  private dropLive(): void {
    if (!this.live) return;
    this.live.close();
    this.live = null;
    this.update({ online: false });
  }

  private reconnectNow(): void {
    if (!this.started) return;
    this.failures = 0;
    if (!this.live) {
      if (this.liveTimer !== null) this.timers.clearTimeout(this.liveTimer);
      this.liveTimer = null;
      this.liveFailures = 0;
      this.openLive();
    }
    this.requestSync();
  }

  private openLive(): void {
    const session = this.status.session;
    if (!this.started || !session || this.live) return;
    const connection = this.transport.openLive(session.token, {
      onMessage: (message) => {
        if (connection !== this.live) return;
        if (message.type === 'welcome') {
          this.liveFailures = 0;
          this.knownHead = message.head;
          this.update({ online: true, lastContact: this.now() });
          this.requestSync();
        } else if (message.type === 'poke') {
          this.update({ lastContact: this.now() });
          if (message.head > this.knownHead) {
            this.knownHead = message.head;
            this.requestSync();
          }
        } else {
          this.update({ refusal: message.error });
        }
      },
      onClose: () => {
        if (connection !== this.live) return;
        this.live = null;
        this.update({ online: false });
        if (!this.started || this.status.refusal?.code === 'unauthorized') return;
        this.liveFailures += 1;
        this.liveTimer = this.timers.setTimeout(() => {
          this.liveTimer = null;
          this.openLive();
          // Reconnecting is also the moment to catch up.
          this.requestSync();
        }, this.backoff(this.liveFailures));
      },
    });
    this.live = connection;
  }
}
