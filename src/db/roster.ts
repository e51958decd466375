/**
 * Judges and contestants: one at a time from the forms, or a whole list from an imported file,
 * all or nothing. Contestants belong to a round; judges belong to the competition and are
 * assigned to the rounds they score in (`JudgeRecord.roundIds`), so one join code serves the day.
 */

import Dexie from 'dexie';
import type { ContestantStatus, Hundredths, Id } from '../domain/model';
import { DEFAULT_WEIGHT } from '../domain/model';
import {
  type ContestantRecord,
  isAssigned,
  type JudgeRecord,
  type PhotoRecord,
  type RoundRecord,
} from '../domain/records';
import { MAX_NAME_LENGTH } from '../domain/roster-import';
import { type ContestantSite, sitesAreValid } from '../domain/site-visits';
import type { LeitaiDB } from './database';
import {
  competitionScope,
  deleteEntity,
  getCompetition,
  getContestant,
  getRound,
  putEntities,
  putEntity,
  roundScope,
} from './entities';
import { because, fieldOf, type ImportRowError, type Reason, RepositoryError } from './errors';
import { optionalText, requirePositiveHundredths, requireText, requireWholeNumber } from './guards';
import { newId, newJoinCode } from './ids';
import { writeTransaction } from './log';

/** The fields of a judge; a RosterEntry read from a file fits. */
export interface JudgeFields {
  name: string;
  title?: string | null;
  /** Hundredths; default 100 (weight 1). */
  weight?: Hundredths;
  unit?: string | null;
  /**
   * 评委组: the id of a rater group of the competition's rounds; null takes the judge out of
   * their group, and an import leaves an existing judge's group as it is when it gives none.
   */
  group?: Id | null;
}

/** The fields of a contestant; a RosterEntry read from a file fits. */
export interface ContestantFields {
  name: string;
  unit?: string | null;
  topic?: string | null;
  status?: ContestantStatus;
  /** 观摩点 (a site-visit round); null or an empty list removes them. */
  sites?: ContestantSite[] | null;
}

/** An imported contestant may come with its place in the order of appearance. */
export interface ContestantImport extends ContestantFields {
  draw?: number | null;
}

/**
 * Without `id`: a new judge of the round's competition, assigned to the round. With it: that
 * judge of the competition updated; omitted fields keep their value.
 */
export interface JudgeDraft extends Partial<JudgeFields> {
  id?: Id;
  roundId: Id;
  order?: number;
}

export interface ContestantDraft extends Partial<ContestantFields> {
  id?: Id;
  roundId: Id;
  order?: number;
  /** A Blob sets the photo, null removes it, undefined keeps it. */
  photo?: Blob | null;
}

export interface RosterImport {
  contestants?: readonly ContestantImport[];
  judges?: readonly JudgeFields[];
}

export interface ImportedRoster {
  contestants: ContestantRecord[];
  judges: JudgeRecord[];
}

const STATUSES: readonly ContestantStatus[] = ['active', 'withdrawn', 'disqualified'];
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

type FieldErrors = { field: string; reason: Reason }[];

/** Runs one field's check, recording its refusal instead of throwing, so a row lists them all. */
function field<T>(errors: FieldErrors, name: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof RepositoryError)) throw error;
    errors.push({ field: name, reason: error.reason as Reason });
    return undefined as T;
  }
}

function throwFirst(errors: FieldErrors): void {
  const first = errors[0];
  if (first) throw new RepositoryError('invalid-field', first.reason);
}

type Checked<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

type CheckedJudgeFields = Checked<Omit<JudgeFields, 'group'>> & { title: string };

function judgeFields(fields: JudgeFields, errors: FieldErrors): CheckedJudgeFields {
  const name = field(errors, 'name', () => requireText(fields.name, fieldOf('judgeName'), MAX_NAME_LENGTH));
  return {
    name,
    title: field(
      errors,
      'title',
      () => optionalText(fields.title, fieldOf('judgeTitle', { judge: name })) ?? '',
    ),
    weight: field(errors, 'weight', () =>
      requirePositiveHundredths(fields.weight ?? DEFAULT_WEIGHT, fieldOf('judgeWeight', { judge: name })),
    ),
    unit: field(errors, 'unit', () => optionalText(fields.unit, fieldOf('judgeUnit', { judge: name }), 100)),
  };
}

