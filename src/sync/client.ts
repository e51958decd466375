/**
 * The device side of sync. A mark's path: the judge's write commits locally with the event in
 * the outbox (src/db/log.ts) -> `pushOutbox` sends it and, as the server answers event by event,
 * drops it from the outbox once acknowledged (or moves it to the refused list) -> the server
 * pokes every live device -> each `pullEvents` applies it and moves its cursor in one Dexie
 * transaction.
 *
 * `SyncClient` decides when: on a local write (the outbox changed), on a poke, when the live
 * socket (re)connects, on `online`, when the page becomes visible, and on a slow timer; a
 * server out of reach is retried with a short, capped backoff. Push and pull go separately, so
 * a push the server refuses or cannot take never stops the host's calls from arriving. Nothing
 * here is lost by a lost message: an unacknowledged event stays in the outbox, an unapplied one
 * stays after the cursor.
 */

import { liveQuery, type Subscription } from 'dexie';
import type { LeitaiDB, RefusedEventRow } from '../db/database';
import { applyRemoteEvents, readOutbox, settleOutbox } from '../db/remote';
import { parseWireEvent } from '../domain/event-shape';
import type { LeitaiEvent } from '../domain/events';
import {
  MAX_PULL_EVENTS,
  MAX_PUSH_EVENTS,
  type PullResponse,
  type PushResponse,
  type SessionInfo,
  type SyncError,
  type WireEvent,
} from './protocol';
import { NOT_CONNECTED, type SyncStatus } from './status';
import { readCursor, readerOf, readSession, syncStateTable } from './sync-state';
import { type LiveConnection, request, SyncRefusal, type SyncTransport, Unreachable } from './transport';
import { fromWire, toWire } from './wire';

// ---------------------------------------------------------------------------------------------
// One push, one pull

export interface PushOptions {
  batchSize?: number;
  /** A batch stops growing past this many bytes of JSON (photos are large). */
  batchBytes?: number;
  /** When a refusal is recorded (ms since the epoch). */
  now?: () => number;
}

/** The oldest events of the outbox, in wire form: at most `size`, and about `maxBytes` of JSON. */
async function nextBatch(db: LeitaiDB, size: number, maxBytes: number): Promise<WireEvent[]> {
  const batch: WireEvent[] = [];
  let bytes = 0;
  for (const event of await readOutbox(db, size)) {
    const wire = await toWire(event);
    bytes += JSON.stringify(wire).length;
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push(wire);
  }
  return batch;
}

function refusedRow(
  eventId: string,
  error: Pick<SyncError, 'code' | 'message' | 'path'>,
  refusedAt: string,
): RefusedEventRow {
  return { eventId, code: error.code, message: error.message, path: error.path ?? null, refusedAt };
}

/** The server's answer for each event of `batch`; `unanswered` counts those it said nothing of. */
function readAnswer(batch: readonly WireEvent[], reply: PushResponse, refusedAt: string) {
  const sent = new Set(batch.map((event) => event.id));
  const acknowledged = new Set(reply.acknowledged.filter((id) => sent.has(id)));
  const refused = new Map<string, RefusedEventRow>();
  for (const refusal of reply.refused) {
    const eventId = refusal.eventId ?? batch[refusal.index]?.id;
    if (eventId === undefined || !sent.has(eventId) || acknowledged.has(eventId)) continue;
    refused.set(eventId, refusedRow(eventId, refusal, refusedAt));
  }
  return {
    acknowledged: [...acknowledged],
    refused: [...refused.values()],
    unanswered: sent.size - acknowledged.size - refused.size,
  };
}

const isTooLarge = (error: unknown): error is SyncRefusal =>
  error instanceof SyncRefusal && error.status === 413;

/**
 * Sends the outbox in batches until it is empty; returns how many events the server
 * acknowledged. The server answers event by event: a refused event moves to the refused list
 * and the rest flows. A batch too large for the server is sent again in halves; an event too
 * large on its own is refused. A refusal of the whole request (a revoked token, an old app)
 * leaves every event in the outbox and rejects with SyncRefusal.
 */
export async function pushOutbox(
  db: LeitaiDB,
  transport: SyncTransport,
  token: string,
  { batchSize = 200, batchBytes = 4 * 1024 * 1024, now = Date.now }: PushOptions = {},
): Promise<number> {
  let acknowledged = 0;
  let size = Math.min(batchSize, MAX_PUSH_EVENTS);
  for (;;) {
    const batch = await nextBatch(db, size, batchBytes);
    const [first] = batch;
    if (!first) return acknowledged;
    let reply: PushResponse;
    try {
      reply = await request<PushResponse>(transport, {
        method: 'POST',
        path: '/push',
        token,
        body: { events: batch },
      });
    } catch (error) {
      if (!isTooLarge(error)) throw error;
      if (batch.length > 1) size = Math.ceil(batch.length / 2);
      else await settleOutbox(db, [], [refusedRow(first.id, error.error, new Date(now()).toISOString())]);
      continue;
    }
    const answer = readAnswer(batch, reply, new Date(now()).toISOString());
    await settleOutbox(db, answer.acknowledged, answer.refused);
    acknowledged += answer.acknowledged.length;
    // Sending the same batch again at once would only get the same silence: try again later.
    if (answer.unanswered > 0) throw new Unreachable('the server did not answer for the whole batch');
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
 * Pulls and applies the server's events after this device's cursor, page by page, while the
 * cursor is behind the server's head; the cursor moves in the same transaction as the events it
 * covers. The server filters what a role reads, so a page may hold no event and still move the
 * cursor past events meant for others. Returns how many events were new here.
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
    // Only the cursor moves: only its table is locked.
    const tables = events.length === 0 ? [syncStateTable(db)] : db.tables;
    await db.transaction('rw', tables, async () => {
      const current = await readCursor(db);
      // Another pull (another tab) got here first: this page is not applied twice, nor the cursor moved back.
      if ((current?.cursor ?? 0) !== (before?.cursor ?? 0) || current?.serverId !== before?.serverId) return;
      if (events.length > 0) applied += (await applyRemoteEvents(db, events)).applied;
      await syncStateTable(db).put({
        key: 'cursor',
        serverId: response.serverId,
        cursor: response.cursor,
        reader: readerOf(session),
      });
    });
    // A cursor that did not move would ask for the same page forever.
    if (response.cursor >= response.head || response.cursor <= after) return applied;
  }
}

