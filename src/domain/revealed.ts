/**
 * What the audience may see of a round: the marks the host has revealed, and nothing else. The
 * projector scores this input, so a contestant the host has not revealed yet reads as 评分中
 * everywhere on it (leaderboard, awards, reveal) and takes no place from the revealed ones,
 * even on the organizer's laptop, whose database holds every mark. Pure.
 */

import { VOTER_ID_PREFIX } from './audience.ts';
import type { LeitaiEvent } from './events.ts';
import type { RoundInput } from './model.ts';
import { contestantLockOf } from './stage.ts';

/**
 * The round's input with each contestant's marks replaced by the cells of their newest reveal
 * (`contestant.lock`): none for a contestant never revealed, the revealed values for one whose
 * sheet a correction has reopened since (until the host reveals again). The audience's votes
 * (./audience.ts, marks of voters, which the projector reads anyway for its live tally) are not
 * in a reveal's cells: a revealed contestant keeps them, or the audience group would have none.
 */
export function revealedRoundInput(input: RoundInput, events: readonly LeitaiEvent[]): RoundInput {
  const judges = new Set(input.judges.map((judge) => judge.id));
  const criteria = new Set(input.criteria.map((criterion) => criterion.id));
  const marks = input.contestants.flatMap((contestant) => {
    const { lock } = contestantLockOf(events, contestant.id);
    if (!lock) return [];
    const votes = input.marks.filter(
      (mark) => mark.contestant === contestant.id && mark.judge.startsWith(VOTER_ID_PREFIX),
    );
    return [
      ...lock.payload.cells.flatMap((cell) =>
        cell.value !== null && judges.has(cell.judgeId) && criteria.has(cell.criterionId)
          ? [
              {
                judge: cell.judgeId,
                contestant: contestant.id,
                criterion: cell.criterionId,
                value: cell.value,
              },
            ]
          : [],
      ),
      ...votes,
    ];
  });
  return { ...input, marks };
}
