/**
 * Whether a round's ranks and awards are final or still 暂定 (provisional), and why. A round's
 * result is final once every active contestant has been revealed (公布, and not reopened by a
 * correction since), or once the organizer has closed the round (结束本轮，成绩定稿) with
 * `round.close`; a later `round.reopen` makes it provisional again. Every screen that shows a
 * rank or an award (projector, results, certificates) asks `roundResultStatus`. Pure.
 */

import { compareRevision, type LeitaiEvent, stampOf } from './events.ts';
import type { Id } from './model.ts';
import { contestantLockOf, nextRevision } from './stage.ts';

export interface RoundProgress {
  /** Active contestants of the round (withdrawn and disqualified ones are never ranked). */
  active: number;
  /** Of those, how many are revealed and not reopened since. */
  revealed: number;
  /** The organizer's `round.close` is the round's current closure event. */
  closedByOrganizer: boolean;
}

export type RoundResultStatus =
  | { final: true; why: 'complete' | 'closed' }
  | { final: false; revealed: number; total: number };

/**
 * THE rule: final when the organizer closed the round, or when every active contestant is
 * revealed (a round without active contestants has nothing to be final about); otherwise
 * provisional, with how many of how many are revealed.
 */
export function roundResultStatus({ active, revealed, closedByOrganizer }: RoundProgress): RoundResultStatus {
  if (closedByOrganizer) return { final: true, why: 'closed' };
  const shown = Math.min(revealed, active);
  if (active > 0 && shown === active) return { final: true, why: 'complete' };
  return { final: false, revealed: shown, total: active };
}

export interface RoundClosure {
  closed: boolean;
  /** What the next `round.close` or `round.reopen` of the round carries. */
  nextRevision: number;
}

/** The round's closure from its `round.close` / `round.reopen` events: the newest one decides. */
export function roundClosureOf(events: Iterable<LeitaiEvent>): RoundClosure {
  const mine: LeitaiEvent<'round.close' | 'round.reopen'>[] = [];
  for (const event of events) {
    if (event.type === 'round.close' || event.type === 'round.reopen') mine.push(event);
  }
  let newest: LeitaiEvent<'round.close' | 'round.reopen'> | null = null;
  for (const event of mine) {
    if (!newest || compareRevision(stampOf(event), stampOf(newest)) > 0) newest = event;
  }
  return { closed: newest?.type === 'round.close', nextRevision: nextRevision(mine) };
}

/** The active contestants whose current reveal stands (locked, not reopened by a correction). */
function revealedContestantIds(
  contestants: readonly { id: Id; status: string }[],
  events: readonly LeitaiEvent[],
): Set<Id> {
  return new Set(
    contestants
      .filter((contestant) => contestant.status === 'active')
      .filter((contestant) => contestantLockOf(events, contestant.id).status === 'locked')
      .map((contestant) => contestant.id),
  );
}

/** The round's status from its contestants and its stage events (locks, closure). */
export function roundResultStatusOf(
  contestants: readonly { id: Id; status: string }[],
  events: readonly LeitaiEvent[],
): RoundResultStatus {
  return roundResultStatus({
    active: contestants.filter((contestant) => contestant.status === 'active').length,
    revealed: revealedContestantIds(contestants, events).size,
    closedByOrganizer: roundClosureOf(events).closed,
  });
}