function contestantFields(
  fields: ContestantFields,
  errors: FieldErrors,
): Checked<Omit<ContestantFields, 'sites'>> & { topic: string } {
  const name = field(errors, 'name', () =>
    requireText(fields.name, fieldOf('contestantName'), MAX_NAME_LENGTH),
  );
  const status = fields.status ?? 'active';
  if (!STATUSES.includes(status))
    errors.push({ field: 'status', reason: because('statusInvalid', { contestant: name }) });
  return {
    name,
    unit: field(errors, 'unit', () =>
      optionalText(fields.unit, fieldOf('contestantUnit', { contestant: name }), 100),
    ),
    topic: field(
      errors,
      'topic',
      () => optionalText(fields.topic, fieldOf('contestantTopic', { contestant: name })) ?? '',
    ),
    status,
  };
}

/** The row's 观摩点, when it gives some: checked as the form's are. */
function importedSites(row: ContestantImport, errors: FieldErrors): Pick<ContestantRecord, 'sites'> {
  if (!row.sites || row.sites.length === 0) return {};
  if (!sitesAreValid(row.sites)) {
    errors.push({ field: 'sites', reason: because('sitesInvalid', { contestant: row.name }) });
    return {};
  }
  return { sites: structuredClone(row.sites) };
}

/** A place given in the file: a whole number from 1, not already taken in the round or the file. */
function importedDraw(row: ContestantImport, taken: Set<number>): number | null {
  const draw = row.draw ?? null;
  if (draw === null) return null;
  requireWholeNumber(draw, fieldOf('contestantDraw', { contestant: row.name }), 1);
  if (taken.has(draw))
    throw new RepositoryError('invalid-field', because('drawTaken', { draw, contestant: row.name }));
  taken.add(draw);
  return draw;
}

/** Join codes in use on this device: a code typed on a judge screen must name one judge. */
async function takenJoinCodes(db: LeitaiDB): Promise<Set<string>> {
  return new Set((await db.judges.orderBy('joinCode').uniqueKeys()) as string[]);
}

async function nextContestantOrder(db: LeitaiDB, roundId: Id): Promise<number> {
  const rows = await db.contestants.where('roundId').equals(roundId).toArray();
  return Math.max(0, ...rows.map((row) => row.order)) + 1;
}

/** The competition's panel, in list order; a 彩排's simulated judges are not of it. */
async function competitionJudges(db: LeitaiDB, competitionId: Id): Promise<JudgeRecord[]> {
  const judges = await db.judges.where('competitionId').equals(competitionId).sortBy('order');
  return judges.filter((judge) => !judge.simulated);
}

async function nextJudgeOrder(db: LeitaiDB, competitionId: Id): Promise<number> {
  const judges = await competitionJudges(db, competitionId);
  return Math.max(0, ...judges.map((judge) => judge.order)) + 1;
}

/** The ids of the rater groups of the competition's rounds: the groups a judge may be in. */
async function competitionGroupIds(db: LeitaiDB, competitionId: Id): Promise<Set<Id>> {
  const rounds = await db.rounds.where('competitionId').equals(competitionId).toArray();
  return new Set(rounds.flatMap((round) => (round.settings.groups ?? []).map((group) => group.id)));
}

function unknownGroup(judge: string, group: Id): RepositoryError {
  return new RepositoryError('invalid-field', because('judgeGroupUnknown', { judge, group }));
}

async function requireKnownGroup(db: LeitaiDB, competitionId: Id, group: Id, judge: string): Promise<void> {
  if (!(await competitionGroupIds(db, competitionId)).has(group)) throw unknownGroup(judge, group);
}

function withoutGroup(judge: JudgeRecord): JudgeRecord {
  const { group: _group, ...rest } = judge;
  return rest;
}

/** The record's `group` field: absent when the judge is in none. */
function groupField(group: Id | undefined): Pick<JudgeRecord, 'group'> {
  return group === undefined ? {} : { group };
}

