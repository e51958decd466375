/**
 * Advancement across venues: who goes from the venues' rounds to the city final, by the same
 * standings as the dashboard's (./venue-progress.ts), and the events that put them on the final
 * round's roster. Pure but for the ids, which are hashes of where a contestant came from and
 * where it goes: the same advancement run twice writes the same events, which the hub and the
 * venue both store once.
 */

import { createHash } from 'node:crypto';
import { parseWireEvent } from '../domain/event-shape';
import type { Id } from '../domain/model';
import { roundRowsOf } from '../domain/round-input';
import type { AdvancedContestant, AdvanceRequest } from '../sync/hub-protocol';
import type { WireEvent } from '../sync/protocol';
import type { VenueFold } from './venue-fold';
import { roundsOfVenue } from './venue-progress';

/** A refusal of the request, with what is wrong. */
export class AdvanceRefusal extends Error {}

function hashId(...parts: string[]): Id {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The contestants who advance, in rank order (by score when `overall`). */
export function advancing(
  request: AdvanceRequest,
  foldOf: (venueId: Id) => VenueFold,
): (AdvancedContestant & { unit: string | null; topic: string })[] {
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
      contestantId: hashId(request.target.roundId, venueId, place.contestantId),
      name: place.name,
      rank: place.rank,
      score: place.score,
      unit: place.unit,
      topic: byId.get(place.contestantId)?.topic ?? '',
    }));
  });
  if (request.rule === 'eachRound') return candidates.filter((candidate) => candidate.rank <= request.count);
  const byScore = [...candidates].sort((a, b) => Number(b.score) - Number(a.score));
  const cut = byScore[request.count - 1];
  return cut ? byScore.filter((candidate) => Number(candidate.score) >= Number(cut.score)) : byScore;
}

/**
 * The `entity.put` of each advancing contestant in the target round, after the round's own
 * contestants, written by the hub's device (`deviceId`) from `firstSeq` on.
 */
export function rosterEvents(args: {
  advanced: readonly (AdvancedContestant & { unit: string | null; topic: string })[];
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
  return args.advanced.map((entry, index) => {
    const event = {
      id: hashId('advance', args.targetRoundId, entry.fromVenueId, entry.fromContestantId),
      deviceId: args.deviceId,
      deviceSeq: args.firstSeq + index,
      author: { role: 'organizer' },
      competitionId: round.competitionId,
      roundId: round.id,
      recordedAt: args.recordedAt,
      type: 'entity.put',
      payload: {
        table: 'contestants',
        revision: 1,
        entity: {
          id: entry.contestantId,
          roundId: round.id,
          name: entry.name,
          unit: entry.unit,
          topic: entry.topic,
          photoId: null,
          status: 'active',
          draw: null,
          order: lastOrder + index + 1,
        },
      },
    };
    const parsed = parseWireEvent(event);
    if (!parsed.ok)
      throw new Error(`advancement wrote a malformed event: ${parsed.error.path}: ${parsed.error.problem}`);
    return parsed.value;
  });
}
