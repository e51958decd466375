/**
 * What the city dashboard shows of one venue, from the venue's events on the hub: the same fold
 * (./venue-fold.ts keeps it as the domain's `foldEvents` gives it) and the same engine as the venue's own results screen (foldEvents -> roundRowsOf ->
 * assembleRoundInput -> computeLiveStandings, src/app/results/report.ts), so the hub's standings
 * are the venue's. Pure: no database, no clock.
 */

import { type LeitaiEvent, type Projection, stageCallOf } from '../domain/events';
import { RoundRejectedError } from '../domain/issues';
import { computeLiveStandings } from '../domain/live-standings';
import { byOrderThenId } from '../domain/order';
import { isDemoCompetition, isRehearsalRound } from '../domain/purge';
import type { RoundRecord } from '../domain/records';
import { assembleRoundInput, roundRowsOf } from '../domain/round-input';
import { contestantLockOf } from '../domain/stage';
import type { DashboardRound } from '../sync/hub-protocol';

/** What a round's stage shows: who is called, who is revealed. */
const STAGE_TYPES: ReadonlySet<string> = new Set(['stage.call', 'contestant.lock', 'contestant.unlock']);

/** The venue's real rounds (no demo competition, no 彩排 round), in the organizer's order. */
export function realRoundsOf(projection: Projection): RoundRecord[] {
  const { competitions, rounds } = projection.entities;
  return Object.values(rounds)
    .filter((round) => {
      const competition = competitions[round.competitionId];
      return competition !== undefined && !isDemoCompetition(competition) && !isRehearsalRound(round);
    })
    .sort(byOrderThenId);
}

/**
 * One round's progress and standings, from the venue's projection (`foldEvents` of its events,
 * or ./venue-fold.ts) and the round's events (others are passed over); null when the projection
 * lacks the round's rows.
 */
export function roundProgress(
  projection: Projection,
  round: RoundRecord,
  events: readonly LeitaiEvent[],
): DashboardRound | null {
  const rows = roundRowsOf(projection, round.id);
  if (!rows) return null;
  const stage = events.filter((event) => event.roundId === round.id && STAGE_TYPES.has(event.type));
  const active = rows.contestants.filter((contestant) => contestant.status === 'active');
  const names = new Map(rows.contestants.map((contestant) => [contestant.id, contestant]));
  const call = stageCallOf(stage);
  const called = call ? names.get(call.payload.contestantId) : undefined;
  const sheets = Object.values(projection.sheets).filter(
    (sheet) => sheet.roundId === round.id && sheet.status === 'submitted',
  );
  const { standings, eligibleSheets } = standingsOf(assembleRoundInput(rows));
  return {
    competitionId: round.competitionId,
    competitionName: projection.entities.competitions[round.competitionId]?.name ?? '',
    roundId: round.id,
    roundName: round.name,
    current: called ? { contestantId: called.id, name: called.name } : null,
    contestants: active.length,
    marks: rows.marks.filter((mark) => mark.value !== null).length,
    sheetsIn: sheets.length,
    sheetsExpected: eligibleSheets ?? active.length * rows.judges.length,
    revealed: rows.contestants.filter((contestant) => contestantLockOf(stage, contestant.id).lock !== null)
      .length,
    standings,
  };
}

/** Every real round's progress and standings (`roundProgress`), in order. */
export function roundsOfVenue(projection: Projection, events: readonly LeitaiEvent[]): DashboardRound[] {
  return realRoundsOf(projection).flatMap((round) => roundProgress(projection, round, events) ?? []);
}

/**
 * The round's standings as the venue's results show them, and how many sheets its judges owe
 * (each active contestant's eligible judges: a recused judge owes none); null when the engine
 * refuses the round.
 */
function standingsOf(input: ReturnType<typeof assembleRoundInput>): {
  standings: DashboardRound['standings'];
  eligibleSheets: number | null;
} {
  try {
    const live = computeLiveStandings(input);
    const scored = [...live.ranked, ...live.pending, ...live.held];
    const eligibleSheets = scored.reduce((sum, result) => sum + result.eligibleJudges, 0);
    const standings = {
      ranked: live.ranked.map((result) => ({
        rank: result.rank as number,
        contestantId: result.id,
        name: result.name,
        unit: result.unit,
        score: result.announcedScore as string,
        award: result.award,
      })),
      pending: live.pending.length + live.held.length,
    };
    return { standings, eligibleSheets };
  } catch (error) {
    if (!(error instanceof RoundRejectedError)) throw error;
    return {
      standings: { refused: [...new Set(error.issues.map((found) => found.code))] },
      eligibleSheets: null,
    };
  }
}
