/**
 * Advancement across venues: who goes from the venues' rounds to the city final, by the same
 * standings as the dashboard's (./venue-progress.ts), and the events that put them on the final
 * round's roster, each with its photo. Pure but for the ids, which are hashes of where a
 * contestant came from and where it goes: the same advancement run twice writes the same events,
 * which the hub and the venue both store once, and the dashboard knows who advanced from where
 * by the same hash (./city-table.ts).
 */

import { createHash } from 'node:crypto';
import { parseWireEvent } from '../domain/event-shape';
import type { Id } from '../domain/model';
import { roundRowsOf } from '../domain/round-input';
import type { AdvancedContestant, AdvanceRequest } from '../sync/hub-protocol';
import type { WireBlob, WireEvent } from '../sync/protocol';
import type { VenueFold } from './venue-fold';
import { roundsOfVenue } from './venue-progress';

/** A refusal of the request, with what is wrong. */
export class AdvanceRefusal extends Error {}

function hashId(...parts: string[]): Id {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The id a contestant advanced from a venue gets in the target round. */
export function advancedContestantId(targetRoundId: Id, fromVenueId: Id, fromContestantId: Id): Id {
  return hashId(targetRoundId, fromVenueId, fromContestantId);
}

/**
 * Places of several rounds ranked together by announced score, highest first (ties keep their
 * order and share a rank: 1, 2, 2, 4): the `overall` rule, and the dashboard's city table.
 */
export function rankOverall<T extends { score: string }>(places: readonly T[]): { place: T; rank: number }[] {
  const byScore = [...places].sort((a, b) => Number(b.score) - Number(a.score));
  let rank = 0;
  return byScore.map((place, index) => {
    if (index === 0 || Number(place.score) < Number(byScore[index - 1]?.score)) rank = index + 1;
    return { place, rank };
  });
}

export type Advancing = AdvancedContestant & { unit: string | null; topic: string; photoId: Id | null };

/** The contestants who advance, in rank order (by score when `overall`), with their source photo's id. */
export function advancing(request: AdvanceRequest, foldOf: (venueId: Id) => VenueFold): Advancing[] {
  const candidates = request.sources.flatMap(({ venueId, roundId }) => {
    const fold = foldOf(venueId);
    const projection = fold.projection();
    const round = roundsOfVenue(projection, fold.events).find((found) => found.roundId === roundId);
    if (!round) throw new AdvanceRefusal(`venue ${venueId} has no round ${roundId} on the hub`);
    if ('refused' in round.standings)
      throw new AdvanceRefusal(`round ${roundId} cannot be scored: ${round.standings.refused.join(', ')}`);
    const records = roundRowsOf(projection, roundId)?.contestants ?? [];
    const byId = new Map(records.map((record) => [record.id, record]));
    return round.standings.ranked.map((place) => ({
      fromVenueId: venueId,
      fromRoundId: roundId,
      fromContestantId: place.contestantId,
      contestantId: advancedContestantId(request.target.roundId, venueId, place.contestantId),
      name: place.name,
      rank: place.rank,
      score: place.score,
      unit: place.unit,
      topic: byId.get(place.contestantId)?.topic ?? '',
      photoId: byId.get(place.contestantId)?.photoId ?? null,
    }));
  });
  if (request.rule === 'eachRound') return candidates.filter((candidate) => candidate.rank <= request.count);
  const ranked = rankOverall(candidates);
  const cut = ranked[request.count - 1]?.rank ?? Number.POSITIVE_INFINITY;
  return ranked.filter(({ rank }) => rank <= cut).map(({ place }) => place);
}

/**
 * The `entity.put` of each advancing contestant in the target round, after the round's own
 * contestants, each followed by the `entity.put` of its photo when the source venue has one
 * (the venue takes a photo only once it holds a contestant referencing it: after, never before),
 * written by the hub's device (`deviceId`) from `firstSeq` on.
 */
export function rosterEvents(args: {
  advanced: readonly Advancing[];
  /** A source venue's photo, as its log holds it; undefined when it has none of that id. */
  photoOf: (venueId: Id, photoId: Id) => WireBlob | undefined;
  target: VenueFold;
  targetRoundId: Id;
  deviceId: Id;
  firstSeq: number;
  recordedAt: string;
}): WireEvent[] {
  const projection = args.target.projection();
  const round = projection.entities.rounds[args.targetRoundId];
  if (!round) throw new AdvanceRefusal(`the target venue has no round ${args.targetRoundId} on the hub`);
  const present = Object.values(projection.entities.contestants).filter(
    (contestant) => contestant.roundId === round.id,
  );
  const lastOrder = Math.max(0, ...present.map((contestant) => contestant.order));
  const base = {
    deviceId: args.deviceId,
    author: { role: 'organizer' },
    competitionId: round.competitionId,
    roundId: round.id,
    recordedAt: args.recordedAt,
    type: 'entity.put',
  };
  const events = args.advanced.flatMap((entry, index) => {
    const from = [args.targetRoundId, entry.fromVenueId, entry.fromContestantId];
    const blob = entry.photoId === null ? undefined : args.photoOf(entry.fromVenueId, entry.photoId);
    const photoId = blob ? hashId('photo', ...from) : null;
    const contestant = {
      ...base,
      id: hashId('advance', ...from),
      payload: {
        table: 'contestants',
        revision: 1,
        entity: {
          id: entry.contestantId,
          roundId: round.id,
          name: entry.name,
          unit: entry.unit,
          topic: entry.topic,
          photoId,
          status: 'active',
          draw: null,
          order: lastOrder + index + 1,
        },
      },
    };
    if (!blob || photoId === null) return [contestant];
    const photo = {
      ...base,
      id: hashId('advance-photo', ...from),
      payload: { table: 'photos', revision: 1, entity: { id: photoId, roundId: round.id, blob } },
    };
    return [contestant, photo];
  });
  return events.map((event, index) => {
    const parsed = parseWireEvent({ ...event, deviceSeq: args.firstSeq + index });
    if (!parsed.ok)
      throw new Error(`advancement wrote a malformed event: ${parsed.error.path}: ${parsed.error.problem}`);
    return parsed.value;
  });
}
