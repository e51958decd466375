/**
 * The stage's state, read from the host console's events (叫号, 计时, 大屏, 公布): each is a
 * cell decided by the one winner rule, `compareRevision`, so every window and every device
 * agrees whatever order the events arrived in. Pure: the events in, the state out.
 */

import { compareRevision, type EventType, type LeitaiEvent, stampOf, supersedes } from './events.ts';
import type { Id } from './model.ts';

/** The winning event of a cell: the events of one type that pass `inCell`. */
export function cellWinner<T extends EventType>(
  events: Iterable<LeitaiEvent>,
  type: T,
  inCell: (event: LeitaiEvent<T>) => boolean = () => true,
): LeitaiEvent<T> | null {
  let winner: LeitaiEvent<T> | null = null;
  for (const event of events) {
    if (event.type !== type) continue;
    const typed = event as LeitaiEvent<T>;
    if (inCell(typed) && supersedes(stampOf(typed), winner && stampOf(winner))) winner = typed;
  }
  return winner;
}

/** The revision a new event of a cell must carry: one more than any the device has seen. */
export function nextRevision(events: Iterable<LeitaiEvent>): number {
  let highest = 0;
  for (const event of events) {
    if ('revision' in event.payload) highest = Math.max(highest, event.payload.revision);
  }
  return highest + 1;
}

/** The clock of one contestant: its winning `stage.timer` event, or null before any. */
export function timerEventOf(
  events: Iterable<LeitaiEvent>,
  contestantId: Id,
): LeitaiEvent<'stage.timer'> | null {
  return cellWinner(events, 'stage.timer', (event) => event.payload.contestantId === contestantId);
}

/** What the projector shows: the round's winning `stage.view`, or null before any. */
export function projectorViewOf(events: Iterable<LeitaiEvent>): LeitaiEvent<'stage.view'> | null {
  return cellWinner(events, 'stage.view');
}

type LockEvent = LeitaiEvent<'contestant.lock' | 'contestant.unlock'>;

function lockEventsOf(events: Iterable<LeitaiEvent>, contestantId: Id): LockEvent[] {
  const found: LockEvent[] = [];
  for (const event of events) {
    if (
      (event.type === 'contestant.lock' || event.type === 'contestant.unlock') &&
      event.payload.contestantId === contestantId
    ) {
      found.push(event);
    }
  }
  return found;
}

function newest(events: readonly LockEvent[]): LockEvent | null {
  let winner: LockEvent | null = null;
  for (const event of events) if (supersedes(stampOf(event), winner && stampOf(winner))) winner = event;
  return winner;
}

/**
 * `open`: never revealed; `locked`: revealed, every sheet locked; `reopened`: revealed, then a
 * correction reopened some judges' sheets (`reopenedJudgeIds`): the host reveals again.
 */
export interface ContestantLock {
  status: 'open' | 'locked' | 'reopened';
  /** The newest lock (公布), or null when never revealed. */
  lock: LeitaiEvent<'contestant.lock'> | null;
  reopenedJudgeIds: Id[];
  /** What the next lock or unlock of this contestant carries. */
  nextRevision: number;
}

export function contestantLockOf(events: Iterable<LeitaiEvent>, contestantId: Id): ContestantLock {
  const mine = lockEventsOf(events, contestantId);
  const locks = mine.filter(
    (event): event is LeitaiEvent<'contestant.lock'> => event.type === 'contestant.lock',
  );
  const lock = newest(locks) as LeitaiEvent<'contestant.lock'> | null;
  const revision = nextRevision(mine);
  if (!lock) return { status: 'open', lock: null, reopenedJudgeIds: [], nextRevision: revision };
  const reopened = new Set<Id>();
  for (const event of mine) {
    if (event.type === 'contestant.unlock' && compareRevision(stampOf(event), stampOf(lock)) > 0) {
      reopened.add(event.payload.judgeId);
    }
  }
  const reopenedJudgeIds = [...reopened].sort();
  return {
    status: reopenedJudgeIds.length > 0 ? 'reopened' : 'locked',
    lock,
    reopenedJudgeIds,
    nextRevision: revision,
  };
}
