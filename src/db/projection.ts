/**
 * Applies events to the IndexedDB projections with `applyEvents` of src/domain/events.ts, the
 * same loop `foldEvents` runs: the incremental projection and the pure fold cannot disagree on
 * who wins a cell. Runs inside the caller's transaction.
 *
 * Rows are read and written in bulk (one bulkGet and one bulkPut per table, not one awaited
 * request per event): IndexedDB then pipelines the requests, which is what makes a 2,000-row
 * import or a large sync batch fast on a tablet.
 */

import type { IndexableType, Table } from 'dexie';
import {
  applyEvents,
  emptyProjectionState,
  type LeitaiEvent,
  type ProjectionName,
  type ProjectionRows,
  type ProjectionState,
  projectionKeysOf,
} from '../domain/events';
import type { SetupTable } from '../domain/records';
import type { LeitaiDB } from './database';

const PROJECTIONS: readonly ProjectionName[] = [
  'entityHeads',
  'marks',
  'sheets',
  'adjustments',
  'corrections',
  'audienceWindows',
  'audienceVotes',
];

function projectionTable<P extends ProjectionName>(
  db: LeitaiDB,
  name: P,
): Table<ProjectionRows[P], IndexableType> {
  return db.table(name);
}

/** The current rows of every key the events touch. */
async function loadState(db: LeitaiDB, events: readonly LeitaiEvent[]): Promise<ProjectionState> {
  const keys = projectionKeysOf(events);
  const state = emptyProjectionState();
  await Promise.all(
    PROJECTIONS.map(async (name) => {
      const wanted = [...keys[name]];
      if (wanted.length === 0) return;
      const rows = await projectionTable(db, name).bulkGet(wanted.map(([, key]) => key as IndexableType));
      rows.forEach((row, index) => {
        const entry = wanted[index];
        if (row && entry) (state[name] as Map<string, unknown>).set(entry[0], row);
      });
    }),
  );
  return state;
}

export async function applyToProjections(db: LeitaiDB, events: readonly LeitaiEvent[]): Promise<void> {
  if (events.length === 0) return;
  const changes = applyEvents(await loadState(db, events), events);
  const puts = new Map<SetupTable, unknown[]>();
  const deletes = new Map<SetupTable, string[]>();
  for (const change of changes.entities.values()) {
    if ('put' in change) puts.set(change.table, [...(puts.get(change.table) ?? []), change.put]);
    else deletes.set(change.table, [...(deletes.get(change.table) ?? []), change.delete]);
  }
  await Promise.all([
    ...PROJECTIONS.map((name) => {
      const rows = [...changes.rows[name].values()];
      return rows.length === 0 ? undefined : projectionTable(db, name).bulkPut(rows);
    }),
    ...[...puts].map(([table, records]) => db.table(table).bulkPut(records)),
    ...[...deletes].map(([table, ids]) => db.table(table).bulkDelete(ids)),
  ]);
}
