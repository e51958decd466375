/**
 * Moving a judge or a contestant one place up or down the list: the two records swap their
 * `order`, both writes in one transaction (Dexie nests the repository's own transactions in
 * it), so the list never shows two entries on one place.
 */
import type { LeitaiDB } from '../../../db/database';
import { putContestant, putJudge } from '../../../db/repository';
import type { Id } from '../../../domain/model';

interface Placed {
  id: Id;
  order: number;
}

export function swapPlaces(db: LeitaiDB, roundId: Id, table: 'judges' | 'contestants', a: Placed, b: Placed) {
  const put = table === 'judges' ? putJudge : putContestant;
  return db.transaction('rw', db.tables, async () => {
    await put(db, { id: a.id, roundId, order: b.order });
    await put(db, { id: b.id, roundId, order: a.order });
  });
}
