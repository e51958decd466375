/**
 * Live reads of one round's setup, straight from IndexedDB: every screen of this area re-renders
 * when a write commits, whichever screen or device made it. `undefined` while loading.
 */
import {
  contestantsOfRound,
  judgesOfCompetition,
  judgesOfRound,
  roundById,
  roundsOfCompetition,
} from '../../../db/repository';
import type { Id } from '../../../domain/model';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../../domain/records';
import { useLiveRead } from '../../live-read';

/** The round, or null when it does not exist (deleted meanwhile). */
export function useRound(roundId: Id): RoundRecord | null | undefined {
  return useLiveRead(roundById, roundId);
}

/** The round's panel (the judges assigned to it), in list order. */
export function useJudges(roundId: Id): JudgeRecord[] | undefined {
  return useLiveRead(judgesOfRound, roundId);
}

/**
 * Every judge of the competition, in list order: judges serve the rounds they are assigned to.
 * A 彩排's simulated judges are not among them.
 */
export function useCompetitionJudges(competitionId: Id | undefined): JudgeRecord[] | undefined {
  return useLiveRead(judgesOfCompetition, competitionId);
}

/** The competition's rounds, in their order (初赛 before 决赛). */
export function useCompetitionRounds(competitionId: Id | undefined): RoundRecord[] | undefined {
  return useLiveRead(roundsOfCompetition, competitionId);
}

/** The contestants, in list (registration) order. */
export function useContestants(roundId: Id): ContestantRecord[] | undefined {
  return useLiveRead(contestantsOfRound, roundId);
}

/** Names that appear more than once in a list: two 王伟 can be real, but usually are a slip. */
export function repeatedNames(people: readonly { name: string }[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { name } of people) {
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  return repeated;
}
