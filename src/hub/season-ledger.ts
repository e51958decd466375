/**
 * A hub season's ledger, derived: every final round of every venue on the hub (no demo
 * competition, no 彩排 round; "final" as the domain's season import says) posted by the season's
 * points table, then the entries made by hand at the hub. Pure, and it reuses the domain's rules
 * throughout (competitionPostings, postRound, appendToSeason): the same events and entries give
 * the same ledger, byte for byte, whatever order the venues pushed in.
 */

import type { Projection } from '../domain/events';
import type { Id } from '../domain/model';
import { compareIds } from '../domain/order';
import { isDemoCompetition } from '../domain/purge';
import { appendToSeason, type PostedRound, postRound, type Season } from '../domain/season';
import { type CompetitionPostings, competitionPostings } from '../domain/season-import';
import { type SeasonIssue, SeasonRejectedError, seasonIssue } from '../domain/season-issues';
import type { ManualEntry, SeasonRow } from './season-store';
import type { VenueFold } from './venue-fold';

/** A competition of a venue and what its rounds give a season. */
export interface VenueCompetition extends CompetitionPostings {
  venueId: Id;
  competitionId: Id;
}

/** The venue's real competitions (no demo) and their postings, from its fold on the hub. */
export function venueCompetitions(venueId: Id, fold: VenueFold): VenueCompetition[] {
  const projection: Projection = fold.projection();
  return Object.values(projection.entities.competitions)
    .filter((competition) => !isDemoCompetition(competition))
    .map((competition) => ({
      venueId,
      competitionId: competition.id,
      ...competitionPostings(competition.id, projection, fold.events),
    }));
}

/** The ledger, and what keeps something out of it (named, with the venue's name). */
export function seasonLedger(
  season: SeasonRow,
  competitions: readonly VenueCompetition[],
  manual: readonly ManualEntry[],
  venueName: (venueId: Id) => string,
): { ledger: Season; issues: SeasonIssue[] } {
  const issues: SeasonIssue[] = [];
  // By competition, then venue, then round order: an order that depends on the events only.
  const ordered = [...competitions].sort(
    (a, b) => compareIds(a.competitionId, b.competitionId) || compareIds(a.venueId, b.venueId),
  );
  const postings: PostedRound[] = [];
  ordered.forEach((competition, at) => {
    const path = `competitions[${at}]`;
    const venue = venueName(competition.venueId);
    if (competition.undated) {
      issues.push(
        seasonIssue('venueCompetitionUndated', path, { venue, competition: competition.competitionName }),
      );
    }
    for (const round of competition.refusedRounds)
      issues.push(seasonIssue('roundRefusedByEngine', path, { file: venue, round }));
    postings.push(...competition.postings);
  });
  let ledger: Season = { id: season.id, name: season.name, members: [], table: season.table, entries: [] };
  for (const round of postings) {
    try {
      ledger = postRound(ledger, round);
    } catch (error) {
      // Two venues holding one competition's round with other results: the first one counts.
      if (!(error instanceof SeasonRejectedError)) throw error;
      issues.push(...error.issues);
    }
  }
  manual.forEach(({ member, entry }, at) => {
    try {
      ledger = appendToSeason(ledger, { members: [member], entries: [entry] });
    } catch (error) {
      if (!(error instanceof SeasonRejectedError)) throw error;
      issues.push(
        seasonIssue('entryNotCounted', `manual[${at}]`, { entry: entry.id, target: entry.corrects ?? '' }),
      );
    }
  });
  return { ledger, issues };
}
