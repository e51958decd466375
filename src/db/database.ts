/**
 * The device's database: IndexedDB through Dexie, the source of truth of every screen.
 *
 * Offline consistency rests on two rules:
 * - Every write is one read-write transaction that validates, appends the event, updates the
 *   projections and queues the event for sync (src/db/log.ts). Either all of it commits or
 *   none, so the projections never disagree with the log, and a screen shows "已保存" only
 *   after the commit. A crash or a closed tab mid-write loses the whole write, never half.
 * - Projections are decided by per-cell revisions, not clocks (src/domain/events.ts), so
 *   events from other devices can be applied in any order and every device converges.
 */

import Dexie, { type DexieOptions, type Table } from 'dexie';
import type {
  AdjustmentRow,
  AudienceVoteRow,
  AudienceWindowRow,
  CorrectionRow,
  EntityHeadRow,
  LeitaiEvent,
  MarkRow,
  SheetRow,
} from '../domain/events';
import type { Id } from '../domain/model';
import type {
  CompetitionRecord,
  ContestantRecord,
  JudgeRecord,
  PhotoRecord,
  RoundRecord,
} from '../domain/records';
import type { PointsTable, SeasonEntry, SeasonMember } from '../domain/season';
import type { SyncErrorCode } from '../sync/protocol';
import { SCHEMA_VERSIONS } from './schema';

export const DATABASE_NAME = 'leitai';

export interface DeviceRow {
  key: 'self';
  deviceId: Id;
  nextSeq: number;
}

export interface OutboxRow {
  eventId: Id;
  deviceSeq: number;
}

/** An event of this device that the venue server refused, and why (src/db/remote.ts). */
export interface RefusedEventRow {
  eventId: Id;
  code: SyncErrorCode;
  /** The server's words, for the organizer and developers (English). */
  message: string;
  /** Where in the event, when the server said (malformedEvent): e.g. "payload.value". */
  path: string | null;
  /** ISO 8601. */
  refusedAt: string;
}

/** What a judge typed into one mark and has not confirmed yet (src/db/drafts.ts). */
export interface DraftRow {
  roundId: Id;
  judgeId: Id;
  contestantId: Id;
  criterionId: Id;
  /** The keypad text as typed: "38.", "" after 清空. */
  text: string;
}

/**
 * The key this tablet signs a judge's sheets with (src/db/signing-keys.ts): its private half
 * cannot leave the browser (`extractable: false`), its public half is registered in the log.
 */
export interface SigningKeyRow {
  judgeId: Id;
  competitionId: Id;
  /** Raw P-256 public key, base64, as `judge.key.register` carries it. */
  publicKey: string;
  fingerprint: string;
  keyPair: CryptoKeyPair;
}

/** The judge this device is bound to (src/db/judge-session.ts). */
export interface JudgeSessionRow {
  key: 'self';
  judgeId: Id;
  /** The round whose sheets are shown: one of the judge's rounds, the one on stage as a rule. */
  roundId: Id;
  /** The contestant whose sheet is open; null while the judge has not picked one. */
  contestantId: Id | null;
  /**
   * By round, the last stage call this screen followed or passed over, so a reload does not
   * follow it again and a call in another of the judge's rounds is told apart as new.
   */
  followedCalls: Record<Id, Id>;
}

/** A season 积分制 of the organizer's (src/db/season.ts). */
export interface SeasonRow {
  id: Id;
  name: string;
}

export interface SeasonPointsTableRow {
  seasonId: Id;
  table: PointsTable;
}

export type SeasonMemberRow = SeasonMember & { seasonId: Id };

export type SeasonEntryRow = SeasonEntry & { seasonId: Id };

/** A photo given as the evidence of an entry entered by hand. */
export interface SeasonEvidenceRow {
  id: Id;
  seasonId: Id;
  photo: Blob;
  fileName: string;
}

export interface LeitaiDBOptions {
  /** Tests pass `new IDBFactory()` and `IDBKeyRange` from fake-indexeddb. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  name?: string;
}

export class LeitaiDB extends Dexie {
  declare device: Table<DeviceRow, 'self'>;
  declare competitions: Table<CompetitionRecord, Id>;
  declare rounds: Table<RoundRecord, Id>;
  declare judges: Table<JudgeRecord, Id>;
  declare contestants: Table<ContestantRecord, Id>;
  declare photos: Table<PhotoRecord, Id>;
  declare entityHeads: Table<EntityHeadRow, [string, Id]>;
  declare events: Table<LeitaiEvent, Id>;
  declare outbox: Table<OutboxRow, Id>;
  declare marks: Table<MarkRow, [Id, Id, Id, Id]>;
  declare sheets: Table<SheetRow, [Id, Id, Id]>;
  declare adjustments: Table<AdjustmentRow, Id>;
  declare corrections: Table<CorrectionRow, Id>;
  declare drafts: Table<DraftRow, [Id, Id, Id, Id]>;
  declare judgeSession: Table<JudgeSessionRow, 'self'>;
  declare refused: Table<RefusedEventRow, Id>;
  declare seasons: Table<SeasonRow, Id>;
  declare seasonPointsTables: Table<SeasonPointsTableRow, Id>;
  declare seasonMembers: Table<SeasonMemberRow, [Id, Id]>;
  declare seasonEntries: Table<SeasonEntryRow, [Id, Id]>;
  declare seasonEvidence: Table<SeasonEvidenceRow, Id>;
  declare audienceWindows: Table<AudienceWindowRow, Id>;
  declare audienceVotes: Table<AudienceVoteRow, [Id, Id]>;
  declare signingKeys: Table<SigningKeyRow, Id>;

  constructor(options: LeitaiDBOptions = {}) {
    const dexieOptions: DexieOptions = {};
    // Only set what was given: an explicit undefined would hide Dexie's global default.
    if (options.indexedDB) dexieOptions.indexedDB = options.indexedDB;
    if (options.IDBKeyRange) dexieOptions.IDBKeyRange = options.IDBKeyRange;
    super(options.name ?? DATABASE_NAME, dexieOptions);
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}

/**
 * The app's database. Constructing a Dexie opens nothing: IndexedDB is opened at the first
 * query, so importing this module (in tests, or on the server) touches no database. Tests make
 * their own `new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange })` instead.
 */
export const db = new LeitaiDB();
