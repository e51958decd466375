/**
 * The event log: every change to a competition is an event appended by one device, and the
 * current state (the projection) is a fold of the events. Sync pushes and pulls events, never
 * state, so this module decides what every device, and the venue server, will believe.
 *
 * Convergence: a projection is made of cells (a mark, a score sheet, a field of a setup entity,
 * an adjustment, a correction request). The event that owns a cell is chosen by `compareRevision`
 * alone: the highest per-cell revision, then deviceId, deviceSeq and id. A device writes
 * revision = (revision it has seen) + 1, so an edit supersedes exactly what its author saw;
 * two offline edits of the same cell tie on revision and the deterministic tie-break picks one.
 * Wall clocks are never compared (tablets' clocks drift, and the venue has no time server):
 * `recordedAt` is kept for the audit trail only. Because every reducer keeps the maximum under
 * a total order (or a union), the fold gives the same projection whatever the order and the
 * duplication of the events.
 *
 * Pure: no React, Dexie, DOM API or Node import, no clock, no randomness. The Dexie write path
 * (src/db/projection.ts) loads the rows an event batch touches and runs the same `applyEvents`
 * loop as `foldEvents`, so the incremental projection and the fold share one winner rule.
 */

import type { Hundredths, Id } from './model.ts';
import { compareIds } from './order.ts';
import { withoutPurgedScopes } from './purge.ts';
import {
  isMergedTable,
  judgeOfEntity,
  MERGED_FIELDS,
  type MergedField,
  type MergedTable,
  type RoundJudgeRecord,
  type SetupRecords,
  type SetupTable,
} from './records.ts';

// ---------------------------------------------------------------------------------------------
// Events

/**
 * Who wrote an event. `server`: the venue server itself (audience votes and seals, written by it
 * alone: no device may push an event so authored, protocol.ts writeRefusal).
 */
export type Author =
  | { role: 'organizer' }
  | { role: 'host' }
  | { role: 'judge'; judgeId: Id }
  | { role: 'server' };

/**
 * The records as events carry them: a judge may still be in the shape of logs and backups
 * written before judges belonged to the competition (`entityChangeOf` folds it).
 */
export type WrittenRecords = Omit<SetupRecords, 'judges'> & {
  judges: SetupRecords['judges'] | RoundJudgeRecord;
};

/**
 * An entity as its author saw it after the write; the payload's table says which record type it
 * is. Without `fields` the put writes the whole record (the creation, and every put of logs
 * written before protocol 4); with `fields` (never a photo's) it writes those fields only, the
 * others being the author's view of them (see `mergeEntity`).
 */
export type EntityPutPayload = {
  [T in SetupTable]: { table: T; entity: WrittenRecords[T]; revision: number } & (T extends MergedTable
    ? { fields?: MergedField<T>[] }
    : unknown);
}[SetupTable];

/**
 * The payload of each event type. To add a kind (stage events, locks…), add a key here and a
 * case in `projectionStepsOf`; the `LeitaiEvent` union follows.
 */
