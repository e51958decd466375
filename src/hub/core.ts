/**
 * The hub's logic over its store, independent of HTTP (./http.ts feeds it requests): the version
 * handshake of the sync protocol, venue registration with the admin secret, and each venue's
 * idempotent push and cursor pull with its venue key.
 *
 * A venue key is the venue server's identity: it reads and writes that venue's events only. The
 * dashboard code reads the city dashboard (GET /dashboard) and nothing else: no route writes
 * with it, and the dashboard's reads run in READ ONLY transactions. A
 * push that names another venue is refused whole (`foreignVenue`), whatever its events say; each
 * event is checked strictly for its shape (the domain's `parseWireEvent`, as the venue server
 * checks a device's) and stored once. Which judge may write which mark is the venue server's
 * decision (src/server/admission.ts): the hub keeps what the venue admitted, and nothing else
 * writes into a venue's log.
 */

import { randomUUID } from 'node:crypto';
import { AttemptLimiter } from '../domain/attempt-limiter';
import { parseWireEvent } from '../domain/event-shape';
import {
  type AdvanceRequest,
  type AdvanceResponse,
  HUB_HTTP_STATUS,
  type HubError,
  type HubErrorCode,
  type HubHelloResponse,
  type HubPullResponse,
  type HubPushResponse,
  type HubRefusedEvent,
  type HubVenueStatus,
  hubDeviceId,
  MAX_HUB_PULL_EVENTS,
  MAX_HUB_PUSH_EVENTS,
  type VenueRegistration,
} from '../sync/hub-protocol';
import {
  checkProtocol,
  HTTP_STATUS,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  type WireBlob,
} from '../sync/protocol';
import { AdvanceRefusal, type Advancing, advancing, rosterEvents } from './advancement';
import { Dashboard } from './dashboard';
import { venuePhotos } from './photos';
import type { HubRequest, HubResponse } from './request';
import { SeasonRoutes } from './season-http';
import { hashSecret, matchesHash, newSecret } from './secrets';
import { type HubStore, type IncomingEvent, VenueNameTaken, type VenueRow } from './store';

export interface HubCoreOptions {
  store: HubStore;
  hubId: string;
  /** SHA-256 of the admin secret, which registers venues. */
  adminSecretHash: string;
  /** SHA-256 of the dashboard code, which reads the city dashboard only. */
  dashboardCodeHash: string;
  now?: () => Date;
  /** Counts wrong admin secrets and dashboard codes; a new one on the clock by default. */
  limiter?: AttemptLimiter;
}

/** A venue name: what organizers read on the dashboard. */
const MAX_VENUE_NAME = 100;

class Refusal extends Error {
  constructor(readonly error: HubError) {
    super(error.message);
  }
}

function refuse(code: HubErrorCode, message: string): never {
  throw new Refusal({ code, message });
}

function statusOf(code: HubErrorCode): number {
  return code === 'foreignVenue' || code === 'venueExists' ? HUB_HTTP_STATUS[code] : HTTP_STATUS[code];
}

function json(status: number, value: unknown): HubResponse {
  return { status, body: JSON.stringify(value) };
}

function fieldOf(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function wholeNumber(text: string | null, name: string, fallback: number, max: number): number {
  const value = Number(text ?? String(fallback));
  if (text !== null && !/^\d+$/.test(text)) refuse('malformedRequest', `"${name}" must be a whole number`);
  if (!Number.isSafeInteger(value) || value > max)
    refuse('malformedRequest', `"${name}" must be at most ${max}`);
  return value;
}

function sourceOf(value: unknown, what: string): { venueId: string; roundId: string } {
  const venueId = fieldOf(value, 'venueId');
  const roundId = fieldOf(value, 'roundId');
  if (
    typeof venueId !== 'string' ||
    typeof roundId !== 'string' ||
    venueId.length > 100 ||
    roundId.length > 100
  )
    refuse('malformedRequest', `${what} must be { venueId, roundId }`);
  return { venueId, roundId };
}

function advanceRequestOf(body: unknown): AdvanceRequest {
  const sources = fieldOf(body, 'sources');
  const rule = fieldOf(body, 'rule');
  const count = fieldOf(body, 'count');
  if (!Array.isArray(sources) || sources.length === 0 || sources.length > 200)
    refuse('malformedRequest', '"sources" must list 1 to 200 rounds');
  if (rule !== 'eachRound' && rule !== 'overall')
    refuse('malformedRequest', '"rule" must be eachRound or overall');
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > 1000)
    refuse('malformedRequest', '"count" must be a whole number from 1 to 1000');
  return {
    sources: sources.map((source, index) => sourceOf(source, `sources[${index}]`)),
    rule,
    count,
    target: sourceOf(fieldOf(body, 'target'), '"target"'),
  };
}

