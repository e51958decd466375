/**
 * The engine's input for one round, assembled from the projection rows: the same function on a
 * device (from IndexedDB, src/db/read.ts) and in verification (from a fold of a backup's raw
 * events), so both score exactly the same marks.
 */
import { withAudienceVotes } from './audience.ts';
import {
  type AdjustmentRow,
  type AudienceVoteRow,
  type AudienceWindowRow,
  isAdjustmentActive,
  type MarkRow,
  type Projection,
} from './events.ts';
import type { Id, RoundInput } from './model.ts';
import { byOrderThenId } from './order.ts';
import { type ContestantRecord, isAssigned, type JudgeRecord, type RoundRecord } from './records.ts';

export interface RoundRows {
  round: RoundRecord;
  /** The judges assigned to the round. */
  judges: readonly JudgeRecord[];
  contestants: readonly ContestantRecord[];
  marks: readonly MarkRow[];
  adjustments: readonly AdjustmentRow[];
  /** The round's audience voting windows and votes (./audience.ts); absent: none. */
  audienceWindows?: readonly AudienceWindowRow[];
  audienceVotes?: readonly AudienceVoteRow[];
}

/**
 * The current non-empty marks and the active adjustments. Marks and adjustments of judges,
 * contestants or criteria deleted since are left out (the engine refuses unknown references).
 */
export function assembleRoundInput({
  round,
  judges,
  contestants,
  marks,
  adjustments,
  audienceWindows = [],
  audienceVotes = [],
}: RoundRows): RoundInput {
  const judgeIds = new Set(judges.map((judge) => judge.id));
  const contestantIds = new Set(contestants.map((contestant) => contestant.id));
  const criterionIds = new Set(round.criteria.map((criterion) => criterion.id));
  const { groups } = round.settings;
  const input: RoundInput = {
    criteria: round.criteria.map(({ id, label, max, points, step }) => ({ id, label, max, points, step })),
    judges: [...judges].sort(byOrderThenId).map(({ id, name, weight, unit, recuse, group }) => ({
      id,
      name,
      weight,
      unit,
      // A judge's group is competition-wide: it means something only in a round with groups.
      ...(groups && group !== undefined ? { group } : {}),
      // A judge's 回避名单 spans the competition: the round's engine sees this round's part.
      ...(recuse
        ? {
            recuse: {
              contestantIds: recuse.contestantIds.filter((contestantId) => contestantIds.has(contestantId)),
              units: [...recuse.units],
            },
          }
        : {}),
    })),
    contestants: [...contestants]
      .sort(byOrderThenId)
      .map(({ id, name, unit, draw, status }) => ({ id, name, unit, draw, status })),
    marks: marks.flatMap((mark) =>
      mark.value !== null &&
      mark.roundId === round.id &&
      judgeIds.has(mark.judgeId) &&
      contestantIds.has(mark.contestantId) &&
      criterionIds.has(mark.criterionId)
        ? [
            {
              judge: mark.judgeId,
              contestant: mark.contestantId,
              criterion: mark.criterionId,
              value: mark.value,
            },
          ]
        : [],
    ),
    adjustments: adjustments.flatMap((row) =>
      row.roundId === round.id &&
      isAdjustmentActive(row) &&
      row.added &&
      contestantIds.has(row.added.contestantId)
        ? [{ contestant: row.added.contestantId, label: row.added.label, points: row.added.points }]
        : [],
    ),
    settings: {
      ...round.settings,
      panel: { ...round.settings.panel },
      tieBreak: [...round.settings.tieBreak],
      awards: round.settings.awards.map((tier) => ({ ...tier })),
      ...(groups
        ? {
            groups: groups.map((entry) => ({
              ...entry,
              criteria: entry.criteria && [...entry.criteria],
              panel: entry.panel && { ...entry.panel },
            })),
          }
        : {}),
    },
  };
  return withAudienceVotes(input, round.audience, audienceWindows, audienceVotes);
}

/** The rows of one round in a folded projection, or null when the round is not in it. */
export function roundRowsOf(projection: Projection, roundId: Id): RoundRows | null {
  const round = projection.entities.rounds[roundId];
  if (!round) return null;
  const inRound = <T extends { roundId: Id }>(rows: Record<string, T>) =>
    Object.values(rows).filter((row) => row.roundId === roundId);
  return {
    round,
    judges: Object.values(projection.entities.judges).filter((judge) => isAssigned(judge, roundId)),
    contestants: inRound(projection.entities.contestants),
    marks: inRound(projection.marks),
    adjustments: inRound(projection.adjustments),
    audienceWindows: inRound(projection.audienceWindows),
    audienceVotes: inRound(projection.audienceVotes),
  };
}
