/**
 * A competition's 总成绩: which of its rounds are combined, with what weights, decimals, rounding,
 * tie-breaks and awards (src/domain/combination.ts). Checked with the domain's own refusals
 * against the competition's rounds; a setup field, synced like the competition's name.
 */

import { type Combination, combineStages, type StageInput } from '../domain/combination';
import { CombinationRejectedError } from '../domain/combination-issues';
import type { Id } from '../domain/model';
import type { CompetitionRecord } from '../domain/records';
import type { LeitaiDB } from './database';
import { competitionScope, getCompetition, putEntity } from './entities';
import { because, RepositoryError } from './errors';
import { writeTransaction } from './log';
import { realRoundsOf } from './rounds';

/** Throws when the combination breaks a rule on these rounds, whoever their contestants are. */
function checkCombination(
  combination: Combination,
  rounds: readonly Omit<StageInput['round'], 'contestants'>[],
): void {
  const inputs = rounds.map((round) => ({
    round: { ...round, contestants: [] },
    standings: { decimals: combination.decimals, ranked: [], pending: [], excluded: [] },
  }));
  try {
    combineStages(combination, inputs);
  } catch (error) {
    if (!(error instanceof CombinationRejectedError)) throw error;
    throw new RepositoryError('invalid-field', because('combinationRules', { issues: error.issues }));
  }
}

/** Sets the competition's combination of its own rounds; null removes it. */
export function setCombination(
  db: LeitaiDB,
  competitionId: Id,
  combination: Combination | null,
): Promise<CompetitionRecord> {
  return writeTransaction(db, async () => {
    const { combination: _previous, ...current } = await getCompetition(db, competitionId);
    if (combination === null) {
      await putEntity(db, 'competitions', current, competitionScope(competitionId));
      return current;
    }
    checkCombination(combination, await realRoundsOf(db, competitionId));
    const next: CompetitionRecord = { ...current, combination: structuredClone(combination) };
    await putEntity(db, 'competitions', next, competitionScope(competitionId));
    return next;
  });
}
