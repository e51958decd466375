/**
 * The venue server's logic, over its store and independent of HTTP: `handle` takes a request
 * (method, path, token, protocol version, parsed JSON body, the caller's address) and returns a
 * status and a JSON text. src/server/http.ts feeds it real requests; the protocol tests feed it
 * in process, dropping, duplicating and reordering requests and responses at will.
 *
 * Dumb and idempotent: push stores each event once by id (a duplicate is acknowledged and
 * ignored) and numbers the new ones, in one transaction per batch; pull returns the stored JSON
 * after a cursor. It never merges, orders by clocks or drops a valid event (a judge's edit after
 * a lock is stored like any other: devices decide what it means). It refuses, by name, what is
 * malformed or not this device's to write.
 */

import { type LeitaiEvent, type Stamp, stampOf } from '../domain/events';
import {
  API_PREFIX,
  checkProtocol,
  type DeviceListResponse,
  type DeviceRole,
  type HelloResponse,
  HTTP_STATUS,
  MAX_PULL_EVENTS,
  MAX_PUSH_EVENTS,
  MIN_PASSWORD_LENGTH,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  type PushResponse,
  parseWireEvent,
  type SessionInfo,
  type SyncError,
  syncError,
  type WireEvent,
  writeRefusal,
} from '../sync/protocol';
import {
  AttemptLimiter,
  hashPassword,
  hashToken,
  newNumericCode,
  newToken,
  sameSecret,
  verifyPassword,
} from './auth';
import type { JudgeChange, VenueStore } from './store';

export interface ApiRequest {
  method: string;
  /** The path under /api/v1, e.g. "/push". */
  path: string;
  query: URLSearchParams;
  /** The Leitai-Protocol header. */
  protocol: string | null;
  /** The bearer token, when one was sent. */
  token: string | null;
  /** The parsed JSON body; undefined for none. */
  body: unknown;
  /** The caller's address, for the slowdown of failed logins. */
  address: string;
  /**
   * Whether the request cannot have been read on the way: it came over https, or from this
   * laptop itself (loopback). The organizer's password is accepted only then.
   */
  secure: boolean;
}

export interface ApiResponse {
  status: number;
  /** JSON text. */
  body: string;
}

export type CoreNotice = { type: 'commit'; head: number } | { type: 'revoke'; deviceId: string };

export interface Session {
  role: DeviceRole;
  deviceId: string;
  judgeId: string | null;
}

export interface VenueCoreOptions {
  store: VenueStore;
  now?: () => number;
  /** The one-time claim code; random by default (tests fix it). */
  claimCode?: string;
  limiter?: AttemptLimiter;
  /** Where tablets reach the app, e.g. https://192.168.1.10:5443 (hello's publicBaseUrl). */
  publicBaseUrl?: string | null;
}

class Refusal extends Error {
  constructor(readonly error: SyncError) {
    super(error.message);
  }
}

function refuse(
  code: SyncError['code'],
  message: string,
  detail: Omit<SyncError, 'code' | 'message'> = {},
): never {
  throw new Refusal(syncError(code, message, detail));
}

function json(status: number, value: unknown): ApiResponse {
  return { status, body: JSON.stringify(value) };
}

function errorResponse(error: SyncError): ApiResponse {
  return json(HTTP_STATUS[error.code], { error });
}

function field(body: unknown, name: string, maxLength = 200): string {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string' || value === '' || value.length > maxLength) {
    refuse(
      'malformedRequest',
      `field "${name}" must be a non-empty string of at most ${maxLength} characters`,
    );
  }
  return value;
}

const META_SERVER_ID = 'serverId';
const META_PASSWORD = 'organizerPassword';
const META_PROJECTOR_CODE = 'projectorCode';
const JOIN_CODE = /^\d{6}$/;

export class VenueCore {
  readonly store: VenueStore;
  readonly serverId: string;
  private readonly now: () => number;
  private readonly limiter: AttemptLimiter;
  private claimCode: string | null;
  publicBaseUrl: string | null;
  private readonly listeners = new Set<(notice: CoreNotice) => void>();

  constructor({ store, now = Date.now, claimCode, limiter, publicBaseUrl = null }: VenueCoreOptions) {
    this.store = store;
    this.publicBaseUrl = publicBaseUrl;
    this.now = now;
    this.limiter = limiter ?? new AttemptLimiter({ now });
    this.serverId = this.metaOrCreate(META_SERVER_ID, () => newToken().slice(0, 16));
    this.metaOrCreate(META_PROJECTOR_CODE, () => newNumericCode(8));
    this.claimCode = this.isClaimed() ? null : (claimCode ?? newNumericCode(8));
  }

  private metaOrCreate(key: string, create: () => string): string {
    const existing = this.store.getMeta(key);
    if (existing !== undefined) return existing;
    const value = create();
    this.store.setMeta(key, value);
    return value;
  }

  isClaimed(): boolean {
    return this.store.getMeta(META_PASSWORD) !== undefined;
  }