export interface EventPayloads {
  'entity.put': EntityPutPayload;
  'entity.delete': { table: SetupTable; entityId: Id; revision: number };
  /** `value: null` clears the cell. */
  'mark.set': { judgeId: Id; contestantId: Id; criterionId: Id; value: Hundredths | null; revision: number };
  /**
   * `signature`: the judge's tablet signed the sheet it submitted (./signing.ts); absent in logs
   * written before signing (protocol 6) and on a rehearsal's simulated sheets.
   */
  'sheet.submit': { judgeId: Id; contestantId: Id; revision: number; signature?: SheetSignature };
  'adjustment.add': { adjustmentId: Id; contestantId: Id; label: string; points: Hundredths; reason: string };
  'adjustment.revoke': { adjustmentId: Id; reason: string };
  'correction.request': { requestId: Id; judgeId: Id; contestantId: Id; reason: string };
  /**
   * An approved decision reopens the judge's sheet: it writes the sheet cell at `revision`.
   * The sheet's judge and contestant are repeated from the request so that a device receiving
   * the decision before the request still reopens the right sheet.
   */
  'correction.decide': {
    requestId: Id;
    judgeId: Id;
    contestantId: Id;
    approved: boolean;
    reason: string;
    revision: number;
  };
  /**
   * 抽签 and manual reordering are recorded for the audit (and to re-run the seeded shuffle);
   * the resulting `draw` of each contestant travels as `entity.put` events written in the same
   * transaction, so the order of appearance has a single source of truth: the contestant.
   */
  'draw.record': { seedFingerprint: string; seed: string; order: Id[] };
  /**
   * The draw's seed, fixed the moment its fingerprint is first shown: the next draw of the round
   * uses it (src/db/draw.ts). The seed stays on the organizer's devices until the draw publishes
   * it: every other device reads this event with `seed` blanked (readingOf in protocol.ts).
   */
  'draw.commit': { seedFingerprint: string; seed: string };
  'order.manual': { order: Id[] };
  /**
   * The host calls a contestant to the stage (叫号); the judges' screens open that contestant.
   * One cell per round, decided by the entities' winner rule (see `stageCallOf`). It has no
   * projection table: a round has only a few calls, and they are read from the log through its
   * [roundId+type] index.
   */
  'stage.call': { contestantId: Id; revision: number };
  /**
   * The stage clock (计时) of one contestant, one cell per (round, contestant): `elapsedMs` is
   * the time counted at the action (a pause keeps it, a reset makes it 0). A running clock is
   * advanced by each screen's own clock for display only (src/domain/overtime.ts).
   */
  'stage.timer': { contestantId: Id; action: TimerAction; elapsedMs: number; revision: number };
  /**
   * What the projector (大屏) shows, and in which theme: one cell per round. `pace`: how fast a
   * reveal unfolds, as the host chose it (absent: standard; `instant`: the host skipped to the end).
   */
  'stage.view': {
    view: ProjectorView;
    contestantId: Id | null;
    theme: ProjectorTheme;
    revision: number;
    pace?: RevealPace;
  };
  /** 催分: the host reminds a judge who has not submitted; the judge's screen shows it. */
  'stage.nudge': { nudgeId: Id; judgeId: Id; contestantId: Id };
  /** The host asks a judge to confirm a total far from the panel's (`total` as the host saw it). */
  'stage.confirmRequest': { requestId: Id; judgeId: Id; contestantId: Id; total: string };
  /** The judge confirms that total as intended. */
  'stage.confirm': { requestId: Id; judgeId: Id; contestantId: Id };
  /**
   * 公布: locks the contestant's marks. The event carries the cells it freezes (every criterion
   * of every eligible judge, empty ones with `head: null`), so every device scores exactly what
   * the host revealed: a mark that arrives later is kept in the log but does not count (see
   * `MarkRow.lock`). `override` records why the host revealed without every sheet.
   */
  'contestant.lock': {
    contestantId: Id;
    cells: FrozenCell[];
    override: { reason: string; missingJudgeIds: Id[] } | null;
    revision: number;
    /**
     * 评委签名齐全: the host console found every counted sheet validly signed when it revealed
     * (RevealChecks.allSigned, checked with WebCrypto there), so that the projector shows what the
     * host reads out without verifying anything itself. Absent otherwise: never a false claim.
     */
    allSigned?: true;
  };
  /**
   * An approved correction (申请修改) of a revealed contestant reopens that judge's cells; the
   * host reveals again (a new lock) once the judge has resubmitted.
   */
  'contestant.unlock': { contestantId: Id; judgeId: Id; requestId: Id; criterionIds: Id[]; revision: number };
  /**
   * 结束本轮，成绩定稿: the organizer closes the round, so its ranks and awards are final even
   * with contestants unrevealed; `round.reopen` makes them provisional (暂定) again. One cell per
   * round, decided by `compareRevision` (src/domain/provisional.ts); no projection table.
   */
  'round.close': { revision: number };
  'round.reopen': { revision: number };
  /**
   * Removes a scope from every device and the server: the whole competition (`roundId` null:
   * the demo) or one round (a 彩排 rehearsal round). The envelope's competition and round are the
   * scope; `purpose` says which kind of scope was allowed (see ./purge.ts). The purge event
   * itself stays, so that a late device learns of it and nothing of the scope comes back.
   */
  'scope.purge': { purpose: PurgePurpose };
  /**
   * 大众投票: the host opens the audience's voting window for a contestant (the round's
   * `audience` settings say how they vote), for `seconds` by the venue server's clock from the
   * moment it admits this event. The event's id is the window's id.
   */
  'audience.open': { contestantId: Id; seconds: number };
  /** The host closes a window early; the server then refuses votes and seals it. */
  'audience.close': { contestantId: Id; windowId: Id };
  /**
   * One phone's vote, written by the venue server alone (author `server`) when it accepts it:
   * `n` numbers the window's votes 1, 2, 3…, and `atMs` is the server's time since the window
   * opened. `value`: 1/0 (support) or 1 to 10 (rating). A later vote of the same voter for the
   * same contestant replaces the earlier one (./audience.ts).
   */
  'audience.vote': { windowId: Id; contestantId: Id; voterId: Id; value: number; n: number; atMs: number };
  /**
   * Written by the venue server when it admits a close: the window accepted `votes` votes, so a
   * vote numbered past it never counts, whatever order a device receives them in.
   */
  'audience.seal': { windowId: Id; contestantId: Id; votes: number };
  /**
   * A judge's tablet registers the public half of the key it signs sheets with (./signing.ts),
   * bound to that judge and that device: the server admits it only from that judge's own tablet.
   * Competition-level (no round). Keys are never deleted: `judge.key.retire` ends one's use.
   */
  'judge.key.register': { judgeId: Id; deviceId: Id; publicKey: string; fingerprint: string };
  /** The tablet re-bound or replaced: the key signs no more sheets; sheets it signed stay valid. */
  'judge.key.retire': { judgeId: Id; deviceId: Id; fingerprint: string; reason: KeyRetireReason };
}

