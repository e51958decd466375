/**
 * The device's projection of the audience's events (Dexie, applied batch by batch as pulls bring
 * them) equals the pure fold, and counts the same votes, whatever the order and the batches.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRemoteEvents, audienceTallyOf, readProjection } from '../../../src/db/repository';
import { countedVotes, tallyOf } from '../../../src/domain/audience';
import { foldEvents, type LeitaiEvent } from '../../../src/domain/events';
import { freshDb, seedRound } from '../db/helpers';
import { giveAudience, serverVote } from './helpers';

describe('audience events in any order', () => {
  it('the device’s projection equals the fold, and the tally is the same', async () => {
    const db0 = freshDb();
    const seeded = await seedRound(db0);
    const round = await giveAudience(db0, seeded.round);
    const [first] = seeded.contestants;
    const envelope = {
      deviceId: 'host-console',
      competitionId: round.competitionId,
      roundId: round.id,
      recordedAt: '2026-12-04T10:00:00.000Z',
    };
    const open: LeitaiEvent = {
      ...envelope,
      id: 'w1',
      deviceSeq: 1,
      author: { role: 'host' },
      type: 'audience.open',
      payload: { contestantId: first.id, seconds: 30 },
    };
    const close: LeitaiEvent = {
      ...envelope,
      id: 'close-w1',
      deviceSeq: 2,
      author: { role: 'host' },
      type: 'audience.close',
      payload: { contestantId: first.id, windowId: 'w1' },
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ voter: fc.integer({ min: 1, max: 4 }), value: fc.integer({ min: 0, max: 1 }) }),
          {
            maxLength: 8,
          },
        ),
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        async (cast, sealAt, batch) => {
          const votes = cast.map((entry, index) =>
            serverVote(round, 'w1', first.id, entry.voter, entry.value, index + 1),
          );
          const seal: LeitaiEvent = {
            ...envelope,
            id: `seal-${votes.length}-${sealAt}`,
            deviceId: 'venue-server',
            deviceSeq: 100_000 + sealAt,
            author: { role: 'server' },
            type: 'audience.seal',
            payload: { windowId: 'w1', contestantId: first.id, votes: sealAt % (cast.length + 1) },
          };
          const events = fc.sample(
            fc.shuffledSubarray([open, close, seal, ...votes], { minLength: votes.length + 3 }),
            {
              numRuns: 1,
              seed: sealAt,
            },
          )[0] as LeitaiEvent[];
          const db = freshDb();
          for (let at = 0; at < events.length; at += batch)
            await applyRemoteEvents(db, events.slice(at, at + batch));
          const projection = await readProjection(db);
          const folded = foldEvents(events);
          expect(projection.audienceWindows).toEqual(folded.audienceWindows);
          expect(projection.audienceVotes).toEqual(folded.audienceVotes);
          const expected = tallyOf(
            countedVotes(Object.values(folded.audienceWindows), Object.values(folded.audienceVotes)),
            first.id,
          );
          expect(await audienceTallyOf(db, round.id, first.id)).toEqual(expected);
          expect(expected.votes).toBeLessThanOrEqual(sealAt % (cast.length + 1));
        },
      ),
      { numRuns: 25 },
    );
  });
});
