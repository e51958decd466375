/**
 * Purges (`scope.purge`): the demo competition, or a 彩排 rehearsal round, removed from every
 * device and the server. What a purge removes is decided here once, for the fold, the devices'
 * storage and the server's admission alike: every event of its competition (a competition
 * purge) or of its round (a round purge), except the purge events themselves.
 *
 * Pure: no React, Dexie, DOM API or Node import. The fold (./events.ts) leaves purged scopes
 * out through this module, so it speaks of an event only by its place (EventPlace), never
 * importing the events' types back.
 */

import type { Id } from './model.ts';
import type { CompetitionRecord, RoundRecord } from './records.ts';

export interface PurgeScope {
  competitionId: Id;
  /** Null: the whole competition. */
  roundId: Id | null;
}

/** An event's place: enough to tell whether a purge removes it. */
export interface EventPlace {
  type: string;
  competitionId: Id;
  roundId: Id | null;
}

export function purgeScopeOf(purge: EventPlace & { type: 'scope.purge' }): PurgeScope {
  return { competitionId: purge.competitionId, roundId: purge.roundId };
}

export function isPurge<E extends EventPlace>(event: E): event is Extract<E, { type: 'scope.purge' }> {
  return event.type === 'scope.purge';
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
export function withoutPurgedScopes<E extends EventPlace>(events: readonly E[]): E[] {
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
export function isDemoDraw(event: EventPlace & { payload: object }): boolean {
  return event.type === 'draw.record' && 'seed' in event.payload && event.payload.seed === DEMO_DRAW_SEED;
}
