/**
 * A screen's live read: one query of the read model (src/db/queries, through the repository)
 * bound to the screen's database and ids. It re-runs whenever a write that touches what the query
 * read commits, on this screen or any other; `undefined` while the first answer is read.
 * It binds the query and nothing more: no wrapping, no cache. Pass a function of the read model
 * itself, not a new arrow on each render, or the query is subscribed afresh every render.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { LeitaiDB } from '../db/database';
import { useDatabase } from './db-context';

export function useLiveRead<Ids extends unknown[], Result>(
  query: (db: LeitaiDB, ...ids: Ids) => Promise<Result>,
  ...ids: Ids
): Result | undefined {
  const db = useDatabase();
  // The ids are the query's only inputs besides the database: a change of either reads again.
  return useLiveQuery(() => query(db, ...ids), [db, query, ...ids]);
}
