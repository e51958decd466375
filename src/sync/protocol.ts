/**
 * The sync protocol between devices and the venue server: wire types, named errors, who may
 * write and read what, and (re-exported from src/domain/event-shape.ts) the strict validator of
 * incoming events. Shared by the server (src/server) and the device client (src/sync/client.ts),
 * so both sides agree on every shape.
 *
 * Pure: no Dexie, no Node, no DOM.
 *
 * The server is dumb and idempotent (as actualbudget/actual's): a push stores each event once by
 * its id and gives each NEW event the next server sequence number; a pull returns the events
 * after a cursor. The winner of every cell is decided by the events themselves
 * (src/domain/events.ts, compareRevision), so the server never merges anything.
 *
 * Versioned from day one (as tldraw's): every request carries PROTOCOL_VERSION, and a server
 * that cannot talk to it answers a named error, `protocolTooOld` or `protocolTooNew`.
 */

import type { WireEvent } from '../domain/event-shape';
import type { EventType, LeitaiEvent } from '../domain/events';
import type { Id } from '../domain/model';
import { MAX_PHOTO_BASE64_LENGTH } from '../domain/records';

// The shape of events on the wire is the domain's (src/domain/event-shape.ts): the CLI checks a
// backup's events with it too, needing nothing from sync. Checked where events arrive (the
// client's pull, the server), imported from there: the types alone keep the shell's transport
// (every page's first script) free of the checks.
export type { WireBlob, WireEvent } from '../domain/event-shape';

/**
 * Bumped when a request or response changes shape; events change with the domain's kinds.
 * 2: push answers event by event (`refused`), the server issues device keys, pulls are filtered
 * by role (join codes redacted), 8-digit join codes. A v1 client is answered `protocolTooOld`.
 * 3: `scope.purge` events (the demo, 彩排 rounds) and the `purgedScope` refusal; competitions may
 * be `demo`, rounds `rehearsalOf` a real round, judges `simulated` (a rehearsal's). A v2 client could not read a purge it pulls, so
 * it is answered `protocolTooOld` (a reload brings the app the server serves).
 * 4: an `entity.put` may list the `fields` it writes, and setup entities merge field by field
 * (src/domain/events.ts mergeEntity). A v3 client would refuse such a put as malformed when it
 * pulls one, and its own whole puts would overwrite the fields another device edited meanwhile,
 * so it is answered `protocolTooOld`.
 * 5: 大众投票: the host's `audience.open`/`audience.close`, and `audience.vote`/`audience.seal`
 * written by the server itself (author `server`); audience tokens and their endpoints under
 * /audience. A v4 client would refuse the new kinds and author as malformed when it pulls them,
 * so it is answered `protocolTooOld`.
 * 6: signed sheets: `judge.key.register`/`judge.key.retire` from a judge's tablet, and a
 * `sheet.submit` may carry its `signature` (src/domain/signing.ts). An older client would refuse
 * the new kinds and field as malformed when it pulls them, so it is answered `protocolTooOld`.
 * Also in 6: a competition's `combination` (总成绩, src/domain/combination.ts), the projector's
 * `combined` view, a round's `handSignature` and a signature's `handSignatureImage` (手写签名),
 * each of which an older client would refuse as malformed; and 观摩评分, a round's `siteVisit`
 * and a contestant's `sites` (src/domain/site-visits.ts), the same.
 */
export const PROTOCOL_VERSION = 6;
/** The oldest client version this code still serves. */
export const MIN_PROTOCOL_VERSION = 6;

/** The HTTP header that carries the client's protocol version. */
export const PROTOCOL_HEADER = 'leitai-protocol';

export const API_PREFIX = '/api/v1';

/** Events per push request and per pull response (the server refuses more). */
export const MAX_PUSH_EVENTS = 500;
export const MAX_PULL_EVENTS = 1000;
/** Bytes of one request body: room for a batch with the largest photo an event carries (organizer). */
export const MAX_BODY_BYTES = MAX_PHOTO_BASE64_LENGTH;
/** Bytes of a judge's tablet's push: marks and sheets, never photos. */
export const MAX_TABLET_PUSH_BYTES = 2 * 1024 * 1024;
/** Bytes of any other request body (claim, login, join, device calls): a few fields. */
export const MAX_SMALL_BODY_BYTES = 16 * 1024;

