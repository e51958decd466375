/** Reads that assemble several tables; each runs in one read transaction, a consistent snapshot. */

import { type EntityProjection, foldEvents, type Projection, projectionKeyString } from '../domain/events';
import type { Id, RoundInput } from '../domain/model';
import { compareIds } from '../domain/order';
import { assembleRoundInput } from '../domain/round-input';
import type { LeitaiDB } from './database';
import { getRound } from './entities';

/**
 * The engine's input for a round, from the projections: the same assembly as verification's
 * (src/domain/round-input.ts), so a device and `leitai verify` score exactly the same marks.
 */
export function loadRoundInput(db: LeitaiDB, roundId: Id): Promise<RoundInput> {
  const tables = [db.rounds, db.judges, db.contestants, db.marks, db.adjustments];
  return db.transaction('r', [...tables, db.audienceWindows, db.audienceVotes], async () =>
    assembleRoundInput({
      round: await getRound(db, roundId),
      judges: await db.judges.where('roundIds').equals(roundId).toArray(),
      contestants: await db.contestants.where('roundId').equals(roundId).toArray(),
      marks: await db.marks.where('roundId').equals(roundId).toArray(),
      adjustments: await db.adjustments.where('roundId').equals(roundId).toArray(),
      audienceWindows: await db.audienceWindows.where('roundId').equals(roundId).toArray(),
      audienceVotes: await db.audienceVotes.where('roundId').equals(roundId).toArray(),
    }),
  );
}

function keyed<T>(rows: readonly T[], keyOf: (row: T) => string | readonly string[]): Record<string, T> {
  const entries = rows.map((row) => [projectionKeyString(keyOf(row)), row] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => compareIds(a, b)));
}

/**
 * Every projection of the device in the shape of `foldEvents`: `readProjection(db)` must equal
 * `foldEvents(all events)`, which the tests, a verification and the server can check.
 */
export function readProjection(db: LeitaiDB): Promise<Projection> {
  return db.transaction('r', db.tables, async () => {
    const byId = <T extends { id: Id }>(rows: T[]) => keyed(rows, (row) => row.id);
    const entities: EntityProjection = {
      competitions: byId(await db.competitions.toArray()),
      rounds: byId(await db.rounds.toArray()),
      judges: byId(await db.judges.toArray()),
      contestants: byId(await db.contestants.toArray()),
      photos: byId(await db.photos.toArray()),
    };
    return {
      entities,
      entityHeads: keyed(await db.entityHeads.toArray(), (row) => [row.table, row.entityId]),
      marks: keyed(await db.marks.toArray(), (row) => [
        row.roundId,
        row.judgeId,
        row.contestantId,
        row.criterionId,
      ]),
      sheets: keyed(await db.sheets.toArray(), (row) => [row.roundId, row.judgeId, row.contestantId]),
      adjustments: keyed(await db.adjustments.toArray(), (row) => row.adjustmentId),
      corrections: keyed(await db.corrections.toArray(), (row) => row.requestId),
      audienceWindows: keyed(await db.audienceWindows.toArray(), (row) => row.windowId),
      audienceVotes: keyed(await db.audienceVotes.toArray(), (row) => [row.windowId, row.voterId]),
    };
  });
}

/** The projection recomputed from the device's own log: equal to `readProjection` when healthy. */
export async function refoldLog(db: LeitaiDB): Promise<Projection> {
  return foldEvents(await db.events.toArray());
}
