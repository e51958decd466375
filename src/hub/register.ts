/**
 * `npm run hub -- register-venue --hub URL --name NAME`: the organizer's call that registers a
 * venue on a running hub with the admin secret, and prints the venue key the hub shows once.
 */

import {
  HUB_API_PREFIX,
  type HubError,
  type VenueRegistration,
  type VenueRegistrationRequest,
} from '../sync/hub-protocol';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../sync/protocol';

export async function registerVenue(
  hubUrl: string,
  adminSecret: string,
  name: string,
): Promise<VenueRegistration> {
  const response = await fetch(new URL(`${HUB_API_PREFIX}/admin/venues`, hubUrl), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${adminSecret}`,
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    },
    body: JSON.stringify({ name } satisfies VenueRegistrationRequest),
  });
  const answer = (await response.json()) as VenueRegistration | { error: HubError };
  if ('error' in answer) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer;
}
