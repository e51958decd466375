/**
 * Posting a final round of this device's competitions into a season, in a module of its own: it
 * scores the round with the engine, which the season's other writes do not need.
 */

import { computeStandings } from '../domain/engine';
import { RoundRejectedError } from '../domain/issues';
import type { Id } from '../domain/model';
import { roundResultStatusOf } from '../domain/provisional';
import { isIsoDate, type PostedRound, postingsOf } from '../domain/season';
import type { LeitaiDB } from './database';
import { getCompetition, getRound } from './entities';
import { because, RepositoryError } from './errors';
import { loadRoundInput } from './read';
import { appendLedger, type LedgerAdditions } from './season';

/** A final round of this device's competitions, as the season posts it. */
async function postedRoundOf(db: LeitaiDB, roundId: Id): Promise<PostedRound> {
  const round = await getRound(db, roundId);
  const competition = await getCompetition(db, round.competitionId);
  const contestants = await db.contestants.where('roundId').equals(roundId).toArray();
  const events = await db.events.where('roundId').equals(roundId).toArray();
  if (!roundResultStatusOf(contestants, events).final) {
    throw new RepositoryError('result-pending', because('roundNotClosed', { round: round.name }));
  }
  if (!isIsoDate(competition.date)) {
    throw new RepositoryError(
      'invalid-field',
      because('competitionUndated', { competition: competition.name }),
    );
  }
  let standings: ReturnType<typeof computeStandings>;
  try {
    standings = computeStandings(await loadRoundInput(db, roundId));
  } catch (error) {
    if (error instanceof RoundRejectedError)
      throw new RepositoryError('invalid-field', because('engineRules', { issues: error.issues }));
    throw error;
  }
  return {
    competitionId: competition.id,
    competitionName: competition.name,
    roundId: round.id,
    roundName: round.name,
    date: competition.date,
    placings: standings.ranked.map((result) => ({
      name: result.name,
      unit: result.unit,
      rank: result.rank as number,
      award: result.award,
    })),
  };
}

/** Posts a final round of this device by the season's points table; posting it again adds nothing. */
export async function postRoundToSeason(db: LeitaiDB, seasonId: Id, roundId: Id): Promise<LedgerAdditions> {
  const posted = await postedRoundOf(db, roundId);
  return appendLedger(db, seasonId, (season) => postingsOf(season, posted));
}
