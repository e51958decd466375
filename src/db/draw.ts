/**
 * The order of appearance (出场顺序): a recorded draw (抽签) or a manual reorder. The audit
 * event keeps the seed and the order; each contestant whose place changed gets an
 * `entity.put` with its new `draw`, so the contestant record stays the one source of truth.
 */

import type { Author } from '../domain/events';
import type { Id } from '../domain/model';
import type { ContestantRecord, RoundRecord } from '../domain/records';
import type { LeitaiDB } from './database';
import { getRound, ORGANIZER, putEntities, roundScope } from './entities';
import { RepositoryError } from './errors';
import { requireText } from './guards';
import { appendLocalEvent, writeTransaction } from './log';

export interface DrawResult {
  /** Shown before the draw, so nobody can pick a seed after seeing the order. */
  seedFingerprint: string;
  /** Shown after the draw, so anyone can re-run the shuffle. */
  seed: string;
  order: readonly Id[];
}

/**
 * The order must name contestants of the round, each once, and every active one; withdrawn or
 * disqualified contestants left out get no place.
 */
async function checkOrder(
  db: LeitaiDB,
  round: RoundRecord,
  order: readonly Id[],
): Promise<ContestantRecord[]> {
  const contestants = await db.contestants.where('roundId').equals(round.id).toArray();
  const byId = new Map(contestants.map((contestant) => [contestant.id, contestant]));
  const seen = new Set<Id>();
  for (const id of order) {
    if (!byId.has(id)) throw new RepositoryError('draw-invalid', '出场顺序中有不属于本轮次的选手');
    if (seen.has(id))
      throw new RepositoryError('draw-invalid', `选手“${byId.get(id)?.name}”在出场顺序中出现了两次`);
    seen.add(id);
  }
  const missing = contestants.filter(
    (contestant) => contestant.status === 'active' && !seen.has(contestant.id),
  );
  if (missing.length > 0) {
    throw new RepositoryError('draw-invalid', `出场顺序缺少选手：${missing.map((c) => c.name).join('、')}`);
  }
  return contestants;
}

async function applyOrder(
  db: LeitaiDB,
  round: RoundRecord,
  contestants: readonly ContestantRecord[],
  order: readonly Id[],
  author: Author,
): Promise<ContestantRecord[]> {
  const place = new Map(order.map((id, index) => [id, index + 1]));
  const updated = contestants.map((contestant) => {
    const draw = place.get(contestant.id) ?? null;
    return contestant.draw === draw ? contestant : { ...contestant, draw };
  });
  const moved = updated.filter((contestant, index) => contestant !== contestants[index]);
  await putEntities(db, 'contestants', moved, roundScope(round), author);
  return updated.sort((a, b) => (a.draw ?? Number.POSITIVE_INFINITY) - (b.draw ?? Number.POSITIVE_INFINITY));
}

export function recordDraw(db: LeitaiDB, roundId: Id, draw: DrawResult): Promise<ContestantRecord[]> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    const contestants = await checkOrder(db, round, draw.order);
    const seedFingerprint = requireText(draw.seedFingerprint, '抽签种子指纹', 200);
    const seed = requireText(draw.seed, '抽签种子', 200);
    await appendLocalEvent(db, {
      type: 'draw.record',
      author: ORGANIZER,
      ...roundScope(round),
      payload: { seedFingerprint, seed, order: [...draw.order] },
    });
    return applyOrder(db, round, contestants, draw.order, ORGANIZER);
  });
}

export function reorderManually(
  db: LeitaiDB,
  roundId: Id,
  order: readonly Id[],
): Promise<ContestantRecord[]> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    const contestants = await checkOrder(db, round, order);
    await appendLocalEvent(db, {
      type: 'order.manual',
      author: ORGANIZER,
      ...roundScope(round),
      payload: { order: [...order] },
    });
    return applyOrder(db, round, contestants, order, ORGANIZER);
  });
}
