/**
 * The setup records: what an organizer prepares (competitions, rounds, judges, contestants,
 * photos). They are stored as rows in IndexedDB and travel through the event log as
 * `entity.put` / `entity.delete` events, so the records themselves carry no revision: the
 * revision of an entity lives in the event and in the projection's head, one per field of a
 * merged table (see ./events.ts).
 *
 * Pure types: no React, Dexie, DOM API or Node import.
 */

import type { Combination } from './combination.ts';
import type { ContestantStatus, Criterion, Hundredths, Id, RecuseList, RoundSettings } from './model.ts';

export interface CompetitionRecord {
  id: Id;
  name: string;
  /** Archived competitions are hidden from the default list but keep everything. */
  archived: boolean;
  /** The day of the event, YYYY-MM-DD; absent when not given. Shown, never used to decide anything. */
  date?: string;
  /** 地点, e.g. 昌吉市委党校报告厅; absent when not given. */
  venue?: string;
  /** 落款: who issues the certificates, e.g. 中共昌吉市委组织部; absent when not given. */
  issuer?: string;
  /** The demo competition (示例赛事): set when it is created, never changed; it may be purged whole. */
  demo?: true;
  /** 总成绩: its stage rounds combined into one ranking (./combination.ts); absent when none. */
  combination?: Combination;
}

/** 超时扣分: `points` are deducted for every `everySeconds` over the round's time limit. */
export interface OvertimeRule {
  everySeconds: number;
  points: Hundredths;
}

export interface RoundRecord {
  id: Id;
  competitionId: Id;
  name: string;
  /** Position of the round in its competition (初赛 before 决赛), 1-based. */
  order: number;
  /** The scoring sheet, in the order the judge screen shows it. */
  criteria: Criterion[];
  settings: RoundSettings;
  /** Time limit per contestant; null for none. */
  timeLimitSeconds: number | null;
  overtime: OvertimeRule | null;
  /**
   * The full mark the criteria's points should add up to (the sheet's 合计), checked on the
   * organizer's screen only; absent means 100.
   */
  fullMark?: Hundredths;
  /**
   * A 彩排 rehearsal round: the id of the real round it copies. Set when it is created, never
   * changed; simulated judges mark it, and it is purged whole afterwards. Results, exports and
   * backups never include it.
   */
  rehearsalOf?: Id;
  /** Audience voting (大众投票/大众评分) in this round; absent means none. */
  audience?: AudienceVoting;
  /**
   * 手写签名: whether the judge draws a handwritten signature on each sheet (`perSheet`) or once
   * per session on the tablet (`perSession`, the same drawing then goes with every sheet); absent
   * means none. The drawing's digest is covered by the sheet's cryptographic signature.
   */
  handSignature?: HandSignatureMode;
  /**
   * 观摩评分: the panel scores each contestant at their site(s) (`ContestantRecord.sites`) over
   * the day rather than on stage; absent means a stage round.
   */
  siteVisit?: true;
}

export type HandSignatureMode = 'perSheet' | 'perSession';

/**
 * How the audience votes from their phones. Votes are marks of `groupId` on `criterionId`, one
 * voice per phone per contestant (src/domain/audience.ts).
 */
export interface AudienceVoting {
  /** The round's rater group whose marks the votes are. */
  groupId: Id;
  /** The group's single criterion: max 1, step 1 for `support`; max 10, step 1 for `rating`. */
  criterionId: Id;
  /** `support`: 支持 = 1, 不支持 = 0. `rating`: a whole mark from 1 to 10. */
  mode: 'support' | 'rating';
  /** The voting window's length when the host opens it. */
  windowSeconds: number;
}

/**
 * A judge belongs to the competition: one join code for the whole day, one tablet joined once,
 * and `roundIds` says which rounds they score (a new round 与上一轮相同 carries its panel over).
 */
export interface JudgeRecord {
  id: Id;
  competitionId: Id;
  /** The rounds this judge is assigned to (scores in), in no particular order; may be empty. */
  roundIds: Id[];
  name: string;
  /** Title or organization, e.g. 市委组织部副部长; shown on the sheets, never used in scoring. */
  title: string;
  /** 100 is weight 1 (Hundredths), used by the `weighted` panel rule. */
  weight: Hundredths;
  /** A judge does not score contestants of the same unit (回避, ./recusal.ts). */
  unit: string | null;
  /** The organizer's 回避名单 for this judge; absent means none. */
  recuse?: RecuseList;
  /**
   * The judge's rater group (评委组) id, matched against the groups of each round the judge scores;
   * absent means none (a round with groups refuses a judge without one).
   */
  group?: Id;
  /**
   * The digits the judge screen asks for (src/domain/join-code.ts); unique on the device. Six
   * digits in competitions set up before codes had eight (renewJoinCodes replaces them); '' on
   * every device but the organizer's, which the venue server alone tells the codes.
   */
  joinCode: string;
  /** Position in the panel list, 1-based. */
  order: number;
  /** A 彩排's simulated judge (src/db/rehearsal.ts): in its rehearsal round only, never the panel. */
  simulated?: true;
}

