/**
 * Reads of the audience's voting (大众投票) for the host console and the projector: the round's
 * open window with its deadline, a contestant's live tally and the turnout, counted by the rules
 * of src/domain/audience.ts.
 */

import {
  type AudienceTally,
  countedVotes,
  latestUnclosedWindow,
  tallyOf,
  turnoutOf,
} from '../../domain/audience';
import type { AudienceWindowRow } from '../../domain/events';
import type { Id } from '../../domain/model';
import type { LeitaiDB } from '../database';

export interface OpenVoting {
  windowId: Id;
  contestantId: Id;
  seconds: number;
  /**
   * When the window ends (ISO 8601), by the host's clock when it opened it: a countdown for the
   * screens. The venue server judges each vote by its own clock.
   */
  deadline: string;
}

/**
 * The round's window the host opened last and has not closed, with its deadline; null when
 * there is none. A window past its deadline is still returned: the screen's clock says it is over.
 */
export async function openVotingOfRound(db: LeitaiDB, roundId: Id): Promise<OpenVoting | null> {
  const window = latestUnclosedWindow(await db.audienceWindows.where('roundId').equals(roundId).toArray());
  if (!window?.opened) return null;
  const deadline = new Date(Date.parse(window.opened.recordedAt) + window.opened.seconds * 1000);
  return {
    windowId: window.windowId,
    contestantId: window.contestantId,
    seconds: window.opened.seconds,
    deadline: deadline.toISOString(),
  };
}

/** The contestant's votes that count so far: turnout, supporters and the sum of the ratings. */
export function audienceTallyOf(db: LeitaiDB, roundId: Id, contestantId: Id): Promise<AudienceTally> {
  return db.transaction('r', [db.audienceWindows, db.audienceVotes], async () => {
    const key = [roundId, contestantId];
    const windows = await db.audienceWindows.where('[roundId+contestantId]').equals(key).toArray();
    const votes = await db.audienceVotes.where('[roundId+contestantId]').equals(key).toArray();
    return tallyOf(countedVotes(windows, votes), contestantId);
  });
}

/** How many phones' votes count, per contestant of the round (absent: none). */
export function audienceTurnoutOf(db: LeitaiDB, roundId: Id): Promise<Map<Id, number>> {
  return db.transaction('r', [db.audienceWindows, db.audienceVotes], async () => {
    const windows = await db.audienceWindows.where('roundId').equals(roundId).toArray();
    const votes = await db.audienceVotes.where('roundId').equals(roundId).toArray();
    return turnoutOf(countedVotes(windows, votes));
  });
}

/**
 * The contestant's voting windows, for the checks before 公布 (src/domain/reveal-checks.ts); none
 * without a contestant.
 */
export async function audienceWindowsOf(
  db: LeitaiDB,
  roundId: Id,
  contestantId: Id | null,
): Promise<AudienceWindowRow[]> {
  if (contestantId === null) return [];
  return db.audienceWindows.where('[roundId+contestantId]').equals([roundId, contestantId]).toArray();
}
