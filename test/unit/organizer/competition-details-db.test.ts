// Date and venue of a competition, a first round made with it, and the order of rounds.
import { describe, expect, it } from 'vitest';
import {
  createCompetition,
  createRound,
  duplicateCompetition,
  editCompetition,
  readProjection,
  refoldLog,
  renameCompetition,
  reorderRounds,
  updateRound,
} from '../../../src/db/repository';
import { freshDb, refusal, SECRETARY_SHEET } from '../db/helpers';

describe('competition details', () => {
  it('keep a date and a venue through rename, edit and duplicate', async () => {
    const db = freshDb();
    const created = await createCompetition(db, {
      name: '演讲比赛',
      date: '2026-06-18',
      venue: ' 市委党校 ',
    });
    expect(created).toMatchObject({ date: '2026-06-18', venue: '市委党校' });
    await renameCompetition(db, created.id, '演讲大赛');
    expect(await db.competitions.get(created.id)).toMatchObject({ name: '演讲大赛', date: '2026-06-18' });
    const copy = await duplicateCompetition(db, created.id);
    expect(copy).toMatchObject({
      name: '演讲大赛（副本）',
      date: '2026-06-18',
      venue: '市委党校',
      archived: false,
    });

    await editCompetition(db, created.id, { name: '演讲大赛', date: '', venue: null });
    const edited = await db.competitions.get(created.id);
    expect(edited).toEqual({ id: created.id, name: '演讲大赛', archived: false });
    await editCompetition(db, created.id, { name: '演讲大赛', venue: '昌吉市文化馆' });
    expect(await db.competitions.get(created.id)).toMatchObject({ venue: '昌吉市文化馆' });
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('refuse a date that is not a calendar day, changing nothing', async () => {
    const db = freshDb();
    for (const date of ['2026-02-30', '2026/06/18', '18.06.2026', '2026-13-01']) {
      expect(await refusal(createCompetition(db, { name: '赛事', date }), 'invalid-field')).toContain(date);
    }
    expect(await db.competitions.count()).toBe(0);
    await createCompetition(db, { name: '闰年', date: '2028-02-29' });
  });

  it('make the first round in the same transaction, or neither', async () => {
    const db = freshDb();
    const competition = await createCompetition(db, {
      name: '擂台比武',
      firstRound: { name: '乡镇初赛', criteria: SECRETARY_SHEET, timeLimitSeconds: 600 },
    });
    const [round] = await db.rounds.where('competitionId').equals(competition.id).toArray();
    expect(round).toMatchObject({ name: '乡镇初赛', order: 1, timeLimitSeconds: 600 });

    await refusal(
      createCompetition(db, { name: '另一个', firstRound: { name: '初赛', criteria: [] } }),
      'invalid-field',
    );
    expect(await db.competitions.count()).toBe(1);
  });
});

describe('rounds', () => {
  it('are reordered in one write, and must be listed each once', async () => {
    const db = freshDb();
    const competition = await createCompetition(db, { name: '擂台比武' });
    const first = await createRound(db, {
      competitionId: competition.id,
      name: '市级决赛',
      criteria: SECRETARY_SHEET,
    });
    const second = await createRound(db, {
      competitionId: competition.id,
      name: '乡镇初赛',
      criteria: SECRETARY_SHEET,
    });
    await reorderRounds(db, competition.id, [second.id, first.id]);
    const rounds = await db.rounds.where('competitionId').equals(competition.id).sortBy('order');
    expect(rounds.map((round) => [round.name, round.order])).toEqual([
      ['乡镇初赛', 1],
      ['市级决赛', 2],
    ]);
    await refusal(reorderRounds(db, competition.id, [second.id]), 'invalid-field');
    await refusal(reorderRounds(db, competition.id, [second.id, second.id]), 'invalid-field');
  });

  it('keep the full mark their points should add up to', async () => {
    const db = freshDb();
    const competition = await createCompetition(db, { name: '擂台比武' });
    const round = await createRound(db, {
      competitionId: competition.id,
      name: '初赛',
      criteria: SECRETARY_SHEET,
    });
    expect(round.fullMark).toBeUndefined();
    expect((await updateRound(db, round.id, { fullMark: 1000 })).fullMark).toBe(1000);
    await refusal(updateRound(db, round.id, { fullMark: 0 }), 'invalid-field');
    expect((await db.rounds.get(round.id))?.fullMark).toBe(1000);
  });
});