/** Why a judge's key was retired: its tablet joined as another judge or again, or the organizer did. */
export type KeyRetireReason = 'rejoined' | 'replaced';

/**
 * A judge's signature of a submitted sheet: ECDSA P-256 with SHA-256 over the canonical encoding
 * of the sheet (./signing.ts `canonicalSheetText`) made of the event's competition, round, judge,
 * contestant and revision and of the fields below.
 */
export interface SheetSignature {
  /** Of the signing key (`keyFingerprint`), registered by a `judge.key.register`. */
  keyFingerprint: string;
  /** ISO 8601 as the tablet's clock said when signing: signed, but never used to decide anything. */
  signedAt: string;
  /** The sheet's marks as signed, one per criterion the judge marks. */
  marks: SignedMark[];
  /** SHA-256 (hex) of the handwritten signature image (手写签名) the sheet carries, or null. */
  handSignatureDigest: string | null;
  /** The signature, IEEE P1363 (r ‖ s, 64 bytes) as WebCrypto gives it, in base64. */
  value: string;
  /**
   * The handwritten signature's PNG (base64) whose SHA-256 is `handSignatureDigest`; outside the
   * signed text itself, which covers it through the digest (./signing.ts handSignatureHolds).
   */
  handSignatureImage?: string;
}

export interface SignedMark {
  criterionId: Id;
  value: Hundredths;
}

export type PurgePurpose = 'demo' | 'rehearsal';

export type TimerAction = 'start' | 'pause' | 'reset';
/** `combined`: the competition's 总成绩 (./combination.ts), from what has been revealed. */
export type ProjectorView = 'contestant' | 'reveal' | 'leaderboard' | 'awards' | 'combined';
export type ProjectorTheme = 'leitai' | 'contrast';
/** 揭晓速度: 隆重 / 标准 / 快速, and `instant` for a reveal the host skipped to its final score. */
export type RevealPace = 'ceremonial' | 'standard' | 'quick' | 'instant';

/** A mark cell as a lock froze it: the value and the stamp of the mark.set that owned it. */
export interface FrozenCell {
  judgeId: Id;
  criterionId: Id;
  value: Hundredths | null;
  /** Null when the cell had no mark. */
  head: Stamp | null;
}

export type EventType = keyof EventPayloads;

export interface EventEnvelope {
  /** 128-bit random hex, unique across devices: two events with one id are the same event. */
  id: Id;
  deviceId: Id;
  /** 1, 2, 3… per device, without gaps: sync's cursor and the audit's order of a device. */
  deviceSeq: number;
  author: Author;
  competitionId: Id;
  /** Null for competition-level events. */
  roundId: Id | null;
  /** ISO 8601, for the audit trail only: never used to decide anything. */
  recordedAt: string;
}

/** One event; `LeitaiEvent` alone is the union of all kinds, narrowed by `type`. */
export type LeitaiEvent<T extends EventType = EventType> = T extends EventType
  ? EventEnvelope & { type: T; payload: EventPayloads[T] }
  : never;

/** An event before the device gives it its id, sequence number and time. */
export type EventDraft<T extends EventType = EventType> = T extends EventType
  ? Omit<EventEnvelope, 'id' | 'deviceId' | 'deviceSeq' | 'recordedAt'> & {
      type: T;
      payload: EventPayloads[T];
    }
  : never;

// ---------------------------------------------------------------------------------------------
// The winner rule

/** What decides which event owns a cell. */
export interface Stamp {
  revision: number;
  deviceId: Id;
  deviceSeq: number;
  eventId: Id;
}

export function revisionOf(event: LeitaiEvent): number {
  return 'revision' in event.payload ? event.payload.revision : 0;
}

export function stampOf(event: LeitaiEvent): Stamp {
  return {
    revision: revisionOf(event),
    deviceId: event.deviceId,
    deviceSeq: event.deviceSeq,
    eventId: event.id,
  };
}

/**
 * The total order of events within a cell: revision, then deviceId, deviceSeq and id.
 * Positive when `a` wins over `b`, zero only for the same event.
 */
export function compareRevision(a: Stamp, b: Stamp): number {
  return (
    a.revision - b.revision ||
    compareIds(a.deviceId, b.deviceId) ||
    a.deviceSeq - b.deviceSeq ||
    compareIds(a.eventId, b.eventId)
  );
}

/** Whether an event stamped `candidate` takes a cell currently owned by `current`. */
export function supersedes(candidate: Stamp, current: Stamp | null | undefined): boolean {
  return current == null || compareRevision(candidate, current) > 0;
}

/**
 * The call that owns a round's stage: among that round's `stage.call` events, the winner by
 * `compareRevision`, so every device agrees whatever order the calls arrived in. Null when no
 * one has been called.
 */
export function stageCallOf(events: Iterable<LeitaiEvent>): LeitaiEvent<'stage.call'> | null {
  let winner: LeitaiEvent<'stage.call'> | null = null;
  for (const event of events) {
    if (event.type !== 'stage.call') continue;
    if (supersedes(stampOf(event), winner && stampOf(winner))) winner = event;
  }
  return winner;
}

