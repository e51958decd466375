/**
 * The projector's reads: the competition (for the waiting screen) and the standings of what the
 * host has revealed, recomputed from the reveals (`contestant.lock`) whenever a reveal, an
 * adjustment or the setup changes. Scores the projector must not show (marks of contestants not
 * yet revealed, which the organizer's laptop holds) never reach its views.
 */

import { useLiveQuery } from 'dexie-react-hooks';
import { RepositoryError } from '../../db/errors';
import { competitionById, loadRoundInput, readStageEvents } from '../../db/repository';
import type { Standings } from '../../domain/engine';
import { RoundRejectedError } from '../../domain/issues';
import { computeLiveStandings, heldAsPending } from '../../domain/live-standings';
import type { Id } from '../../domain/model';
import type { CompetitionRecord } from '../../domain/records';
import { revealedRoundInput } from '../../domain/revealed';
import { useDatabase } from '../db-context';
import { useLiveRead } from '../live-read';

/**
 * The revealed standings as the audience sees them; null when the round is refused whole, or not
 * on this device (yet: a projector that has just joined shows its round once sync brings it).
 */
export function useRevealedStandings(roundId: Id): { standings: Standings | null } | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    try {
      const [input, events] = await Promise.all([loadRoundInput(db, roundId), readStageEvents(db, roundId)]);
      return { standings: heldAsPending(computeLiveStandings(revealedRoundInput(input, events))) };
    } catch (error) {
      if (error instanceof RoundRejectedError) return { standings: null };
      if (error instanceof RepositoryError && error.code === 'not-found') return { standings: null };
      throw error;
    }
  }, [db, roundId]);
}

/** The competition of the round; null when it is not on this device. */
export function useCompetition(competitionId: Id): CompetitionRecord | null | undefined {
  return useLiveRead(competitionById, competitionId);
}
