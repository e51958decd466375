import { describe, expect, it } from 'vitest';
import {
  addAdjustment,
  archiveCompetition,
  createCompetition,
  deleteCompetition,
  duplicateCompetition,
  enterMark,
  readProjection,
  refoldLog,
  renameCompetition,
  reorderManually,
  setRecuseList,
} from '../../../src/db/repository';
import { freshDb, present, refusal, seedRound } from './helpers';

describe('competitions', () => {
  it('are created, renamed and archived, with their names trimmed', async () => {
    const db = freshDb();
    const created = await createCompetition(db, { name: '  演讲比赛 ' });
    expect(created).toMatchObject({ name: '演讲比赛', archived: false });
    await renameCompetition(db, created.id, '微党课大赛');
    await archiveCompetition(db, created.id);
    expect(await db.competitions.get(created.id)).toEqual({
      id: created.id,
      name: '微党课大赛',
      archived: true,
    });
    await archiveCompetition(db, created.id, false);
    expect((await db.competitions.get(created.id))?.archived).toBe(false);
  });

  it('refuse an empty or unknown name or competition', async () => {
    const db = freshDb();
    expect(await refusal(createCompetition(db, { name: '' }), 'invalid-field')).toBe('赛事名称不能为空');
    await refusal(renameCompetition(db, 'missing', '新名称'), 'not-found');
    await refusal(createCompetition(db, { name: '赛'.repeat(101) }), 'invalid-field');
  });

  it('are duplicated under new ids, with the sheet, judges and contestants but no marks or draw', async () => {
    const db = freshDb();
    const { competition, round, judges, contestants } = await seedRound(db);
    await reorderManually(
      db,
      round.id,
      contestants.map((c) => c.id),
    );
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
      value: 3500,
    });
    await addAdjustment(db, {
      roundId: round.id,
      contestantId: contestants[1].id,
      label: '超时扣分',
      points: -50,
      reason: '超时30秒',
    });

    await setRecuseList(db, round.id, judges[0].id, {
      contestantIds: [contestants[2].id],
      units: ['榆树沟镇'],
    });

    const copy = await duplicateCompetition(db, competition.id);
    expect(copy.name).toBe(`${competition.name}（副本）`);
    const [copiedRound] = await db.rounds.where('competitionId').equals(copy.id).toArray();
    expect(copiedRound?.id).not.toBe(round.id);
    expect(copiedRound?.criteria).toEqual(round.criteria);
    const copiedJudges = await db.judges.where('roundIds').equals(present(copiedRound).id).toArray();
    const copiedContestants = await db.contestants.where('roundId').equals(present(copiedRound).id).toArray();
    expect(copiedJudges.map((j) => j.name).sort()).toEqual(judges.map((j) => j.name).sort());
    expect(copiedContestants.sort((a, b) => a.order - b.order).map((c) => [c.name, c.draw])).toEqual(
      contestants.map((c) => [c.name, null]),
    );
    // The copied 回避名单 names the copy of the contestant, not the original.
    const copiedList = copiedJudges.find((j) => j.name === judges[0].name)?.recuse;
    const copiedWangWu = copiedContestants.find((c) => c.name === contestants[2].name);
    expect(copiedList).toEqual({ contestantIds: [present(copiedWangWu).id], units: ['榆树沟镇'] });
    expect(copiedRound?.settings.recusal).toBe('contains');
    const oldCodes = new Set(judges.map((j) => j.joinCode));
    expect(copiedJudges.some((j) => oldCodes.has(j.joinCode))).toBe(false);
    expect(await db.marks.where('roundId').equals(present(copiedRound).id).count()).toBe(0);
    expect(await db.adjustments.where('roundId').equals(present(copiedRound).id).count()).toBe(0);
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('are deleted with everything in them while nothing is marked, the events staying in the log', async () => {
    const db = freshDb();
    const { competition, round } = await seedRound(db);
    const eventsBefore = await db.events.count();
    await deleteCompetition(db, competition.id);
    expect(await db.competitions.count()).toBe(0);
    expect(await db.rounds.count()).toBe(0);
    expect(await db.judges.where('roundIds').equals(round.id).count()).toBe(0);
    expect(await db.contestants.where('roundId').equals(round.id).count()).toBe(0);
    // 1 competition + 1 round + 3 judges + 3 contestants deleted, nothing erased.
    expect(await db.events.count()).toBe(eventsBefore + 8);
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('refuse to be deleted once a round has marks', async () => {
    const db = freshDb();
    const { competition, round, judges, contestants } = await seedRound(db);
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
      value: 3500,
    });
    const message = await refusal(deleteCompetition(db, competition.id), 'has-marks');
    expect(message).toContain('市级决赛');
    expect(await db.competitions.get(competition.id)).toBeDefined();
    expect(await db.judges.where('roundIds').equals(round.id).count()).toBe(3);
  });
});
