/**
 * Purges on the device: the demo competition, or a 彩排 rehearsal round, removed whole. The
 * organizer's device writes a `scope.purge` event (sent to the server like any other) and wipes
 * the scope; every other device wipes it when the purge arrives (src/db/remote.ts). A wipe
 * deletes, in the caller's one transaction, the scope's records, entity heads, events,
 * projections, drafts, outbox and refused rows, and a judge session bound to it; the purge
 * event itself stays, so that the scope never comes back from a late event or a restore.
 */

import type { LeitaiEvent, PurgePurpose } from '../domain/events';
import { isEntityEvent } from '../domain/events';
import type { Id } from '../domain/model';
import {
  isDemoCompetition,
  isDemoDraw,
  isRehearsalRound,
  isWithinScope,
  type PurgeScope,
} from '../domain/purge';
import type { SetupTable } from '../domain/records';
import type { LeitaiDB } from './database';
import { getCompetition, getRound, ORGANIZER } from './entities';
import { because, RepositoryError } from './errors';
import { appendLocalEvent, writeTransaction } from './log';

/** What a wipe removed from this device. */
export interface WipeResult {
  events: number;
  unsent: number;
}

/** The scope's events on this device (the purge events excepted). */
async function scopeEvents(db: LeitaiDB, scope: PurgeScope): Promise<LeitaiEvent[]> {
  const ofCompetition = await db.events.where('competitionId').equals(scope.competitionId).toArray();
  return ofCompetition.filter((event) => isWithinScope(event, scope));
}

/** Deletes everything of `scope` on this device; must run inside a read-write transaction of every table. */
export async function wipeScope(db: LeitaiDB, scope: PurgeScope): Promise<WipeResult> {
  const events = await scopeEvents(db, scope);
  const roundIds = new Set<Id>(scope.roundId === null ? [] : [scope.roundId]);
  if (scope.roundId === null) {
    for (const id of await db.rounds.where('competitionId').equals(scope.competitionId).primaryKeys())
      roundIds.add(id);
  }
  for (const event of events) if (event.roundId !== null) roundIds.add(event.roundId);
  const rounds = [...roundIds];

  // Entities, from their events: a deleted one (a tombstone) has a head but no record.
  const entities = new Map<string, [SetupTable, Id]>();
  for (const event of events) {
    if (!isEntityEvent(event)) continue;
    const entityId = event.type === 'entity.put' ? event.payload.entity.id : event.payload.entityId;
    entities.set(`${event.payload.table}/${entityId}`, [event.payload.table, entityId]);
  }
  if (scope.roundId === null)
    entities.set(`competitions/${scope.competitionId}`, ['competitions', scope.competitionId]);
  for (const id of rounds) entities.set(`rounds/${id}`, ['rounds', id]);
  // Every record came through an event (written here or pulled), so the events name them all.
  for (const [table, entityId] of entities.values()) await db.table(table).delete(entityId);
  await db.entityHeads.bulkDelete([...entities.values()]);

  for (const table of [
    db.marks,
    db.sheets,
    db.adjustments,
    db.corrections,
    db.audienceWindows,
    db.audienceVotes,
  ])
    await table.where('roundId').anyOf(rounds).delete();
  await db.drafts.filter((draft) => roundIds.has(draft.roundId)).delete();
  const session = await db.judgeSession.get('self');
  if (session && roundIds.has(session.roundId)) await db.judgeSession.delete('self');

  const eventIds = events.map((event) => event.id);
  const unsent = (await db.outbox.bulkGet(eventIds)).filter((row) => row !== undefined).length;
  await db.outbox.bulkDelete(eventIds);
  await db.refused.bulkDelete(eventIds);
  await db.events.bulkDelete(eventIds);
  return { events: eventIds.length, unsent };
}

async function purge(db: LeitaiDB, scope: PurgeScope, purpose: PurgePurpose): Promise<WipeResult> {
  await appendLocalEvent(db, { type: 'scope.purge', author: ORGANIZER, ...scope, payload: { purpose } });
  return wipeScope(db, scope);
}

/**
 * 删除示例赛事: the demo competition leaves this device now and every other device and the
 * server when they receive the purge, however many marks judges gave it. Refused for any other
 * competition (its results must stay: archive it instead).
 */
export function purgeDemoCompetition(db: LeitaiDB, competitionId: Id): Promise<WipeResult> {
  return writeTransaction(db, async () => {
    const competition = await getCompetition(db, competitionId);
    const draws = await db.events.where('type').equals('draw.record').toArray();
    const legacyDemo = draws.some((event) => event.competitionId === competitionId && isDemoDraw(event));
    if (!isDemoCompetition(competition) && !legacyDemo) {
      throw new RepositoryError('not-purgeable', because('notDemo', { competition: competition.name }));
    }
    return purge(db, { competitionId, roundId: null }, 'demo');
  });
}

/** 结束彩排并清除: the rehearsal round and everything written in it, everywhere. */
export function purgeRehearsalRound(db: LeitaiDB, roundId: Id): Promise<WipeResult> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    if (!isRehearsalRound(round)) {
      throw new RepositoryError('not-purgeable', because('notRehearsal', { round: round.name }));
    }
    return purge(db, { competitionId: round.competitionId, roundId }, 'rehearsal');
  });
}
