/** Reads that assemble several tables; each runs in one read transaction, a consistent snapshot. */

import {
  type EntityProjection,
  foldEvents,
  isAdjustmentActive,
  type Projection,
  projectionKeyString,
} from '../domain/events';
import type { Id, RoundInput } from '../domain/model';
import type { LeitaiDB } from './database';
import { getRound } from './entities';

function byOrder<T extends { order: number; id: Id }>(a: T, b: T): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The engine's input for a round, from the projections: the current non-empty marks and the
 * active adjustments. Marks and adjustments of judges, contestants or criteria deleted since
 * are left out (the engine refuses unknown references).
 */
export function loadRoundInput(db: LeitaiDB, roundId: Id): Promise<RoundInput> {
  return db.transaction('r', [db.rounds, db.judges, db.contestants, db.marks, db.adjustments], async () => {
    const round = await getRound(db, roundId);
    const judges = (await db.judges.where('roundId').equals(roundId).toArray()).sort(byOrder);
    const contestants = (await db.contestants.where('roundId').equals(roundId).toArray()).sort(byOrder);
    const judgeIds = new Set(judges.map((judge) => judge.id));
    const contestantIds = new Set(contestants.map((contestant) => contestant.id));
    const criterionIds = new Set(round.criteria.map((criterion) => criterion.id));
    const marks = await db.marks.where('roundId').equals(roundId).toArray();
    const adjustments = await db.adjustments.where('roundId').equals(roundId).toArray();
    return {
      criteria: round.criteria.map(({ id, label, max, points, step }) => ({ id, label, max, points, step })),
      judges: judges.map(({ id, name, weight, unit }) => ({ id, name, weight, unit })),
      contestants: contestants.map(({ id, name, unit, draw, status }) => ({ id, name, unit, draw, status })),
      marks: marks.flatMap((mark) =>
        mark.value !== null &&
        judgeIds.has(mark.judgeId) &&
        contestantIds.has(mark.contestantId) &&
        criterionIds.has(mark.criterionId)
          ? [
              {
                judge: mark.judgeId,
                contestant: mark.contestantId,
                criterion: mark.criterionId,
                value: mark.value,
              },
            ]
          : [],
      ),
      adjustments: adjustments.flatMap((row) =>
        isAdjustmentActive(row) && row.added && contestantIds.has(row.added.contestantId)
          ? [{ contestant: row.added.contestantId, label: row.added.label, points: row.added.points }]
          : [],
      ),
      settings: structuredClone(round.settings),
    };
  });
}

function keyed<T>(rows: readonly T[], keyOf: (row: T) => string | readonly string[]): Record<string, T> {
  const entries = rows.map((row) => [projectionKeyString(keyOf(row)), row] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
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
    };
  });
}

/** The projection recomputed from the device's own log: equal to `readProjection` when healthy. */
export async function refoldLog(db: LeitaiDB): Promise<Projection> {
  return foldEvents(await db.events.toArray());
}
