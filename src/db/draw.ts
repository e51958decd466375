/**
 * The order of appearance (出场顺序): a recorded draw (抽签) or a manual reorder. A draw's seed is
 * committed first (`draw.commit`, its fingerprint shown), then drawn with; the audit event keeps
 * the seed and the order; each contestant whose place changed gets an `entity.put` with its new
 * `draw`, so the contestant record stays the one source of truth.
 */

import { drawOrder, MAX_SEED_LENGTH, seedFingerprint } from '../domain/draw';
import type { Author, LeitaiEvent } from '../domain/events';
import type { Id } from '../domain/model';
import { byRecordedTime } from '../domain/order';
import type { ContestantRecord, RoundRecord } from '../domain/records';
import type { LeitaiDB } from './database';
import { getRound, ORGANIZER, putEntities, roundScope } from './entities';
import { because, fieldOf, RepositoryError } from './errors';
import { requireText } from './guards';
import { appendLocalEvent, writeTransaction } from './log';

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
    if (!byId.has(id)) throw new RepositoryError('draw-invalid', because('drawForeignContestant'));
    if (seen.has(id))
      throw new RepositoryError(
        'draw-invalid',
        because('drawTwice', { contestant: byId.get(id)?.name ?? id }),
      );
    seen.add(id);
  }
  const missing = contestants.filter(
    (contestant) => contestant.status === 'active' && !seen.has(contestant.id),
  );
  if (missing.length > 0) {
    throw new RepositoryError(
      'draw-invalid',
      because('drawMissing', { contestants: missing.map((c) => c.name) }),
    );
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

/** The events of a round's order of appearance: seeds committed, draws, manual reorders. */
export type DrawLogEvent =
  | LeitaiEvent<'draw.commit'>
  | LeitaiEvent<'draw.record'>
  | LeitaiEvent<'order.manual'>;

const DRAW_LOG_TYPES = ['draw.commit', 'draw.record', 'order.manual'] as const;

/**
 * The seed the next draw uses: the latest commit, when no draw came after it. Every organizer
 * device folds the same events to the same commit, so each shows the same fingerprint.
 */
export function openDrawCommit(events: readonly DrawLogEvent[]): LeitaiEvent<'draw.commit'> | null {
  let open: LeitaiEvent<'draw.commit'> | null = null;
  for (const event of [...events].sort(byRecordedTime)) {
    if (event.type === 'draw.commit') open = event;
    else if (event.type === 'draw.record') open = null;
  }
  return open;
}

export async function drawLogOf(db: LeitaiDB, roundId: Id): Promise<DrawLogEvent[]> {
  const lists = await Promise.all(
    DRAW_LOG_TYPES.map((type) => db.events.where('[roundId+type]').equals([roundId, type]).toArray()),
  );
  return (lists.flat() as DrawLogEvent[]).sort(byRecordedTime);
}

const shortFingerprint = (fingerprint: string) => fingerprint.slice(0, 16);

/**
 * Fixes the seed of the round's next draw and records its fingerprint (SHA-256), which the
 * organizer then shows. One commit at a time: a fingerprint once shown is the one the draw uses.
 */
export function commitDrawSeed(db: LeitaiDB, roundId: Id, seed: string): Promise<LeitaiEvent<'draw.commit'>> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    const text = requireText(seed, fieldOf('drawSeed'), MAX_SEED_LENGTH);
    const open = openDrawCommit(await drawLogOf(db, round.id));
    if (open) {
      throw new RepositoryError(
        'draw-committed',
        because('seedAlreadyCommitted', { fingerprint: shortFingerprint(open.payload.seedFingerprint) }),
      );
    }
    return (await appendLocalEvent(db, {
      type: 'draw.commit',
      author: ORGANIZER,
      ...roundScope(round),
      payload: { seedFingerprint: seedFingerprint(text), seed: text },
    })) as LeitaiEvent<'draw.commit'>;
  });
}

/**
 * 抽签 with the committed seed: the active contestants in drawOrder(seed), recorded with the seed
 * (now public) and its fingerprint. Refused without a commit, so every draw's fingerprint was
 * shown before it.
 */
export function drawWithCommittedSeed(db: LeitaiDB, roundId: Id): Promise<ContestantRecord[]> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    const commit = openDrawCommit(await drawLogOf(db, round.id));
    if (!commit) {
      throw new RepositoryError('draw-not-committed', because('seedNotCommitted'));
    }
    const { seed, seedFingerprint: fingerprint } = commit.payload;
    if (seed === '' || seedFingerprint(seed) !== fingerprint) {
      throw new RepositoryError('draw-not-committed', because('seedNotOnDevice'));
    }
    const active = await db.contestants
      .where('roundId')
      .equals(round.id)
      .filter((contestant) => contestant.status === 'active')
      .toArray();
    if (active.length === 0) throw new RepositoryError('draw-invalid', because('noActiveContestants'));
    const order = drawOrder(
      active.map((contestant) => contestant.id),
      seed,
    );
    const contestants = await checkOrder(db, round, order);
    await appendLocalEvent(db, {
      type: 'draw.record',
      author: ORGANIZER,
      ...roundScope(round),
      payload: { seedFingerprint: fingerprint, seed, order },
    });
    return applyOrder(db, round, contestants, order, ORGANIZER);
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
