// Out of PanelProgress, which loads as a part of the console (HostConsole): the console counts
// the confirmed judges for the reveal's checks before the panel has loaded.

import type { LeitaiEvent } from '../../domain/events';
import type { Id } from '../../domain/model';

/** Whether the judge was asked to confirm their total for the contestant, and answered. */
export function confirmationOf(
  events: readonly LeitaiEvent[],
  judgeId: Id,
  contestantId: Id,
): 'none' | 'asked' | 'confirmed' {
  const asked = events.filter(
    (event): event is LeitaiEvent<'stage.confirmRequest'> =>
      event.type === 'stage.confirmRequest' &&
      event.payload.judgeId === judgeId &&
      event.payload.contestantId === contestantId,
  );
  if (asked.length === 0) return 'none';
  const requestIds = new Set(asked.map((event) => event.payload.requestId));
  const answered = events.some(
    (event) => event.type === 'stage.confirm' && requestIds.has(event.payload.requestId),
  );
  return answered ? 'confirmed' : 'asked';
}
