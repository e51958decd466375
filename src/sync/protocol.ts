/**
 * The sync protocol between devices and the venue server: wire types, named errors and the
 * strict validator of incoming events. Shared by the server (src/server) and the device client
 * (src/sync/client.ts), so both sides agree on every shape.
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

import type { EventPayloads, EventType, FrozenCell, LeitaiEvent, Stamp } from '../domain/events';
import type { Criterion, Id, RoundSettings } from '../domain/model';
import type {
  CompetitionRecord,
  ContestantRecord,
  JudgeRecord,
  OvertimeRule,
  PhotoRecord,
  RoundJudgeRecord,
  RoundRecord,
  SetupTable,
} from '../domain/records';
import { isMergedTable, MERGED_FIELDS } from '../domain/records';
import type { RecuseList } from '../domain/recusal';

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
 */
export const PROTOCOL_VERSION = 4;
/** The oldest client version this code still serves. */
export const MIN_PROTOCOL_VERSION = 4;

/** The HTTP header that carries the client's protocol version. */
export const PROTOCOL_HEADER = 'leitai-protocol';

export const API_PREFIX = '/api/v1';

/** Events per push request and per pull response (the server refuses more). */
export const MAX_PUSH_EVENTS = 500;
export const MAX_PULL_EVENTS = 1000;
/** Bytes of one request body: room for a batch with a 5 MB photo, base64-encoded (organizer). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
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

/** The photo of a PhotoRecord on the wire: JSON has no Blob. */
export interface WireBlob {
  mediaType: string;
  base64: string;
}

/** An event as it travels: LeitaiEvent, with a photo entity's Blob as a WireBlob. */
export type WireEvent = Exclude<LeitaiEvent, PhotoPutEvent> | WirePhotoPutEvent;
type PhotoPutEvent = LeitaiEvent<'entity.put'> & { payload: { table: 'photos' } };
type WirePhotoPutEvent = Omit<PhotoPutEvent, 'payload'> & {
  payload: { table: 'photos'; entity: Omit<PhotoRecord, 'blob'> & { blob: WireBlob }; revision: number };
};

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
  | 'purgeRefused';

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
// The strict validator of events

/** Why a value is not a valid wire event: the path of the first problem and what is wrong. */
export interface ShapeProblem {
  path: string;
  problem: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ShapeProblem };

class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

type Check = (value: unknown, path: string) => void;

const MAX_ID_LENGTH = 100;
const MAX_TEXT_LENGTH = 2000;

function fail(path: string, problem: string): never {
  throw new ShapeError(path, problem);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text =
  (maxLength = MAX_TEXT_LENGTH): Check =>
  (value, path) => {
    if (typeof value !== 'string') fail(path, `expected a string, got ${describe(value)}`);
    if (value.length > maxLength) fail(path, `longer than ${maxLength} characters`);
  };

const id: Check = (value, path) => {
  text(MAX_ID_LENGTH)(value, path);
  if (value === '') fail(path, 'empty id');
};

const integer =
  (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check =>
  (value, path) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      fail(path, `expected an integer, got ${describe(value)}`);
    }
    if (value < min || value > max) fail(path, `expected ${min} to ${max}, got ${value}`);
  };

const hundredths = integer();
const revision = integer(1);

const boolean: Check = (value, path) => {
  if (typeof value !== 'boolean') fail(path, `expected true or false, got ${describe(value)}`);
};

const literal =
  (...allowed: readonly (string | number | boolean)[]): Check =>
  (value, path) => {
    if (!allowed.includes(value as string)) {
      fail(
        path,
        `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(value)}`,
      );
    }
  };

const nullable =
  (check: Check): Check =>
  (value, path) => {
    if (value !== null) check(value, path);
  };

const array =
  (item: Check, maxLength = 10_000): Check =>
  (value, path) => {
    if (!Array.isArray(value)) fail(path, `expected an array, got ${describe(value)}`);
    if (value.length > maxLength) fail(path, `more than ${maxLength} items`);
    value.forEach((entry, index) => {
      item(entry, `${path}[${index}]`);
    });
  };

/** A field that may be absent (never undefined: JSON has none). */
type OptionalCheck = Check & { optional: true };

function optional(check: Check): OptionalCheck {
  return Object.assign((value: unknown, path: string) => check(value, path), { optional: true as const });
}

/**
 * A check for every field of T, optional fields with `optional(...)`: a field added to a record
 * or a payload type fails to compile until the validator knows it.
 */
type ShapeOf<T> = { [K in keyof T]-?: undefined extends T[K] ? OptionalCheck : Check };

/**
 * Exactly these keys: an unknown key is refused (every device folds what the server stores).
 * Own keys only: `constructor` or `__proto__` are unknown fields, not the ones every object inherits.
 */