// ---------------------------------------------------------------------------------------------
// Who a device is

/**
 * organizer: the laptop and the host console (password); may write any event.
 * judge: one judge's tablet (join code); writes that judge's marks, sheets and requests only.
 * projector: the stage screen (projector code); reads only.
 */
export type DeviceRole = 'organizer' | 'judge' | 'projector';

export interface SessionInfo {
  token: string;
  role: DeviceRole;
  deviceId: Id;
  /** The judge this device is bound to; null for other roles. */
  judgeId: Id | null;
  /** The server that issued the token (a new data directory is a new server). */
  serverId: string;
  /**
   * When the token stops working unless used again (ISO 8601): sessions expire a day after
   * their last use.
   */
  expiresAt: string;
  /**
   * The device key, issued once, when the server first binds `deviceId` to this device: the
   * device keeps it (`sync-state.ts`, per server) and sends it with every later claim, login or
   * join, which proves that it is the same device. Null when the device already had one.
   */
  deviceKey: string | null;
}

// ---------------------------------------------------------------------------------------------
// Requests and responses (JSON bodies)

export interface HelloResponse {
  protocol: number;
  minProtocol: number;
  serverId: string;
  /** False until the organizer has claimed the server with the code printed in its terminal. */
  claimed: boolean;
  /** The server's last sequence number. */
  head: number;
  /** Where tablets on the venue's network reach the app (for join links and QR codes); null when unknown. */
  publicBaseUrl: string | null;
  /**
   * The audience's voting page (大众投票), for the projector's QR code: on plain http, since a
   * phone in the hall trusts no venue certificate; null when unknown.
   */
  audienceUrl: string | null;
}

/**
 * Who a device says it is, in every claim, login and join. A device id the server has bound
 * already is only given to the holder of its device key: no other device can write under it
 * or take it over (see `SessionInfo.deviceKey`).
 */
export interface DeviceProof {
  deviceId: Id;
  /** The key this server issued for `deviceId`; absent the first time. */
  deviceKey?: string;
}

export interface ClaimRequest extends DeviceProof {
  claimCode: string;
  password: string;
}

export interface LoginRequest extends DeviceProof {
  password: string;
}

export interface JoinRequest extends DeviceProof {
  /** A judge's eight-digit JudgeRecord.joinCode, or the server's projector code. */
  code: string;
}

export type SessionResponse = SessionInfo;

export interface PushRequest {
  events: WireEvent[];
}

/**
 * One event of a push that the server will not store, and why. A refusal is final for that
 * event (sending it again gets the same answer): the device moves it out of its outbox into a
 * visible list, and the rest of the outbox flows.
 */
export interface RefusedEvent {
  /** The event's id, when it had a readable one. */
  eventId: Id | null;
  /** Its position in the pushed batch. */
  index: number;
  code: SyncErrorCode;
  message: string;
  /** malformedEvent: where in the event, e.g. "payload.value". */
  path?: string;
}

/** Answered event by event: one refused event never blocks the others. */
export interface PushResponse {
  /** The ids of the batch now stored on the server: new ones and duplicates alike. */
  acknowledged: Id[];
  /** The events of the batch the server refused, each with its reason. */
  refused: RefusedEvent[];
  /** How many of them were new (each got a sequence number). */
  accepted: number;
  duplicates: number;
  head: number;
}

export interface PullResponse {
  serverId: string;
  events: WireEvent[];
  /** The sequence number of the last event returned (the `after` asked when there was none). */
  cursor: number;
  /** The server's last sequence number: more to pull while cursor < head. */
  head: number;
}

export interface DeviceListEntry {
  deviceId: Id;
  role: DeviceRole;
  judgeId: Id | null;
  joinedAt: string;
  revoked: boolean;
}

export interface DeviceListResponse {
  devices: DeviceListEntry[];
  projectorCode: string;
}

