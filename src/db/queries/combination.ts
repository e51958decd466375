/**
 * A competition's 总成绩 (its stage combination, src/domain/combination.ts), computed live from
 * the stage rounds' standings by the same engine path as the results (computeLiveStandings), or,
 * for the projector, from what the host has revealed only.
 */

import { type CombinedStandings, combineStages, type StageInput } from '../../domain/combination';
import { type CombinationIssue, CombinationRejectedError } from '../../domain/combination-issues';
import { computeLiveStandings, heldAsPending } from '../../domain/live-standings';
import type { Id } from '../../domain/model';
import { byOrderThenId } from '../../domain/order';
import type { CompetitionRecord } from '../../domain/records';
import { revealedRoundInput } from '../../domain/revealed';
import { stageInputOf } from '../../domain/stage-input';
import type { LeitaiDB } from '../database';
import { loadRoundInput } from '../read';
import { realRoundsOf } from '../rounds';
import { readStageEvents } from '../stage';
import { inOneSnapshot } from './snapshot';

export type StandingsSource = 'live' | 'revealed';

/** Every real round of the competition with its standings (../../domain/stage-input.ts), in round order. */
export function stageInputsOf(
  db: LeitaiDB,
  competitionId: Id,
  source: StandingsSource = 'live',
): Promise<StageInput[]> {
  return inOneSnapshot(db, async () => {
    const rounds = (await realRoundsOf(db, competitionId)).sort(byOrderThenId);
    const inputs: StageInput[] = [];
    for (const round of rounds) {
      const input = await loadRoundInput(db, round.id);
      const stage = source === 'revealed' ? await readStageEvents(db, round.id) : [];
      inputs.push(
        stageInputOf(round, input, (scored) =>
          source === 'live'
            ? computeLiveStandings(scored)
            : heldAsPending(computeLiveStandings(revealedRoundInput(scored, stage))),
        ),
      );
    }
    return inputs;
  });
}

export interface CombinedRead {
  competition: CompetitionRecord;
  /** Null when the combination breaks a rule now (`refusal` names each problem). */
  standings: CombinedStandings | null;
  refusal: readonly CombinationIssue[] | null;
}

/** The competition's combined standings; null when it has no combination or is not on this device. */
export async function combinedStandingsOf(
  db: LeitaiDB,
  competitionId: Id,
  source: StandingsSource = 'live',
): Promise<CombinedRead | null> {
  const competition = await db.competitions.get(competitionId);
  if (!competition?.combination) return null;
  const inputs = await stageInputsOf(db, competitionId, source);
  try {
    return { competition, standings: combineStages(competition.combination, inputs), refusal: null };
  } catch (error) {
    if (!(error instanceof CombinationRejectedError)) throw error;
    return { competition, standings: null, refusal: error.issues };
  }
}
