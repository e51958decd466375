/**
 * Purges (`scope.purge`): the demo competition, or a 彩排 rehearsal round, removed from every
 * device and the server. What a purge removes is decided here once, for the fold, the devices'
 * storage and the server's admission alike: every event of its competition (a competition
 * purge) or of its round (a round purge), except the purge events themselves.
 *
 * Pure: no React, Dexie, DOM API or Node import.
 */

import type { LeitaiEvent } from './events.ts';
import type { Id } from './model.ts';
import type { CompetitionRecord, RoundRecord } from './records.ts';

export interface PurgeScope {
  competitionId: Id;
  /** Null: the whole competition. */
  roundId: Id | null;
}

export function purgeScopeOf(event: LeitaiEvent<'scope.purge'>): PurgeScope {
  return { competitionId: event.competitionId, roundId: event.roundId };
}

export function isPurge(event: LeitaiEvent): event is LeitaiEvent<'scope.purge'> {
  return event.type === 'scope.purge';
}

/** An event's place: enough to tell whether a purge removes it. */
export interface EventPlace {
  type: string;
  competitionId: Id;
  roundId: Id | null;
}

/** Whether `event` belongs to `scope` (a purge event never does: it is what stays). */
export function isWithinScope(event: EventPlace, scope: PurgeScope): boolean {
  if (event.type === 'scope.purge' || event.competitionId !== scope.competitionId) return false;
  return scope.roundId === null || event.roundId === scope.roundId;
}

export function isPurged(event: EventPlace, scopes: readonly PurgeScope[]): boolean {
  return scopes.some((scope) => isWithinScope(event, scope));
}

/** The events that no purge among them removes: the purges' scopes left out, the purges kept. */
export function withoutPurgedScopes(events: readonly LeitaiEvent[]): LeitaiEvent[] {
  const scopes = events.filter(isPurge).map(purgeScopeOf);
  return scopes.length === 0 ? [...events] : events.filter((event) => !isPurged(event, scopes));
}

/** A 彩排 round: a copy of a real round that simulated judges mark, wiped afterwards. */
export function isRehearsalRound(round: Pick<RoundRecord, 'rehearsalOf'>): boolean {
  return round.rehearsalOf !== undefined;
}

export function isDemoCompetition(competition: Pick<CompetitionRecord, 'demo'>): boolean {
  return competition.demo === true;
}

/** The seed of the demo's draw (src/db/demo.ts): no real competition is drawn with it. */
export const DEMO_DRAW_SEED = '2026昌吉市擂台比武示例抽签';

/**
 * A demo loaded before competitions carried `demo` is known by its draw: the demo's own seed.
 * It may be purged like the demo.
 */
export function isDemoDraw(event: LeitaiEvent): boolean {
  return event.type === 'draw.record' && event.payload.seed === DEMO_DRAW_SEED;
}
