/** A judge's 回避名单 and the round's rule as the device stores them, and the marks they refuse. */
import { describe, expect, it } from 'vitest';
import {
  assignJudge,
  createRound,
  enterMark,
  loadRoundInput,
  putContestant,
  readProjection,
  refoldLog,
  setRecusalRule,
  setRecuseList,
} from '../../../src/db/repository';
import { freshDb, refusal, SECRETARY_SHEET, seedRound } from './helpers';

describe('回避 on the device', () => {
  it("stores a judge's list, trimmed and once per unit, and refuses their marks for those listed", async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    const judge = judges[0];
    const saved = await setRecuseList(db, round.id, judge.id, {
      contestantIds: [contestants[1].id, contestants[1].id],
      units: [' 佃坝镇 ', '佃坝镇', 'ＡＢ村'],
    });
    expect(saved.recuse).toEqual({ contestantIds: [contestants[1].id], units: ['佃坝镇', 'ＡＢ村'] });
    const mark = (contestantId: string) =>
      enterMark(db, {
        roundId: round.id,
        judgeId: judge.id,
        contestantId,
        criterionId: 'content',
        value: 3000,
      });
    expect(await refusal(mark(contestants[1].id), 'judge-recused')).toContain('回避名单包括选手“李四”');
    expect(await refusal(mark(contestants[2].id), 'judge-recused')).toContain('回避名单包括选手“王五”');
    await mark(contestants[0].id);

    // An empty list removes it.
    const cleared = await setRecuseList(db, round.id, judge.id, { contestantIds: [], units: [] });
    expect(cleared).not.toHaveProperty('recuse');
    await mark(contestants[1].id);
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('refuses a contestant of another round, a blank or too long unit, and changes nothing', async () => {
    const db = freshDb();
    const { round, judges } = await seedRound(db);
    const other = await seedRound(db);
    const before = await db.events.count();
    const set = (list: { contestantIds: string[]; units: string[] }) =>
      setRecuseList(db, round.id, judges[0].id, list);
    await refusal(set({ contestantIds: [other.contestants[0].id], units: [] }), 'unknown-contestant');
    expect(await refusal(set({ contestantIds: [], units: ['  '] }), 'invalid-field')).toContain(
      '回避单位不能为空',
    );
    expect(await refusal(set({ contestantIds: [], units: ['村'.repeat(101)] }), 'invalid-field')).toContain(
      '不能超过 100 个字',
    );
    expect(await db.events.count()).toBe(before);
  });

  it("refuses marks across nested unit names by the round's rule, and the rule can be set back to equal units", async () => {
    const db = freshDb();
    const { round, judges } = await seedRound(db);
    const village = await putContestant(db, { roundId: round.id, name: '马六', unit: '三工镇下六工村' });
    const mark = () =>
      enterMark(db, {
        roundId: round.id,
        judgeId: judges[2].id,
        contestantId: village.id,
        criterionId: 'content',
        value: 3000,
      });
    expect(await refusal(mark(), 'judge-recused')).toContain('相互包含');
    await setRecusalRule(db, round.id, 'equal');
    await mark();
  });

  it("keeps a judge's list for the competition's other rounds when one round's part is edited", async () => {
    const db = freshDb();
    const { competition, round, judges, contestants } = await seedRound(db);
    const final = await createRound(db, {
      competitionId: competition.id,
      name: '决赛',
      criteria: SECRETARY_SHEET,
    });
    await assignJudge(db, judges[0].id, final.id, true);
    const finalist = await putContestant(db, { roundId: final.id, name: '马六', unit: '六工镇' });
    await setRecuseList(db, final.id, judges[0].id, { contestantIds: [finalist.id], units: [] });
    await setRecuseList(db, round.id, judges[0].id, { contestantIds: [contestants[1].id], units: [] });
    expect((await db.judges.get(judges[0].id))?.recuse?.contestantIds).toEqual([
      finalist.id,
      contestants[1].id,
    ]);
    // Each round's engine sees its own part.
    const input = await loadRoundInput(db, final.id);
    expect(input.judges.find((judge) => judge.id === judges[0].id)?.recuse?.contestantIds).toEqual([
      finalist.id,
    ]);
  });
});