export interface RevokeRequest {
  deviceId: Id;
}

/**
 * GET /presence?round=ID, for the organizer's devices only (the host console): each judge of the
 * round, whether one of their tablets is connected now, and when one last reached the server.
 * Nothing else: no device id, key, token or join code.
 */
export interface JudgePresence {
  judgeId: Id;
  /** Tablets bound to this judge and not revoked. */
  tablets: number;
  /** A tablet of this judge holds the live socket now. */
  online: boolean;
  /** When a tablet of this judge last reached the server (ISO 8601); null when none did. */
  lastContactAt: string | null;
}

export interface PresenceResponse {
  /** The server's clock when it answered (ISO 8601). */
  checkedAt: string;
  judges: JudgePresence[];
}

// ---------------------------------------------------------------------------------------------
// 大众投票: the audience's phones (src/server/audience.ts). An audience token is no device
// session: it reaches these three endpoints only.

/** POST /audience/join (no body): a new phone's token, and its number (观众 #n). */
export interface AudienceJoinResponse {
  token: string;
  voter: number;
}

/** GET /audience/state: what a phone may know, nothing more. */
export interface AudienceStateResponse {
  /** The window open now; null when voting is not open (not yet, or closed). */
  voting: {
    roundId: Id;
    roundName: string;
    contestantId: Id;
    contestantName: string;
    mode: 'support' | 'rating';
    /** Time left by the server's clock. */
    remainingMs: number;
    /** This phone's current vote for the contestant; null before it votes. */
    myVote: number | null;
  } | null;
}

/** POST /audience/vote: for the contestant whose window is open; a later vote replaces it. */
export interface AudienceVoteRequest {
  roundId: Id;
  contestantId: Id;
  /** 1 支持 / 0 不支持, or a whole 1 to 10. */
  value: number;
}

/** Server -> device over the live WebSocket. A poke only says "pull": losing one loses nothing. */
export type LiveServerMessage =
  | { type: 'welcome'; head: number }
  | { type: 'poke'; head: number }
  | { type: 'error'; error: SyncError };

/** Device -> server: the first and only message, to authenticate the socket. */
export interface LiveHello {
  type: 'hello';
  protocol: number;
  token: string;
}

// ---------------------------------------------------------------------------------------------
// Named errors

export type SyncErrorCode =
  | 'protocolTooOld'
  | 'protocolTooNew'
  | 'malformedRequest'
  | 'malformedEvent'
  | 'tooLarge'
  | 'unauthorized'
  | 'organizerOnly'
  | 'readOnlyDevice'
  | 'forbiddenAuthor'
  | 'foreignDevice'
  | 'eventConflict'
  | 'notClaimed'
  | 'alreadyClaimed'
  | 'badClaimCode'
  | 'weakPassword'
  | 'badPassword'
  | 'badJoinCode'
  | 'tooManyAttempts'
  | 'notFound'
  | 'unknownEntity'
  | 'outsideOwnRound'
  | 'invalidMark'
  | 'revisionTooFar'
  | 'deviceTaken'
  | 'deviceRevoked'
  | 'insecureTransport'
  | 'tooManyDevices'
  /** The event's competition or round was purged (the demo, a rehearsal): it never comes back. */
  | 'purgedScope'
  /** A purge the rules do not allow (a real competition with real marks, a real round). */
  | 'purgeRefused'
  /** 大众投票: no window is open for that contestant (not yet, or closed): the vote changes nothing. */
  | 'votingClosed'
  /** 大众投票: a value the round's mode does not take. */
  | 'invalidVote'
  /** 大众投票: this address has joined as many phones as the server allows. */
  | 'tooManyPhones'
  /** 大众投票: this phone sent more requests than its rate allows. */
  | 'tooManyRequests';

export interface SyncError {
  code: SyncErrorCode;
  /** For logs and developers (English); screens show their own zh-CN text for the code. */
  message: string;
  /** malformedEvent, forbiddenAuthor, foreignDevice, eventConflict: which event of the batch. */
  index?: number;
  eventId?: string;
  /** malformedEvent: where in the event, e.g. "payload.value". */
  path?: string;
  /** tooManyAttempts: when to try again. */
  retryAfterMs?: number;
}