function object<T>(shape: ShapeOf<T>): Check {
  const fields = Object.entries(shape) as [string, Check & { optional?: true }][];
  return (value, path) => {
    if (!isPlainObject(value)) fail(path, `expected an object, got ${describe(value)}`);
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(shape, key)) fail(path ? `${path}.${key}` : key, 'unknown field');
    }
    for (const [key, check] of fields) {
      const field = path ? `${path}.${key}` : key;
      if (!Object.hasOwn(value, key)) {
        if (check.optional) continue;
        fail(field, 'missing');
      }
      check(value[key], field);
    }
  };
}

/** One of several object shapes, chosen by a discriminating field. */
const variant =
  (field: string, shapes: Record<string, Check>): Check =>
  (value, path) => {
    if (!isPlainObject(value)) fail(path, `expected an object, got ${describe(value)}`);
    const tag = value[field];
    const shape = typeof tag === 'string' && Object.hasOwn(shapes, tag) ? shapes[tag] : undefined;
    if (!shape) literal(...Object.keys(shapes))(tag, path ? `${path}.${field}` : field);
    (shape as Check)(value, path);
  };

const criterion = object<Criterion>({
  id,
  label: text(200),
  max: hundredths,
  points: hundredths,
  step: hundredths,
});

const awardTier: Check = (value, path) => {
  if (!isPlainObject(value)) fail(path, `expected an object, got ${describe(value)}`);
  if ('count' in value)
    object<{ name: string; count: number }>({ name: text(100), count: integer(0) })(value, path);
  else if ('percent' in value) {
    object<{ name: string; percent: number }>({ name: text(100), percent: hundredths })(value, path);
  } else object<{ name: string; rest: true }>({ name: text(100), rest: literal(true) })(value, path);
};

const tieBreakStep: Check = (value, path) => {
  text(MAX_ID_LENGTH + 10)(value, path);
  const step = value as string;
  if (step !== 'exact' && step !== 'untrimmed' && !step.startsWith('criterion:')) {
    fail(path, `expected "exact", "untrimmed" or "criterion:<id>", got ${describe(value)}`);
  }
};

const roundSettings = object<RoundSettings>({
  panel: variant('kind', {
    mean: object<{ kind: 'mean' }>({ kind: literal('mean') }),
    trimmed: object<{ kind: 'trimmed'; k: number }>({ kind: literal('trimmed'), k: integer(0) }),
    median: object<{ kind: 'median' }>({ kind: literal('median') }),
    weighted: object<{ kind: 'weighted' }>({ kind: literal('weighted') }),
  }),
  level: literal('total', 'criterion'),
  decimals: integer(0, 4),
  rounding: literal('half-up', 'half-even', 'down'),
  roundEachCriterion: boolean,
  minJudges: nullable(integer(0)),
  tieBreak: array(tieBreakStep, 100),
  awards: array(awardTier, 100),
  recusal: optional(literal('equal', 'contains')),
});

const wireBlob: Check = (value, path) => {
  object<WireBlob>({ mediaType: text(100), base64: text(MAX_BODY_BYTES) })(value, path);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test((value as WireBlob).base64)) fail(`${path}.base64`, 'not base64');
};

/** A judge's 回避名单 (src/domain/recusal.ts). */
const recuseList = object<RecuseList>({ contestantIds: array(id, 1000), units: array(text(200), 100) });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const judgeFields = {
  id,
  name: text(200),
  title: text(200),
  weight: hundredths,
  unit: nullable(text(200)),
  recuse: optional(recuseList),
  joinCode: text(20),
  order: integer(0),
  simulated: optional(literal(true)),
};

/**
 * A judge of the competition assigned to rounds, or, as logs and backups written before judges
 * belonged to the competition hold it (and older devices still send it), a judge of one round.
 */
const judgeShape: Check = (value, path) => {
  if (isPlainObject(value) && Object.hasOwn(value, 'roundId')) {
    object<RoundJudgeRecord>({ ...judgeFields, roundId: id })(value, path);
  } else {
    object<JudgeRecord>({ ...judgeFields, competitionId: id, roundIds: array(id, 1000) })(value, path);
  }
};

const ENTITY_SHAPES: Record<SetupTable, Check> = {
  competitions: object<CompetitionRecord>({
    id,
    name: text(200),
    archived: boolean,
    date: optional((value, path) => {
      text(10)(value, path);
      if (!DATE.test(value as string)) fail(path, `expected YYYY-MM-DD, got ${describe(value)}`);
    }),
    venue: optional(text(200)),
    issuer: optional(text(200)),
    demo: optional(literal(true)),
  }),
  rounds: object<RoundRecord>({
    id,
    competitionId: id,
    name: text(200),
    order: integer(0),
    criteria: array(criterion, 100),
    settings: roundSettings,
    timeLimitSeconds: nullable(integer(0)),
    overtime: nullable(object<OvertimeRule>({ everySeconds: integer(1), points: hundredths })),
    fullMark: optional(hundredths),
    rehearsalOf: optional(id),
  }),
  judges: judgeShape,
  contestants: object<ContestantRecord>({
    id,
    roundId: id,
    name: text(200),
    unit: nullable(text(200)),
    topic: text(MAX_TEXT_LENGTH),
    photoId: nullable(id),
    status: literal('active', 'withdrawn', 'disqualified'),
    draw: nullable(integer(0)),
    order: integer(0),
  }),
  photos: object<Omit<PhotoRecord, 'blob'> & { blob: WireBlob }>({ id, roundId: id, blob: wireBlob }),
};

