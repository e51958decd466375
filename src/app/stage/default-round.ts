/**
 * Which round the host console and the projector open when the address names none: the round
 * being worked on. Among the competitions not archived, the newest by date (as the organizer's
 * list orders them); in it, the last real round (by order) that holds a mark, else a running
 * 彩排 rehearsal round, else its first round.
 */

import type { Id } from '../../domain/model';
import { byOrderThenId } from '../../domain/order';
import type { CompetitionRecord, RoundRecord } from '../../domain/records';
import { byDateThenName } from '../competition-order';

export interface RoundChoice {
  competition: CompetitionRecord;
  rounds: RoundRecord[];
}

/** The competitions not archived that have rounds, newest first, each with its rounds in order. */
export function roundChoices(
  competitions: readonly CompetitionRecord[],
  rounds: readonly RoundRecord[],
): RoundChoice[] {
  return competitions
    .filter((competition) => !competition.archived)
    .sort(byDateThenName)
    .map((competition) => ({
      competition,
      rounds: rounds.filter((round) => round.competitionId === competition.id).sort(byOrderThenId),
    }))
    .filter((choice) => choice.rounds.length > 0);
}

export function defaultRoundId(choices: readonly RoundChoice[], roundsWithMarks: ReadonlySet<Id>): Id | null {
  const newest = choices[0];
  if (!newest) return null;
  // A 彩排's simulated marks never make it the round being worked on; but before any real mark
  // (the day before), a running rehearsal is what the host and a projector on its own device open.
  const real = newest.rounds.filter((round) => round.rehearsalOf === undefined);
  const marked = real.filter((round) => roundsWithMarks.has(round.id));
  const rehearsal = newest.rounds.find((round) => round.rehearsalOf !== undefined);
  return (marked.at(-1) ?? rehearsal ?? real[0])?.id ?? null;
}

/** The round named by the address (`?round=`), or null. */
export function roundParam(search: string): Id | null {
  return new URLSearchParams(search).get('round');
}
