/**
 * The host console's sync client and the venue server behind it, faked. A test file mocks
 * device-sync with `withFakeSync`, then says with `fakeSync` what the console sees; until it does
 * (and after each test) the console has no sync client.
 *
 *   vi.mock('../../../src/app/sync/device-sync', async (importOriginal) =>
 *     (await import('./fake-device-sync')).withFakeSync(await importOriginal()),
 *   );
 */

import { afterEach } from 'vitest';
import type * as DeviceSyncModule from '../../../src/app/sync/device-sync';
import type { DeviceSync } from '../../../src/app/sync/device-sync';
import type { PresenceResponse, SessionInfo } from '../../../src/sync/protocol';
import { NOT_CONNECTED, type SyncStatus } from '../../../src/sync/status';
import type { ApiCall, SyncTransport } from '../../../src/sync/transport';

let current: DeviceSync | null = null;

afterEach(() => {
  current = null;
});

/** The device-sync module with `deviceSync` answering the fake: what `vi.mock`'s factory returns. */
export function withFakeSync(actual: typeof DeviceSyncModule): typeof DeviceSyncModule {
  return { ...actual, deviceSync: () => current };
}

/** The host laptop's organizer session on the venue server. */
export const hostSession: SessionInfo = {
  token: 'host-token',
  role: 'organizer',
  deviceId: 'host-laptop',
  judgeId: null,
  serverId: 'venue',
  expiresAt: '2026-06-19T10:00:00.000Z',
  deviceKey: null,
};

/**
 * The console's sync client in `status` (not connected but for what it says), and a venue server
 * answering each call with `answer`. Returns the calls the server is sent, as they come.
 */
export function fakeSync(
  status: Partial<SyncStatus>,
  answer: (call: ApiCall) => Promise<{ status: number; body: unknown }>,
): ApiCall[] {
  const full: SyncStatus = { ...NOT_CONNECTED, ...status };
  const calls: ApiCall[] = [];
  const transport: SyncTransport = {
    call: (call) => {
      calls.push(call);
      return answer(call);
    },
    openLive: () => ({ close() {} }),
  };
  current = {
    client: { subscribe: () => () => {}, getStatus: () => full },
    transport,
  } as unknown as DeviceSync;
  return calls;
}

/**
 * The venue server's GET /presence at 14:12 on 18 June 2026: the first judge's tablet online, the
 * second's offline since 14:03:20, the third judge without one.
 */
export function tabletPresence(
  judges: readonly [{ id: string }, { id: string }, { id: string }],
): PresenceResponse {
  const lastContact = new Date(2026, 5, 18, 14, 3, 20).toISOString();
  return {
    checkedAt: new Date(2026, 5, 18, 14, 12).toISOString(),
    judges: [
      { judgeId: judges[0].id, tablets: 1, online: true, lastContactAt: lastContact },
      { judgeId: judges[1].id, tablets: 1, online: false, lastContactAt: lastContact },
      { judgeId: judges[2].id, tablets: 0, online: false, lastContactAt: null },
    ],
  };
}