// ---------------------------------------------------------------------------------------------
// Projection rows: the same shapes in IndexedDB and in `foldEvents`

/**
 * What the events of one entity add up to; the entity itself is in its setup table unless
 * deleted. `head` is the newest event, put or delete: whether the entity exists, and the
 * revision its next edit builds on.
 */
export interface EntityHeadRow {
  table: SetupTable;
  entityId: Id;
  deleted: boolean;
  head: Stamp;
  /**
   * A merged table's record (records.ts MERGED_FIELDS), field by field, each with the put that
   * wrote it; absent for a photo, which its newest put writes whole.
   */
  fields?: Record<string, FieldCell>;
}

/** One field of an entity: its value (absent when the record lacks the field) and its writer. */
export interface FieldCell {
  head: Stamp;
  value?: unknown;
}

/**
 * One judge's mark for one contestant on one criterion; `value: null` when cleared. `value`
 * and `head` are what counts: the newest mark, or while the contestant is locked (公布) the
 * mark the lock froze.
 */
export interface MarkRow {
  roundId: Id;
  judgeId: Id;
  contestantId: Id;
  criterionId: Id;
  value: Hundredths | null;
  head: Stamp;
  /**
   * Present once a `contestant.lock` or `contestant.unlock` reached the cell: the winning one
   * (by `compareRevision`), with what it froze (`frozen`), or `frozen: null` when it unlocked.
   */
  lock?: { head: Stamp; frozen: { value: Hundredths | null; head: Stamp | null } | null };
  /** With `lock`: the newest mark.set of the cell (or frozen copy of one), counted or not. */
  latest?: { value: Hundredths | null; head: Stamp } | null;
}

/** A mark that arrived after the lock it should have been under: in the log, not counted. */
export function isLateMark(row: MarkRow): boolean {
  const frozen = row.lock?.frozen;
  if (!frozen || !row.latest) return false;
  return frozen.head === null || compareRevision(row.latest.head, frozen.head) > 0;
}

/**
 * The one lock rule: a cell is locked while the winning lock or unlock that reached it is a
 * reveal (公布) that froze it. A cell no reveal froze is open, a criterion or a judge added after
 * the reveal included: the fold counts a mark there, so the judge may write it, and the host's
 * next reveal freezes it.
 */
export function isMarkLocked(row: MarkRow | undefined): boolean {
  return row?.lock?.frozen != null;
}

/** The mark a new edit must supersede: the newest one, counted or not. */
export function latestMarkOf(row: MarkRow): { value: Hundredths | null; head: Stamp } | null {
  return row.lock ? (row.latest ?? null) : { value: row.value, head: row.head };
}

/** A sheet without a row has never been submitted; `reopened` after an approved correction. */
export type SheetStatus = 'submitted' | 'reopened';

export interface SheetRow {
  roundId: Id;
  judgeId: Id;
  contestantId: Id;
  status: SheetStatus;
  head: Stamp;
}

/**
 * An adjustment is active once added and until revoked. Either event may arrive first, so
 * each has its own slot; the round is the added event's (the revoke's until it arrives).
 */
export interface AdjustmentRow {
  adjustmentId: Id;
  roundId: Id;
  added: { contestantId: Id; label: string; points: Hundredths; reason: string; head: Stamp } | null;
  revoked: { reason: string; head: Stamp } | null;
}

export interface CorrectionRow {
  requestId: Id;
  roundId: Id;
  request: { judgeId: Id; contestantId: Id; reason: string; head: Stamp } | null;
  decision: { approved: boolean; reason: string; head: Stamp } | null;
}

export function isAdjustmentActive(row: AdjustmentRow): boolean {
  return row.added !== null && row.revoked === null;
}

export function isCorrectionPending(row: CorrectionRow): boolean {
  return row.request !== null && row.decision === null;
}

/**
 * One audience voting window (key: the open event's id), each slot filled by its event, so any
 * order of arrival gives the same row: the host's open and close, the server's seal.
 */
export interface AudienceWindowRow {
  windowId: Id;
  roundId: Id;
  contestantId: Id;
  opened: { seconds: number; recordedAt: string; head: Stamp } | null;
  closed: { head: Stamp } | null;
  sealed: { votes: number; head: Stamp } | null;
}

/** One accepted vote, as the server wrote it. */
export interface AudienceVote {
  value: number;
  n: number;
  atMs: number;
  head: Stamp;
}

/** Every vote one voter cast in one window (key: window and voter), in the order of `n`. */
export interface AudienceVoteRow {
  windowId: Id;
  voterId: Id;
  roundId: Id;
  contestantId: Id;
  votes: AudienceVote[];
}

export interface ProjectionRows {
  entityHeads: EntityHeadRow;
  marks: MarkRow;
  sheets: SheetRow;
  adjustments: AdjustmentRow;
  corrections: CorrectionRow;
  audienceWindows: AudienceWindowRow;
  audienceVotes: AudienceVoteRow;
}

