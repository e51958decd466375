/**
 * The shape of an event as it travels and is stored in a backup (WireEvent), and its strict
 * validator (parseWireEvent): every field present with its type, no unknown field. The venue
 * server checks every pushed event with it, the devices every pulled one, and `leitai verify`
 * and the restore every event of a backup, so all of them agree on every shape. The sync
 * protocol (src/sync/protocol.ts) re-exports it for the devices and the server.
 *
 * Pure: no Dexie, no Node, no DOM.
 */

import type { Combination, CombinationStage } from './combination.ts';
import type {
  EventPayloads,
  EventType,
  FrozenCell,
  LeitaiEvent,
  SheetSignature,
  SignedMark,
  Stamp,
} from './events.ts';
import type { Criterion, Id, RaterGroup, RecuseList, RoundSettings } from './model.ts';
import type {
  AudienceVoting,
  CompetitionRecord,
  ContestantRecord,
  JudgeRecord,
  OvertimeRule,
  PhotoRecord,
  RoundJudgeRecord,
  RoundRecord,
  SetupTable,
} from './records.ts';
import { isMergedTable, MAX_PHOTO_BASE64_LENGTH, MERGED_FIELDS } from './records.ts';
import {
  type ContestantSite,
  isSiteTime,
  MAX_SITE_NAME_LENGTH,
  MAX_SITES_PER_CONTESTANT,
} from './site-visits.ts';

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

const panelRule = variant('kind', {
  mean: object<{ kind: 'mean' }>({ kind: literal('mean') }),
  trimmed: object<{ kind: 'trimmed'; k: number }>({ kind: literal('trimmed'), k: integer(0) }),
  median: object<{ kind: 'median' }>({ kind: literal('median') }),
  weighted: object<{ kind: 'weighted' }>({ kind: literal('weighted') }),
});

/** A rater group's shape; whether its settings make sense is the engine's check (validate.ts). */
const raterGroup = object<RaterGroup>({
  id,
  label: text(200),
  weight: hundredths,
  criteria: nullable(array(id, 100)),
  panel: nullable(panelRule),
  minJudges: nullable(integer(0)),
});

const roundSettings = object<RoundSettings>({
  panel: panelRule,
  level: literal('total', 'criterion'),
  decimals: integer(0, 4),
  rounding: literal('half-up', 'half-even', 'down'),
  roundEachCriterion: boolean,
  minJudges: nullable(integer(0)),
  tieBreak: array(tieBreakStep, 100),
  awards: array(awardTier, 100),
  recusal: optional(literal('equal', 'contains')),
  groups: optional(array(raterGroup, 20)),
  roundEachGroup: optional(boolean),
});

/** A competition's 总成绩 (./combination.ts); whether it makes sense is combineStages' check. */
const combination = object<Combination>({
  stages: array(object<CombinationStage>({ roundId: id, weight: hundredths }), 20),
  decimals: integer(0, 4),
  rounding: literal('half-up', 'half-even', 'down'),
  tieBreak: array(text(MAX_ID_LENGTH + 10), 21),
  awards: array(awardTier, 100),
});

/** Text of at most `maxLength` characters that `pattern` matches. */
const matching =
  (maxLength: number, pattern: RegExp, problem: string): Check =>
  (value, path) => {
    text(maxLength)(value, path);
    if (!pattern.test(value as string)) fail(path, problem);
  };