/** A judge of this competition, assigned to any of its rounds or none. */
async function getCompetitionJudge(db: LeitaiDB, competitionId: Id, judgeId: Id): Promise<JudgeRecord> {
  const judge = await db.judges.get(judgeId);
  if (!judge || judge.competitionId !== competitionId) {
    throw new RepositoryError('unknown-judge', because('judgeNotInCompetition'));
  }
  return judge;
}

export function putJudge(db: LeitaiDB, draft: JudgeDraft): Promise<JudgeRecord> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, draft.roundId);
    const stored =
      draft.id === undefined ? undefined : await getCompetitionJudge(db, round.competitionId, draft.id);
    const errors: FieldErrors = [];
    const { roundId: _roundId, group: _group, ...given } = definedOnly(draft);
    const fields = judgeFields({ ...stored, ...given, name: draft.name ?? stored?.name ?? '' }, errors);
    throwFirst(errors);
    const group = draft.group === undefined ? stored?.group : (draft.group ?? undefined);
    // Only a group newly given must exist: a judge whose round lost its groups can still be edited.
    if (group !== undefined && group !== stored?.group) {
      await requireKnownGroup(db, round.competitionId, group, fields.name);
    }
    const current = stored && withoutGroup(stored);
    const judge: JudgeRecord = current
      ? { ...current, ...fields, order: draft.order ?? current.order, ...groupField(group) }
      : {
          id: newId(),
          competitionId: round.competitionId,
          roundIds: [round.id],
          ...fields,
          ...groupField(group),
          joinCode: newJoinCode(await takenJoinCodes(db)),
          order: draft.order ?? (await nextJudgeOrder(db, round.competitionId)),
        };
    await putEntity(db, 'judges', judge, competitionScope(round.competitionId));
    return judge;
  });
}

/**
 * 分配轮次: whether the judge scores in this round. Taking a judge off a round that holds their
 * marks is refused: the marks would silently stop counting.
 */
export function assignJudge(db: LeitaiDB, judgeId: Id, roundId: Id, assigned: boolean): Promise<JudgeRecord> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    const current = await getCompetitionJudge(db, round.competitionId, judgeId);
    if (isAssigned(current, roundId) === assigned) return current;
    if (!assigned && (await countJudgeMarks(db, roundId, judgeId)) > 0) {
      throw new RepositoryError(
        'has-marks',
        because('judgeHasMarksInRound', { judge: current.name, round: round.name }),
      );
    }
    const roundIds = assigned
      ? [...current.roundIds, roundId]
      : current.roundIds.filter((id) => id !== roundId);
    const judge: JudgeRecord = { ...current, roundIds };
    await putEntity(db, 'judges', judge, competitionScope(round.competitionId));
    return judge;
  });
}

function countJudgeMarks(db: LeitaiDB, roundId: Id, judgeId: Id): Promise<number> {
  return db.marks
    .where('[roundId+judgeId+contestantId]')
    .between([roundId, judgeId, Dexie.minKey], [roundId, judgeId, Dexie.maxKey])
    .filter((mark) => mark.value !== null)
    .count();
}

/**
 * 重新生成评委码: a new code for every judge of the competition, e.g. to replace the six-digit
 * codes of a competition set up before codes had eight, or a judge card that went astray. The
 * old codes stop working at once; tablets already bound to a judge stay bound (the binding and
 * the venue server's token name the judge, not the code).
 */
export function renewJoinCodes(db: LeitaiDB, competitionId: Id): Promise<JudgeRecord[]> {
  return writeTransaction(db, async () => {
    await getCompetition(db, competitionId);
    const taken = await takenJoinCodes(db);
    const judges = (await competitionJudges(db, competitionId)).map((judge): JudgeRecord => {
      const joinCode = newJoinCode(taken);
      taken.add(joinCode);
      return { ...judge, joinCode };
    });
    await putEntities(db, 'judges', judges, competitionScope(competitionId));
    return judges;
  });
}

/** The draft's fields that were given: an omitted field keeps the current value. */
function definedOnly<T extends object>(draft: T): Partial<T> {
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined)) as Partial<T>;
}

