/**
 * Whether each judge's tablet is online (issue 12): while this console is online and logged in
 * as the organizer, it asks the venue server every PRESENCE_POLL_MS (GET /presence). When the
 * console itself is offline or not logged in, that is what it says, instead of calling every
 * tablet offline.
 */

import { useEffect, useState } from 'react';
import type { Id } from '../../domain/model';
import type { JudgePresence } from '../../sync/protocol';
import { fetchPresence } from '../../sync/session';
import { SyncRefusal } from '../../sync/transport';
import { useDatabase } from '../db-context';
import { type DeviceSync, deviceSync, useSyncStatus } from '../sync/device-sync';

const PRESENCE_POLL_MS = 10_000;

export type PresenceView =
  /** No venue server behind this build (development, component tests), or one without presence. */
  | { state: 'unavailable' }
  | { state: 'hostNoSession' }
  | { state: 'hostOffline' }
  /** Asked, not answered yet. */
  | { state: 'asking' }
  | { state: 'known'; judges: ReadonlyMap<Id, JudgePresence> };

type Answer = PresenceView & { state: 'known' | 'unavailable' | 'hostOffline' };

/** `sync`: the device's own sync client by default (tests pass theirs). */
export function usePresence(roundId: Id, sync?: DeviceSync | null): PresenceView {
  const db = useDatabase();
  const entry = sync === undefined ? deviceSync(db) : sync;
  const status = useSyncStatus(entry?.client ?? null);
  const [answer, setAnswer] = useState<{ key: string; view: Answer } | null>(null);
  const organizer = status.session?.role === 'organizer';
  const token = organizer ? (status.session?.token ?? null) : null;
  const asking = entry !== null && token !== null && status.online;
  // One question per round, session and connection: an answer to an earlier one is not shown.
  const key = `${roundId}|${token}|${status.online}`;
  const transport = entry?.transport ?? null;

  useEffect(() => {
    if (!asking || transport === null) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      fetchPresence(db, transport, roundId).then(
        (response) => {
          if (!live) return;
          const judges = new Map(response.judges.map((judge) => [judge.judgeId, judge]));
          setAnswer({ key, view: { state: 'known', judges } });
          timer = setTimeout(ask, PRESENCE_POLL_MS);
        },
        (failure: unknown) => {
          if (!live) return;
          // A refusal (a server without presence) stays one until something changes.
          const refused = failure instanceof SyncRefusal;
          setAnswer({ key, view: { state: refused ? 'unavailable' : 'hostOffline' } });
          if (!refused) timer = setTimeout(ask, PRESENCE_POLL_MS);
        },
      );
    };
    ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [asking, db, transport, roundId, key]);

  if (entry === null) return { state: 'unavailable' };
  if (!organizer) return { state: 'hostNoSession' };
  if (!status.online) return { state: 'hostOffline' };
  return answer?.key === key ? answer.view : { state: 'asking' };
}
