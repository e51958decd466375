/**
 * What a screen shows of sync: the client's status (client.ts). Its own module so that the
 * shell's status line reads it without loading the client itself (the app loads that in the
 * background, src/app/sync/device-sync.ts).
 */

import type { SessionInfo, SyncError } from './protocol';

export interface SyncStatus {
  /** The live socket is open: the server is reachable and will poke this device. */
  online: boolean;
  /** Events of this device that the server has not acknowledged yet. */
  pending: number;
  /** Events of this device that the server refused (listed in the sync panel until dismissed). */
  refused: number;
  /** When the server last answered (ms since the epoch, for display only). */
  lastContact: number | null;
  session: SessionInfo | null;
  /** The server's last refusal of a whole request, until a sync succeeds; null otherwise. */
  refusal: SyncError | null;
}

/** Before the first contact with a server: nothing acknowledged, nothing refused, no session. */
export const NOT_CONNECTED: SyncStatus = {
  online: false,
  pending: 0,
  refused: 0,
  lastContact: null,
  session: null,
  refusal: null,
};
