/**
 * Moving a judge or a contestant one place up or down the list: the two records swap their
 * `order`, both writes in one transaction (Dexie nests the roster's own transactions in it), so
 * the list never shows two entries on one place.
 */
import type { Id } from '../domain/model';
import type { LeitaiDB } from './database';
import { putContestant, putJudge } from './roster';

interface Placed {
  id: Id;
  order: number;
}

export function swapPlaces(
  db: LeitaiDB,
  roundId: Id,
  people: 'judges' | 'contestants',
  a: Placed,
  b: Placed,
) {
  const put = people === 'judges' ? putJudge : putContestant;
  return db.transaction('rw', db.tables, async () => {
    await put(db, { id: a.id, roundId, order: b.order });
    await put(db, { id: b.id, roundId, order: a.order });
  });
}