/**
 * Text PostgreSQL keeps as it is: it refuses a NUL in text (the whole batch failed, and its relay
 * with it, batch after batch), and a lone surrogate reaches it as U+FFFD (two event ids that
 * differ only there were one, and the second was lost as a duplicate).
 */
function storable(text: string): boolean {
  return (
    !text.includes('\u0000') &&
    !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)
  );
}

/** A name shown on the dashboard and printed in terminals: no control or bidirectional-override characters. */
function printable(text: string): boolean {
  return storable(text) && !/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(text);
}

function serverIdOf(value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > 100 || !storable(value))
    refuse('malformedRequest', "the venue server's id is missing, longer than 100 characters or not text");
  return value;
}

export class HubCore {
  readonly store: HubStore;
  readonly hubId: string;
  private readonly adminSecretHash: string;
  private readonly dashboardCodeHash: string;
  private readonly dashboard: Dashboard;
  private readonly seasons: SeasonRoutes;
  private readonly now: () => Date;
  private readonly limiter: AttemptLimiter;

  constructor({
    store,
    hubId,
    adminSecretHash,
    dashboardCodeHash,
    now = () => new Date(),
    limiter = new AttemptLimiter({ now: () => now().getTime() }),
  }: HubCoreOptions) {
    this.store = store;
    this.hubId = hubId;
    this.adminSecretHash = adminSecretHash;
    this.dashboardCodeHash = dashboardCodeHash;
    this.dashboard = new Dashboard(store, hubDeviceId(hubId));
    this.now = now;
    this.limiter = limiter;
    this.seasons = new SeasonRoutes(store, () => this.dashboard.foldsByVenue());
  }

  async handle(request: HubRequest): Promise<HubResponse> {
    try {
      const protocolError = checkProtocol(request.protocol);
      if (protocolError) return json(HTTP_STATUS[protocolError.code], { error: protocolError });
      return await this.route(request);
    } catch (error) {
      if (error instanceof Refusal) return json(statusOf(error.error.code), { error: error.error });
      throw error;
    }
  }

  /**
   * Checked before a push's body (up to 16 MB) is read: the refusal of a push without a venue
   * key or of another protocol, or null. So no one without a key makes the hub read and hold one.
   */
  async pushRefusal(protocol: string | null, token: string | null): Promise<HubResponse | null> {
    const protocolError = checkProtocol(protocol);
    if (protocolError) return json(HTTP_STATUS[protocolError.code], { error: protocolError });
    if (token !== null && (await this.store.venueByKeyHash(hashSecret(token)))) return null;
    return json(HTTP_STATUS.unauthorized, {
      error: { code: 'unauthorized', message: 'missing or unknown venue key' },
    });
  }

  private async route(request: HubRequest): Promise<HubResponse> {
    const route = `${request.method} ${request.path}`;
    if (route === 'GET /hello') return json(200, this.hello());
    if (route === 'POST /admin/venues') {
      this.requireAdmin(request);
      return json(200, await this.register(request.body));
    }
    if (route === 'POST /admin/advance') {
      this.requireAdmin(request);
      return json(200, await this.advance(request.body));
    }
    if (route === 'GET /dashboard') {
      this.requireSecret(request, 'dashboardCode', [this.dashboardCodeHash], 'dashboard code');
      return json(200, await this.dashboard.read(this.now()));
    }
    const season = await this.seasons.handle(request, {
      admin: () => this.requireAdmin(request),
      reader: () => this.requireReader(request),
    });
    if (season) return season;
    const venueRoutes: Record<string, (venue: VenueRow) => Promise<unknown>> = {
      'GET /venue': async (venue) => this.status(venue, request.query),
      'POST /push': (venue) => this.push(venue, request.body),
      'GET /pull': (venue) => this.pull(venue, request.query),
    };
    const handler = venueRoutes[route];
    if (!handler) refuse('notFound', `no ${request.method} ${request.path}`);
    const venue = request.token ? await this.store.venueByKeyHash(hashSecret(request.token)) : undefined;
    if (!venue) refuse('unauthorized', 'missing or unknown venue key');
    return json(200, await handler(venue));
  }