async function replacePhoto(
  db: LeitaiDB,
  round: RoundRecord,
  currentPhotoId: Id | null,
  photo: Blob | null,
): Promise<Id | null> {
  if (photo !== null && photo.size > MAX_PHOTO_BYTES) {
    throw new RepositoryError(
      'invalid-field',
      because('photoTooLarge', { megabytes: MAX_PHOTO_BYTES / 1024 / 1024 }),
    );
  }
  if (currentPhotoId !== null) await deleteEntity(db, 'photos', currentPhotoId, roundScope(round));
  if (photo === null) return null;
  const record: PhotoRecord = { id: newId(), roundId: round.id, blob: photo };
  await putEntity(db, 'photos', record, roundScope(round));
  return record.id;
}

export function putContestant(db: LeitaiDB, draft: ContestantDraft): Promise<ContestantRecord> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, draft.roundId);
    const current = draft.id === undefined ? undefined : await getContestant(db, round.id, draft.id);
    const { photo, ...rest } = draft;
    const errors: FieldErrors = [];
    const fields = contestantFields(
      { ...current, ...definedOnly(rest), name: draft.name ?? current?.name ?? '' },
      errors,
    );
    const sites = rest.sites === undefined ? current?.sites : (rest.sites ?? undefined);
    if (sites !== undefined && !sitesAreValid(sites)) {
      errors.push({ field: 'sites', reason: because('sitesInvalid', { contestant: fields.name }) });
    }
    throwFirst(errors);
    const photoId =
      photo === undefined
        ? (current?.photoId ?? null)
        : await replacePhoto(db, round, current?.photoId ?? null, photo);
    const contestant: ContestantRecord = current
      ? { ...current, ...fields, photoId, order: draft.order ?? current.order }
      : {
          id: newId(),
          roundId: round.id,
          ...fields,
          photoId,
          draw: null,
          order: draft.order ?? (await nextContestantOrder(db, round.id)),
        };
    if (sites !== undefined && sites.length > 0) contestant.sites = structuredClone(sites);
    else delete contestant.sites;
    await putEntity(db, 'contestants', contestant, roundScope(round));
    return contestant;
  });
}

/**
 * Deletes a judge from the competition (the panel of every round). Refused once the judge has
 * given marks in any round: the marks would silently stop counting.
 */
export function deleteJudge(db: LeitaiDB, roundId: Id, judgeId: Id): Promise<void> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    const judge = await getCompetitionJudge(db, round.competitionId, judgeId);
    for (const assigned of judge.roundIds) {
      if ((await countJudgeMarks(db, assigned, judgeId)) > 0) {
        throw new RepositoryError('has-marks', because('judgeHasMarks', { judge: judge.name }));
      }
    }
    await deleteEntity(db, 'judges', judgeId, competitionScope(round.competitionId));
  });
}

/** Deleting a contestant who has marks is refused; withdraw them (状态：退赛) instead. */
export function deleteContestant(db: LeitaiDB, roundId: Id, contestantId: Id): Promise<void> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    const contestant = await getContestant(db, roundId, contestantId);
    const marked = await db.marks
      .where('[roundId+contestantId]')
      .equals([roundId, contestantId])
      .filter((mark) => mark.value !== null)
      .count();
    if (marked > 0) {
      throw new RepositoryError('has-marks', because('contestantHasMarks', { contestant: contestant.name }));
    }
    if (contestant.photoId !== null) await deleteEntity(db, 'photos', contestant.photoId, roundScope(round));
    await deleteEntity(db, 'contestants', contestantId, roundScope(round));
  });
}

/** One judge however the name and the unit are spaced: how an import recognises a known judge. */
function judgeKey(name: string, unit: string | null): string {
  return JSON.stringify([name.trim(), unit?.trim() ?? '']);
}

/**
 * The imported judges as records assigned to the round: a judge the competition already has
 * (same name and unit) is assigned, keeping their code, title and weight, rather than added a
 * second time; a name and unit listed twice in the file is one judge.
 */