export type ProjectionName = keyof ProjectionRows;

/** Primary keys, in the order of the IndexedDB compound keys. */
export interface ProjectionKeys {
  entityHeads: [table: SetupTable, entityId: Id];
  marks: [roundId: Id, judgeId: Id, contestantId: Id, criterionId: Id];
  sheets: [roundId: Id, judgeId: Id, contestantId: Id];
  adjustments: Id;
  corrections: Id;
  audienceWindows: Id;
  audienceVotes: [windowId: Id, voterId: Id];
}

/**
 * What one event does to one projection row: `reduce` gets the current row (undefined when
 * there is none) and returns the new row, or undefined when the event does not change it.
 */
export interface ProjectionStep<P extends ProjectionName> {
  projection: P;
  key: ProjectionKeys[P];
  reduce(current: ProjectionRows[P] | undefined): ProjectionRows[P] | undefined;
}

export type AnyProjectionStep = { [P in ProjectionName]: ProjectionStep<P> }[ProjectionName];

function entityIdOf(event: LeitaiEvent<'entity.put' | 'entity.delete'>): Id {
  return event.type === 'entity.put' ? event.payload.entity.id : event.payload.entityId;
}

/**
 * The field cells a put writes: every field of its table (one its record lacks is cleared), the
 * fields it lists at its own stamp and the others at revision 0. Revisions start at 1, so the
 * author's view of an unlisted field fills that field only until a real write of it arrives (an
 * edit delivered before the entity's creation), and among such views the tie-break decides.
 */
function fieldWritesOf(event: LeitaiEvent<'entity.put'>, table: MergedTable): [string, FieldCell][] {
  const stamp = stampOf(event);
  const { payload } = event;
  const record = (payload.table === 'judges'
    ? judgeOfEntity(payload.entity, event.competitionId)
    : payload.entity) as unknown as Record<string, unknown>;
  const listed = 'fields' in payload && payload.fields ? new Set<string>(payload.fields) : null;
  return MERGED_FIELDS[table].map((field) => {
    const head = listed === null || listed.has(field) ? stamp : { ...stamp, revision: 0 };
    const value = record[field];
    return [field, value === undefined ? { head } : { head, value }];
  });
}

/**
 * The one merge of setup entities, run by the fold, the device's projection (src/db) and the
 * venue server's admission: the row after `event`, or undefined when it changes nothing. As
 * Actual Budget does per column, each field of a merged table is its own cell, won by
 * `compareRevision` (revision, then device, sequence and event id: never a clock), so concurrent
 * edits of different fields both survive and any order of delivery gives the same row. Whether
 * the entity exists is decided by its newest event, put or delete, as for a photo's whole record.
 */
export function mergeEntity(
  current: EntityHeadRow | undefined,
  event: LeitaiEvent<'entity.put' | 'entity.delete'>,
): EntityHeadRow | undefined {
  const { table } = event.payload;
  const stamp = stampOf(event);
  const newest = supersedes(stamp, current?.head);
  const head = newest ? stamp : (current as EntityHeadRow).head;
  const deleted = newest ? event.type === 'entity.delete' : (current as EntityHeadRow).deleted;
  if (!isMergedTable(table) || event.type === 'entity.delete') {
    if (!newest) return undefined;
    return current?.fields
      ? { ...current, deleted, head }
      : { table, entityId: entityIdOf(event), deleted, head };
  }
  const fields = { ...current?.fields };
  let fieldChanged = false;
  for (const [field, cell] of fieldWritesOf(event as LeitaiEvent<'entity.put'>, table)) {
    if (!supersedes(cell.head, fields[field]?.head)) continue;
    fields[field] = cell;
    fieldChanged = true;
  }
  if (!newest && !fieldChanged) return undefined;
  return { table, entityId: entityIdOf(event), deleted, head, fields };
}

/** The record a merged table's head row holds, its fields in MERGED_FIELDS order. */
function mergedRecordOf(row: EntityHeadRow, table: MergedTable): SetupRecords[MergedTable] {
  const record: Record<string, unknown> = { id: row.entityId };
  for (const field of MERGED_FIELDS[table]) {
    const cell = row.fields?.[field];
    if (cell && 'value' in cell) record[field] = cell.value;
  }
  return record as unknown as SetupRecords[MergedTable];
}

function entityHeadStep(event: LeitaiEvent<'entity.put' | 'entity.delete'>): ProjectionStep<'entityHeads'> {
  return {
    projection: 'entityHeads',
    key: [event.payload.table, entityIdOf(event)],
    reduce: (current) => mergeEntity(current, event),
  };
}

function sheetStep(
  roundId: Id,
  judgeId: Id,
  contestantId: Id,
  status: SheetStatus,
  head: Stamp,
): ProjectionStep<'sheets'> {
  return {
    projection: 'sheets',
    key: [roundId, judgeId, contestantId],
    reduce: (current) =>
      supersedes(head, current?.head) ? { roundId, judgeId, contestantId, status, head } : undefined,
  };
}