  /** The code to print in the terminal until the organizer claims the server; null after. */
  pendingClaimCode(): string | null {
    return this.claimCode;
  }

  projectorCode(): string {
    return this.store.getMeta(META_PROJECTOR_CODE) as string;
  }

  head(): number {
    return this.store.head();
  }

  /** Commits and revocations, for the live sockets. */
  subscribe(listener: (notice: CoreNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(notice: CoreNotice): void {
    for (const listener of this.listeners) listener(notice);
  }

  /** The session of a valid, unrevoked token; null otherwise. */
  authenticate(token: string | null): Session | null {
    if (!token) return null;
    const row = this.store.token(hashToken(token));
    if (!row || row.revoked) return null;
    return { role: row.role, deviceId: row.deviceId, judgeId: row.judgeId };
  }

  async handle(request: ApiRequest): Promise<ApiResponse> {
    try {
      const protocolError = checkProtocol(request.protocol);
      if (protocolError) return errorResponse(protocolError);
      return await this.route(request);
    } catch (error) {
      if (error instanceof Refusal) return errorResponse(error.error);
      throw error;
    }
  }

  private async route(request: ApiRequest): Promise<ApiResponse> {
    const { method, path } = request;
    if (method === 'GET' && path === '/hello') return json(200, this.hello());
    if (method === 'POST' && path === '/claim') return this.guarded(request, () => this.claim(request.body));
    if (method === 'POST' && path === '/login') return this.guarded(request, () => this.login(request.body));
    if (method === 'POST' && path === '/join/judge')
      return this.guarded(request, () => this.joinJudge(request.body));
    if (method === 'POST' && path === '/join/projector') {
      return this.guarded(request, () => this.joinProjector(request.body));
    }
    const routes: Record<string, (session: Session) => ApiResponse> = {
      'GET /session': (session) => json(200, this.sessionInfo(session)),
      'POST /push': (session) => json(200, this.push(session, request.body)),
      'GET /pull': () => this.pull(request.query),
      'GET /devices': (session) => json(200, this.devices(session)),
      'POST /devices/revoke': (session) => json(200, this.revoke(session, request.body)),
    };
    const handler = routes[`${method} ${path}`];
    if (!handler) return errorResponse(syncError('notFound', `no ${method} ${API_PREFIX}${path}`));
    const session = this.authenticate(request.token);
    if (!session) return errorResponse(syncError('unauthorized', 'missing, unknown or revoked token'));
    return handler(session);
  }

  private hello(): HelloResponse {
    return {
      protocol: PROTOCOL_VERSION,
      minProtocol: MIN_PROTOCOL_VERSION,
      serverId: this.serverId,
      claimed: this.isClaimed(),
      head: this.store.head(),
      publicBaseUrl: this.publicBaseUrl,
    };
  }

  private sessionInfo(session: Session, token = ''): SessionInfo {
    return { token, ...session, serverId: this.serverId };
  }

  /** A login-like attempt: refused while the address must wait; a refusal of a secret slows it. */
  private guarded(request: ApiRequest, attempt: () => ApiResponse): ApiResponse {
    const wait = this.limiter.waitFor(request.address);
    if (wait > 0)
      refuse('tooManyAttempts', `too many failed attempts; retry in ${wait} ms`, { retryAfterMs: wait });
    try {
      const response = attempt();
      this.limiter.succeed(request.address);
      return response;
    } catch (error) {
      const code = error instanceof Refusal ? error.error.code : null;
      if (code === 'badClaimCode' || code === 'badPassword' || code === 'badJoinCode') {
        this.limiter.fail(request.address);
      }
      throw error;
    }
  }

  private issue(deviceId: string, role: DeviceRole, judgeId: string | null): ApiResponse {
    const token = newToken();
    this.store.insertToken(hashToken(token), deviceId, role, judgeId, new Date(this.now()).toISOString());
    return json(200, this.sessionInfo({ role, deviceId, judgeId }, token));
  }

  private claim(body: unknown): ApiResponse {
    const claimCode = field(body, 'claimCode');
    const password = field(body, 'password');
    const deviceId = field(body, 'deviceId');
    if (this.isClaimed() || this.claimCode === null)
      refuse('alreadyClaimed', 'the server has an organizer already');
    if (!sameSecret(claimCode, this.claimCode)) refuse('badClaimCode', 'wrong claim code');
    if ([...password].length < MIN_PASSWORD_LENGTH) {
      refuse('weakPassword', `the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    this.store.transaction(() => this.store.setMeta(META_PASSWORD, hashPassword(password)));
    this.claimCode = null;
    return this.issue(deviceId, 'organizer', null);
  }

  private login(body: unknown): ApiResponse {
    const password = field(body, 'password');
    const deviceId = field(body, 'deviceId');
    const stored = this.store.getMeta(META_PASSWORD);
    if (stored === undefined) refuse('notClaimed', 'the server has not been claimed yet');
    if (!verifyPassword(password, stored)) refuse('badPassword', 'wrong password');
    return this.issue(deviceId, 'organizer', null);
  }

  private joinJudge(body: unknown): ApiResponse {
    const code = field(body, 'code');
    const deviceId = field(body, 'deviceId');
    const judges = JOIN_CODE.test(code) ? this.store.judgesWithCode(code) : [];
    if (judges.length !== 1) refuse('badJoinCode', 'no judge has this join code');
    return this.issue(deviceId, 'judge', judges[0] as string);
  }

  private joinProjector(body: unknown): ApiResponse {
    const code = field(body, 'code');
    const deviceId = field(body, 'deviceId');
    if (!sameSecret(code, this.projectorCode())) refuse('badJoinCode', 'wrong projector code');
    return this.issue(deviceId, 'projector', null);
  }

  private push(session: Session, body: unknown): PushResponse {
    const events = (body as { events?: unknown } | null)?.events;
    if (!Array.isArray(events)) refuse('malformedRequest', 'expected { events: [...] }');
    if (session.role === 'projector') refuse('readOnlyDevice', 'a projector does not write');
    if (events.length > MAX_PUSH_EVENTS)
      refuse('tooLarge', `more than ${MAX_PUSH_EVENTS} events in one push`);
    const parsed = events.map((value, index) => {
      const result = parseWireEvent(value);
      if (!result.ok) {
        refuse('malformedEvent', `event ${index}: ${result.error.path}: ${result.error.problem}`, {
          index,
          path: result.error.path,
          ...(typeof (value as { id?: unknown })?.id === 'string'
            ? { eventId: (value as { id: string }).id }
            : {}),
        });
      }
      const refusal = writeRefusal(session, result.value);
      if (refusal)
        refuse(refusal.code, `event ${index}: ${refusal.message}`, { index, eventId: result.value.id });
      return result.value;
    });
    let accepted = 0;
    this.store.transaction(() => {
      parsed.forEach((event, index) => {
        const outcome = this.store.insertEvent({
          id: event.id,
          deviceId: event.deviceId,
          deviceSeq: event.deviceSeq,
          body: JSON.stringify(event),
        });
        if (outcome.kind === 'conflict') {
          refuse(
            'eventConflict',
            `event ${index}: device ${event.deviceId} already has a different event ${event.deviceSeq}`,
            {
              index,
              eventId: event.id,
            },
          );
        }
        if (outcome.kind === 'new') {
          accepted += 1;
          const change = judgeChangeOf(event);
          if (change) this.store.applyJudgeChange(change);
        }
      });
    });
    const head = this.store.head();
    if (accepted > 0) this.notify({ type: 'commit', head });
    const acknowledged = [...new Set(parsed.map((event) => event.id))];
    return { acknowledged, accepted, duplicates: parsed.length - accepted, head };
  }

  private pull(query: URLSearchParams): ApiResponse {
    const after = Number(query.get('after') ?? '0');
    const limit = Number(query.get('limit') ?? String(MAX_PULL_EVENTS));
    if (!Number.isSafeInteger(after) || after < 0)
      refuse('malformedRequest', '"after" must be a whole number');
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PULL_EVENTS) {
      refuse('malformedRequest', `"limit" must be 1 to ${MAX_PULL_EVENTS}`);
    }
    const rows = this.store.readAfter(after, limit);
    const cursor = rows.at(-1)?.seq ?? after;
    const head = Math.max(this.store.head(), cursor);
    // The stored JSON goes out as it is: no parse, no re-serialization.
    const events = rows.map((row) => row.body).join(',');
    return {
      status: 200,
      body: `{"serverId":${JSON.stringify(this.serverId)},"events":[${events}],"cursor":${cursor},"head":${head}}`,
    };
  }

  private requireOrganizer(session: Session): void {
    if (session.role !== 'organizer') refuse('organizerOnly', 'only the organizer may do this');
  }

  private devices(session: Session): DeviceListResponse {
    this.requireOrganizer(session);
    return { devices: this.store.devices(), projectorCode: this.projectorCode() };
  }

  private revoke(session: Session, body: unknown): { revoked: number } {
    this.requireOrganizer(session);
    const deviceId = field(body, 'deviceId');
    const revoked = this.store.revokeDevice(deviceId, new Date(this.now()).toISOString());
    if (revoked > 0) this.notify({ type: 'revoke', deviceId });
    return { revoked };
  }
}

function judgeChangeOf(event: WireEvent): JudgeChange | null {
  const head: Stamp = stampOf(event as LeitaiEvent);
  if (event.type === 'entity.put' && event.payload.table === 'judges') {
    return { judgeId: event.payload.entity.id, joinCode: event.payload.entity.joinCode, head };
  }
  if (event.type === 'entity.delete' && event.payload.table === 'judges') {
    return { judgeId: event.payload.entityId, joinCode: null, head };
  }
  return null;
}
