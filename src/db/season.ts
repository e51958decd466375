/**
 * The season 积分制 on the organizer's device: seasons, their points tables, members and the
 * ledger of entries (src/domain/season.ts has the rules). A season spans competitions that ran on
 * different laptops, so it is kept here only, never synced.
 *
 * The ledger is append-only: every write reads the season, lets the domain append to it (which
 * checks every rule and refuses the whole change with each issue named), then ADDS the rows that
 * are new. No entry row is ever changed or deleted; a correction is a new entry citing the one it
 * corrects. Posting or importing what is already there adds nothing, so doing it twice is a no-op.
 */

import type { Hundredths, Id } from '../domain/model';
import { normalisedPerson } from '../domain/person-key';
import {
  appendToSeason,
  checkTable,
  memberIdOf,
  type PointsTable,
  type Season,
  type SeasonEntry,
  type SeasonMember,
} from '../domain/season';
import { SeasonRejectedError } from '../domain/season-issues';
import type { LeitaiDB } from './database';
import { because, fieldOf, RepositoryError } from './errors';
import { optionalText, requireText } from './guards';
import { newId } from './ids';
import { readSeason, seasonTables } from './queries/season';

/** The largest photo kept as evidence. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/** What a write added: zero of both when everything was there already. */
export interface LedgerAdditions {
  members: number;
  entries: number;
}

export function refusedBySeasonRules(error: unknown): never {
  if (error instanceof SeasonRejectedError) {
    throw new RepositoryError('season-invalid', because('seasonRules', { issues: error.issues }));
  }
  throw error;
}

function checkedTable(table: PointsTable): PointsTable {
  const issues = checkTable(table);
  if (issues.length > 0) refusedBySeasonRules(new SeasonRejectedError(issues));
  return table;
}

export async function createSeason(db: LeitaiDB, draft: { name: string; table: PointsTable }): Promise<Id> {
  const name = requireText(draft.name, fieldOf('seasonName'));
  const table = checkedTable(draft.table);
  const id = newId();
  return db.transaction('rw', seasonTables(db), async () => {
    await db.seasons.add({ id, name });
    await db.seasonPointsTables.add({ seasonId: id, table });
    return id;
  });
}

/** A new points table for what is posted from now on; entries already posted keep their points. */
export async function setSeasonPointsTable(db: LeitaiDB, seasonId: Id, table: PointsTable): Promise<void> {
  const checked = checkedTable(table);
  return db.transaction('rw', seasonTables(db), async () => {
    await readSeason(db, seasonId);
    await db.seasonPointsTables.put({ seasonId, table: checked });
  });
}

/**
 * Appends what `additionsOf` returns for the season as it is now, in one transaction: the domain
 * checks it, and only the members and entries not yet in the ledger are added.
 */
export function appendLedger(
  db: LeitaiDB,
  seasonId: Id,
  additionsOf: (season: Season) => { members?: SeasonMember[]; entries?: SeasonEntry[] },
  evidence: { id: Id; photo: Blob; fileName: string } | null = null,
): Promise<LedgerAdditions> {
  return db.transaction('rw', seasonTables(db), async () => {
    const season = await readSeason(db, seasonId);
    let next: Season;
    try {
      next = appendToSeason(season, additionsOf(season));
    } catch (error) {
      refusedBySeasonRules(error);
    }
    const knownMembers = new Set(season.members.map((member) => member.id));
    const knownEntries = new Set(season.entries.map((entry) => entry.id));
    const members = next.members.filter((member) => !knownMembers.has(member.id));
    const entries = next.entries.filter((entry) => !knownEntries.has(entry.id));
    await db.seasonMembers.bulkAdd(members.map((member) => ({ ...member, seasonId })));
    await db.seasonEntries.bulkAdd(entries.map((entry) => ({ ...entry, seasonId })));
    if (evidence) await db.seasonEvidence.add({ ...evidence, seasonId });
    return { members: members.length, entries: entries.length };
  });
}

/** Members by name and unit (the same person is one member, whichever way it is spelled). */
export async function addSeasonMembers(
  db: LeitaiDB,
  seasonId: Id,
  people: readonly { name: string; unit: string | null }[],
): Promise<LedgerAdditions> {
  const members = people.map((person) => {
    const name = requireText(person.name, fieldOf('memberName'));
    const unit = optionalText(person.unit, fieldOf('memberUnit', { member: name }));
    const spelled = normalisedPerson({ name, unit });
    return { id: memberIdOf(spelled), ...spelled };
  });
  return appendLedger(db, seasonId, (season) => {
    const known = new Set(season.members.map((member) => member.id));
    return { members: members.filter((member) => !known.has(member.id)) };
  });
}

/** A photo kept as evidence, refused when too large. */
function evidenceOf(photo: { blob: Blob; fileName: string } | null | undefined) {
  if (!photo) return null;
  if (photo.blob.size > MAX_EVIDENCE_BYTES) {
    throw new RepositoryError(
      'invalid-field',
      because('photoTooLarge', { megabytes: MAX_EVIDENCE_BYTES / 1024 / 1024 }),
    );
  }
  return { id: newId(), photo: photo.blob, fileName: photo.fileName };
}

export interface ManualEntryDraft {
  memberId: Id;
  /** YYYY-MM-DD. */
  date: string;
  /** 学习教育, 竞赛获奖, 扣分项… */
  item: string;
  points: Hundredths;
  reason: string;
  photo?: { blob: Blob; fileName: string } | null;
}

/** An item entered by hand, with its reason and optionally a photo; its id is new. */
export async function addManualEntry(db: LeitaiDB, seasonId: Id, draft: ManualEntryDraft): Promise<Id> {
  const item = requireText(draft.item, fieldOf('seasonItem'));
  const reason = requireText(draft.reason, fieldOf('seasonReason'), 500);
  const evidence = evidenceOf(draft.photo);
  const entry: SeasonEntry = {
    id: newId(),
    date: draft.date,
    memberId: draft.memberId,
    item,
    points: draft.points,
    source: { kind: 'manual', reason, ...(evidence ? { evidence: evidence.id } : {}) },
  };
  await appendLedger(db, seasonId, () => ({ entries: [entry] }), evidence);
  return entry.id;
}

export interface CorrectionDraft {
  /** The day the correction is made (YYYY-MM-DD); it counts in the period of the entry corrected. */
  date: string;
  /** The points that replace the corrected entry's. */
  points: Hundredths;
  reason: string;
  photo?: { blob: Blob; fileName: string } | null;
}

/** A new entry that replaces `entryId`'s points and cites it; the corrected entry stays as it was. */
export async function correctSeasonEntry(
  db: LeitaiDB,
  seasonId: Id,
  entryId: Id,
  draft: CorrectionDraft,
): Promise<Id> {
  const reason = requireText(draft.reason, fieldOf('seasonReason'), 500);
  const evidence = evidenceOf(draft.photo);
  const id = newId();
  await appendLedger(
    db,
    seasonId,
    (season) => {
      const target = season.entries.find((entry) => entry.id === entryId);
      if (!target) throw new RepositoryError('not-found', because('seasonEntryNotFound'));
      const entry: SeasonEntry = {
        id,
        date: draft.date,
        memberId: target.memberId,
        item: target.item,
        points: draft.points,
        source: { kind: 'manual', reason, ...(evidence ? { evidence: evidence.id } : {}) },
        corrects: entryId,
      };
      return { entries: [entry] };
    },
    evidence,
  );
  return id;
}
