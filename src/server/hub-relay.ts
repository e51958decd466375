/**
 * The venue's relay to the county hub (`npm start -- --hub URL --venue-key KEY`): in the
 * background, it pushes the venue's stored events upstream in the venue's order, 500 at a time,
 * and remembers in the venue's SQLite (meta `hubRelayCursor`) up to which of its sequence numbers
 * the hub has acknowledged them. Nothing in the hall waits for it: the venue's core admits,
 * stores and pokes exactly as without a hub, and the relay only reads the store after a commit.
 *
 * When the hub cannot be reached, or answers with an error, the relay tries again after 1 s,
 * 2 s, 4 s… up to a minute (with some jitter, so that a county's venues do not all come back at
 * once after the hub restarts). Each time it reconnects, it asks the hub where this venue stands
 * and resumes from there: the hub stores each event once, so sending a batch again is harmless,
 * and a hub restored from an older backup gets what it lacks.
 */

import {
  HUB_API_PREFIX,
  type HubError,
  type HubHelloResponse,
  type HubPullResponse,
  type HubPushRequest,
  type HubPushResponse,
  type HubVenueStatus,
  hubDeviceId,
  MAX_HUB_PUSH_EVENTS,
} from '../sync/hub-protocol';
import { MAX_BODY_BYTES, PROTOCOL_HEADER, PROTOCOL_VERSION, type WireEvent } from '../sync/protocol';
import type { VenueStore } from './store';

export const META_RELAY_CURSOR = 'hubRelayCursor';
/** The hub's cursor up to which this venue has taken the hub's decisions. */
export const META_DECISIONS_CURSOR = 'hubDecisionsCursor';
/**
 * The hub's decisions taken per pull: a finalist's photo is up to a few megabytes of base64, so a
 * page stays well within memory and within one push of the venue's core.
 */
const DECISIONS_PER_PULL = 20;

