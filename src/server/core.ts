/**
 * The venue server's logic, over its store and independent of HTTP: `handle` takes a request
 * (method, path, token, protocol version, parsed JSON body, the caller's address, whether the
 * connection is secure) and returns a status and a JSON text. src/server/http.ts feeds it real
 * requests; the protocol tests feed it in process, dropping, duplicating and reordering requests
 * and responses at will.
 *
 * The one authority over the log, and otherwise dumb and idempotent: a push is answered event
 * by event; each event is checked against the setup the server folds (./admission.ts) and
 * stored once by id (a duplicate is acknowledged and ignored), and the new ones are numbered,
 * in one transaction per batch. It never merges, orders by clocks or rewrites an event: the
 * winner of every cell is decided by the events themselves (src/domain/events.ts). A pull
 * returns the stored JSON after a cursor, filtered by the reader's role (`readingOf` in
 * src/sync/protocol.ts).
 *
 * Who a device is: the organizer claims the server (claim code printed in the terminal) and
 * logs in with a password, over https or on the laptop itself; a judge's tablet joins with its
 * judge's join code, the projector with the projector code. Each join binds the device id to a
 * device key that the server issues once: the id is that device's alone from then on. A token
 * lives until a day after its last use; each device holds one.
 */

import { parseWireEvent } from '../domain/event-shape';
import type { LeitaiEvent } from '../domain/events';
import { isJoinCode } from '../domain/join-code';
import { isPurge, isWithinScope, purgeScopeOf } from '../domain/purge';
import type { ContestantRecord } from '../domain/records';
import { HUB_DEVICE_PREFIX } from '../sync/hub-protocol';
import {
  API_PREFIX,
  checkProtocol,
  type DeviceListResponse,
  type DeviceRole,
  type EventReading,
  type HelloResponse,
  HTTP_STATUS,
  type JudgePresence,
  MAX_PULL_EVENTS,
  MAX_PUSH_EVENTS,
  MIN_PASSWORD_LENGTH,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  type PresenceResponse,
  type PushResponse,
  type RefusedEvent,
  readingOf,
  redactedEventText,
  type SessionInfo,
  type SyncError,
  syncError,
  type WireEvent,
} from '../sync/protocol';
import { Admission } from './admission';
import { AudienceDesk, type AudienceLimits, AudienceRefusal, DEFAULT_AUDIENCE_LIMITS } from './audience';
import {
  AttemptLimiter,
  type AttemptTarget,
  hashPassword,
  hashToken,
  newNumericCode,
  newToken,
  sameSecret,
  verifyPassword,
} from './auth';
import { type HandoffEvent, selectSignedHandoff } from './handoff';
import { APPROVED_UNBOUND, type PullAudience, type VenueStore } from './store';

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

/** Who may read something of a commit: the devices to poke for it. */
export class CommitReaders {
  private everyone = false;
  private projector = false;
  private readonly judges = new Set<string>();

  add(reading: EventReading): void {
    if (reading.reader === null) this.everyone = true;
    else this.judges.add(reading.reader);
    if (reading.projector) this.projector = true;
  }

  has(session: Session): boolean {
    if (this.everyone || session.role === 'organizer') return true;
    if (session.role === 'projector') return this.projector;
    return this.judges.has(session.judgeId as string);
  }
}

export type CoreNotice =
  | { type: 'commit'; head: number; readers: CommitReaders }
  | { type: 'revoke'; deviceId: string };

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
  /** 大众投票: phones per address and each phone's request rate. */
  audienceLimits?: Partial<AudienceLimits>;
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

