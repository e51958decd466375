// @vitest-environment node
// A tablet handed from one judge to another: pulls are filtered by judge, so the cursor its
// first judge's pulls moved has passed the second judge's events. Joining as another judge
// starts the pulls over, and the tablet receives what its new judge may read.
import { describe, expect, it } from 'vitest';
import { enterMark } from '../../../src/db/marks';
import { pullEvents, pushOutbox } from '../../../src/sync/client';
import { joinWithJudgeCode } from '../../../src/sync/session';
import { readCursor } from '../../../src/sync/sync-state';
import { testServer } from '../server/helpers';
import { serverEventsFor, setUpVenue } from './helpers';
import { MemoryNetwork } from './memory-network';

describe('a tablet re-bound to another judge', () => {
  it('pulls again from the start and receives the new judge’s marks made elsewhere', async () => {
    const { core } = testServer();
    const network = new MemoryNetwork(core);
    const venue = await setUpVenue(network);
    const [first, second] = venue.judges;
    if (!first || !second) throw new Error('two judges expected');
    const { seeded } = venue;
    // The second judge marks on their own tablet; the first judge's tablet pulls past it.
    await enterMark(second.db, {
      roundId: seeded.round.id,
      judgeId: seeded.judges[1].id,
      contestantId: seeded.contestants[0].id,
      criterionId: 'content',
      value: 3300,
    });
    await pushOutbox(second.db, second.transport, second.session.token);
    await pullEvents(first.db, first.transport, first.session);
    expect((await readCursor(first.db))?.cursor).toBe(core.head());
    expect(await first.db.marks.count()).toBe(0);

    // The tablet is handed to the second judge.
    const session = await joinWithJudgeCode(first.db, first.transport, seeded.judges[1].joinCode);
    expect((await readCursor(first.db))?.cursor).toBe(0);
    await pullEvents(first.db, first.transport, session);
    const marks = await first.db.marks.toArray();
    expect(marks.map((mark) => [mark.judgeId, mark.value])).toEqual([[seeded.judges[1].id, 3300]]);
    const readable = serverEventsFor(core, session).map((event) => event.id);
    const held = (await first.db.events.toArray()).map((event) => event.id);
    expect(new Set(held)).toEqual(new Set(readable));
  });

  it('keeps its cursor when the same judge joins again', async () => {
    const { core } = testServer();
    const network = new MemoryNetwork(core);
    const venue = await setUpVenue(network);
    const [tablet] = venue.judges;
    if (!tablet) throw new Error('a judge expected');
    await pullEvents(tablet.db, tablet.transport, tablet.session);
    const cursor = (await readCursor(tablet.db))?.cursor;
    expect(cursor).toBeGreaterThan(0);
    await joinWithJudgeCode(tablet.db, tablet.transport, venue.seeded.judges[0].joinCode);
    expect((await readCursor(tablet.db))?.cursor).toBe(cursor);
  });
});