/**
 * A judge as logs and backups written before schema 5 hold it: a judge of one round. Every
 * reader folds it with `judgeOfEntity` (the competition is the event's, the one round assigned).
 */
export type RoundJudgeRecord = Omit<JudgeRecord, 'competitionId' | 'roundIds'> & { roundId: Id };

/** A judge entity in either shape, as the current record. */
export function judgeOfEntity(entity: JudgeRecord | RoundJudgeRecord, competitionId: Id): JudgeRecord {
  if (!('roundId' in entity)) return entity;
  const { roundId, ...rest } = entity;
  return { ...rest, competitionId, roundIds: [roundId] };
}

/** Whether the judge scores in this round. */
export function isAssigned(judge: Pick<JudgeRecord, 'roundIds'>, roundId: Id): boolean {
  return judge.roundIds.includes(roundId);
}

export interface ContestantRecord {
  id: Id;
  roundId: Id;
  name: string;
  unit: string | null;
  /** 题目 */
  topic: string;
  /**
   * The photo lives in its own `photos` record: the event log is append-only, so a photo
   * inside the contestant would be copied into every later edit and every draw of the order.
   */
  photoId: Id | null;
  status: ContestantStatus;
  /** Order of appearance (出场顺序), set by the draw or a manual reorder; null before. */
  draw: number | null;
  /** Position in the organizer's list (registration order), 1-based. */
  order: number;
  /** 观摩点: where the panel visits the contestant in a site-visit round, in visiting order; absent means none. */
  sites?: ContestantSite[];
}

/** One 观摩点 of a contestant (./site-visits.ts); `time` ('HH:MM') is when the panel is due there, if given. */
export interface ContestantSite {
  name: string;
  time?: string;
}

export interface PhotoRecord {
  id: Id;
  roundId: Id;
  blob: Blob;
}

/**
 * The longest base64 text of a photo an event carries: a 5 MB photo with room to spare. A
 * request body (MAX_BODY_BYTES in src/sync/protocol.ts) is sized to hold it.
 */
export const MAX_PHOTO_BASE64_LENGTH = 16 * 1024 * 1024;

/**
 * The tables whose records merge field by field (src/domain/events.ts `mergeEntity`): two
 * devices editing different fields of one contestant both keep their edit. A photo is written
 * whole: its blob is never copied into a head row.
 */
export type MergedTable = Exclude<SetupTable, 'photos'>;

export type MergedField<T extends MergedTable> = Exclude<keyof SetupRecords[T], 'id'> & string;

export function isMergedTable(table: SetupTable): table is MergedTable {
  return table !== 'photos';
}

/** Every field, the compiler checking that none is missing (a `Record` needs all its keys). */
function fieldsOf<T extends MergedTable>(fields: Record<MergedField<T>, true>): readonly MergedField<T>[] {
  return Object.keys(fields) as MergedField<T>[];
}

/**
 * Every field of each merged table, optional ones included: a put that writes a field absent
 * from its record clears it, so the merge must know the fields a record may lack.
 */
export const MERGED_FIELDS: { readonly [T in MergedTable]: readonly MergedField<T>[] } = {
  competitions: fieldsOf<'competitions'>({
    name: true,
    archived: true,
    date: true,
    venue: true,
    issuer: true,
    demo: true,
    combination: true,
  }),
  rounds: fieldsOf<'rounds'>({
    competitionId: true,
    name: true,
    order: true,
    criteria: true,
    settings: true,
    timeLimitSeconds: true,
    overtime: true,
    fullMark: true,
    rehearsalOf: true,
    audience: true,
    handSignature: true,
    siteVisit: true,
  }),
  judges: fieldsOf<'judges'>({
    competitionId: true,
    roundIds: true,
    name: true,
    title: true,
    weight: true,
    unit: true,
    recuse: true,
    joinCode: true,
    order: true,
    simulated: true,
    group: true,
  }),
  contestants: fieldsOf<'contestants'>({
    roundId: true,
    name: true,
    unit: true,
    topic: true,
    photoId: true,
    status: true,
    draw: true,
    order: true,
    sites: true,
  }),
};

/** Structural equality of record values (plain data: strings, numbers, arrays, objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const definedKeys = (value: object) =>
    Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .map(([key]) => key);
  const keys = definedKeys(a);
  if (keys.length !== definedKeys(b).length) return false;
  return keys.every((key) =>
    sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** The fields an edit from `before` to `after` changes: what its put lists. */
export function changedFields<T extends MergedTable>(
  table: T,
  before: SetupRecords[T],
  after: SetupRecords[T],
): MergedField<T>[] {
  return MERGED_FIELDS[table].filter((field) => !sameValue(before[field], after[field])) as MergedField<T>[];
}

/** The setup tables, by name: the same names as the IndexedDB tables. */
export interface SetupRecords {
  competitions: CompetitionRecord;
  rounds: RoundRecord;
  judges: JudgeRecord;
  contestants: ContestantRecord;
  photos: PhotoRecord;
}

export type SetupTable = keyof SetupRecords;