type MarkCell = Pick<MarkRow, 'roundId' | 'judgeId' | 'contestantId' | 'criterionId'>;

/** A cell's row from its newest mark and its lock: the one place that decides what counts. */
function markRowOf(cell: MarkCell, latest: MarkRow['latest'], lock: MarkRow['lock']): MarkRow {
  if (!lock) {
    const newest = latest as NonNullable<MarkRow['latest']>;
    return { ...cell, value: newest.value, head: newest.head };
  }
  const counted = lock.frozen
    ? { value: lock.frozen.value, head: lock.frozen.head ?? lock.head }
    : (latest ?? { value: null, head: lock.head });
  return { ...cell, value: counted.value, head: counted.head, lock, latest: latest ?? null };
}

/**
 * A lock (`frozen` given) or an unlock (`frozen` null) of one mark cell. The lock that owns the
 * cell is the winner by `compareRevision`; a frozen mark also joins the cell's newest mark, as
 * a copy of the event it names, whether or not its lock wins, so the order of arrival never
 * matters.
 */
function lockStep(
  cell: MarkCell,
  head: Stamp,
  frozen: Pick<FrozenCell, 'value' | 'head'> | null,
): ProjectionStep<'marks'> {
  return {
    projection: 'marks',
    key: [cell.roundId, cell.judgeId, cell.contestantId, cell.criterionId],
    reduce: (current) => {
      let latest = current ? latestMarkOf(current) : null;
      const frozenIsNewer = frozen?.head != null && supersedes(frozen.head, latest?.head);
      if (frozen?.head && frozenIsNewer) latest = { value: frozen.value, head: frozen.head };
      const lockWins = supersedes(head, current?.lock?.head);
      if (!frozenIsNewer && !lockWins) return undefined;
      const lock = lockWins
        ? { head, frozen: frozen && { value: frozen.value, head: frozen.head } }
        : current?.lock;
      return markRowOf(cell, latest, lock);
    },
  };
}

function emptyAdjustment(adjustmentId: Id, roundId: Id): AdjustmentRow {
  return { adjustmentId, roundId, added: null, revoked: null };
}

function emptyCorrection(requestId: Id, roundId: Id): CorrectionRow {
  return { requestId, roundId, request: null, decision: null };
}

/** One slot of an audience window, kept by its winning event (a duplicate changes nothing). */
function audienceWindowStep(
  windowId: Id,
  roundId: Id,
  contestantId: Id,
  fill: (row: AudienceWindowRow) => AudienceWindowRow | undefined,
): ProjectionStep<'audienceWindows'> {
  return {
    projection: 'audienceWindows',
    key: windowId,
    reduce: (current) =>
      fill(current ?? { windowId, roundId, contestantId, opened: null, closed: null, sealed: null }),
  };
}

/** The slot's new value when `head` wins it over `current`, else undefined. */
function slotWin<S extends { head: Stamp }>(current: S | null, next: S): S | undefined {
  return supersedes(next.head, current?.head) ? next : undefined;
}

function audienceStepsOf(event: LeitaiEvent, roundId: Id, head: Stamp): AnyProjectionStep[] {
  switch (event.type) {
    case 'audience.open': {
      const { contestantId, seconds } = event.payload;
      const opened = { seconds, recordedAt: event.recordedAt, head };
      return [
        audienceWindowStep(event.id, roundId, contestantId, (row) => {
          const won = slotWin(row.opened, opened);
          // The open decides the window's round and contestant; a close or seal only names them.
          return won && { ...row, roundId, contestantId, opened: won };
        }),
      ];
    }
    case 'audience.close': {
      const { contestantId, windowId } = event.payload;
      return [
        audienceWindowStep(windowId, roundId, contestantId, (row) => {
          const won = slotWin(row.closed, { head });
          return won && { ...row, closed: won };
        }),
      ];
    }
    case 'audience.seal': {
      const { contestantId, windowId, votes } = event.payload;
      return [
        audienceWindowStep(windowId, roundId, contestantId, (row) => {
          const won = slotWin(row.sealed, { votes, head });
          return won && { ...row, sealed: won };
        }),
      ];
    }
    case 'audience.vote': {
      const { windowId, voterId, contestantId, value, n, atMs } = event.payload;
      return [
        {
          projection: 'audienceVotes',
          key: [windowId, voterId],
          reduce: (current) => {
            const row = current ?? { windowId, voterId, roundId, contestantId, votes: [] };
            if (row.votes.some((vote) => vote.head.eventId === head.eventId)) return undefined;
            const votes = [...row.votes, { value, n, atMs, head }].sort(
              (a, b) => a.n - b.n || compareRevision(a.head, b.head),
            );
            return { ...row, votes };
          },
        },
      ];
    }
    default:
      return [];
  }
}

/**
 * The projection rows an event writes, with their reducers. Round-level events without a
 * round, and audit-only events, write nothing.
 */
