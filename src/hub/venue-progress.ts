/**
 * What the city dashboard shows of one venue, from the venue's events on the hub: the same fold
 * (./venue-fold.ts keeps it as the domain's `foldEvents` gives it) and the same engine as the venue's own results screen (foldEvents -> roundRowsOf ->
 * assembleRoundInput -> computeLiveStandings, src/app/results/report.ts), so the hub's standings
 * are the venue's. Pure: no database, no clock.
 */

import { type LeitaiEvent, type Projection, stageCallOf } from '../domain/events';
import { RoundRejectedError } from '../domain/issues';
import { computeLiveStandings } from '../domain/live-standings';
import type { Id } from '../domain/model';
import { byOrderThenId } from '../domain/order';
import { isDemoCompetition, isRehearsalRound } from '../domain/purge';
import { assembleRoundInput, roundRowsOf } from '../domain/round-input';
import { contestantLockOf } from '../domain/stage';
import type { DashboardRound } from '../sync/hub-protocol';

/** What a round's stage shows: who is called, who is revealed. */
const STAGE_TYPES: ReadonlySet<string> = new Set(['stage.call', 'contestant.lock', 'contestant.unlock']);

/**
 * The venue's real rounds (no demo competition, no 彩排 round) with their progress and
 * standings, from its projection (`foldEvents` of its events, or ./venue-fold.ts) and events.
 */
export function roundsOfVenue(projection: Projection, events: readonly LeitaiEvent[]): DashboardRound[] {
  const { competitions, rounds } = projection.entities;
  const byRound = new Map<Id, LeitaiEvent[]>();
  for (const event of events) {
    if (event.roundId === null || !STAGE_TYPES.has(event.type)) continue;
    const list = byRound.get(event.roundId) ?? [];
    list.push(event);
    byRound.set(event.roundId, list);
  }
  return Object.values(rounds)
    .filter((round) => {
      const competition = competitions[round.competitionId];
      return competition !== undefined && !isDemoCompetition(competition) && !isRehearsalRound(round);
    })
    .sort(byOrderThenId)
    .flatMap((round): DashboardRound[] => {
      const rows = roundRowsOf(projection, round.id);
      if (!rows) return [];
      const stage = byRound.get(round.id) ?? [];
      const active = rows.contestants.filter((contestant) => contestant.status === 'active');
      const names = new Map(rows.contestants.map((contestant) => [contestant.id, contestant]));
      const call = stageCallOf(stage);
      const called = call ? names.get(call.payload.contestantId) : undefined;
      const sheets = Object.values(projection.sheets).filter(
        (sheet) => sheet.roundId === round.id && sheet.status === 'submitted',
      );
      const { standings, eligibleSheets } = standingsOf(assembleRoundInput(rows));
      return [
        {
          competitionId: round.competitionId,
          competitionName: competitions[round.competitionId]?.name ?? '',
          roundId: round.id,
          roundName: round.name,
          current: called ? { contestantId: called.id, name: called.name } : null,
          contestants: active.length,
          marks: rows.marks.filter((mark) => mark.value !== null).length,
          sheetsIn: sheets.length,
          sheetsExpected: eligibleSheets ?? active.length * rows.judges.length,
          revealed: rows.contestants.filter(
            (contestant) => contestantLockOf(stage, contestant.id).lock !== null,
          ).length,
          standings,
        },
      ];
    });
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
