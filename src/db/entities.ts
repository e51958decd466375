/**
 * Reading setup records inside a write (always from IndexedDB, never from a cache) and writing
 * them as `entity.put` / `entity.delete` events, so that setup travels through the same log
 * as the marks.
 */

import type { Author, LeitaiEvent } from '../domain/events';
import type { Id } from '../domain/model';
import {
  type CompetitionRecord,
  type ContestantRecord,
  changedFields,
  isAssigned,
  isMergedTable,
  type JudgeRecord,
  type RoundRecord,
  type SetupRecords,
  type SetupTable,
} from '../domain/records';
import type { LeitaiDB } from './database';
import { because, RepositoryError } from './errors';
import { appendLocalEvents } from './log';

export const ORGANIZER: Author = { role: 'organizer' };
export const HOST: Author = { role: 'host' };

/** Where an event belongs: sync and the audit filter the log by these. */
export interface EventScope {
  competitionId: Id;
  roundId: Id | null;
}

export function roundScope(round: RoundRecord): EventScope {
  return { competitionId: round.competitionId, roundId: round.id };
}

/** Competition-level events: the competition itself, and its judges (who serve every round). */
export function competitionScope(competitionId: Id): EventScope {
  return { competitionId, roundId: null };
}

export async function getCompetition(db: LeitaiDB, id: Id): Promise<CompetitionRecord> {
  const competition = await db.competitions.get(id);
  if (!competition) throw new RepositoryError('not-found', because('competitionNotFound'));
  return competition;
}

export async function getRound(db: LeitaiDB, id: Id): Promise<RoundRecord> {
  const round = await db.rounds.get(id);
  if (!round) throw new RepositoryError('not-found', because('roundNotFound'));
  return round;
}

export async function getJudge(db: LeitaiDB, roundId: Id, judgeId: Id): Promise<JudgeRecord> {
  const judge = await db.judges.get(judgeId);
  if (!judge || !isAssigned(judge, roundId))
    throw new RepositoryError('unknown-judge', because('judgeNotInRound'));
  return judge;
}

export async function getContestant(db: LeitaiDB, roundId: Id, contestantId: Id): Promise<ContestantRecord> {
  const contestant = await db.contestants.get(contestantId);
  if (!contestant || contestant.roundId !== roundId) {
    throw new RepositoryError('unknown-contestant', because('contestantNotInRound'));
  }
  return contestant;
}

/** The revisions entity writes must carry: one more than the last one this device has seen. */
async function nextEntityRevisions(
  db: LeitaiDB,
  table: SetupTable,
  entityIds: readonly Id[],
): Promise<number[]> {
  const heads = await db.entityHeads.bulkGet(entityIds.map((id): [string, Id] => [table, id]));
  return heads.map((head) => (head?.head.revision ?? 0) + 1);
}

/**
 * Writes records of one table and one scope, as one batch of `entity.put` events. A record this
 * device holds is written as an edit: its put lists only the fields that differ from the stored
 * record, so that another device's concurrent edit of other fields survives the merge
 * (src/domain/events.ts mergeEntity), and an unchanged record writes nothing. A new record, a
 * deleted one written again and a photo are written whole.
 */
export async function putEntities<T extends SetupTable>(
  db: LeitaiDB,
  table: T,
  entities: readonly SetupRecords[T][],
  scope: EventScope,
  author: Author = ORGANIZER,
): Promise<LeitaiEvent[]> {
  const ids = entities.map((entity) => entity.id);
  const [revisions, stored] = await Promise.all([
    nextEntityRevisions(db, table, ids),
    db.table<SetupRecords[T], Id>(table).bulkGet(ids),
  ]);
  const writes = entities.flatMap((entity, index) => {
    const revision = revisions[index] ?? 1;
    const before = stored[index];
    if (!before || !isMergedTable(table)) return [{ table, entity, revision }];
    const fields = changedFields(
      table,
      before as SetupRecords[typeof table],
      entity as SetupRecords[typeof table],
    );
    return fields.length === 0 ? [] : [{ table, entity, revision, fields }];
  });
  return appendLocalEvents(
    db,
    writes.map((payload) => ({
      type: 'entity.put',
      author,
      ...scope,
      payload: payload as LeitaiEvent<'entity.put'>['payload'],
    })),
  );
}

export async function putEntity<T extends SetupTable>(
  db: LeitaiDB,
  table: T,
  entity: SetupRecords[T],
  scope: EventScope,
  author: Author = ORGANIZER,
): Promise<void> {
  await putEntities(db, table, [entity], scope, author);
}

export async function deleteEntities(
  db: LeitaiDB,
  table: SetupTable,
  entityIds: readonly Id[],
  scope: EventScope,
  author: Author = ORGANIZER,
): Promise<LeitaiEvent[]> {
  const revisions = await nextEntityRevisions(db, table, entityIds);
  return appendLocalEvents(
    db,
    entityIds.map((entityId, index) => ({
      type: 'entity.delete',
      author,
      ...scope,
      payload: { table, entityId, revision: revisions[index] ?? 1 },
    })),
  );
}

export async function deleteEntity(
  db: LeitaiDB,
  table: SetupTable,
  entityId: Id,
  scope: EventScope,
  author: Author = ORGANIZER,
): Promise<void> {
  await deleteEntities(db, table, [entityId], scope, author);
}

/** Marks that hold a value: the ones that make deleting their round, judge or contestant unsafe. */
export async function countRoundMarks(db: LeitaiDB, roundId: Id): Promise<number> {
  return db.marks
    .where('roundId')
    .equals(roundId)
    .filter((mark) => mark.value !== null)
    .count();
}