const setupTable = literal(...Object.keys(ENTITY_SHAPES));

/** The fields an edit writes: some of its table's, each once; a photo is always written whole. */
const fieldsOf =
  (table: SetupTable): Check =>
  (value, path) => {
    if (!isMergedTable(table)) fail(path, 'a photo is written whole');
    array(literal(...MERGED_FIELDS[table]), MERGED_FIELDS[table].length)(value, path);
    const fields = value as string[];
    if (fields.length === 0) fail(path, 'an edit writes at least one field');
    if (new Set(fields).size !== fields.length) fail(path, 'a field listed twice');
  };

const entityPut: Check = (value, path) => {
  if (!isPlainObject(value)) fail(path, `expected an object, got ${describe(value)}`);
  setupTable(value.table, `${path}.table`);
  const table = value.table as SetupTable;
  object<{ table: SetupTable; entity: object; revision: number; fields?: string[] }>({
    table: setupTable,
    entity: ENTITY_SHAPES[table],
    revision,
    fields: optional(fieldsOf(table)),
  })(value, path);
};

type Payload<T extends EventType> = EventPayloads[T];

const stamp = object<Stamp>({ revision: integer(0), deviceId: id, deviceSeq: integer(1), eventId: id });

/** The host console's kinds (issue 5: src/db/stage.ts). */
const STAGE_PAYLOAD_SHAPES = {
  'stage.timer': object<Payload<'stage.timer'>>({
    contestantId: id,
    action: literal('start', 'pause', 'reset'),
    elapsedMs: integer(0),
    revision,
  }),
  'stage.view': object<Payload<'stage.view'>>({
    view: literal('contestant', 'reveal', 'leaderboard', 'awards'),
    contestantId: nullable(id),
    theme: literal('leitai', 'contrast'),
    revision,
    pace: optional(literal('ceremonial', 'standard', 'quick', 'instant')),
  }),
  'stage.nudge': object<Payload<'stage.nudge'>>({ nudgeId: id, judgeId: id, contestantId: id }),
  'stage.confirmRequest': object<Payload<'stage.confirmRequest'>>({
    requestId: id,
    judgeId: id,
    contestantId: id,
    total: text(40),
  }),
  'stage.confirm': object<Payload<'stage.confirm'>>({ requestId: id, judgeId: id, contestantId: id }),
  'contestant.lock': object<Payload<'contestant.lock'>>({
    contestantId: id,
    cells: array(
      object<FrozenCell>({
        judgeId: id,
        criterionId: id,
        value: nullable(hundredths),
        head: nullable(stamp),
      }),
    ),
    override: nullable(
      object<{ reason: string; missingJudgeIds: Id[] }>({ reason: text(), missingJudgeIds: array(id) }),
    ),
    revision,
  }),
  'contestant.unlock': object<Payload<'contestant.unlock'>>({
    contestantId: id,
    judgeId: id,
    requestId: id,
    criterionIds: array(id),
    revision,
  }),
} satisfies Partial<Record<EventType, Check>>;

/** 结束本轮 / 重新开放: the organizer's closure of a round's results (src/domain/provisional.ts). */
const ROUND_CLOSURE_PAYLOAD_SHAPES = {
  'round.close': object<Payload<'round.close'>>({ revision }),
  'round.reopen': object<Payload<'round.reopen'>>({ revision }),
} satisfies Partial<Record<EventType, Check>>;

