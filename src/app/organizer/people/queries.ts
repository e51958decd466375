/**
 * Live reads of one round's setup, straight from IndexedDB: every screen of this area re-renders
 * when a write commits, whichever screen or device made it. `undefined` while loading.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Id } from '../../../domain/model';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';

/** The round, or null when it does not exist (deleted meanwhile). */
export function useRound(roundId: Id): RoundRecord | null | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => (await db.rounds.get(roundId)) ?? null, [db, roundId]);
}

/** The round's panel (the judges assigned to it), in list order. */
export function useJudges(roundId: Id): JudgeRecord[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => db.judges.where('roundIds').equals(roundId).sortBy('order'), [db, roundId]);
}

/**
 * Every judge of the competition, in list order: judges serve the rounds they are assigned to.
 * A 彩排's simulated judges are not among them.
 */
export function useCompetitionJudges(competitionId: Id | undefined): JudgeRecord[] | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () =>
      competitionId === undefined
        ? []
        : (await db.judges.where('competitionId').equals(competitionId).sortBy('order')).filter(
            (judge) => !judge.simulated,
          ),
    [db, competitionId],
  );
}

/** The competition's rounds, in their order (初赛 before 决赛). */
export function useCompetitionRounds(competitionId: Id | undefined): RoundRecord[] | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () =>
      competitionId === undefined
        ? []
        : db.rounds.where('competitionId').equals(competitionId).sortBy('order'),
    [db, competitionId],
  );
}

/** The contestants, in list (registration) order. */
export function useContestants(roundId: Id): ContestantRecord[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => db.contestants.where('roundId').equals(roundId).sortBy('order'), [db, roundId]);
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