async function judgesForImport(
  db: LeitaiDB,
  round: RoundRecord,
  rows: readonly (CheckedJudgeFields & { group: Id | undefined })[],
): Promise<{ judges: JudgeRecord[]; changed: JudgeRecord[] }> {
  const known = new Map<string, JudgeRecord>();
  for (const judge of await competitionJudges(db, round.competitionId)) {
    const key = judgeKey(judge.name, judge.unit);
    if (!known.has(key)) known.set(key, judge);
  }
  const taken = await takenJoinCodes(db);
  let order = await nextJudgeOrder(db, round.competitionId);
  const imported = new Map<string, JudgeRecord>();
  const changed: JudgeRecord[] = [];
  for (const { group, ...fields } of rows) {
    const key = judgeKey(fields.name, fields.unit);
    if (imported.has(key)) continue;
    const stored = known.get(key);
    // A 评委组 in the file puts a known judge in that group; none keeps the judge's own.
    const existing = stored && group !== undefined && stored.group !== group ? { ...stored, group } : stored;
    if (existing && isAssigned(existing, round.id)) {
      imported.set(key, existing);
      if (existing !== stored) changed.push(existing);
      continue;
    }
    if (existing) {
      const assigned = { ...existing, roundIds: [...existing.roundIds, round.id] };
      imported.set(key, assigned);
      changed.push(assigned);
      continue;
    }
    const joinCode = newJoinCode(taken);
    taken.add(joinCode);
    const judge: JudgeRecord = {
      id: newId(),
      competitionId: round.competitionId,
      roundIds: [round.id],
      ...fields,
      ...groupField(group),
      joinCode,
      order: order++,
    };
    imported.set(key, judge);
    changed.push(judge);
  }
  return { judges: [...imported.values()], changed };
}

/**
 * Adds imported judges and contestants to a round. Every row is checked before anything is
 * written; one bad row refuses the whole file with every row's errors (RepositoryError.rows).
 */
export function importRoster(db: LeitaiDB, roundId: Id, roster: RosterImport): Promise<ImportedRoster> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    const rowErrors: ImportRowError[] = [];
    const collect = <T, R>(
      list: ImportRowError['list'],
      rows: readonly T[],
      build: (row: T, errors: FieldErrors) => R,
    ) =>
      rows.map((row, index) => {
        const errors: FieldErrors = [];
        const built = build(row, errors);
        for (const error of errors) rowErrors.push({ list, index, ...error });
        return built;
      });
    const groupIds = await competitionGroupIds(db, round.competitionId);
    const judgeRows = collect('judges', roster.judges ?? [], (row: JudgeFields, errors) => {
      const fields = judgeFields(row, errors);
      const group = row.group ?? undefined;
      if (group !== undefined && !groupIds.has(group)) {
        errors.push({
          field: 'group',
          reason: unknownGroup(fields.name ?? row.name, group).reason as Reason,
        });
      }
      return { ...fields, group };
    });
    const takenDraws = new Set(
      (await db.contestants.where('roundId').equals(roundId).toArray()).flatMap((c) =>
        c.draw === null ? [] : [c.draw],
      ),
    );
    const contestantRows = collect(
      'contestants',
      roster.contestants ?? [],
      (row: ContestantImport, errors) => ({
        ...contestantFields(row, errors),
        draw: field(errors, 'draw', () => importedDraw(row, takenDraws)),
        ...importedSites(row, errors),
      }),
    );
    if (rowErrors.length > 0) {
      throw new RepositoryError(
        'import-invalid',
        because('importRefused', { count: rowErrors.length }),
        rowErrors,
      );
    }

    const { judges, changed } = await judgesForImport(db, round, judgeRows);
    const firstContestant = await nextContestantOrder(db, roundId);
    const contestants = contestantRows.map(
      (fields, index): ContestantRecord => ({
        id: newId(),
        roundId,
        ...fields,
        photoId: null,
        order: firstContestant + index,
      }),
    );
    await putEntities(db, 'judges', changed, competitionScope(round.competitionId));
    await putEntities(db, 'contestants', contestants, roundScope(round));
    return { contestants, judges };
  });
}
