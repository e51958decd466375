// @vitest-environment node
// The hub's decisions in a venue's log (HubStore.insertHubEvents): advancement run again over
// what it wrote before skips what the venue has, and never gives a new decision a device
// sequence number an earlier one holds (the venue would refuse it as a conflict, for good).
import { describe, expect, it } from 'vitest';
import { markEvent, registerVenue, testHub } from './helpers';

describe("the hub's decisions for a venue", () => {
  it('number each new decision after every one written, when runs overlap', async () => {
    const { core, store } = await testHub();
    const venue = await registerVenue(core, '市级决赛');
    const decide = (ids: string[]) =>
      store.insertHubEvents(venue.venueId, (firstSeq) =>
        ids.map((id, index) => {
          const event = { ...markEvent(firstSeq + index, 'hub-test-hub'), id: id.padEnd(32, '0') };
          return { id: event.id, type: event.type, body: JSON.stringify(event) };
        }),
      );
    expect(await decide(['a', 'b'])).toBe(2);
    // Run again: b is there already, c is new.
    expect(await decide(['b', 'c'])).toBe(1);
    expect(await decide(['d'])).toBe(1);
    const seqs = (await store.readVenue(venue.venueId, 0, 100, true)).map(
      (row) => (JSON.parse(row.body) as { deviceSeq: number }).deviceSeq,
    );
    expect(seqs).toHaveLength(4);
    expect(new Set(seqs).size).toBe(4);
  });
});
