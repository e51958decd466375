/**
 * 全市总表, the city dashboard's table of every venue's contestants ranked together by their
 * announced score: the pool and the rule of advancement's `overall` (./advancement.ts
 * `rankOverall`), each with the venue it competed in and 已晋级 when advancement put them on a
 * city final's roster. Who advanced from where needs no record of its own: the hub wrote each
 * finalist under an id hashed from the final round, the source venue and the source contestant
 * (`advancedContestantId`), so a contestant advanced when a final round the hub filled holds that
 * id. A venue's part is computed when its events change; the table joins the parts. Pure.
 */

import type { LeitaiEvent, Projection } from '../domain/events';
import type { Id } from '../domain/model';
import { byOrderThenId } from '../domain/order';
import type { CityTable, CityTableEntry, DashboardRound } from '../sync/hub-protocol';
import { advancedContestantId, rankOverall } from './advancement';

type UnrankedEntry = Omit<CityTableEntry, 'rank' | 'advanced'>;

/** A venue's contestants for the city table, and the city finals it holds. */
export interface VenueCityPart {
  entries: UnrankedEntry[];
  /** Each round of the venue that holds contestants the hub put there, with their ids. */
  finals: Map<Id, Set<Id>>;
}

/**
 * The venue's part: the contestants of its real rounds (`rounds`, ./venue-progress.ts, from its
 * projection and events) but its city finals, ranked ones with their score, the other active
 * ones pending.
 */
export function cityPartOfVenue(
  venue: { venueId: Id; name: string },
  rounds: readonly DashboardRound[],
  projection: Projection,
  events: readonly LeitaiEvent[],
  hubDeviceId: string,
): VenueCityPart {
  const { contestants } = projection.entities;
  const finals = new Map<Id, Set<Id>>();
  for (const event of events) {
    if (event.deviceId !== hubDeviceId || event.type !== 'entity.put') continue;
    if (event.payload.table !== 'contestants') continue;
    const held = contestants[event.payload.entity.id];
    if (held) finals.set(held.roundId, (finals.get(held.roundId) ?? new Set()).add(held.id));
  }
  const entries = rounds
    .filter((round) => !finals.has(round.roundId))
    .flatMap((round): UnrankedEntry[] => {
      const where = {
        venueId: venue.venueId,
        venueName: venue.name,
        roundId: round.roundId,
        roundName: round.roundName,
      };
      const ranked = 'ranked' in round.standings ? round.standings.ranked : [];
      const scored = new Set(ranked.map((place) => place.contestantId));
      const pending = Object.values(contestants)
        .filter(
          (entry) => entry.roundId === round.roundId && entry.status === 'active' && !scored.has(entry.id),
        )
        .sort(byOrderThenId);
      return [
        ...ranked.map(({ contestantId, name, unit, score }) => ({
          ...where,
          contestantId,
          name,
          unit,
          score,
        })),
        ...pending.map(({ id, name, unit }) => ({ ...where, contestantId: id, name, unit, score: null })),
      ];
    });
  return { entries, finals };
}

/** The city table from every venue's part, in the venues' order. */
export function cityTableOf(parts: readonly VenueCityPart[]): CityTable {
  const finals = parts.flatMap((part) => [...part.finals]);
  const advanced = (entry: UnrankedEntry) =>
    finals.some(([roundId, held]) =>
      held.has(advancedContestantId(roundId, entry.venueId, entry.contestantId)),
    );
  const entries = parts.flatMap((part) => part.entries);
  const scored = entries.flatMap((entry) => (entry.score === null ? [] : [{ ...entry, score: entry.score }]));
  return {
    ranked: rankOverall(scored).map(({ place, rank }) => ({ ...place, rank, advanced: advanced(place) })),
    pending: entries
      .filter((entry) => entry.score === null)
      .map((entry) => ({ ...entry, rank: null, advanced: advanced(entry) })),
  };
}
