// @vitest-environment node
// jsdom's Blob does not survive IndexedDB's structured clone under fake-indexeddb (it comes
// back as {}); Node's Blob does, as a browser's does.
import { describe, expect, it } from 'vitest';
import { duplicateCompetition, putContestant } from '../../../src/db/repository';
import { freshDb, present, refusal, seedRound } from './helpers';

describe('contestant photos', () => {
  it('are stored apart from the contestant, replaced and removed', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    const id = contestants[0].id;
    const withPhoto = await putContestant(db, { id, roundId: round.id, photo: new Blob(['first']) });
    const first = await db.photos.get(withPhoto.photoId ?? '');
    expect(await first?.blob.text()).toBe('first');

    const replaced = await putContestant(db, { id, roundId: round.id, photo: new Blob(['second']) });
    expect(replaced.photoId).not.toBe(withPhoto.photoId);
    expect(await db.photos.get(withPhoto.photoId ?? '')).toBeUndefined();

    // An edit without `photo` keeps it, and does not copy the picture into the log again.
    const photoEvents = await db.events.where('type').equals('entity.put').count();
    await putContestant(db, { id, roundId: round.id, topic: '新题目' });
    expect((await db.contestants.get(id))?.photoId).toBe(replaced.photoId);
    expect(await db.events.where('type').equals('entity.put').count()).toBe(photoEvents + 1);

    await putContestant(db, { id, roundId: round.id, photo: null });
    expect(await db.photos.count()).toBe(0);
    expect((await db.contestants.get(id))?.photoId).toBeNull();
  });

  it('refuse a picture over 5 MB', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    const big = new Blob([new Uint8Array(5 * 1024 * 1024 + 1)]);
    await refusal(
      putContestant(db, { id: contestants[0].id, roundId: round.id, photo: big }),
      'invalid-field',
    );
  });

  it('are copied with a duplicated competition', async () => {
    const db = freshDb();
    const { competition, round, contestants } = await seedRound(db);
    await putContestant(db, { id: contestants[0].id, roundId: round.id, photo: new Blob(['face']) });
    const copy = await duplicateCompetition(db, competition.id, { name: '2027年擂台比武' });
    const [copiedRound] = await db.rounds.where('competitionId').equals(copy.id).toArray();
    const [photo] = await db.photos.where('roundId').equals(present(copiedRound).id).toArray();
    expect(await photo?.blob.text()).toBe('face');
  });
});