export const HTTP_STATUS: Record<SyncErrorCode, number> = {
  protocolTooOld: 426,
  protocolTooNew: 426,
  malformedRequest: 400,
  malformedEvent: 400,
  tooLarge: 413,
  unauthorized: 401,
  organizerOnly: 403,
  readOnlyDevice: 403,
  forbiddenAuthor: 403,
  foreignDevice: 403,
  eventConflict: 409,
  notClaimed: 409,
  alreadyClaimed: 409,
  badClaimCode: 401,
  weakPassword: 400,
  badPassword: 401,
  badJoinCode: 401,
  tooManyAttempts: 429,
  notFound: 404,
  unknownEntity: 422,
  outsideOwnRound: 403,
  invalidMark: 422,
  revisionTooFar: 422,
  deviceTaken: 409,
  deviceRevoked: 403,
  insecureTransport: 403,
  tooManyDevices: 429,
  purgedScope: 410,
  purgeRefused: 403,
  votingClosed: 409,
  invalidVote: 422,
  tooManyPhones: 429,
  tooManyRequests: 429,
};

export function syncError(
  code: SyncErrorCode,
  message: string,
  detail: Omit<SyncError, 'code' | 'message'> = {},
) {
  return { code, message, ...detail } satisfies SyncError;
}

/** The version check both sides run: null when `clientVersion` can be served. */
export function checkProtocol(clientVersion: unknown): SyncError | null {
  const version = typeof clientVersion === 'string' ? Number(clientVersion) : clientVersion;
  if (typeof version !== 'number' || !Number.isSafeInteger(version)) {
    return syncError(
      'malformedRequest',
      `missing or bad protocol version: ${JSON.stringify(clientVersion) ?? typeof clientVersion}`,
    );
  }
  if (version < MIN_PROTOCOL_VERSION) {
    return syncError('protocolTooOld', `client protocol ${version} < minimum ${MIN_PROTOCOL_VERSION}`);
  }
  if (version > PROTOCOL_VERSION) {
    return syncError('protocolTooNew', `client protocol ${version} > server protocol ${PROTOCOL_VERSION}`);
  }
  return null;
}

export const MIN_PASSWORD_LENGTH = 6;

// ---------------------------------------------------------------------------------------------
// Who may write what

/**
 * The kinds the venue server alone writes, as author `server` (the audience's votes and the
 * seals of their windows): no device pushes them, the organizer's included.
 */
export const SERVER_EVENT_TYPES: ReadonlySet<EventType> = new Set(['audience.vote', 'audience.seal']);

/** The kinds a judge's tablet writes (src/db/marks.ts, corrections.ts), always as that judge. */
export const JUDGE_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  'mark.set',
  'sheet.submit',
  'correction.request',
  'stage.confirm',
  // Its own signing key (src/domain/signing.ts): the server binds it to this judge and device.
  'judge.key.register',
  'judge.key.retire',
]);

/**
 * Why a device of `role` (bound to `judgeId`, using `deviceId`) may not push `event`, or null
 * when it may. The organizer may push anything (it also imports other devices' exported logs).
 */
