import { describe, expect, it } from 'vitest';
import {
  createCompetition,
  createRound,
  deleteRound,
  enterMark,
  updateRound,
} from '../../../src/db/repository';
import { DEFAULT_SETTINGS } from '../../../src/domain/model';
import { freshDb, refusal, SECRETARY_SHEET, seedRound } from './helpers';

describe('rounds', () => {
  it('are created with the sheet, default settings and numbered in their competition', async () => {
    const db = freshDb();
    const competition = await createCompetition(db, { name: '擂台比武' });
    const first = await createRound(db, {
      competitionId: competition.id,
      name: '乡镇初赛',
      criteria: SECRETARY_SHEET,
    });
    const second = await createRound(db, {
      competitionId: competition.id,
      name: '市级决赛',
      criteria: SECRETARY_SHEET,
      timeLimitSeconds: 600,
      overtime: { everySeconds: 30, points: 50 },
    });
    expect([first.order, second.order]).toEqual([1, 2]);
    // A round made in the app recuses by nested unit names (三工镇 ⊃ 三工镇下六工村).
    expect(first.settings).toEqual({ ...DEFAULT_SETTINGS, recusal: 'contains' });
    expect(first.criteria[0]).toEqual({ id: 'content', label: '内容', max: 4000, points: 4000, step: 10 });
    expect(await db.rounds.get(second.id)).toEqual(second);
  });

  it('refuse a sheet or settings that the engine would refuse, naming the entry', async () => {
    const db = freshDb();
    const { id: competitionId } = await createCompetition(db, { name: '擂台比武' });
    const create = (criteria: typeof SECRETARY_SHEET, settings = DEFAULT_SETTINGS) =>
      createRound(db, { competitionId, name: '决赛', criteria, settings });
    expect(await refusal(create([]), 'invalid-field')).toContain('至少');
    expect(
      await refusal(create([{ id: 'a', label: '内容', max: 1000, step: 300 } as never]), 'invalid-field'),
    ).toContain('内容');
    expect(await refusal(create([{ id: 'a', label: '内容', max: 0 }]), 'invalid-field')).toContain('内容');
    await refusal(create([{ id: 'a', label: '内容', max: 10.5 }]), 'invalid-field');
    await refusal(
      create([
        { id: 'a', label: '内容', max: 1000 },
        { id: 'a', label: '表达', max: 1000 },
      ]),
      'invalid-field',
    );
    await refusal(create(SECRETARY_SHEET, { ...DEFAULT_SETTINGS, decimals: 5 }), 'invalid-field');
    await refusal(
      create(SECRETARY_SHEET, { ...DEFAULT_SETTINGS, tieBreak: ['criterion:missing'] }),
      'invalid-field',
    );
    await refusal(
      createRound(db, {
        competitionId,
        name: '决赛',
        criteria: SECRETARY_SHEET,
        overtime: { everySeconds: 30, points: 50 },
      }),
      'invalid-field',
    );
    await refusal(
      createRound(db, { competitionId: 'missing', name: '决赛', criteria: SECRETARY_SHEET }),
      'not-found',
    );
    expect(await db.rounds.count()).toBe(0);
  });

  it('are updated: name, sheet, settings and time limit', async () => {
    const db = freshDb();
    const { round } = await seedRound(db);
    const updated = await updateRound(db, round.id, {
      name: '总决赛',
      criteria: [...SECRETARY_SHEET.slice(0, 4), { id: 'overall', label: '综合印象', max: 1000, step: 50 }],
      settings: { ...DEFAULT_SETTINGS, panel: { kind: 'mean' }, tieBreak: ['criterion:content'] },
      timeLimitSeconds: 480,
    });
    expect(await db.rounds.get(round.id)).toEqual(updated);
    expect(updated).toMatchObject({
      name: '总决赛',
      timeLimitSeconds: 480,
      settings: { panel: { kind: 'mean' } },
    });
  });

  it('refuse a sheet change that would invalidate a given mark', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'overall',
      value: 830,
    });
    const withStep = (step: number) => [
      ...SECRETARY_SHEET.slice(0, 4),
      { id: 'overall', label: '综合印象', max: 1000, step },
    ];
    expect(await refusal(updateRound(db, round.id, { criteria: withStep(50) }), 'has-marks')).toContain(
      '综合印象',
    );
    await refusal(updateRound(db, round.id, { criteria: SECRETARY_SHEET.slice(0, 4) }), 'has-marks');
    // A change the mark still fits is fine; so is removing a criterion nobody marked.
    await updateRound(db, round.id, { criteria: withStep(1) });
    await updateRound(db, round.id, {
      criteria: [...SECRETARY_SHEET.slice(0, 3), { id: 'overall', label: '综合印象', max: 1000 }],
    });
  });

  it('are deleted with their contestants, their judges taken off them, unless marked', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
      value: 3000,
    });
    await refusal(deleteRound(db, round.id), 'has-marks');
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
      value: null,
    });
    // A cleared mark is no mark.
    await deleteRound(db, round.id);
    expect(await db.rounds.count()).toBe(0);
    // Judges belong to the competition: they stay, assigned to no round.
    expect((await db.judges.toArray()).map((judge) => judge.roundIds)).toEqual([[], [], []]);
    expect(await db.contestants.count()).toBe(0);
  });
});