export function projectionStepsOf(event: LeitaiEvent): AnyProjectionStep[] {
  const head = stampOf(event);
  const { roundId } = event;
  switch (event.type) {
    case 'entity.put':
    case 'entity.delete':
      return [entityHeadStep(event)];
    case 'draw.record':
    case 'draw.commit':
    case 'order.manual':
    case 'stage.call':
    case 'stage.timer':
    case 'stage.view':
    case 'stage.nudge':
    case 'stage.confirmRequest':
    case 'stage.confirm':
    case 'round.close':
    case 'round.reopen':
    case 'scope.purge':
    case 'judge.key.register':
    case 'judge.key.retire':
      return [];
  }
  if (roundId === null) return [];
  switch (event.type) {
    case 'audience.open':
    case 'audience.close':
    case 'audience.seal':
    case 'audience.vote':
      return audienceStepsOf(event, roundId, head);
    case 'mark.set': {
      const { judgeId, contestantId, criterionId, value } = event.payload;
      const cell = { roundId, judgeId, contestantId, criterionId };
      return [
        {
          projection: 'marks',
          key: [roundId, judgeId, contestantId, criterionId],
          reduce: (current) => {
            const latest = current ? latestMarkOf(current) : null;
            if (!supersedes(head, latest?.head)) return undefined;
            return markRowOf(cell, { value, head }, current?.lock);
          },
        },
      ];
    }
    case 'contestant.lock': {
      const { contestantId, cells } = event.payload;
      return cells.map((frozen) => lockStep({ roundId, contestantId, ...frozen }, head, frozen));
    }
    case 'contestant.unlock': {
      const { contestantId, judgeId, criterionIds } = event.payload;
      return criterionIds.map((criterionId) =>
        lockStep({ roundId, judgeId, contestantId, criterionId }, head, null),
      );
    }
    case 'sheet.submit': {
      const { judgeId, contestantId } = event.payload;
      return [sheetStep(roundId, judgeId, contestantId, 'submitted', head)];
    }
    case 'adjustment.add': {
      const { adjustmentId, contestantId, label, points, reason } = event.payload;
      return [
        {
          projection: 'adjustments',
          key: adjustmentId,
          reduce: (current) => {
            const row = current ?? emptyAdjustment(adjustmentId, roundId);
            if (!supersedes(head, row.added?.head)) return undefined;
            return { ...row, roundId, added: { contestantId, label, points, reason, head } };
          },
        },
      ];
    }
    case 'adjustment.revoke': {
      const { adjustmentId, reason } = event.payload;
      return [
        {
          projection: 'adjustments',
          key: adjustmentId,
          reduce: (current) => {
            const row = current ?? emptyAdjustment(adjustmentId, roundId);
            if (!supersedes(head, row.revoked?.head)) return undefined;
            return { ...row, roundId: row.added ? row.roundId : roundId, revoked: { reason, head } };
          },
        },
      ];
    }
    case 'correction.request': {
      const { requestId, judgeId, contestantId, reason } = event.payload;
      return [
        {
          projection: 'corrections',
          key: requestId,
          reduce: (current) => {
            const row = current ?? emptyCorrection(requestId, roundId);
            if (!supersedes(head, row.request?.head)) return undefined;
            return { ...row, roundId, request: { judgeId, contestantId, reason, head } };
          },
        },
      ];
    }
    case 'correction.decide': {
      const { requestId, judgeId, contestantId, approved, reason } = event.payload;
      const decisionStep: ProjectionStep<'corrections'> = {
        projection: 'corrections',
        key: requestId,
        reduce: (current) => {
          const row = current ?? emptyCorrection(requestId, roundId);
          if (!supersedes(head, row.decision?.head)) return undefined;
          return {
            ...row,
            roundId: row.request ? row.roundId : roundId,
            decision: { approved, reason, head },
          };
        },
      };
      return approved
        ? [decisionStep, sheetStep(roundId, judgeId, contestantId, 'reopened', head)]
        : [decisionStep];
    }
  }
}

/** What a winning entity event does to its setup table. */
export type EntityChange =
  | { [T in SetupTable]: { table: T; put: SetupRecords[T] } }[SetupTable]
  | { table: SetupTable; delete: Id };

/**
 * What `event`, having just changed the entity's head row to `row`, does to its setup table: a
 * merged record from the row's fields, a photo whole from the event (which changed the row only
 * by being its newest).
 */
export function entityChangeOf(
  event: LeitaiEvent<'entity.put' | 'entity.delete'>,
  row: EntityHeadRow,
): EntityChange {
  const { table } = row;
  if (row.deleted) return { table, delete: row.entityId };
  if (isMergedTable(table)) return { table, put: mergedRecordOf(row, table) } as EntityChange;
  return { table, put: (event as LeitaiEvent<'entity.put'>).payload.entity } as EntityChange;
}

export function isEntityEvent(event: LeitaiEvent): event is LeitaiEvent<'entity.put' | 'entity.delete'> {
  return event.type === 'entity.put' || event.type === 'entity.delete';
}

// ---------------------------------------------------------------------------------------------
// Applying events to projection rows: the one loop shared by the fold and the database

