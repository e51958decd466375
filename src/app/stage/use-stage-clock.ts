/** A contestant's stage clock as a screen shows it: the winning `stage.timer`, advanced by this device's clock while running. */

import type { LeitaiEvent } from '../../domain/events';
import {
  type ClockView,
  clockView,
  elapsedAt,
  TIMER_NOT_STARTED,
  type TimerState,
} from '../../domain/overtime';
import { startedAtMs, useNow } from './clock';

export interface StageClock {
  state: TimerState;
  running: boolean;
  view: ClockView;
}

/** The counted time now, in whole milliseconds: what a pause records. */
export function elapsedNow(event: LeitaiEvent<'stage.timer'> | null, nowMs: number): number {
  if (!event) return 0;
  const state = { action: event.payload.action, elapsedMs: event.payload.elapsedMs };
  return Math.round(elapsedAt(state, startedAtMs(event), nowMs));
}

export function useStageClock(
  event: LeitaiEvent<'stage.timer'> | null,
  limitSeconds: number | null,
): StageClock {
  const state: TimerState = event
    ? { action: event.payload.action, elapsedMs: event.payload.elapsedMs }
    : TIMER_NOT_STARTED;
  const running = state.action === 'start';
  const now = useNow(running, 200);
  return { state, running, view: clockView(elapsedNow(event, now), limitSeconds) };
}
