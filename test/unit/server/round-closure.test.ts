// @vitest-environment node
// 结束本轮，成绩定稿 on the venue server: the organizer's close and reopen of a round are stored;
// a judge's tablet, the projector and a host-authored closure are refused, as is one without a
// round or with a malformed payload.
import { describe, expect, it } from 'vitest';
import { setRoundClosed } from '../../../src/db/repository';
import type { WireEvent } from '../../../src/sync/protocol';
import { push, wireLog } from './helpers';
import { expectRefusedFromTabletAndProjector, type SeededVenue, seededVenue } from './organizer-venue';

/** The laptop's closure events, as it writes them, on the wire. */
async function closureEvents(v: SeededVenue): Promise<WireEvent[]> {
  await setRoundClosed(v.laptop, { roundId: v.seeded.round.id, closed: true });
  await setRoundClosed(v.laptop, { roundId: v.seeded.round.id, closed: false });
  return (await wireLog(v.laptop)).slice(v.setup.length);
}

describe('closing a round on the venue server', () => {
  it('stores the organizer’s close and reopen', async () => {
    const v = await seededVenue();
    const events = await closureEvents(v);
    expect(events.map((event) => event.type)).toEqual(['round.close', 'round.reopen']);
    const answer = await push(v.core, v.organizer.token, events);
    expect(answer.body.refused).toEqual([]);
    expect(answer.body.accepted).toBe(2);
  });

  it('refuses a closure from a judge’s tablet or the projector', async () => {
    const v = await seededVenue();
    const [close] = (await closureEvents(v)) as [WireEvent];
    await expectRefusedFromTabletAndProjector(v, close);
  });

  it('refuses a closure authored by the host, one without a round, and a malformed one', async () => {
    const v = await seededVenue();
    const [close] = (await closureEvents(v)) as [WireEvent];
    const byHost = { ...close, author: { role: 'host' } } as WireEvent;
    const noRound = { ...close, id: 'no-round', deviceSeq: close.deviceSeq + 2, roundId: null } as WireEvent;
    const extraField = {
      ...close,
      id: 'extra',
      deviceSeq: close.deviceSeq + 3,
      payload: { revision: 1, final: true },
    } as unknown as WireEvent;
    const answer = await push(v.core, v.organizer.token, [byHost, noRound, extraField]);
    expect(answer.body.refused.map((refusal) => refusal.code)).toEqual([
      'forbiddenAuthor',
      'unknownEntity',
      'malformedEvent',
    ]);
    expect(answer.body.refused[0]?.message).toContain('only the organizer');
    expect(v.core.head()).toBe(v.setup.length);
  });
});
