/**
 * 结束本轮，成绩定稿: the organizer closes a round, so its ranks and awards are final even with
 * contestants unrevealed (src/domain/provisional.ts); reopening makes them provisional again.
 * Each is one event of the round's closure cell, read back through the [roundId+type] index.
 */

import type { LeitaiEvent } from '../domain/events';
import type { Id } from '../domain/model';
import { roundClosureOf } from '../domain/provisional';
import type { LeitaiDB } from './database';
import { getRound, ORGANIZER, roundScope } from './entities';
import { because, RepositoryError } from './errors';
import { appendLocalEvent, writeTransaction } from './log';
import { roundEvents } from './stage';

const CLOSURE_EVENT_TYPES = ['round.close', 'round.reopen'] as const;

/** Closes (`closed: true`) or reopens the round's results; refused when it already is so. */
export function setRoundClosed(
  db: LeitaiDB,
  change: { roundId: Id; closed: boolean },
): Promise<LeitaiEvent<'round.close' | 'round.reopen'>> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, change.roundId);
    const closure = roundClosureOf(await roundEvents(db, round.id, CLOSURE_EVENT_TYPES));
    if (closure.closed === change.closed) {
      throw new RepositoryError(
        'invalid-field',
        because(change.closed ? 'roundAlreadyClosed' : 'roundNotClosed', { round: round.name }),
      );
    }
    return (await appendLocalEvent(db, {
      type: change.closed ? 'round.close' : 'round.reopen',
      author: ORGANIZER,
      ...roundScope(round),
      payload: { revision: closure.nextRevision },
    })) as LeitaiEvent<'round.close' | 'round.reopen'>;
  });
}
