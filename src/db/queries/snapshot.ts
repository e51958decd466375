/**
 * Several reads that must agree with one another (a report's records, standings and stage) run
 * in one read transaction over every table: one consistent state, whichever write commits meanwhile.
 */

import type { LeitaiDB } from '../database';

export function inOneSnapshot<T>(db: LeitaiDB, read: () => Promise<T>): Promise<T> {
  return db.transaction('r', db.tables, read);
}
