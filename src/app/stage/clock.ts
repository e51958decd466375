/**
 * The screens' clock, for display only: a running stage clock and the projector's reveal
 * advance with this device's clock; nothing they show decides a score.
 */

import { useEffect, useState } from 'react';
import type { LeitaiEvent } from '../../domain/events';

const firstSeen = new Map<string, number>();

/**
 * When an event started, on this device's clock: its recorded time (the same clock when the
 * host and the projector are windows of one laptop), but never later than when this screen
 * first saw it (another device's clock may run ahead).
 */
export function startedAtMs(event: LeitaiEvent): number {
  let seen = firstSeen.get(event.id);
  if (seen === undefined) {
    // The clock now, not a render's (possibly old) reading: a clock resumed after a long pause
    // must not seem to have started during it.
    seen = Date.now();
    firstSeen.set(event.id, seen);
  }
  const recorded = Date.parse(event.recordedAt);
  return Number.isNaN(recorded) ? seen : Math.min(recorded, seen);
}

/** The current time, re-read every `intervalMs` while `active`. */
export function useNow(active: boolean, intervalMs = 200): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
