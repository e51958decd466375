/**
 * `npm run hub -- register-venue --hub URL --name NAME`: the organizer's call that registers a
 * venue on a running hub with the admin secret, and prints the venue key the hub shows once.
 * `postAsAdmin` is every admin call's request (./season-client.ts makes the season's).
 */

import {
  HUB_API_PREFIX,
  type HubError,
  type VenueRegistration,
  type VenueRegistrationRequest,
} from '../sync/hub-protocol';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../sync/protocol';

/** Thrown when the hub refuses an admin call: its error, as the hub wrote it. */
export class HubRefused extends Error {
  constructor(readonly error: HubError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** POSTs `body` to the hub's `path` (under /hub/v1) with the admin secret; its answer, or HubRefused. */
export async function postAsAdmin<T>(
  hubUrl: string,
  adminSecret: string,
  path: string,
  body: unknown,
): Promise<T> {
  const response = await fetch(new URL(`${HUB_API_PREFIX}${path}`, hubUrl), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${adminSecret}`,
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as T | { error: HubError };
  if (typeof answer === 'object' && answer !== null && 'error' in answer) throw new HubRefused(answer.error);
  return answer;
}

export function registerVenue(hubUrl: string, adminSecret: string, name: string): Promise<VenueRegistration> {
  return postAsAdmin(hubUrl, adminSecret, '/admin/venues', { name } satisfies VenueRegistrationRequest);
}