/** Base64 text: a photo, a signing key, a signature. */
const base64 = (maxLength: number) => matching(maxLength, /^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

const wireBlob = object<WireBlob>({ mediaType: text(100), base64: base64(MAX_PHOTO_BASE64_LENGTH) });

/** A judge's 回避名单 (./recusal.ts). */
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
  group: optional(id),
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

/** A 观摩点 (./site-visits.ts): a name, and a time of day when given. */
const contestantSite = object<ContestantSite>({
  name: (value, path) => {
    text(MAX_SITE_NAME_LENGTH)(value, path);
    if ((value as string).trim() === '') fail(path, 'empty site name');
  },
  time: optional((value, path) => {
    text(5)(value, path);
    if (!isSiteTime(value as string)) fail(path, `expected HH:MM, got ${describe(value)}`);
  }),
});

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
    combination: optional(combination),
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
    audience: optional(
      object<AudienceVoting>({
        groupId: id,
        criterionId: id,
        mode: literal('support', 'rating'),
        windowSeconds: integer(5, 3600),
      }),
    ),
    handSignature: optional(literal('perSheet', 'perSession')),
    siteVisit: optional(literal(true)),
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
    sites: optional(array(contestantSite, MAX_SITES_PER_CONTESTANT)),
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

/** The host console's kinds (written by src/db/stage.ts). */
const STAGE_PAYLOAD_SHAPES = {
  'stage.timer': object<Payload<'stage.timer'>>({
    contestantId: id,
    action: literal('start', 'pause', 'reset'),
    elapsedMs: integer(0),
    revision,
  }),
  'stage.view': object<Payload<'stage.view'>>({
    view: literal('contestant', 'reveal', 'leaderboard', 'awards', 'combined'),
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
    allSigned: optional(literal(true)),
  }),
  'contestant.unlock': object<Payload<'contestant.unlock'>>({
    contestantId: id,
    judgeId: id,
    requestId: id,
    criterionIds: array(id),
    revision,
  }),
} satisfies Partial<Record<EventType, Check>>;

const hexDigest = matching(64, /^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

/** The handwritten signature's PNG, in base64: a small drawing, never a photo (./signing.ts). */
const HAND_SIGNATURE_IMAGE_MAX_BASE64 = 24_000;

/** A signed sheet's signature (./signing.ts); whether it verifies is `leitai verify`'s and the host's check. */
const sheetSignature = object<SheetSignature>({
  keyFingerprint: text(40),
  signedAt: (value, path) => recordedAt(value, path),
  marks: array(object<SignedMark>({ criterionId: id, value: hundredths }), 100),
  handSignatureDigest: nullable(hexDigest),
  value: base64(200),
  handSignatureImage: optional(base64(HAND_SIGNATURE_IMAGE_MAX_BASE64)),
});

/** A judge's signing keys (./signing.ts): registered by the judge's tablet, retired, never deleted. */
const KEY_PAYLOAD_SHAPES = {
  'judge.key.register': object<Payload<'judge.key.register'>>({
    judgeId: id,
    deviceId: id,
    publicKey: base64(200),
    fingerprint: text(40),
  }),
  'judge.key.retire': object<Payload<'judge.key.retire'>>({
    judgeId: id,
    deviceId: id,
    fingerprint: text(40),
    reason: literal('rejoined', 'replaced'),
  }),
} satisfies Partial<Record<EventType, Check>>;

/** 结束本轮 / 重新开放: the organizer's closure of a round's results (./provisional.ts). */
const ROUND_CLOSURE_PAYLOAD_SHAPES = {
  'round.close': object<Payload<'round.close'>>({ revision }),
  'round.reopen': object<Payload<'round.reopen'>>({ revision }),
} satisfies Partial<Record<EventType, Check>>;

/**
 * 大众投票 (./audience.ts): the host's window events, and the votes and seals the venue server
 * alone writes. A rating is 1 to 10, a support vote 0 or 1: which one the round takes is the
 * server's check, against the round's settings.
 */
const AUDIENCE_PAYLOAD_SHAPES = {
  'audience.open': object<Payload<'audience.open'>>({ contestantId: id, seconds: integer(5, 3600) }),
  'audience.close': object<Payload<'audience.close'>>({ contestantId: id, windowId: id }),
  'audience.vote': object<Payload<'audience.vote'>>({
    windowId: id,
    contestantId: id,
    voterId: id,
    value: integer(0, 10),
    n: integer(1),
    atMs: integer(0),
  }),
  'audience.seal': object<Payload<'audience.seal'>>({ windowId: id, contestantId: id, votes: integer(0) }),
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
  'sheet.submit': object<Payload<'sheet.submit'>>({
    judgeId: id,
    contestantId: id,
    revision,
    signature: optional(sheetSignature),
  }),
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
  ...AUDIENCE_PAYLOAD_SHAPES,
  'scope.purge': object<Payload<'scope.purge'>>({ purpose: literal('demo', 'rehearsal') }),
  ...KEY_PAYLOAD_SHAPES,
};

const EVENT_TYPES = Object.keys(PAYLOAD_SHAPES) as EventType[];

const author = variant('role', {
  organizer: object<{ role: 'organizer' }>({ role: literal('organizer') }),
  host: object<{ role: 'host' }>({ role: literal('host') }),
  judge: object<{ role: 'judge'; judgeId: Id }>({ role: literal('judge'), judgeId: id }),
  server: object<{ role: 'server' }>({ role: literal('server') }),
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
