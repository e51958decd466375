import { describe, expect, it } from 'vitest';
import { because } from '../../../src/db/errors';
import {
  assignJudge,
  commitDrawSeed,
  createRound,
  deleteContestant,
  deleteJudge,
  drawWithCommittedSeed,
  enterMark,
  importRoster,
  putContestant,
  putJudge,
  type RepositoryError,
  readProjection,
  refoldLog,
  reorderManually,
} from '../../../src/db/repository';
import { drawOrder, seedFingerprint } from '../../../src/domain/draw';
import { freshDb, refusal, SECRETARY_SHEET, seedRound } from './helpers';

describe('judges', () => {
  it('are added with defaults, a join code and the next place, and updated field by field', async () => {
    const db = freshDb();
    const { round, judges } = await seedRound(db);
    const judge = await putJudge(db, { roundId: round.id, name: ' 孙评委 ', weight: 200 });
    expect(judge).toMatchObject({ name: '孙评委', title: '', weight: 200, unit: null, order: 4 });
    expect(judge.joinCode).toMatch(/^\d{8}$/);
    expect(new Set([...judges.map((j) => j.joinCode), judge.joinCode]).size).toBe(4);
    const updated = await putJudge(db, { id: judge.id, roundId: round.id, unit: '大西渠镇' });
    expect(updated).toEqual({ ...judge, unit: '大西渠镇' });
    expect(await db.judges.get(judge.id)).toEqual(updated);
  });

  it('refuse an empty name, a weight of 0 or a judge of another round', async () => {
    const db = freshDb();
    const { round } = await seedRound(db);
    expect(await refusal(putJudge(db, { roundId: round.id, name: '' }), 'invalid-field')).toBe(
      '评委姓名不能为空',
    );
    expect(
      await refusal(putJudge(db, { roundId: round.id, name: '孙评委', weight: 0 }), 'invalid-field'),
    ).toContain('孙评委');
    await refusal(putJudge(db, { id: 'missing', roundId: round.id, name: '孙评委' }), 'unknown-judge');
    await refusal(putJudge(db, { roundId: 'missing', name: '孙评委' }), 'not-found');
  });

  it('are deleted until they have marked, then refused', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
      value: 3500,
    });
    expect(await refusal(deleteJudge(db, round.id, judges[0].id), 'has-marks')).toContain('王评委');
    await deleteJudge(db, round.id, judges[1].id);
    expect(await db.judges.get(judges[1].id)).toBeUndefined();
    expect(await db.judges.get(judges[0].id)).toBeDefined();
  });
});

describe('contestants', () => {
  it('are added and updated, keeping what the update does not name', async () => {
    const db = freshDb();
    const { round } = await seedRound(db);
    const added = await putContestant(db, { roundId: round.id, name: '赵六', unit: '六工镇', topic: '  ' });
    expect(added).toMatchObject({
      name: '赵六',
      unit: '六工镇',
      topic: '',
      status: 'active',
      draw: null,
      photoId: null,
      order: 4,
    });
    const withdrawn = await putContestant(db, { id: added.id, roundId: round.id, status: 'withdrawn' });
    expect(withdrawn).toEqual({ ...added, status: 'withdrawn' });
    await refusal(
      putContestant(db, { id: added.id, roundId: round.id, status: 'gone' as never }),
      'invalid-field',
    );
  });

  it('are deleted until they have marks, then refused', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
      value: 3500,
    });
    expect(await refusal(deleteContestant(db, round.id, contestants[1].id), 'has-marks')).toContain('李四');
    await deleteContestant(db, round.id, contestants[2].id);
    expect(await db.contestants.where('roundId').equals(round.id).count()).toBe(2);
  });
});

