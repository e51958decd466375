/**
 * 大众投票, the host's side: opening a contestant's voting window and closing it early. The
 * votes themselves are written by the venue server alone (src/server/audience.ts) and reach this
 * device by pull; src/domain/audience.ts decides which count.
 */

import { latestUnclosedWindow } from '../domain/audience';
import type { Id } from '../domain/model';
import type { LeitaiDB } from './database';
import { getContestant, getRound, HOST, roundScope } from './entities';
import { because, RepositoryError } from './errors';
import { appendLocalEvent, writeTransaction } from './log';

/**
 * Opens voting for an active contestant of a round with audience voting, for the round's
 * `windowSeconds`; an open window of another contestant of the round is closed first (one
 * contestant votes at a time). Returns the window's id.
 */
export function openAudienceVoting(db: LeitaiDB, roundId: Id, contestantId: Id): Promise<Id> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    if (!round.audience) {
      throw new RepositoryError('no-audience-voting', because('noAudienceVoting', { round: round.name }));
    }
    const contestant = await getContestant(db, roundId, contestantId);
    if (contestant.status !== 'active') {
      throw new RepositoryError(
        'contestant-inactive',
        because('inactiveVoting', { contestant: contestant.name }),
      );
    }
    const current = latestUnclosedWindow(await db.audienceWindows.where('roundId').equals(roundId).toArray());
    if (current) {
      await appendLocalEvent(db, {
        type: 'audience.close',
        author: HOST,
        ...roundScope(round),
        payload: { contestantId: current.contestantId, windowId: current.windowId },
      });
    }
    const event = await appendLocalEvent(db, {
      type: 'audience.open',
      author: HOST,
      ...roundScope(round),
      payload: { contestantId: contestant.id, seconds: round.audience.windowSeconds },
    });
    return event.id;
  });
}

/** Closes a voting window before its time: the server takes no vote after it. */
export function closeAudienceVoting(db: LeitaiDB, roundId: Id, windowId: Id): Promise<void> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    const window = await db.audienceWindows.get(windowId);
    if (!window?.opened || window.roundId !== roundId || window.closed || window.sealed) {
      throw new RepositoryError('voting-not-open', because('votingNotOpen', { round: round.name }));
    }
    await appendLocalEvent(db, {
      type: 'audience.close',
      author: HOST,
      ...roundScope(round),
      payload: { contestantId: window.contestantId, windowId },
    });
  });
}
