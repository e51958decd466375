/** Competitions: create, rename, duplicate, archive, delete. */

import type { Id } from '../domain/model';
import type {
  CompetitionRecord,
  ContestantRecord,
  JudgeRecord,
  PhotoRecord,
  RoundRecord,
} from '../domain/records';
import type { LeitaiDB } from './database';
import {
  competitionScope,
  countRoundMarks,
  deleteEntities,
  deleteEntity,
  getCompetition,
  putEntities,
  putEntity,
  roundScope,
} from './entities';
import { because, fieldOf, RepositoryError } from './errors';
import { optionalText, requireText } from './guards';
import { newId, newJoinCode } from './ids';
import { writeTransaction } from './log';
import { withRecuseListCopied } from './recusal';
import { createRound, deleteRoundRecords, type RoundDraft, realRoundsOf } from './rounds';

const NAME_LIMIT = 100;

/** What the organizer types about a competition; an empty or null date, venue or issuer means none. */
export interface CompetitionDetails {
  name: string;
  /** YYYY-MM-DD */
  date?: string | null;
  venue?: string | null;
  /** 落款 on the certificates. */
  issuer?: string | null;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** A real calendar day written YYYY-MM-DD, or null when empty. */
function optionalDate(value: string | null | undefined): string | null {
  const text = optionalText(value, fieldOf('competitionDate'), 10);
  if (text === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new RepositoryError('invalid-field', because('dateInvalid', { text }));
  }
  return text;
}

/** The record with its checked details; absent optional fields stay absent (not null). */
function withDetails(
  base: CompetitionRecord,
  { name, date, venue, issuer }: Partial<CompetitionDetails>,
): CompetitionRecord {
  const { date: _date, venue: _venue, issuer: _issuer, ...rest } = base;
  const checkedDate = date === undefined ? (base.date ?? null) : optionalDate(date);
  const checkedVenue =
    venue === undefined ? (base.venue ?? null) : optionalText(venue, fieldOf('venue'), 100);
  const checkedIssuer =
    issuer === undefined ? (base.issuer ?? null) : optionalText(issuer, fieldOf('issuer'), 100);
  return {
    ...rest,
    name: name === undefined ? base.name : requireText(name, fieldOf('competitionName'), NAME_LIMIT),
    ...(checkedDate === null ? {} : { date: checkedDate }),
    ...(checkedVenue === null ? {} : { venue: checkedVenue }),
    ...(checkedIssuer === null ? {} : { issuer: checkedIssuer }),
  };
}

export interface CompetitionDraft extends CompetitionDetails {
  /** A first round made in the same transaction, e.g. from a template: both or neither. */
  firstRound?: Omit<RoundDraft, 'competitionId'>;
  /** The demo competition (src/db/demo.ts): removable whole, everywhere, with one purge. */
  demo?: true;
}

export function createCompetition(db: LeitaiDB, draft: CompetitionDraft): Promise<CompetitionRecord> {
  return writeTransaction(db, async () => {
    const base: CompetitionRecord = {
      id: newId(),
      name: '',
      archived: false,
      ...(draft.demo ? { demo: true } : {}),
    };
    const competition = withDetails(base, draft);
    await putEntity(db, 'competitions', competition, competitionScope(competition.id));
    if (draft.firstRound) await createRound(db, { ...draft.firstRound, competitionId: competition.id });
    return competition;
  });
}

async function updateCompetition(
  db: LeitaiDB,
  id: Id,
  change: (current: CompetitionRecord) => CompetitionRecord,
): Promise<CompetitionRecord> {
  return writeTransaction(db, async () => {
    const next = change(await getCompetition(db, id));
    await putEntity(db, 'competitions', next, competitionScope(id));
    return next;
  });
}

export function renameCompetition(db: LeitaiDB, id: Id, name: string): Promise<CompetitionRecord> {
  return updateCompetition(db, id, (current) => ({
    ...current,
    name: requireText(name, fieldOf('competitionName'), NAME_LIMIT),
  }));
}

/**
 * Name, date, venue and issuer at once; an omitted one keeps its value, null or '' clears a date,
 * venue or issuer.
 */
export function editCompetition(
  db: LeitaiDB,
  id: Id,
  details: Partial<CompetitionDetails>,
): Promise<CompetitionRecord> {
  return updateCompetition(db, id, (current) => withDetails(current, details));
}

/** Archived competitions leave the default list; `archived: false` brings one back. */
export function archiveCompetition(db: LeitaiDB, id: Id, archived = true): Promise<CompetitionRecord> {
  return updateCompetition(db, id, (current) => ({ ...current, archived }));
}

/**
 * A deep copy under new ids, without marks, sheets, adjustments or corrections, e.g. last
 * year's competition as this year's starting point. Criterion ids are kept: they are scoped
 * to their round, and the tie-break settings refer to them. The order of appearance is not
 * copied: a copy has not been drawn.
 */
export function duplicateCompetition(
  db: LeitaiDB,
  id: Id,
  draft: { name?: string } = {},
): Promise<CompetitionRecord> {
  return writeTransaction(db, async () => {
    const source = await getCompetition(db, id);
    // Date and venue are kept: a copy is usually next year's edition at the same place, edited after.
    // A copy is a competition of the organizer's own: never the demo.
    const { demo: _demo, ...copied } = source;
    const copy = withDetails(
      { ...copied, id: newId(), archived: false },
      { name: draft.name ?? `${source.name}（副本）` },
    );
    await putEntity(db, 'competitions', copy, competitionScope(copy.id));
    const takenCodes = new Set((await db.judges.orderBy('joinCode').uniqueKeys()) as string[]);
    const roundCopies = new Map<Id, Id>();
    const contestantCopies = new Map<Id, Id>();
    for (const round of await realRoundsOf(db, id)) {
      roundCopies.set(round.id, await copyRound(db, round, copy.id, contestantCopies));
    }
    // The panel once, each judge on the copies of their rounds, each with a new code; a 彩排's
    // simulated judges are not the panel.
    const panel = (await db.judges.where('competitionId').equals(id).toArray()).filter(
      (judge) => !judge.simulated,
    );
    const judges = panel.map((judge): JudgeRecord => {
      const joinCode = newJoinCode(takenCodes);
      takenCodes.add(joinCode);
      const roundIds = judge.roundIds.flatMap((roundId) => roundCopies.get(roundId) ?? []);
      return withRecuseListCopied(
        { ...judge, id: newId(), competitionId: copy.id, roundIds, joinCode },
        contestantCopies,
      );
    });
    await putEntities(db, 'judges', judges, competitionScope(copy.id));
    return copy;
  });
}

/**
 * Copies the round, its contestants and their photos; returns the copy's id, and adds each
 * contestant's copy to `contestantCopies` (for the judges' 回避名单).
 */
async function copyRound(
  db: LeitaiDB,
  source: RoundRecord,
  competitionId: Id,
  contestantCopies: Map<Id, Id>,
): Promise<Id> {
  const round: RoundRecord = { ...structuredClone(source), id: newId(), competitionId };
  const scope = roundScope(round);
  await putEntity(db, 'rounds', round, scope);
  const sourceContestants = await db.contestants.where('roundId').equals(source.id).toArray();
  for (const contestant of sourceContestants) contestantCopies.set(contestant.id, newId());
  const photoCopies = new Map<Id, PhotoRecord>();
  for (const photo of await db.photos.where('roundId').equals(source.id).toArray()) {
    photoCopies.set(photo.id, { id: newId(), roundId: round.id, blob: photo.blob });
  }
  await putEntities(db, 'photos', [...photoCopies.values()], scope);
  const contestants = sourceContestants.map(
    (contestant): ContestantRecord => ({
      ...contestant,
      id: contestantCopies.get(contestant.id) as Id,
      roundId: round.id,
      photoId: contestant.photoId === null ? null : (photoCopies.get(contestant.photoId)?.id ?? null),
      draw: null,
    }),
  );
  await putEntities(db, 'contestants', contestants, scope);
  return round.id;
}

/**
 * Refused once any round has marks (the results must stay); otherwise everything in it is
 * deleted, after the screen's confirmation. The events stay in the log: nothing is erased.
 */
export function deleteCompetition(db: LeitaiDB, id: Id): Promise<void> {
  return writeTransaction(db, async () => {
    const competition = await getCompetition(db, id);
    const rounds = await db.rounds.where('competitionId').equals(id).toArray();
    for (const round of rounds) {
      // A 彩排's simulated marks are not results: they never keep a competition.
      if (round.rehearsalOf === undefined && (await countRoundMarks(db, round.id)) > 0) {
        throw new RepositoryError(
          'has-marks',
          because('competitionHasMarks', { competition: competition.name, round: round.name }),
        );
      }
    }
    const judges = (await db.judges.where('competitionId').equals(id).primaryKeys()) as Id[];
    await deleteEntities(db, 'judges', judges, competitionScope(id));
    for (const round of rounds) await deleteRoundRecords(db, round);
    await deleteEntity(db, 'competitions', id, competitionScope(id));
  });
}