/** One shape per event kind: adding a kind to EventPayloads fails to compile until it is here. */
const PAYLOAD_SHAPES: Record<EventType, Check> = {
  'entity.put': entityPut,
  'entity.delete': object<Payload<'entity.delete'>>({ table: setupTable, entityId: id, revision }),
  'mark.set': object<Payload<'mark.set'>>({
    judgeId: id,
    contestantId: id,
    criterionId: id,
    value: nullable(hundredths),
    revision,
  }),
  'sheet.submit': object<Payload<'sheet.submit'>>({ judgeId: id, contestantId: id, revision }),
  'adjustment.add': object<Payload<'adjustment.add'>>({
    adjustmentId: id,
    contestantId: id,
    label: text(200),
    points: hundredths,
    reason: text(),
  }),
  'adjustment.revoke': object<Payload<'adjustment.revoke'>>({ adjustmentId: id, reason: text() }),
  'correction.request': object<Payload<'correction.request'>>({
    requestId: id,
    judgeId: id,
    contestantId: id,
    reason: text(),
  }),
  'correction.decide': object<Payload<'correction.decide'>>({
    requestId: id,
    judgeId: id,
    contestantId: id,
    approved: boolean,
    reason: text(),
    revision,
  }),
  'draw.record': object<Payload<'draw.record'>>({
    seedFingerprint: text(200),
    seed: text(200),
    order: array(id),
  }),
  'order.manual': object<Payload<'order.manual'>>({ order: array(id) }),
  'draw.commit': object<Payload<'draw.commit'>>({ seedFingerprint: text(200), seed: text(200) }),
  'stage.call': object<Payload<'stage.call'>>({ contestantId: id, revision }),
  ...STAGE_PAYLOAD_SHAPES,
  ...ROUND_CLOSURE_PAYLOAD_SHAPES,
  'scope.purge': object<Payload<'scope.purge'>>({ purpose: literal('demo', 'rehearsal') }),
};

export const EVENT_TYPES = Object.keys(PAYLOAD_SHAPES) as EventType[];

const author = variant('role', {
  organizer: object<{ role: 'organizer' }>({ role: literal('organizer') }),
  host: object<{ role: 'host' }>({ role: literal('host') }),
  judge: object<{ role: 'judge'; judgeId: Id }>({ role: literal('judge'), judgeId: id }),
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const recordedAt: Check = (value, path) => {
  text(40)(value, path);
  if (!ISO_INSTANT.test(value as string)) fail(path, `expected an ISO 8601 time, got ${describe(value)}`);
};

const wireEvent: Check = (value, path) => {
  if (!isPlainObject(value)) fail(path, `expected an object, got ${describe(value)}`);
  const type = value.type;
  literal(...EVENT_TYPES)(type, 'type');
  object<LeitaiEvent>({
    id,
    deviceId: id,
    deviceSeq: integer(1),
    author,
    competitionId: id,
    roundId: nullable(id),
    recordedAt,
    type: literal(type as string),
    payload: PAYLOAD_SHAPES[type as EventType],
  })(value, path);
};

/**
 * Checks that `value` is a well-formed wire event, strictly: every field present with its type,
 * no unknown field. Shape only: whether a mark fits its criterion is the author's device's check
 * (refusing a valid-looking event later would make devices diverge).
 */
export function parseWireEvent(value: unknown): ParseResult<WireEvent> {
  try {
    wireEvent(value, '');
    return { ok: true, value: value as WireEvent };
  } catch (error) {
    if (error instanceof ShapeError)
      return { ok: false, error: { path: error.path, problem: error.problem } };
    // Whatever else a crafted value trips over is still a malformed event, never a crash.
    return { ok: false, error: { path: '', problem: 'unreadable event' } };
  }
}

// ---------------------------------------------------------------------------------------------
// Who may write what

/** The kinds a judge's tablet writes (src/db/marks.ts, corrections.ts), always as that judge. */
export const JUDGE_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  'mark.set',
  'sheet.submit',
  'correction.request',
  'stage.confirm',
]);

/**
 * Why a device of `role` (bound to `judgeId`, using `deviceId`) may not push `event`, or null
 * when it may. The organizer may push anything (it also imports other devices' exported logs).
 */
export function writeRefusal(
  session: { role: DeviceRole; deviceId: Id; judgeId: Id | null },
  event: WireEvent,
): Pick<SyncError, 'code' | 'message'> | null {
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

export function readingOf(event: WireEvent | LeitaiEvent): EventReading {
  if (JUDGE_PRIVATE_TYPES.has(event.type) && 'judgeId' in event.payload) {
    // Which judges have submitted is shown on the projector's panel; their marks are not.
    return { reader: event.payload.judgeId, projector: event.type === 'sheet.submit', redact: false };
  }
  const redact =
    (event.type === 'entity.put' && event.payload.table === 'judges') || event.type === 'draw.commit';
  return { reader: null, projector: true, redact };
}

/**
 * The text of a stored event as a non-organizer reads it: a judge's join code blanked, and a
 * committed draw seed (only its fingerprint is public before the draw).
 */
export function redactedEventText(stored: string): string {
  const event = JSON.parse(stored) as LeitaiEvent;
  if (event.type === 'draw.commit')
    return JSON.stringify({ ...event, payload: { ...event.payload, seed: '' } });
  if (event.type !== 'entity.put' || event.payload.table !== 'judges') return stored;
  return JSON.stringify({
    ...event,
    payload: { ...event.payload, entity: { ...event.payload.entity, joinCode: '' } },
  });
}