// ---------------------------------------------------------------------------------------------
// When to sync

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
  /**
   * The first retry (of a sync, of the live socket) while the server is out of reach; doubles
   * up to `maxRetryMs`, each wait jittered down to half. The cap is what bounds the delay from
   * the server coming back to this device reaching it (retrying costs a failed connection).
   */
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** The slow timer: a pull even without a poke, in case one was lost. */
  pollMs?: number;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  page?: PageSignals | null;
}

/** The default backoff: a device whose server comes back reaches it within 2 s. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 1500;

type Outcome = { ok: true } | { ok: false; error: unknown };

const outcomeOf = (work: Promise<unknown>): Promise<Outcome> =>
  work.then(
    () => ({ ok: true }),
    (error: unknown) => ({ ok: false, error }),
  );

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
  private status: SyncStatus = NOT_CONNECTED;
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
    this.outboxWatch = liveQuery(async () => ({
      pending: await this.db.outbox.count(),
      refused: await this.db.refused.count(),
    })).subscribe({
      next: (counts) => {
        const grew = counts.pending > this.status.pending;
        this.update(counts);
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

  /** Push and pull now; resolves when this round of sync is over (failures go to the status). */
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
      // Each on its own: a push the server refuses or cannot take must not keep the host's calls
      // from arriving, nor a failing pull keep the marks from leaving. The outbox watch keeps
      // `pending` current (and asks for a sync when it grows).
      const push =
        this.status.pending > 0
          ? outcomeOf(
              pushOutbox(this.db, this.transport, session.token, { now: this.now, ...this.options.push }),
            )
          : null;
      const pull = outcomeOf(pullEvents(this.db, this.transport, session, { limit: this.options.pullLimit }));
      const [pushed, pulled] = [await push, await pull];
      // Sent with a session replaced meanwhile (a join, a login): the answers, a 401 for the old
      // token above all, say nothing of the new session, whose socket they must not close. The
      // round goes again with the new one.
      if (this.status.session?.token !== session.token) {
        this.again = true;
        continue;
      }
      if (!this.settle(pushed, pulled)) return;
    }
  }

  /**
   * Takes one round's outcome into the status and decides what comes next: a retry when the
   * server was out of reach; the slow poll when the pull went through. False when the round
   * failed: a refusal waits for something to change (a new session, a write, a poke).
   */
  private settle(push: Outcome | null, pull: Outcome): boolean {
    const outcomes = push ? [push, pull] : [pull];
    const errors = outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.error]));
    const refusal = errors.find((error): error is SyncRefusal => error instanceof SyncRefusal)?.error ?? null;
    const unreachable = errors.filter((error) => !(error instanceof SyncRefusal));
    for (const error of unreachable) if (!(error instanceof Unreachable)) console.error('sync failed', error);
    // Only the server's answer changes what the status says of its refusals.
    if (refusal !== null || outcomes.some((outcome) => outcome.ok))
      this.update({ refusal, lastContact: this.now() });
    if (refusal?.code === 'unauthorized') this.dropLive();
    if (unreachable.length > 0) {
      // A pull out of reach: the server's socket is as good as gone; it reopens with the retries.
      if (!pull.ok && !(pull.error instanceof SyncRefusal)) this.dropLive();
      this.failures += 1;
      this.schedule('retry', this.backoff(this.failures));
      return false;
    }
    this.failures = 0;
    // Jittered, so that devices started together do not all poll in the same instant.
    if (pull.ok)
      this.schedule('poll', Math.round((this.options.pollMs ?? 30_000) * (0.75 + this.random() / 2)));
    return refusal === null;
  }

  private backoff(failures: number): number {
    const first = this.options.firstRetryMs ?? FIRST_RETRY_MS;
    const max = this.options.maxRetryMs ?? MAX_RETRY_MS;
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
      this.liveFailures = 0;
      this.openLive();
    }
    this.requestSync();
  }

  private openLive(): void {
    const session = this.status.session;
    if (!this.started || !session || this.live) return;
    // Opening now: a reopening still scheduled would only open a second socket.
    if (this.liveTimer !== null) this.timers.clearTimeout(this.liveTimer);
    this.liveTimer = null;
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