export interface HubRelayOptions {
  store: VenueStore;
  /** This venue server's id: the hub counts the acknowledged point per server. */
  serverId: string;
  hubUrl: string;
  venueKey: string;
  /** Calls `listener` whenever the venue stored new events (VenueCore.subscribe). */
  onCommit: (listener: () => void) => () => void;
  /**
   * Stores the hub's decisions for this venue, all under the hub's device id
   * (VenueCore.admitFromHub); returns the ids of those it refused, each with why.
   */
  onDecisions: (
    hubDeviceId: string,
    events: readonly WireEvent[],
  ) => { eventId: string | null; code: string; message: string }[];
  /** How often the relay asks the hub for decisions while nothing else happens. */
  decisionsEveryMs?: number;
  /** Backoff after a failure: the first wait, and the longest. */
  backoff?: { firstMs: number; maxMs: number };
  /** How long one request to the hub may take before it counts as a failure. */
  requestTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface HubRelayStatus {
  /** The venue's sequence number up to which the hub holds its events. */
  ackedThrough: number;
  /** Failures in a row since the last success (0 while the hub answers). */
  failures: number;
  lastError: string | null;
}

class HubRefusal extends Error {}

/**
 * The largest answer the relay reads: a page of rosters is far smaller, and a hub (or whoever
 * answers in its place) cannot make the venue hold more.
 */
const MAX_ANSWER_BYTES = MAX_BODY_BYTES;

/** The body of a response, up to `limit` bytes: past that, the rest is not read. */
async function boundedText(response: Response, limit: number): Promise<string> {
  const tooLarge = () => new HubRefusal(`the hub answered more than ${limit} bytes`);
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class HubRelay {
  private readonly options: HubRelayOptions;
  private readonly backoff: { firstMs: number; maxMs: number };
  private cursor: number;
  private venueId: string | null = null;
  /** The device id of the hub's decisions, from its hello. */
  private hubDevice: string | null = null;
  private failures = 0;
  private lastError: string | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private pending = false;
  /** When to look for the hub's decisions next (Date.now()); 0: at once. */
  private decisionsDueAt = 0;
  private readonly unsubscribe: () => void;
  private readonly running: Promise<void>;

  constructor(options: HubRelayOptions) {
    this.options = options;
    this.backoff = options.backoff ?? { firstMs: 1000, maxMs: 60_000 };
    this.cursor = Number(options.store.getMeta(META_RELAY_CURSOR) ?? '0');
    this.unsubscribe = options.onCommit(() => this.poke());
    this.running = this.run();
  }

  status(): HubRelayStatus {
    return { ackedThrough: this.cursor, failures: this.failures, lastError: this.lastError };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    this.poke();
    await this.running;
  }

  private poke(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Until poked (a commit, stop), or `ms` passed when given. */
  private idle(ms: number | null): Promise<void> {
    if (this.pending || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = ms === null ? null : setTimeout(done, ms);
      const self = this;
      function done() {
        if (timer !== null) clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.pending = false;
      try {
        if (this.venueId === null) await this.handshake();
        const sent = await this.pushBatch();
        // The hub's decisions are looked for on their own schedule, not after every push: a
        // commit that arrives meanwhile goes up at once, not after a pull.
        const due = !sent && Date.now() >= this.decisionsDueAt;
        const received = due ? await this.pullDecisions() : false;
        if (due && !received) this.decisionsDueAt = Date.now() + (this.options.decisionsEveryMs ?? 5000);
        this.failures = 0;
        this.lastError = null;
        // More to send or take: go on at once; otherwise until the next commit, or the next look
        // for the hub's decisions.
        if (!sent && !received) await this.idle(Math.max(0, this.decisionsDueAt - Date.now()));
      } catch (error) {
        this.failures += 1;
        this.lastError = error instanceof Error ? error.message : String(error);
        // Ask the hub where this venue stands, and for its decisions, again once it answers.
        this.venueId = null;
        this.decisionsDueAt = 0;
        const wait = Math.min(this.backoff.maxMs, this.backoff.firstMs * 2 ** (this.failures - 1));
        this.options.log?.(`hub relay: ${this.lastError}; retrying in ${wait} ms`);
        this.pending = false;
        await this.idle(wait * (0.8 + Math.random() * 0.4));
      }
    }
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(`${HUB_API_PREFIX}${path}`, this.options.hubUrl), {
      method,
      headers: {
        Authorization: `Bearer ${this.options.venueKey}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
    });
    const answer = JSON.parse(await boundedText(response, MAX_ANSWER_BYTES)) as T | { error: HubError };
    if (typeof answer === 'object' && answer !== null && 'error' in answer) {
      throw new HubRefusal(`the hub refused ${path}: ${answer.error.code}: ${answer.error.message}`);
    }
    if (!response.ok) throw new HubRefusal(`the hub answered ${response.status} to ${path}`);
    return answer as T;
  }

  /** The same protocol as the hub, and where the hub says this venue's events stand. */
  private async handshake(): Promise<void> {
    const hello = await this.request<HubHelloResponse>('GET', '/hello');
    this.hubDevice = hubDeviceId(String(hello.hubId));
    const server = encodeURIComponent(this.options.serverId);
    const venue = await this.request<HubVenueStatus>('GET', `/venue?server=${server}`);
    this.venueId = venue.venueId;
    this.saveCursor(venue.ackedThrough);
  }

  /** Pushes the next batch after the cursor; false when there was none. */
  private async pushBatch(): Promise<boolean> {
    const { events, cursor } = this.options.store.readFor(
      { role: 'organizer' },
      this.cursor,
      MAX_HUB_PUSH_EVENTS,
    );
    if (events.length === 0) return false;
    const body: HubPushRequest = {
      venueId: this.venueId as string,
      serverId: this.options.serverId,
      through: cursor,
      events: events.map((row) => JSON.parse(row.body) as WireEvent),
    };
    const answer = await this.request<HubPushResponse>('POST', '/push', body);
    for (const refused of answer.refused) {
      this.options.log?.(
        `hub relay: the hub refused event ${refused.eventId}: ${refused.code}: ${refused.message}`,
      );
    }
    this.saveCursor(answer.ackedThrough);
    return true;
  }

  /** Takes the hub's next decisions for this venue; false when there were none. */
  private async pullDecisions(): Promise<boolean> {
    const after = Number(this.options.store.getMeta(META_DECISIONS_CURSOR) ?? '0');
    const page = await this.request<HubPullResponse>(
      'GET',
      `/pull?origin=hub&after=${after}&limit=${DECISIONS_PER_PULL}`,
    );
    const hubDevice = this.hubDevice as string;
    if (page.events.length > 0) {
      // The hub decides rosters only (contestants and their photos, which the venue's core
      // checks further: VenueCore.admitFromHub), under its own device id: anything else it
      // might send is not taken.
      const roster = page.events.filter(
        (event) =>
          event.type === 'entity.put' &&
          (event.payload.table === 'contestants' || event.payload.table === 'photos') &&
          event.deviceId === hubDevice,
      );
      for (const event of page.events.filter((event) => !roster.includes(event))) {
        this.options.log?.(
          `hub relay: not taken from the hub: ${event.id} (${event.type} by ${event.deviceId}): the hub sends rosters only, as ${hubDevice}`,
        );
      }
      for (const refused of roster.length > 0 ? this.options.onDecisions(hubDevice, roster) : []) {
        this.options.log?.(
          `hub relay: a decision of the hub was refused: ${refused.eventId}: ${refused.code}: ${refused.message}`,
        );
      }
    }
    // Only a page that moves the hub's cursor on is progress: a hub that sends one page again
    // and again would otherwise keep the relay asking at once, and the venue's server busy.
    const moved = Number.isSafeInteger(page.cursor) && page.cursor > after;
    if (moved) this.options.store.setMeta(META_DECISIONS_CURSOR, String(page.cursor));
    return moved && page.events.length > 0;
  }

  private saveCursor(ackedThrough: number): void {
    this.cursor = ackedThrough;
    this.options.store.setMeta(META_RELAY_CURSOR, String(ackedThrough));
  }
}
