/**
 * The host console's and the projector's reads, each a live query on IndexedDB: a change made
 * in another window of the browser (a judge's mark, the host's reveal) shows at once, and
 * nothing is copied anywhere else.
 */

import { useLiveQuery } from 'dexie-react-hooks';
import { RepositoryError } from '../../db/errors';
import {
  allCompetitions,
  allRounds,
  loadRoundInput,
  type RoundSetup,
  readStageEvents,
  roundSetup,
  roundsWithMarks,
  type ScoringRows,
  scoringRowsOfRound,
} from '../../db/repository';
import type { LeitaiEvent } from '../../domain/events';
import { RoundRejectedError } from '../../domain/issues';
import { computeLiveStandings, type LiveStandings } from '../../domain/live-standings';
import type { Id } from '../../domain/model';
import { byAppearance } from '../../domain/order';
import { useDatabase } from '../db-context';
import { useLiveRead } from '../live-read';
import { defaultRoundId, type RoundChoice, roundChoices } from './default-round';

export interface RoundChoices {
  choices: RoundChoice[];
  defaultId: Id | null;
}

export function useRoundChoices(): RoundChoices | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    const choices = roundChoices(await allCompetitions(db), await allRounds(db));
    const withMarks = await roundsWithMarks(
      db,
      (choices[0]?.rounds ?? []).map((round) => round.id),
    );
    return { choices, defaultId: defaultRoundId(choices, withMarks) };
  }, [db]);
}

/**
 * The round with its panel (in the panel's order) and contestants (in draw order); null when the
 * round is not on this device.
 */
export function useRoundSetup(roundId: Id | null): RoundSetup | null | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    const setup = roundId === null ? null : await roundSetup(db, roundId);
    return setup && { ...setup, contestants: setup.contestants.sort(byAppearance) };
  }, [db, roundId]);
}

export function useStageEvents(roundId: Id): LeitaiEvent[] | undefined {
  return useLiveRead(readStageEvents, roundId);
}

export type StandingsRead =
  | { standings: LiveStandings; issues: null }
  | { standings: null; issues: RoundRejectedError['issues'] };

/**
 * The live standings of the round, recomputed whenever a mark, an adjustment or the setup
 * changes: a sheet that breaks a rule is set aside and its contestant held, never the round blanked.
 * Null while the round is not on this device (an address opened before the round has synced):
 * read again as soon as it arrives.
 */
export function useStandings(roundId: Id): StandingsRead | null | undefined {
  const db = useDatabase();
  return useLiveQuery(async (): Promise<StandingsRead | null> => {
    try {
      return { standings: computeLiveStandings(await loadRoundInput(db, roundId)), issues: null };
    } catch (error) {
      // A round the engine refuses as a whole (e.g. a sheet without criteria): the screen says why.
      if (error instanceof RoundRejectedError) return { standings: null, issues: error.issues };
      if (error instanceof RepositoryError && error.code === 'not-found') return null;
      throw error;
    }
  }, [db, roundId]);
}

/** The round's marks, sheets, adjustments and correction requests. */
export function useScoringRows(roundId: Id): ScoringRows | undefined {
  return useLiveRead(scoringRowsOfRound, roundId);
}