function fieldOf(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function field(body: unknown, name: string, maxLength = 200): string {
  const value = fieldOf(body, name);
  if (typeof value !== 'string' || value === '' || value.length > maxLength) {
    refuse(
      'malformedRequest',
      `field "${name}" must be a non-empty string of at most ${maxLength} characters`,
    );
  }
  return value;
}

function optionalField(body: unknown, name: string): string | null {
  return fieldOf(body, name) === undefined ? null : field(body, name);
}

/**
 * The answer to a push of the events that passed a first check (`admitted`, with their places in
 * the batch), with the refusals of that check: every refusal at its place in the whole batch.
 */
function withEarlierRefusals(
  reply: PushResponse,
  earlier: readonly RefusedEvent[],
  admitted: readonly { index: number }[],
): PushResponse {
  const placed = reply.refused.map((entry) => ({
    ...entry,
    index: admitted[entry.index]?.index ?? entry.index,
  }));
  return { ...reply, refused: [...earlier, ...placed].sort((a, b) => a.index - b.index) };
}

const META_SERVER_ID = 'serverId';
const META_PASSWORD = 'organizerPassword';
const META_PROJECTOR_CODE = 'projectorCode';
/** The laptop's own addresses: the organizer at the server itself is never throttled. */
const THIS_MACHINE = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** A device bound by protocol 1: its key is the hash of the token it held then (store.ts). */
const LEGACY_KEY = 'token:';
const DAY_MS = 24 * 60 * 60 * 1000;
/** A session's last use is written at most this often (not on every pull). */
const TOUCH_EVERY_MS = 60 * 1000;
/** Bounds on what joins can create: bound device ids, and live sessions per judge / projector. */
const MAX_DEVICES = 2000;
const MAX_TABLETS_PER_JUDGE = 5;
const MAX_PROJECTORS = 10;
/** Refusals that mean a wrong secret: they count as failed attempts; any other answer does not. */
const WRONG_SECRET = new Set<SyncError['code']>(['badClaimCode', 'badPassword', 'badJoinCode']);

/** The photo a contestant's put shows (null: none); undefined for any other event. */
function photoShownBy(event: WireEvent): string | null | undefined {
  if (event.type !== 'entity.put' || event.payload.table !== 'contestants') return undefined;
  return event.payload.entity.photoId;
}

/** The id of the photo an event puts; undefined for any other event. */
function photoPutBy(event: WireEvent): string | undefined {
  if (event.type !== 'entity.put' || event.payload.table !== 'photos') return undefined;
  return event.payload.entity.id;
}

export class VenueCore {
  readonly store: VenueStore;
  readonly serverId: string;
  private readonly now: () => number;
  private readonly limiter: AttemptLimiter;
  private admission: Admission;
  private audience: AudienceDesk;
  private readonly audienceLimits: AudienceLimits;
  private claimCode: string | null;
  publicBaseUrl: string | null;
  /** The audience's voting page on plain http (phones trust no certificate), for the projector's QR code. */
  audienceUrl: string | null = null;
  private readonly listeners = new Set<(notice: CoreNotice) => void>();
  /** Live sockets open now, per device id (http.ts reports them): a device with one is online. */
  private readonly liveSockets = new Map<string, number>();
  /** When each device was last heard from in this process (a token's last use is kept coarser). */
  private readonly lastHeard = new Map<string, number>();

  constructor({
    store,
    now = Date.now,
    claimCode,
    limiter,
    publicBaseUrl = null,
    audienceLimits,
  }: VenueCoreOptions) {
    this.store = store;
    this.publicBaseUrl = publicBaseUrl;
    this.now = now;
    this.limiter = limiter ?? new AttemptLimiter({ now });
    this.admission = Admission.fromLog(store.allEventBodies());
    this.audienceLimits = { ...DEFAULT_AUDIENCE_LIMITS, ...audienceLimits };
    this.audience = new AudienceDesk(store, now, this.audienceLimits);
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

  private isoNow(offsetMs = 0): string {
    return new Date(this.now() + offsetMs).toISOString();
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

  /** The session of a valid token: known, not revoked, used within the last day. Null otherwise. */
  authenticate(token: string | null): Session | null {
    if (!token) return null;
    const hash = hashToken(token);
    const row = this.store.token(hash);
    if (!row || row.revoked) return null;
    const idle = this.now() - Date.parse(row.lastUsedAt);
    if (idle > DAY_MS) return null;
    if (idle > TOUCH_EVERY_MS) this.store.touchToken(hash, this.isoNow());
    this.heardFrom(row.deviceId);
    return { role: row.role, deviceId: row.deviceId, judgeId: row.judgeId };
  }

  /** The device reached the server: a request with its token, or its live socket's hello or pong. */
  heardFrom(deviceId: string): void {
    this.lastHeard.set(deviceId, this.now());
  }

  /** A live socket of the device was welcomed (http.ts). */
  liveOpened(deviceId: string): void {
    this.liveSockets.set(deviceId, (this.liveSockets.get(deviceId) ?? 0) + 1);
    this.heardFrom(deviceId);
  }

  /** A live socket of the device closed, for whatever reason (http.ts). */
  liveClosed(deviceId: string): void {
    const open = (this.liveSockets.get(deviceId) ?? 0) - 1;
    if (open > 0) this.liveSockets.set(deviceId, open);
    else this.liveSockets.delete(deviceId);
  }

  async handle(request: ApiRequest): Promise<ApiResponse> {
    try {
      const protocolError = checkProtocol(request.protocol);
      if (protocolError) return errorResponse(protocolError);
      return await this.route(request);
    } catch (error) {
      if (error instanceof Refusal || error instanceof AudienceRefusal) return errorResponse(error.error);
      throw error;
    }
  }

  private async route(request: ApiRequest): Promise<ApiResponse> {
    const { method, path, body } = request;
    if (method === 'GET' && path === '/hello') return json(200, this.hello());
    if (method === 'POST' && path === '/claim')
      return this.attempt(request, 'claimCode', () => this.claim(request));
    if (method === 'POST' && path === '/login')
      return this.attempt(request, 'password', () => this.login(request));
    if (method === 'POST' && path === '/join/judge')
      return this.attempt(request, 'judgeCode', async () => this.joinJudge(body));
    if (method === 'POST' && path === '/join/projector') {
      return this.attempt(request, 'projectorCode', async () => this.joinProjector(body));
    }
    if (path.startsWith('/audience/')) return this.audienceRoute(request);
    if (method === 'POST' && path === '/handoff') {
      const session = this.authenticate(request.token);
      if (!session)
        return errorResponse(syncError('unauthorized', 'missing, unknown, expired or revoked token'));
      return json(200, await this.handoff(session, body));
    }
    const routes: Record<string, (session: Session) => ApiResponse> = {
      'GET /session': (session) => json(200, session),
      'POST /push': (session) => json(200, this.push(session, body)),
      'GET /pull': (session) => this.pull(session, request.query),
      'GET /devices': (session) => json(200, this.devices(session)),
      'GET /presence': (session) => json(200, this.presence(session, request.query)),
      'POST /devices/revoke': (session) => json(200, this.revoke(session, body)),
      'POST /devices/readmit': (session) => json(200, this.readmit(session, body)),
      'POST /devices/approve': (session) => json(200, this.approve(session, body)),
    };
    const handler = routes[`${method} ${path}`];
    if (!handler) return errorResponse(syncError('notFound', `no ${method} ${API_PREFIX}${path}`));
    const session = this.authenticate(request.token);
    if (!session)
      return errorResponse(syncError('unauthorized', 'missing, unknown, expired or revoked token'));
    return handler(session);
  }

  /**
   * 大众投票: a phone joins, reads the voting state and votes, with its audience token only (a
   * device's token is not one, nor the other way round).
   */
  private audienceRoute(request: ApiRequest): ApiResponse {
    const { method, path } = request;
    if (method === 'POST' && path === '/audience/join') {
      if (request.body !== undefined) refuse('malformedRequest', 'joining the audience takes no body');
      return json(200, this.audience.join(request.address));
    }
    if (method === 'GET' && path === '/audience/state') {
      return json(200, this.audience.stateFor(this.audience.voter(request.token), this.admission));
    }
    if (method === 'POST' && path === '/audience/vote') {
      const voter = this.audience.voter(request.token);
      const written = this.audience.vote(voter, request.body, this.admission);
      const readers = new CommitReaders();
      readers.add(written.reading);
      this.notify({ type: 'commit', head: this.store.head(), readers });
      return json(200, this.audience.stateFor(voter, this.admission));
    }
    return errorResponse(syncError('notFound', `no ${method} ${API_PREFIX}${path}`));
  }

  private hello(): HelloResponse {
    return {
      protocol: PROTOCOL_VERSION,
      minProtocol: MIN_PROTOCOL_VERSION,
      serverId: this.serverId,
      claimed: this.isClaimed(),
      head: this.store.head(),
      publicBaseUrl: this.publicBaseUrl,
      audienceUrl: this.audienceUrl,
    };
  }

  /**
   * A guess at a secret: refused while the address, the target or the server as a whole must
   * wait. The attempt counts as a failure unless it succeeds or fails for another reason.
   */
  private async attempt(
    request: ApiRequest,
    target: AttemptTarget,
    work: () => Promise<ApiResponse>,
  ): Promise<ApiResponse> {
    // The organizer at the laptop itself is not throttled by anyone's failures.
    if (THIS_MACHINE.has(request.address)) return work();
    const device = this.provenDevice(request.body);
    const wait = this.limiter.begin(request.address, target, device);
    if (wait > 0)
      refuse('tooManyAttempts', `too many failed attempts; retry in ${wait} ms`, { retryAfterMs: wait });
    try {
      const response = await work();
      this.limiter.succeeded(request.address, target, device);
      return response;
    } catch (error) {
      if (!(error instanceof Refusal && WRONG_SECRET.has(error.error.code))) {
        this.limiter.succeeded(request.address, target, device);
      }
      throw error;
    }
  }

  /** The id of the bound, unrevoked device the request proves it is (its key), or null. */
  private provenDevice(body: unknown): string | null {
    const deviceId = fieldOf(body, 'deviceId');
    const deviceKey = fieldOf(body, 'deviceKey');
    if (typeof deviceId !== 'string' || typeof deviceKey !== 'string') return null;
    const bound = this.store.device(deviceId);
    const proven =
      bound !== undefined &&
      bound.revokedAt === null &&
      bound.keyHash !== APPROVED_UNBOUND &&
      !bound.keyHash.startsWith(LEGACY_KEY) &&
      sameSecret(hashToken(deviceKey), bound.keyHash);
    return proven ? deviceId : null;
  }

  /**
   * The device id of a claim, login or join, proved: a new id is bound to a new device key; a
   * bound one needs its key; an id already in the log but never bound (a device log the
   * organizer imported) cannot be taken. A revoked device comes back only with a code other than
   * the one it held (a new code), by the organizer's password, or when the organizer readmits it.
   */
  private proveDevice(body: unknown, role: DeviceRole, judgeId: string | null, code: string | null) {
    const deviceId = field(body, 'deviceId', 100);
    const deviceKey = optionalField(body, 'deviceKey');
    const bound = this.store.device(deviceId);
    if (!bound) {
      if (this.store.hasEventsOfDevice(deviceId) || deviceId.startsWith(HUB_DEVICE_PREFIX))
        refuse('deviceTaken', `device id ${deviceId} is taken`);
      if (this.store.deviceCount() >= MAX_DEVICES)
        refuse('tooManyDevices', 'the server has too many devices');
      return { deviceId, newKey: newToken(), rekey: false, readmit: false };
    }
    // Approved by the organizer (an imported tablet's id): the first device to ask binds it.
    if (bound.keyHash === APPROVED_UNBOUND)
      return { deviceId, newKey: newToken(), rekey: true, readmit: false };
    const legacy = bound.keyHash.startsWith(LEGACY_KEY);
    const expected = legacy ? bound.keyHash.slice(LEGACY_KEY.length) : bound.keyHash;
    if (deviceKey === null || !sameSecret(hashToken(deviceKey), expected)) {
      refuse('deviceTaken', `device id ${deviceId} belongs to another device`);
    }
    const revoked = bound.revokedAt !== null;
    // Back in only by the organizer's password or readmission, or as the same judge with a new
    // code (the organizer renewed it): not with the old code, nor as another role.
    const renewedCode =
      role === 'judge' &&
      judgeId === bound.judgeId &&
      bound.revokedCode !== null &&
      code !== bound.revokedCode;
    if (revoked && role !== 'organizer' && !renewedCode) {
      refuse(
        'deviceRevoked',
        'the organizer has removed this device; ask for a new code or to be readmitted',
      );
    }
    return { deviceId, newKey: legacy ? newToken() : null, rekey: legacy, readmit: revoked };
  }

  /** The device's one session, after the code or password was right and the device proved. */
  private issue(body: unknown, role: DeviceRole, judgeId: string | null, code: string | null): ApiResponse {
    const { deviceId, newKey, rekey, readmit } = this.proveDevice(body, role, judgeId, code);
    const now = this.isoNow();
    const since = this.isoNow(-DAY_MS);
    if (
      role === 'judge' &&
      this.store.liveSessions('judge', judgeId, deviceId, since) >= MAX_TABLETS_PER_JUDGE
    ) {
      refuse('tooManyDevices', `judge ${judgeId} is already on ${MAX_TABLETS_PER_JUDGE} devices`);
    }
    if (
      role === 'projector' &&
      this.store.liveSessions('projector', null, deviceId, since) >= MAX_PROJECTORS
    ) {
      refuse('tooManyDevices', `${MAX_PROJECTORS} projectors are joined already`);
    }
    const token = newToken();
    this.store.transaction(() => {
      this.store.pruneTokens(since);
      if (newKey !== null && rekey) this.store.setDeviceKey(deviceId, hashToken(newKey));
      else if (newKey !== null) this.store.bindDevice(deviceId, hashToken(newKey), role, judgeId, now);
      if (readmit) this.store.readmitDevice(deviceId);
      this.store.replaceToken(hashToken(token), deviceId, role, judgeId, now);
    });
    const session: SessionInfo = {
      token,
      role,
      deviceId,
      judgeId,
      serverId: this.serverId,
      expiresAt: this.isoNow(DAY_MS),
      deviceKey: newKey,
    };
    return json(200, session);
  }

  private requireSecure(request: ApiRequest): void {
    if (!request.secure) {
      refuse(
        'insecureTransport',
        "the organizer's password is accepted only over https or on the server itself",
      );
    }
  }

  private async claim(request: ApiRequest): Promise<ApiResponse> {
    this.requireSecure(request);
    const claimCode = field(request.body, 'claimCode');
    const password = field(request.body, 'password');
    if (this.isClaimed() || this.claimCode === null)
      refuse('alreadyClaimed', 'the server has an organizer already');
    if (!sameSecret(claimCode, this.claimCode)) refuse('badClaimCode', 'wrong claim code');
    if ([...password].length < MIN_PASSWORD_LENGTH) {
      refuse('weakPassword', `the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const hash = await hashPassword(password);
    // Another claim may have finished while this one was hashing.
    if (this.isClaimed()) refuse('alreadyClaimed', 'the server has an organizer already');
    const response = this.issue(request.body, 'organizer', null, null);
    this.store.setMeta(META_PASSWORD, hash);
    this.claimCode = null;
    return response;
  }

  private async login(request: ApiRequest): Promise<ApiResponse> {
    this.requireSecure(request);
    const password = field(request.body, 'password');
    field(request.body, 'deviceId', 100);
    const stored = this.store.getMeta(META_PASSWORD);
    if (stored === undefined) refuse('notClaimed', 'the server has not been claimed yet');
    if (!(await verifyPassword(password, stored))) refuse('badPassword', 'wrong password');
    return this.issue(request.body, 'organizer', null, null);
  }

  private joinJudge(body: unknown): ApiResponse {
    const code = field(body, 'code');
    field(body, 'deviceId', 100);
    // Eight digits (see ATTEMPT_RULES for why that is enough); a judge's old six-digit code no longer works.
    const judges = isJoinCode(code) ? this.admission.judgesWithCode(code) : [];
    if (judges.length !== 1) refuse('badJoinCode', 'no judge has this join code');
    return this.issue(body, 'judge', (judges[0] as { id: string }).id, code);
  }

  private joinProjector(body: unknown): ApiResponse {
    const code = field(body, 'code');
    field(body, 'deviceId', 100);
    if (!sameSecret(code, this.projectorCode())) refuse('badJoinCode', 'wrong projector code');
    return this.issue(body, 'projector', null, code);
  }

  /**
   * The county hub's decisions for this venue (the city final's roster), pulled down by the
   * relay (./hub-relay.ts): admitted as the organizer's, under the hub's own device id, by the
   * same checks as any push. A hub (or whoever answers in its place on plain http) decides
   * rosters only: contestants this venue has never held, in a round no judge has marked yet,
   * and exactly the photos those contestants show (of this batch, or held already), never
   * replacing one. No mark, lock, deletion or purge, no change to the venue's own contestants,
   * and never under the id of a device of the venue, whose sequence numbers its own later
   * events would then find taken.
   */
  admitFromHub(hubDeviceId: string, events: readonly unknown[]): PushResponse {
    const parsed = events.map((event) => parseWireEvent(event));
    const shown = new Set(
      parsed.flatMap((result) => {
        const photoId = result.ok ? photoShownBy(result.value) : undefined;
        return typeof photoId === 'string' ? [photoId] : [];
      }),
    );
    const refused: RefusedEvent[] = [];
    const admissible: { event: unknown; index: number }[] = [];
    events.forEach((event, index) => {
      const result = parsed[index];
      const denied = result?.ok ? this.hubDecisionRefusal(hubDeviceId, result.value, shown) : null;
      if (denied) refused.push({ eventId: (event as WireEvent).id, index, ...denied });
      else admissible.push({ event, index });
    });
    const reply = this.push(
      { role: 'organizer', deviceId: hubDeviceId, judgeId: null },
      { events: admissible.map((entry) => entry.event) },
    );
    return withEarlierRefusals(reply, refused, admissible);
  }

  /**
   * Why the hub may not write `event` (`shown`: the photos its batch's contestants show); null
   * leaves it to the usual checks. Malformed events go on to the push, which says so.
   */
  private hubDecisionRefusal(
    hubDeviceId: string,
    event: WireEvent,
    shown: ReadonlySet<string>,
  ): { code: SyncError['code']; message: string } | null {
    if (this.store.hasEvent(event.id)) return null;
    if (event.deviceId !== hubDeviceId || this.store.device(hubDeviceId) !== undefined)
      return {
        code: 'foreignDevice',
        message: `the hub writes under its own device id, never ${event.deviceId}`,
      };
    const photo = photoPutBy(event);
    if (photo !== undefined) {
      const shownPhoto = shown.has(photo) || this.admission.hasContestantWithPhoto(photo);
      return shownPhoto && !this.admission.hasPhoto(photo)
        ? null
        : { code: 'forbiddenAuthor', message: 'the hub sends only new photos its contestants show' };
    }
    if (event.type !== 'entity.put' || event.payload.table !== 'contestants')
      return {
        code: 'forbiddenAuthor',
        message: `the hub decides rosters only: contestants and the photos they show, never ${event.type}`,
      };
    const { id, roundId } = event.payload.entity as ContestantRecord;
    if (this.admission.holdsEntity('contestants', id))
      return {
        code: 'forbiddenAuthor',
        message: `contestant ${id} is the venue's own: the hub only adds new ones`,
      };
    if (this.admission.hasJudgeMarks(roundId))
      return {
        code: 'forbiddenAuthor',
        message: `round ${roundId} is under way: the hub adds to a roster before judges mark`,
      };
    return null;
  }

  /**
   * 离线交接: the organizer relays a judge's tablet's signed sheets read from its QR codes
   * (./handoff.ts); those the judge's registered key vouches for are admitted as that tablet's
   * own push would be, the others refused with the reason.
   */
  private async handoff(session: Session, body: unknown): Promise<PushResponse> {
    this.requireOrganizer(session);
    const events = fieldOf(body, 'events');
    if (!Array.isArray(events)) refuse('malformedRequest', 'expected { events: [...] }');
    if (events.length > MAX_PUSH_EVENTS)
      refuse('tooLarge', `more than ${MAX_PUSH_EVENTS} events in one push`);
    const refused: RefusedEvent[] = [];
    const relayed: HandoffEvent[] = [];
    events.forEach((value: unknown, index: number) => {
      const parsed = parseWireEvent(value);
      if (parsed.ok) relayed.push({ event: parsed.value, index });
      else {
        const { path, problem } = parsed.error;
        const rawId = fieldOf(value, 'id');
        const eventId = typeof rawId === 'string' && rawId.length <= 100 ? rawId : null;
        refused.push({ eventId, index, code: 'malformedEvent', message: `${path}: ${problem}`, path });
      }
    });
    const keyEvents = [...this.store.allEventBodies()]
      .map((text) => JSON.parse(text) as LeitaiEvent)
      .filter((event) => event.type === 'judge.key.register' || event.type === 'judge.key.retire');
    const selection = await selectSignedHandoff(globalThis.crypto.subtle, relayed, keyEvents, (deviceId) => {
      const device = this.store.device(deviceId);
      return device && device.revokedAt === null ? device.judgeId : null;
    });
    const { admissible } = selection;
    const reply = this.push(session, { events: admissible.map((entry) => entry.event) }, (event) => ({
      role: 'judge',
      deviceId: event.deviceId,
      judgeId: event.author.role === 'judge' ? event.author.judgeId : null,
    }));
    return withEarlierRefusals(reply, [...refused, ...selection.refused], admissible);
  }

  private push(session: Session, body: unknown, relayedAs?: (event: WireEvent) => Session): PushResponse {
    const events = fieldOf(body, 'events');
    if (!Array.isArray(events)) refuse('malformedRequest', 'expected { events: [...] }');
    if (session.role === 'projector') refuse('readOnlyDevice', 'a projector does not write');
    if (events.length > MAX_PUSH_EVENTS)
      refuse('tooLarge', `more than ${MAX_PUSH_EVENTS} events in one push`);
    const acknowledged: string[] = [];
    const refused: RefusedEvent[] = [];
    const readers = new CommitReaders();
    let accepted = 0;
    try {
      this.store.transaction(() => {
        events.forEach((value, index) => {
          const outcome = this.admit(session, value, index, relayedAs);
          if (outcome.refused) refused.push(outcome.refused);
          else {
            // The server's own events the push caused (a close's seal): devices pull them too.
            for (const reading of outcome.also ?? []) readers.add(reading);
            acknowledged.push(outcome.id);
            if (outcome.reading) {
              accepted += 1;
              readers.add(outcome.reading);
            }
          }
        });
      });
    } catch (error) {
      // The batch rolled back: the fold, advanced event by event, is rebuilt from what committed.
      this.admission = Admission.fromLog(this.store.allEventBodies());
      this.audience = new AudienceDesk(this.store, this.now, this.audienceLimits);
      throw error;
    }
    const head = this.store.head();
    if (accepted > 0) this.notify({ type: 'commit', head, readers });
    return {
      acknowledged: [...new Set(acknowledged)],
      refused,
      accepted,
      duplicates: acknowledged.length - accepted,
      head,
    };
  }

  /** One event of a push: stored, a duplicate, or refused with its reason. */
  private admit(
    session: Session,
    value: unknown,
    index: number,
    relayedAs?: (event: WireEvent) => Session,
  ):
    | { refused: RefusedEvent }
    | { refused?: undefined; id: string; reading: EventReading | null; also?: EventReading[] } {
    const rawId = fieldOf(value, 'id');
    const eventId = typeof rawId === 'string' && rawId.length <= 100 ? rawId : null;
    const parsed = parseWireEvent(value);
    if (!parsed.ok) {
      const { path, problem } = parsed.error;
      return { refused: { eventId, index, code: 'malformedEvent', message: `${path}: ${problem}`, path } };
    }
    const event = parsed.value;
    // Stored already: acknowledged as it is, whatever the setup has become since.
    if (this.store.hasEvent(event.id)) return { id: event.id, reading: null };
    if (event.deviceId === this.audience.serverDeviceId()) {
      const message = `device ${event.deviceId} is the venue server's own: no device writes under it`;
      return { refused: { eventId: event.id, index, code: 'foreignDevice', message } };
    }
    const writer = relayedAs ? relayedAs(event) : this.writerOf(session, event);
    if ('code' in writer) return { refused: { eventId: event.id, index, ...writer } };
    const denied =
      this.admission.check(writer, event) ?? this.audience.refusalOf(event as LeitaiEvent, this.admission);
    if (denied) return { refused: { eventId: event.id, index, ...denied } };
    const reading = readingOf(event);
    const outcome = this.store.insertEvent({
      id: event.id,
      deviceId: event.deviceId,
      deviceSeq: event.deviceSeq,
      body: JSON.stringify(event),
      reading,
    });
    if (outcome.kind === 'conflict') {
      const message = `device ${event.deviceId} already has a different event ${event.deviceSeq}`;
      return { refused: { eventId: event.id, index, code: 'eventConflict', message } };
    }
    this.admission.apply(event as LeitaiEvent);
    if (outcome.kind === 'new' && isPurge(event as LeitaiEvent))
      this.purgeStored(event as LeitaiEvent<'scope.purge'>);
    const also = this.audience.admitted(event as LeitaiEvent, outcome.kind === 'new').map((written) => {
      this.admission.apply(written.event);
      return written.reading;
    });
    return { id: event.id, reading: outcome.kind === 'new' ? reading : null, also };
  }

  /**
   * A purge admitted: its scope's events leave the log (in the push's transaction), and the
   * fold forgets them. Devices that pulled them delete theirs when they pull the purge.
   */
  private purgeStored(purge: LeitaiEvent<'scope.purge'>): void {
    const scope = purgeScopeOf(purge);
    this.store.deleteEvents((stored) => isWithinScope(stored, scope));
    this.admission = Admission.fromLog(this.store.allEventBodies());
    this.audience = new AudienceDesk(this.store, this.now, this.audienceLimits);
  }

  /**
   * Who writes an event. A device writes as its session; the organizer also relays the exported
   * log of a tablet that could not reach the server, and a relayed event is checked as that
   * tablet's judge would be: only a judge's kinds, one judge per device id, and only for a device
   * that never joined (one that did sends its own events, so a forged file cannot fill its slots).
   */
  private writerOf(
    session: Session,
    event: WireEvent,
  ): Session | { code: SyncError['code']; message: string } {
    if (session.role !== 'organizer' || event.deviceId === session.deviceId) return session;
    const bound = this.store.device(event.deviceId);
    if (bound && bound.keyHash !== APPROVED_UNBOUND) {
      return {
        code: 'foreignDevice',
        message: `device ${event.deviceId} has joined the server: it sends its own events`,
      };
    }
    if (event.author.role !== 'judge') {
      return { code: 'forbiddenAuthor', message: "another device's log may hold only its judge's events" };
    }
    const judgeId = event.author.judgeId;
    const carried = this.admission.judgeOfDevice(event.deviceId);
    if (carried !== undefined && carried !== judgeId) {
      return {
        code: 'forbiddenAuthor',
        message: `device ${event.deviceId} writes for judge ${carried} only`,
      };
    }
    return { role: 'judge', deviceId: event.deviceId, judgeId };
  }

  private pull(session: Session, query: URLSearchParams): ApiResponse {
    const after = Number(query.get('after') ?? '0');
    const limit = Number(query.get('limit') ?? String(MAX_PULL_EVENTS));
    if (!Number.isSafeInteger(after) || after < 0)
      refuse('malformedRequest', '"after" must be a whole number');
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PULL_EVENTS) {
      refuse('malformedRequest', `"limit" must be 1 to ${MAX_PULL_EVENTS}`);
    }
    const audience: PullAudience =
      session.role === 'judge'
        ? { role: 'judge', judgeId: session.judgeId as string }
        : { role: session.role };
    const { events, cursor } = this.store.readFor(audience, after, limit);
    const head = Math.max(this.store.head(), cursor);
    // The stored JSON goes out as it is, but for the join codes that only the organizer reads.
    const texts = events.map((row) =>
      row.redact && session.role !== 'organizer' ? redactedEventText(row.body, session.role) : row.body,
    );
    return {
      status: 200,
      body: `{"serverId":${JSON.stringify(this.serverId)},"events":[${texts.join(',')}],"cursor":${cursor},"head":${head}}`,
    };
  }

  private requireOrganizer(session: Session): void {
    if (session.role !== 'organizer') refuse('organizerOnly', 'only the organizer may do this');
  }

  private devices(session: Session): DeviceListResponse {
    this.requireOrganizer(session);
    return { devices: this.store.devices(), projectorCode: this.projectorCode() };
  }

  /**
   * For the host console: each judge of a round, whether a tablet of theirs is connected now and
   * when one last reached the server. The organizer's alone: a judge or the audience's projector
   * learns nothing of the others' tablets, and no device id, key or code is in the answer.
   */
  private presence(session: Session, query: URLSearchParams): PresenceResponse {
    this.requireOrganizer(session);
    const roundId = query.get('round');
    if (!roundId || roundId.length > 100) refuse('malformedRequest', '"round" must be the id of a round');
    if (!this.admission.hasRound(roundId)) refuse('notFound', `no round ${roundId}`);
    const tablets = this.store.judgeTablets();
    const judges = this.admission.judgesOfRound(roundId).map((judge): JudgePresence => {
      const own = tablets.filter((tablet) => tablet.judgeId === judge.id);
      const contacts = own.flatMap((tablet) => [
        ...(tablet.lastUsedAt === null ? [] : [Date.parse(tablet.lastUsedAt)]),
        ...(this.lastHeard.has(tablet.deviceId) ? [this.lastHeard.get(tablet.deviceId) as number] : []),
      ]);
      return {
        judgeId: judge.id,
        tablets: own.length,
        online: own.some((tablet) => this.liveSockets.has(tablet.deviceId)),
        lastContactAt: contacts.length === 0 ? null : new Date(Math.max(...contacts)).toISOString(),
      };
    });
    return { checkedAt: this.isoNow(), judges };
  }

  /** Revokes one device: its session ends, and the code it held no longer lets it in. */
  private revoke(session: Session, body: unknown): { revoked: number } {
    this.requireOrganizer(session);
    const deviceId = field(body, 'deviceId', 100);
    const device = this.store.devices().find((entry) => entry.deviceId === deviceId);
    const code =
      device?.role === 'judge'
        ? (this.admission.judge(device.judgeId as string)?.joinCode ?? null)
        : device?.role === 'projector'
          ? this.projectorCode()
          : null;
    const revoked = this.store.revokeDevice(deviceId, code, this.isoNow());
    if (revoked > 0) this.notify({ type: 'revoke', deviceId });
    return { revoked };
  }

  private readmit(session: Session, body: unknown): { readmitted: number } {
    this.requireOrganizer(session);
    return { readmitted: this.store.readmitDevice(field(body, 'deviceId', 100)) };
  }

  /**
   * For a device id that is in the log but was never bound (the organizer imported that tablet's
   * exported log): lets the next device that asks bind it. Changes nothing for a bound id.
   */
  private approve(session: Session, body: unknown): { approved: number } {
    this.requireOrganizer(session);
    const deviceId = field(body, 'deviceId', 100);
    if (this.store.device(deviceId) !== undefined || !this.store.hasEventsOfDevice(deviceId))
      return { approved: 0 };
    this.store.approveDevice(deviceId, this.isoNow());
    return { approved: 1 };
  }
}
