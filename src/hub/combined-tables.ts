/**
 * Each venue competition's 总成绩 on the city dashboard, when it has a combination: the same
 * stage inputs (src/domain/stage-input.ts) and the same `combineStages` as the venue's results
 * screen (src/db/queries/combination.ts), over the venue's projection on the hub (./venue-fold.ts
 * gives the rows `foldEvents` gives), so the hub's 总成绩 is the venue's. Pure.
 */

import { type CombinedResult, combineStages, type StageInput } from '../domain/combination';
import { CombinationRejectedError } from '../domain/combination-issues';
import type { Projection } from '../domain/events';
import { computeLiveStandings } from '../domain/live-standings';
import { byOrderThenId } from '../domain/order';
import { isDemoCompetition, isRehearsalRound } from '../domain/purge';
import { assembleRoundInput, roundRowsOf } from '../domain/round-input';
import { stageInputOf } from '../domain/stage-input';
import type { DashboardCombined, DashboardPerson } from '../sync/hub-protocol';

const person = ({ name, unit }: CombinedResult): DashboardPerson => ({ name, unit });

/** 总成绩 of each real competition of the venue that has a combination. */
export function combinedOfVenue(projection: Projection): DashboardCombined[] {
  const { competitions, rounds } = projection.entities;
  return Object.values(competitions).flatMap((competition): DashboardCombined[] => {
    if (!competition.combination || isDemoCompetition(competition)) return [];
    const inputs = Object.values(rounds)
      .filter((round) => round.competitionId === competition.id && !isRehearsalRound(round))
      .sort(byOrderThenId)
      .flatMap((round): StageInput[] => {
        const rows = roundRowsOf(projection, round.id);
        return rows ? [stageInputOf(round, assembleRoundInput(rows), computeLiveStandings)] : [];
      });
    const shown = { competitionId: competition.id, competitionName: competition.name };
    try {
      const combined = combineStages(competition.combination, inputs);
      return [
        {
          ...shown,
          stages: combined.stages.map(({ roundId, roundName, percent }) => ({ roundId, roundName, percent })),
          standings: {
            ranked: combined.ranked.map((result) => ({
              ...person(result),
              rank: result.rank as number,
              tied: result.tied,
              stageScores: result.parts.map((part) => part.score),
              score: result.score as string,
              award: result.award,
            })),
            pending: combined.pending.map(person),
            excluded: combined.excluded.map(person),
          },
        },
      ];
    } catch (error) {
      if (!(error instanceof CombinationRejectedError)) throw error;
      return [
        {
          ...shown,
          stages: [],
          standings: { refused: [...new Set(error.issues.map((issue) => issue.code))] },
        },
      ];
    }
  });
}
