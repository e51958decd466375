import { describe, expect, it } from 'vitest';
import {
  applyRemoteEvents,
  audienceTallyOf,
  audienceTurnoutOf,
  closeAudienceVoting,
  loadRoundInput,
  openAudienceVoting,
  openVotingOfRound,
  readProjection,
  refoldLog,
} from '../../../src/db/repository';
import { freshDb, refusal, seedRound } from '../db/helpers';
import { giveAudience, serverVote } from './helpers';

describe('the host’s voting windows and the live tally', () => {
  it('opens a window for a contestant, folds the server’s votes, and closes it', async () => {
    const db = freshDb();
    const seeded = await seedRound(db);
    const round = await giveAudience(db, seeded.round);
    const [first, second] = seeded.contestants;
    const windowId = await openAudienceVoting(db, round.id, first.id);
    const open = await openVotingOfRound(db, round.id);
    expect(open).toMatchObject({ windowId, contestantId: first.id, seconds: 30 });
    expect(Date.parse(open?.deadline ?? '') - Date.now()).toBeGreaterThan(20_000);

    await applyRemoteEvents(db, [
      serverVote(round, windowId, first.id, 1, 1, 1),
      serverVote(round, windowId, first.id, 2, 0, 2),
      serverVote(round, windowId, first.id, 1, 0, 3),
      serverVote(round, windowId, first.id, 3, 1, 4),
    ]);
    expect(await audienceTallyOf(db, round.id, first.id)).toEqual({ votes: 3, supporters: 1, sum: 1 });
    expect(await audienceTurnoutOf(db, round.id)).toEqual(new Map([[first.id, 3]]));

    // Opening the next contestant closes the first window.
    const next = await openAudienceVoting(db, round.id, second.id);
    expect((await openVotingOfRound(db, round.id))?.windowId).toBe(next);
    await closeAudienceVoting(db, round.id, next);
    expect(await openVotingOfRound(db, round.id)).toBeNull();
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('makes the votes marks of the audience group in the round’s input', async () => {
    const db = freshDb();
    const seeded = await seedRound(db);
    const round = await giveAudience(db, seeded.round);
    const [first] = seeded.contestants;
    const windowId = await openAudienceVoting(db, round.id, first.id);
    await applyRemoteEvents(db, [serverVote(round, windowId, first.id, 7, 1, 1)]);
    const input = await loadRoundInput(db, round.id);
    expect(input.judges.at(-1)).toEqual({
      id: 'aud-7',
      name: '观众 #7',
      weight: 100,
      unit: null,
      group: 'public',
    });
    expect(input.marks).toContainEqual({
      judge: 'aud-7',
      contestant: first.id,
      criterion: 'vote',
      value: 100,
    });
  });

  it('refuses to open voting in a round without it, and to close a window that is not open', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    expect(
      await refusal(openAudienceVoting(db, round.id, contestants[0].id), 'no-audience-voting'),
    ).toContain('没有设置大众投票');
    await giveAudience(db, round);
    expect(await refusal(closeAudienceVoting(db, round.id, 'no-such-window'), 'voting-not-open')).toContain(
      '没有进行中的大众投票',
    );
  });
});
