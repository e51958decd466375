/**
 * Runs the 彩排 simulation while the organizer's page is open: every new call of the rehearsal
 * round (from this device or, through sync, from the host console) gets the simulated sheets.
 */

import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import type { LeitaiDB } from '../../../db/database';
import { readStageCall } from '../../../db/stage';
import type { Id } from '../../../domain/model';
import { RehearsalSimulation } from './simulation';

/** A stable seed per rehearsal round: the same rehearsal, the same marks after a reload. */
function seedOf(roundId: Id): number {
  let seed = 2166136261;
  for (const char of roundId) seed = Math.imul(seed ^ char.charCodeAt(0), 16777619);
  return seed >>> 0;
}

export function useRehearsalSimulation(
  db: LeitaiDB,
  roundId: Id | null,
  speed: number,
  onError: (error: unknown) => void,
): number {
  const [waiting, setWaiting] = useState(0);
  useEffect(() => {
    if (roundId === null) return;
    const simulation = new RehearsalSimulation({ db, roundId, seed: seedOf(roundId), speed, onError });
    const subscription = liveQuery(() => readStageCall(db, roundId)).subscribe({
      next: (call) => {
        simulation.handleCall(call).then(() => setWaiting(simulation.waiting), onError);
      },
      error: onError,
    });
    const tick = setInterval(() => setWaiting(simulation.waiting), 1000);
    return () => {
      clearInterval(tick);
      subscription.unsubscribe();
      simulation.stop();
    };
  }, [db, roundId, speed, onError]);
  return waiting;
}
