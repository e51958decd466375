// @vitest-environment node
// (node: the photo Blob of a contestant survives fake-indexeddb there, not under jsdom.)
import { describe, expect, it } from 'vitest';
import { because } from '../../../src/db/errors';
import {
  advanceContestants,
  createRound,
  putContestant,
  readProjection,
  refoldLog,
  reorderManually,
} from '../../../src/db/repository';
import { freshDb, present, refusal, SECRETARY_SHEET, seedRound } from '../db/helpers';

async function withFinal() {
  const db = freshDb();
  const seeded = await seedRound(db);
  const final = await createRound(db, {
    competitionId: seeded.competition.id,
    name: '市级决赛',
    criteria: SECRETARY_SHEET,
  });
  return { db, ...seeded, final };
}

describe('advanceContestants', () => {
  it('copies name, unit, topic and photo under new ids, active and not drawn, in the given order', async () => {
    const { db, round, contestants, final } = await withFinal();
    await reorderManually(
      db,
      round.id,
      contestants.map((c) => c.id),
    );
    await putContestant(db, { id: contestants[2].id, roundId: round.id, status: 'withdrawn' });
    await putContestant(db, { id: contestants[1].id, roundId: round.id, photo: new Blob(['jpeg']) });
    await putContestant(db, { roundId: final.id, name: '已有选手', unit: '六工镇' });

    const copies = await advanceContestants(db, {
      fromRoundId: round.id,
      toRoundId: final.id,
      contestantIds: [contestants[1].id, contestants[2].id, contestants[0].id],
    });
    expect(copies.map((c) => [c.name, c.unit, c.topic, c.status, c.draw, c.order])).toEqual([
      ['李四', '榆树沟镇', '乡村振兴', 'active', null, 2],
      ['王五', '佃坝镇', '基层治理', 'active', null, 3],
      ['张三', '三工镇', '强村富民', 'active', null, 4],
    ]);
    expect(copies.every((copy) => copy.roundId === final.id)).toBe(true);
    expect(copies.some((copy) => contestants.some((c) => c.id === copy.id))).toBe(false);
    const photo = await db.photos.get(present(copies[0]?.photoId ?? undefined, 'photo id'));
    expect(photo?.roundId).toBe(final.id);
    expect(await photo?.blob.text()).toBe('jpeg');
    expect(await db.contestants.where('roundId').equals(final.id).count()).toBe(4);
    // The source round is untouched.
    expect((await db.contestants.get(contestants[1].id))?.roundId).toBe(round.id);
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('refuses contestants already in the target (same name and unit), listing them, copying none', async () => {
    const { db, round, contestants, final } = await withFinal();
    await advanceContestants(db, {
      fromRoundId: round.id,
      toRoundId: final.id,
      contestantIds: [contestants[0].id],
    });
    const eventsBefore = await db.events.count();
    try {
      await advanceContestants(db, {
        fromRoundId: round.id,
        toRoundId: final.id,
        contestantIds: [contestants[1].id, contestants[0].id],
      });
      expect.unreachable('the second advancement should be refused');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'duplicate-contestant',
        reason: because('advanceClashes', {
          round: final.name,
          contestants: [{ name: '张三', unit: '三工镇' }],
        }),
        rows: [{ index: 1, reason: because('sameNameAndUnit', { contestant: '张三' }) }],
      });
    }
    expect(await db.events.count()).toBe(eventsBefore);
    expect(await db.contestants.where('roundId').equals(final.id).count()).toBe(1);
  });

  it('refuses the same round, another competition, an empty list, a repeat or a stranger', async () => {
    const { db, round, contestants, final } = await withFinal();
    const other = await seedRound(db);
    const ids = [contestants[0].id];
    await refusal(
      advanceContestants(db, { fromRoundId: round.id, toRoundId: round.id, contestantIds: ids }),
      'invalid-field',
    );
    await refusal(
      advanceContestants(db, { fromRoundId: round.id, toRoundId: other.round.id, contestantIds: ids }),
      'invalid-field',
    );
    await refusal(
      advanceContestants(db, { fromRoundId: round.id, toRoundId: final.id, contestantIds: [] }),
      'invalid-field',
    );
    await refusal(
      advanceContestants(db, { fromRoundId: round.id, toRoundId: final.id, contestantIds: [...ids, ...ids] }),
      'invalid-field',
    );
    await refusal(
      advanceContestants(db, {
        fromRoundId: round.id,
        toRoundId: final.id,
        contestantIds: [other.contestants[0].id],
      }),
      'unknown-contestant',
    );
    expect(await db.contestants.where('roundId').equals(final.id).count()).toBe(0);
  });
});
