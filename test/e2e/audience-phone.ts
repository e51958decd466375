// What an audience phone's page sends by itself, for the browser tests of audience voting.
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION } from '../../src/sync/protocol';

export interface VoteReply {
  status: number;
  body: { error?: { code: string } };
}

/**
 * A vote posted from the phone's page with the token it joined with, as its voting page would:
 * how a test sends one after the window has closed, when the page no longer offers the buttons.
 */
export function voteFromPhone(
  phone: Page,
  vote: { roundId: string; contestantId: string; value: number },
): Promise<VoteReply> {
  return phone.evaluate(
    async ({ roundId, contestantId, value, protocolVersion }) => {
      const response = await fetch('/api/v1/audience/vote', {
        method: 'POST',
        headers: {
          'leitai-protocol': String(protocolVersion),
          'content-type': 'application/json',
          authorization: `Bearer ${localStorage.getItem('leitai.audience.token')}`,
        },
        body: JSON.stringify({ roundId, contestantId, value }),
      });
      return { status: response.status, body: (await response.json()) as VoteReply['body'] };
    },
    { ...vote, protocolVersion: PROTOCOL_VERSION },
  );
}