export function writeRefusal(
  session: { role: DeviceRole; deviceId: Id; judgeId: Id | null },
  event: WireEvent,
): Pick<SyncError, 'code' | 'message'> | null {
  if (SERVER_EVENT_TYPES.has(event.type) || event.author.role === 'server') {
    return { code: 'forbiddenAuthor', message: `only the venue server writes ${event.type} or as itself` };
  }
  if (session.role === 'organizer') return null;
  if (session.role === 'projector') return { code: 'readOnlyDevice', message: 'a projector does not write' };
  if (event.deviceId !== session.deviceId) {
    return { code: 'foreignDevice', message: `event of device ${event.deviceId}, not of this device` };
  }
  if (!JUDGE_EVENT_TYPES.has(event.type)) {
    return { code: 'forbiddenAuthor', message: `a judge's tablet does not write ${event.type}` };
  }
  const claimed =
    event.author.role === 'judge' ? event.author.judgeId : `the ${event.author.role satisfies string}`;
  if (claimed !== session.judgeId) {
    return { code: 'forbiddenAuthor', message: `event authored by ${claimed}, not by this device's judge` };
  }
  if ('judgeId' in event.payload && event.payload.judgeId !== session.judgeId) {
    return { code: 'forbiddenAuthor', message: `payload names judge ${event.payload.judgeId}` };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Who may read what

/**
 * Who reads an event on a pull. The organizer's devices (the laptop, the host console) read
 * every event. A judge's tablet reads the setup, the stage and its own judge's events, never
 * another judge's marks (independent judging). The projector reads what it shows: the setup,
 * the stage, the sheets' progress, adjustments and the reveals. Join codes go to the organizer
 * only: for everyone else a judge's `joinCode` is blanked (`redact`).
 *
 * Convergence: a mark becomes visible to the others only through the host's reveal, and the
 * reveal (`contestant.lock`) carries every mark it freezes (value and stamp), so a judge's
 * tablet or the projector folds exactly the counted marks of every revealed contestant without
 * ever receiving the marks themselves. Each device's projection is the fold of the events it
 * may read, whatever the order they arrive in; the pull cursor passes over the rest.
 */
export interface EventReading {
  /** null: every role; a judge id: the organizer and that judge's tablets only. */
  reader: Id | null;
  /** Whether the projector reads it (always, when `reader` is null). */
  projector: boolean;
  /** A judge's entity: its join code is blanked for every role but the organizer. */
  redact: boolean;
}

/** The kinds that belong to one judge: read by the organizer and that judge only. */
const JUDGE_PRIVATE_TYPES: ReadonlySet<EventType> = new Set([
  'mark.set',
  'sheet.submit',
  'correction.request',
  'correction.decide',
  'stage.nudge',
  'stage.confirmRequest',
  'stage.confirm',
]);

/**
 * The `reader` of the audience's votes and seals: no judge's id is empty, so only the organizer's
 * devices and the projector (its live tally) read them; never a judge, never a phone.
 */
export const NO_JUDGE_READER = '';

export function readingOf(event: WireEvent | LeitaiEvent): EventReading {
  if (SERVER_EVENT_TYPES.has(event.type)) return { reader: NO_JUDGE_READER, projector: true, redact: false };
  if (JUDGE_PRIVATE_TYPES.has(event.type) && 'judgeId' in event.payload) {
    // Which judges have submitted is shown on the projector's panel; their marks are not, and a
    // submission's signature carries them (the marks signed): the projector gets it without.
    const submit = event.type === 'sheet.submit';
    return { reader: event.payload.judgeId, projector: submit, redact: submit };
  }
  const redact =
    (event.type === 'entity.put' && event.payload.table === 'judges') || event.type === 'draw.commit';
  return { reader: null, projector: true, redact };
}

/**
 * The text of a stored event as a non-organizer reads it: a judge's join code blanked, a
 * committed draw seed (only its fingerprint is public before the draw), and for the projector a
 * submission's signature (the marks it covers are not shown before the reveal).
 */
export function redactedEventText(stored: string, role: 'judge' | 'projector'): string {
  const event = JSON.parse(stored) as LeitaiEvent;
  if (event.type === 'draw.commit')
    return JSON.stringify({ ...event, payload: { ...event.payload, seed: '' } });
  if (event.type === 'sheet.submit') {
    // The judge reads their own signature; the projector only that the sheet is in.
    if (role === 'judge') return stored;
    const { signature: _signature, ...unsigned } = (event as LeitaiEvent<'sheet.submit'>).payload;
    return JSON.stringify({ ...event, payload: unsigned });
  }
  if (event.type !== 'entity.put' || event.payload.table !== 'judges') return stored;
  return JSON.stringify({
    ...event,
    payload: { ...event.payload, entity: { ...event.payload.entity, joinCode: '' } },
  });
}