/** Projection rows by `projectionKeyString` of their key. */
export type ProjectionState = { [P in ProjectionName]: Map<string, ProjectionRows[P]> };

export function emptyProjectionState(): ProjectionState {
  return {
    entityHeads: new Map(),
    marks: new Map(),
    sheets: new Map(),
    adjustments: new Map(),
    corrections: new Map(),
    audienceWindows: new Map(),
    audienceVotes: new Map(),
  };
}

/** The rows an `applyEvents` call wrote, in their final state, and the setup records to change. */
export interface ProjectionChanges {
  rows: ProjectionState;
  /** By the entity head's key: what the winning event does to its setup table. */
  entities: Map<string, EntityChange>;
}

/** One string per primary key, unambiguous for compound keys. */
export function projectionKeyString(key: string | readonly string[]): string {
  return typeof key === 'string' ? key : JSON.stringify(key);
}

/** The rows that `applyEvents` will read for these events: what a store must load first. */
export function projectionKeysOf(events: Iterable<LeitaiEvent>): {
  [P in ProjectionName]: Map<string, ProjectionKeys[P]>;
} {
  const keys: { [P in ProjectionName]: Map<string, ProjectionKeys[P]> } = {
    entityHeads: new Map(),
    marks: new Map(),
    sheets: new Map(),
    adjustments: new Map(),
    corrections: new Map(),
    audienceWindows: new Map(),
    audienceVotes: new Map(),
  };
  for (const event of events) {
    for (const step of projectionStepsOf(event)) {
      (keys[step.projection] as Map<string, unknown>).set(projectionKeyString(step.key), step.key);
    }
  }
  return keys;
}

/**
 * Applies events, in the given order, to `state` (which must hold the current rows of every
 * key in `projectionKeysOf(events)`) and returns what changed. The reducers keep a maximum or
 * a union, so the final state does not depend on the order or on duplicates.
 */
export function applyEvents(state: ProjectionState, events: Iterable<LeitaiEvent>): ProjectionChanges {
  const changes: ProjectionChanges = { rows: emptyProjectionState(), entities: new Map() };
  const apply = <P extends ProjectionName>(step: ProjectionStep<P>, event: LeitaiEvent): void => {
    const rows = state[step.projection] as Map<string, ProjectionRows[P]>;
    const key = projectionKeyString(step.key);
    const next = step.reduce(rows.get(key));
    if (next === undefined) return;
    rows.set(key, next);
    (changes.rows[step.projection] as Map<string, ProjectionRows[P]>).set(key, next);
    if (step.projection === 'entityHeads' && isEntityEvent(event))
      changes.entities.set(key, entityChangeOf(event, next as EntityHeadRow));
  };
  for (const event of events) {
    for (const step of projectionStepsOf(event)) apply(step, event);
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// The pure fold

/** Live setup records by table and id. */
export type EntityProjection = { [T in SetupTable]: Record<Id, SetupRecords[T]> };

/** Every projection, each keyed by `projectionKeyString` and sorted by key. */
export interface Projection {
  entities: EntityProjection;
  entityHeads: Record<string, EntityHeadRow>;
  marks: Record<string, MarkRow>;
  sheets: Record<string, SheetRow>;
  adjustments: Record<string, AdjustmentRow>;
  corrections: Record<string, CorrectionRow>;
  audienceWindows: Record<string, AudienceWindowRow>;
  audienceVotes: Record<string, AudienceVoteRow>;
}

function sortedRecord<V>(entries: Iterable<[string, V]>): Record<string, V> {
  return Object.fromEntries([...entries].sort(([a], [b]) => compareIds(a, b)));
}

/**
 * The projection of a set of events: the same result for any order and any duplication of
 * the same events. For tests, verification and the venue server; devices keep it incrementally
 * with the same `applyEvents`.
 */
export function foldEvents(events: Iterable<LeitaiEvent>): Projection {
  const state = emptyProjectionState();
  const { entities } = applyEvents(state, withoutPurgedScopes([...events]));
  const records = (table: SetupTable) =>
    sortedRecord(
      [...entities.values()].flatMap((change): [string, SetupRecords[SetupTable]][] =>
        change.table === table && 'put' in change ? [[change.put.id, change.put]] : [],
      ),
    );
  return {
    entities: {
      competitions: records('competitions') as Record<Id, SetupRecords['competitions']>,
      rounds: records('rounds') as Record<Id, SetupRecords['rounds']>,
      judges: records('judges') as Record<Id, SetupRecords['judges']>,
      contestants: records('contestants') as Record<Id, SetupRecords['contestants']>,
      photos: records('photos') as Record<Id, SetupRecords['photos']>,
    },
    entityHeads: sortedRecord(state.entityHeads),
    marks: sortedRecord(state.marks),
    sheets: sortedRecord(state.sheets),
    adjustments: sortedRecord(state.adjustments),
    corrections: sortedRecord(state.corrections),
    audienceWindows: sortedRecord(state.audienceWindows),
    audienceVotes: sortedRecord(state.audienceVotes),
  };
}