describe('importRoster', () => {
  it('adds judges and contestants after the existing ones, with unique join codes', async () => {
    const db = freshDb();
    const { round } = await seedRound(db);
    const imported = await importRoster(db, round.id, {
      contestants: Array.from({ length: 19 }, (_, i) => ({ name: `选手${i + 1}`, unit: `第${i + 1}村` })),
      judges: [{ name: '孙评委', weight: 200 }],
    });
    expect(imported.contestants.map((c) => c.order)).toEqual(Array.from({ length: 19 }, (_, i) => i + 4));
    expect(imported.judges[0]).toMatchObject({ name: '孙评委', weight: 200, order: 4 });
    expect(await db.contestants.where('roundId').equals(round.id).count()).toBe(22);
    const codes = (await db.judges.toArray()).map((j) => j.joinCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('is all or nothing: one bad row refuses the file and reports every bad row', async () => {
    const db = freshDb();
    const { round } = await seedRound(db);
    const before = await db.events.count();
    const attempt = importRoster(db, round.id, {
      judges: [{ name: '孙评委' }, { name: '周评委', weight: -100 }],
      contestants: [{ name: '赵六' }, { name: '' }, { name: '钱七', status: 'sick' as never }],
    });
    const message = await refusal(attempt, 'import-invalid');
    expect(message).toContain('没有导入任何数据');
    const error = (await attempt.catch((e: RepositoryError) => e)) as RepositoryError;
    expect(error.rows.map((row) => [row.list, row.index, row.field])).toEqual([
      ['judges', 1, 'weight'],
      ['contestants', 1, 'name'],
      ['contestants', 2, 'status'],
    ]);
    expect(await db.events.count()).toBe(before);
    expect(await db.judges.count()).toBe(3);
    expect(await db.contestants.count()).toBe(3);
  });
});

describe('importRoster from a file read by readRoster', () => {
  it('takes its entries as they are, with a given order of appearance, refusing a repeated place', async () => {
    const db = freshDb();
    const { round } = await seedRound(db);
    const entry = (row: number, name: string, draw: number | null) => ({
      row,
      name,
      unit: '三工镇',
      topic: null,
      draw,
      status: 'active' as const,
      title: null,
      weight: 100,
    });
    const { contestants } = await importRoster(db, round.id, {
      contestants: [entry(2, '赵六', 4), entry(3, '钱七', null)],
    });
    expect(contestants.map((c) => [c.name, c.draw, c.topic])).toEqual([
      ['赵六', 4, ''],
      ['钱七', null, ''],
    ]);
    const attempt = importRoster(db, round.id, { contestants: [entry(2, '孙八', 5), entry(3, '周九', 4)] });
    await expect(attempt).rejects.toMatchObject({
      code: 'import-invalid',
      rows: [{ index: 1, reason: because('drawTaken', { draw: 4, contestant: '周九' }) }],
    });
    expect(await db.contestants.where('roundId').equals(round.id).count()).toBe(5);
  });
});

describe('the order of appearance', () => {
  it('is recorded by a draw with the committed seed, then by a manual reorder', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    const ids = contestants.map((contestant) => contestant.id);
    await refusal(drawWithCommittedSeed(db, round.id), 'draw-not-committed');
    const commit = await commitDrawSeed(db, round.id, '20261123');
    expect(commit.payload).toEqual({ seedFingerprint: seedFingerprint('20261123'), seed: '20261123' });
    // The fingerprint once shown is the one drawn with: no second seed before the draw.
    expect(await refusal(commitDrawSeed(db, round.id, 'other'), 'draw-committed')).toContain(
      seedFingerprint('20261123').slice(0, 16),
    );
    const order = drawOrder(ids, '20261123');
    const drawn = await drawWithCommittedSeed(db, round.id);
    expect(drawn.map((contestant) => [contestant.id, contestant.draw])).toEqual(
      order.map((id, index) => [id, index + 1]),
    );
    const [record] = await db.events.where('[roundId+type]').equals([round.id, 'draw.record']).toArray();
    expect(record?.payload).toEqual({
      seedFingerprint: seedFingerprint('20261123'),
      seed: '20261123',
      order,
    });
    // The commit is used up: drawing again needs a new one.
    await refusal(drawWithCommittedSeed(db, round.id), 'draw-not-committed');

    const [first, second, third] = order as [string, string, string];
    const before = await db.events.count();
    await reorderManually(db, round.id, [first, third, second]);
    // The audit event, and a put for each of the two contestants whose place changed.
    expect(await db.events.count()).toBe(before + 3);
    expect((await db.contestants.get(third))?.draw).toBe(2);
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('draws only the active contestants, and refuses an empty seed', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    const [a, b, c] = contestants.map((contestant) => contestant.id) as [string, string, string];
    await refusal(commitDrawSeed(db, round.id, '  '), 'invalid-field');
    await putContestant(db, { id: c, roundId: round.id, status: 'withdrawn' });
    await commitDrawSeed(db, round.id, 's');
    await drawWithCommittedSeed(db, round.id);
    expect((await db.contestants.get(c))?.draw).toBeNull();
    const placed = [(await db.contestants.get(a))?.draw, (await db.contestants.get(b))?.draw];
    expect(placed.sort()).toEqual([1, 2]);
  });

  it('must list every active contestant once, and only them', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    const [a, b, c] = contestants.map((contestant) => contestant.id) as [string, string, string];
    const draw = (order: string[]) => reorderManually(db, round.id, order);
    expect(await refusal(draw([a, b]), 'draw-invalid')).toContain('王五');
    await refusal(draw([a, b, c, a]), 'draw-invalid');
    await refusal(draw([a, b, c, 'stranger']), 'draw-invalid');
    await refusal(draw([a, b, c].map(() => '')), 'draw-invalid');
    // A withdrawn contestant may be left out, and gets no place.
    await putContestant(db, { id: c, roundId: round.id, status: 'withdrawn' });
    await draw([b, a]);
    expect((await db.contestants.get(c))?.draw).toBeNull();
  });

  it('into a second round, recognises the competition’s judges by name and unit and assigns them', async () => {
    const db = freshDb();
    const { round, judges } = await seedRound(db);
    const final = await createRound(db, {
      competitionId: round.competitionId,
      name: '总决赛',
      criteria: SECRETARY_SHEET,
    });
    const imported = await importRoster(db, final.id, {
      judges: [
        { name: ' 王评委 ', title: '市委组织部' },
        { name: '赵评委', unit: '三工镇' },
        { name: '赵评委', unit: '三工镇' },
        { name: '李评委', unit: '大西渠镇' },
      ],
    });
    const [wang, , zhao] = judges;
    expect(imported.judges.map((judge) => [judge.id, judge.joinCode])).toEqual([
      [wang.id, wang.joinCode],
      [zhao.id, zhao.joinCode],
      [expect.not.stringMatching(judges[1].id), expect.stringMatching(/^\d{8}$/)],
    ]);
    expect((await db.judges.get(wang.id))?.roundIds).toEqual([round.id, final.id]);
    expect((await db.judges.get(judges[1].id))?.roundIds).toEqual([round.id]);
    expect(await db.judges.where('competitionId').equals(round.competitionId).count()).toBe(4);
    expect(
      (await db.judges.where('roundIds').equals(final.id).toArray()).map((judge) => judge.name).sort(),
    ).toEqual(['李评委', '王评委', '赵评委'].sort());
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });
});

describe('a round 与上一轮相同', () => {
  it('carries the panel over: the same judges, the same codes, assigned to both rounds', async () => {
    const db = freshDb();
    const { round, judges } = await seedRound(db);
    const final = await createRound(db, {
      competitionId: round.competitionId,
      name: '总决赛',
      criteria: SECRETARY_SHEET,
      panelFrom: round.id,
    });
    const panel = await db.judges.where('roundIds').equals(final.id).sortBy('order');
    expect(panel.map((judge) => [judge.id, judge.joinCode])).toEqual(
      judges.map((judge) => [judge.id, judge.joinCode]),
    );
    await refusal(
      createRound(db, {
        competitionId: round.competitionId,
        name: '加赛',
        criteria: SECRETARY_SHEET,
        panelFrom: 'missing',
      }),
      'not-found',
    );
    expect(await db.rounds.count()).toBe(2);
  });

  it('takes a judge off a round only while they have no marks there', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    const final = await createRound(db, {
      competitionId: round.competitionId,
      name: '总决赛',
      criteria: SECRETARY_SHEET,
      panelFrom: round.id,
    });
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
      value: 3000,
    });
    expect(await refusal(assignJudge(db, judges[0].id, round.id, false), 'has-marks')).toContain('市级决赛');
    expect((await assignJudge(db, judges[0].id, final.id, false)).roundIds).toEqual([round.id]);
    expect((await db.judges.get(judges[0].id))?.roundIds).toEqual([round.id]);
  });
});