  private hello(): HubHelloResponse {
    return { protocol: PROTOCOL_VERSION, minProtocol: MIN_PROTOCOL_VERSION, hubId: this.hubId };
  }

  private requireAdmin(request: HubRequest): void {
    this.requireSecret(request, 'hubAdminSecret', [this.adminSecretHash], 'hub admin secret');
  }

  /**
   * The admin secret and the dashboard code may be the operator's own choice, short enough to
   * guess: wrong ones are counted as the venue server counts wrong codes (per address, per
   * secret and overall), and past the limit a request is refused before its secret is checked.
   */
  private requireSecret(
    request: HubRequest,
    target: 'hubAdminSecret' | 'dashboardCode',
    hashes: readonly string[],
    what: string,
  ): void {
    const wait = this.limiter.begin(request.address, target);
    if (wait > 0) refuse('tooManyAttempts', `too many wrong attempts; retry in ${wait} ms`);
    const token = request.token;
    if (token === null || !hashes.some((hash) => matchesHash(token, hash)))
      refuse('unauthorized', `missing or wrong ${what}`);
    this.limiter.succeeded(request.address, target);
  }

  /** A new venue and its key, shown once. */
  private async register(body: unknown): Promise<VenueRegistration> {
    const name = fieldOf(body, 'name');
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_VENUE_NAME || !printable(name))
      refuse(
        'malformedRequest',
        `"name" must be a non-empty string of at most ${MAX_VENUE_NAME} characters, without control characters`,
      );
    const venueId = randomUUID();
    const venueKey = newSecret();
    try {
      await this.store.registerVenue(venueId, name.trim(), hashSecret(venueKey));
    } catch (error) {
      if (error instanceof VenueNameTaken) refuse('venueExists', `the hub has a venue named ${name.trim()}`);
      throw error;
    }
    return { venueId, name: name.trim(), venueKey };
  }

  private status(venue: VenueRow, query: URLSearchParams): HubVenueStatus {
    const server = serverIdOf(query.get('server'));
    const ackedThrough = venue.ackedServer === server ? venue.ackedThrough : 0;
    return { venueId: venue.id, name: venue.name, ackedThrough };
  }

  private requireOwnVenue(venue: VenueRow, named: unknown): void {
    // What it named, shown short: a string of megabytes or an array nested a million deep is
    // not echoed (nor stringified: that overflowed the stack, and answered 503).
    const shown = typeof named === 'string' ? JSON.stringify(named.slice(0, 100)) : `a ${typeof named}`;
    if (named !== venue.id) refuse('foreignVenue', `this key belongs to venue ${venue.id}, not to ${shown}`);
  }

  private async push(venue: VenueRow, body: unknown): Promise<HubPushResponse> {
    this.requireOwnVenue(venue, fieldOf(body, 'venueId'));
    const events = fieldOf(body, 'events');
    const through = fieldOf(body, 'through');
    const server = serverIdOf(fieldOf(body, 'serverId'));
    if (!Array.isArray(events)) refuse('malformedRequest', 'expected { venueId, through, events: [...] }');
    if (events.length > MAX_HUB_PUSH_EVENTS)
      refuse('tooLarge', `more than ${MAX_HUB_PUSH_EVENTS} events in one push`);
    if (typeof through !== 'number' || !Number.isSafeInteger(through) || through < 0)
      refuse('malformedRequest', '"through" must be a whole number');
    const refused: HubRefusedEvent[] = [];
    const valid: IncomingEvent[] = [];
    events.forEach((value: unknown, index) => {
      const parsed = parseWireEvent(value);
      if (parsed.ok && storable(parsed.value.id)) {
        valid.push({ id: parsed.value.id, type: parsed.value.type, body: JSON.stringify(parsed.value) });
        return;
      }
      const rawId = fieldOf(value, 'id');
      const { path, problem } = parsed.ok
        ? { path: 'id', problem: 'a NUL or a lone surrogate, which the hub cannot store' }
        : parsed.error;
      refused.push({
        eventId: typeof rawId === 'string' && rawId.length <= 100 ? rawId : null,
        index,
        code: 'malformedEvent',
        message: `${path}: ${problem}`,
        path,
      });
    });
    const { accepted, ackedThrough } = await this.store.insertVenueEvents(venue.id, server, through, valid);
    return { accepted, duplicates: valid.length - accepted, refused, ackedThrough };
  }

  /** The city final's roster from the venues' rounds (./advancement.ts), written for the target venue. */
  private async advance(body: unknown): Promise<AdvanceResponse> {
    const request = advanceRequestOf(body);
    const venues = new Set((await this.store.venues()).map((venue) => venue.id));
    for (const { venueId } of [...request.sources, request.target]) {
      if (!venues.has(venueId)) refuse('notFound', `no venue ${venueId} on this hub`);
    }
    const foldOf = await this.dashboard.foldsByVenue();
    try {
      const advanced = advancing(request, foldOf);
      const photos = await this.sourcePhotos(advanced);
      const written = await this.store.insertHubEvents(request.target.venueId, (firstSeq) =>
        rosterEvents({
          advanced,
          target: foldOf(request.target.venueId),
          targetRoundId: request.target.roundId,
          photoOf: (venueId, photoId) => photos.get(venueId)?.get(photoId),
          deviceId: hubDeviceId(this.hubId),
          firstSeq,
          recordedAt: this.now().toISOString(),
        }).map((event) => ({ id: event.id, type: event.type, body: JSON.stringify(event) })),
      );
      return {
        advanced: advanced.map(({ unit: _unit, topic: _topic, photoId: _photoId, ...entry }) => entry),
        written,
      };
    } catch (error) {
      if (error instanceof AdvanceRefusal) refuse('unknownEntity', error.message);
      throw error;
    }
  }

  /** The advancing contestants' photos, read from their venues' logs, by venue. */
  private async sourcePhotos(advanced: readonly Advancing[]): Promise<Map<string, Map<string, WireBlob>>> {
    const byVenue = new Map<string, string[]>();
    for (const { fromVenueId, photoId } of advanced) {
      if (photoId !== null) byVenue.set(fromVenueId, [...(byVenue.get(fromVenueId) ?? []), photoId]);
    }
    const photos = new Map<string, Map<string, WireBlob>>();
    for (const [venueId, ids] of byVenue) photos.set(venueId, await venuePhotos(this.store, venueId, ids));
    return photos;
  }

  private async pull(venue: VenueRow, query: URLSearchParams): Promise<HubPullResponse> {
    const after = wholeNumber(query.get('after'), 'after', 0, Number.MAX_SAFE_INTEGER);
    const limit = wholeNumber(query.get('limit'), 'limit', MAX_HUB_PULL_EVENTS, MAX_HUB_PULL_EVENTS);
    if (limit < 1) refuse('malformedRequest', `"limit" must be 1 to ${MAX_HUB_PULL_EVENTS}`);
    const hubOnly = query.get('origin') === 'hub';
    const rows = await this.store.readVenue(venue.id, after, limit, hubOnly);
    const head = await this.store.venueHead(venue.id, hubOnly);
    const cursor = rows.at(-1)?.seq ?? after;
    return { venueId: venue.id, events: rows.map((row) => JSON.parse(row.body)), cursor, head };
  }

  /** The dashboard code or the admin secret: what may read the seasons (wrong ones count as codes). */
  private requireReader(request: HubRequest): void {
    this.requireSecret(
      request,
      'dashboardCode',
      [this.dashboardCodeHash, this.adminSecretHash],
      'dashboard code or hub admin secret',
    );
  }
}
