import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import {
  addAdjustment,
  decideCorrection,
  deleteJudge,
  enterMark,
  loadRoundInput,
  putContestant,
  putJudge,
  readProjection,
  refoldLog,
  requestCorrection,
  revokeAdjustment,
  submitSheet,
} from '../../../src/db/repository';
import { computeStandings } from '../../../src/domain/engine';
import { freshDb, refusal, type SeededRound, seedRound } from './helpers';

async function setup(): Promise<
  { db: LeitaiDB } & SeededRound & {
      ids: { round: string; wang: string; zhao: string; zhang: string; li: string };
    }
> {
  const db = freshDb();
  const seeded = await seedRound(db);
  const [wang, , zhao] = seeded.judges;
  const [zhang, li] = seeded.contestants;
  return {
    db,
    ...seeded,
    ids: { round: seeded.round.id, wang: wang.id, zhao: zhao.id, zhang: zhang.id, li: li.id },
  };
}

const FULL_SHEET: [string, number][] = [
  ['content', 3550],
  ['presence', 1300],
  ['language', 1720],
  ['ppt', 1250],
  ['overall', 880],
];

describe('enterMark', () => {
  it('sets, changes and clears a cell, each time one revision higher', async () => {
    const { db, ids } = await setup();
    const cell = { roundId: ids.round, judgeId: ids.wang, contestantId: ids.li, criterionId: 'content' };
    expect(await enterMark(db, { ...cell, value: 3550 })).toMatchObject({
      value: 3550,
      head: { revision: 1 },
    });
    expect(await enterMark(db, { ...cell, value: 3600 })).toMatchObject({
      value: 3600,
      head: { revision: 2 },
    });
    expect(await enterMark(db, { ...cell, value: null })).toMatchObject({
      value: null,
      head: { revision: 3 },
    });
    const events = await db.events.where('type').equals('mark.set').toArray();
    expect(events.map((event) => event.author)).toEqual(Array(3).fill({ role: 'judge', judgeId: ids.wang }));
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('records nothing when the value does not change', async () => {
    const { db, ids } = await setup();
    const cell = { roundId: ids.round, judgeId: ids.wang, contestantId: ids.li, criterionId: 'content' };
    expect(await enterMark(db, { ...cell, value: null })).toBeUndefined();
    await enterMark(db, { ...cell, value: 3550 });
    const before = await db.events.count();
    await enterMark(db, { ...cell, value: 3550 });
    expect(await db.events.count()).toBe(before);
  });

  it('refuses a mark over max, off its step, negative or with more than two decimals, naming who and what', async () => {
    const { db, ids } = await setup();
    const mark = (criterionId: string, value: number) =>
      enterMark(db, { roundId: ids.round, judgeId: ids.wang, contestantId: ids.li, criterionId, value });
    expect(await refusal(mark('content', 4010), 'mark-above-max')).toBe(
      '王评委 给 李四 的「内容」打分 40.1，超过满分 40',
    );
    expect(await refusal(mark('overall', 835), 'mark-off-step')).toBe(
      '王评委 给 李四 的「综合印象」打分 8.35，不是 0.1 的整数倍',
    );
    expect(await refusal(mark('ppt', -10), 'mark-negative')).toContain('不能低于 0');
    await refusal(mark('ppt', 10.5), 'mark-not-hundredths');
    expect(await refusal(mark('charisma', 500), 'unknown-criterion')).toContain('王评委');
    expect(await db.marks.count()).toBe(0);
  });

  it('accepts the bounds: 0 and the full mark', async () => {
    const { db, ids } = await setup();
    await enterMark(db, {
      roundId: ids.round,
      judgeId: ids.wang,
      contestantId: ids.li,
      criterionId: 'content',
      value: 0,
    });
    await enterMark(db, {
      roundId: ids.round,
      judgeId: ids.wang,
      contestantId: ids.li,
      criterionId: 'ppt',
      value: 1500,
    });
    expect(await db.marks.count()).toBe(2);
  });

  it('refuses unknown judges and contestants, recusal and contestants no longer active', async () => {
    const { db, ids } = await setup();
    const mark = (judgeId: string, contestantId: string) =>
      enterMark(db, { roundId: ids.round, judgeId, contestantId, criterionId: 'content', value: 3000 });
    await refusal(mark('stranger', ids.li), 'unknown-judge');
    await refusal(mark(ids.wang, 'stranger'), 'unknown-contestant');
    // 赵评委 and 张三 are both of 三工镇.
    expect(await refusal(mark(ids.zhao, ids.zhang), 'judge-recused')).toContain('回避');
    await putContestant(db, { id: ids.li, roundId: ids.round, status: 'disqualified' });
    await refusal(mark(ids.wang, ids.li), 'contestant-inactive');
  });
});

describe('score sheets and corrections', () => {
  async function fillSheet(db: LeitaiDB, ids: { round: string; wang: string; li: string }) {
    for (const [criterionId, value] of FULL_SHEET) {
      await enterMark(db, {
        roundId: ids.round,
        judgeId: ids.wang,
        contestantId: ids.li,
        criterionId,
        value,
      });
    }
  }

  it('are submitted only when complete, then closed to marks', async () => {
    const { db, ids } = await setup();
    const sheet = { roundId: ids.round, judgeId: ids.wang, contestantId: ids.li };
    await enterMark(db, { ...sheet, criterionId: 'content', value: 3550 });
    expect(await refusal(submitSheet(db, sheet), 'sheet-incomplete')).toContain(
      '形象风采、语言表达、PPT制作、综合印象',
    );
    await fillSheet(db, ids);
    expect(await submitSheet(db, sheet)).toMatchObject({ status: 'submitted', head: { revision: 1 } });
    expect(
      await refusal(enterMark(db, { ...sheet, criterionId: 'content', value: 3600 }), 'sheet-submitted'),
    ).toContain('申请修改');
  });

  it('reopen when the host approves a correction, and close again on resubmission', async () => {
    const { db, ids } = await setup();
    const sheet = { roundId: ids.round, judgeId: ids.wang, contestantId: ids.li };
    await refusal(requestCorrection(db, { ...sheet, reason: '输错了' }), 'sheet-not-submitted');
    await fillSheet(db, ids);
    await submitSheet(db, sheet);
    const request = await requestCorrection(db, { ...sheet, reason: '内容分输错了' });
    expect(request.request).toMatchObject({
      judgeId: ids.wang,
      contestantId: ids.li,
      reason: '内容分输错了',
    });
    await refusal(requestCorrection(db, { ...sheet, reason: '再次申请' }), 'correction-pending');

    const decided = await decideCorrection(db, { requestId: request.requestId, approved: true });
    expect(decided.decision).toMatchObject({ approved: true });
    expect(await db.sheets.get([ids.round, ids.wang, ids.li])).toMatchObject({
      status: 'reopened',
      head: { revision: 2 },
    });
    await refusal(
      decideCorrection(db, { requestId: request.requestId, approved: false, reason: '迟了' }),
      'correction-decided',
    );

    await enterMark(db, { ...sheet, criterionId: 'content', value: 3600 });
    expect(await submitSheet(db, sheet)).toMatchObject({ status: 'submitted', head: { revision: 3 } });
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('stay submitted when a correction is refused, which needs a reason', async () => {
    const { db, ids } = await setup();
    const sheet = { roundId: ids.round, judgeId: ids.wang, contestantId: ids.li };
    await fillSheet(db, ids);
    await submitSheet(db, sheet);
    const { requestId } = await requestCorrection(db, { ...sheet, reason: '想改' });
    await refusal(decideCorrection(db, { requestId, approved: false }), 'invalid-field');
    await decideCorrection(db, { requestId, approved: false, reason: '已公布成绩' });
    expect((await db.sheets.get([ids.round, ids.wang, ids.li]))?.status).toBe('submitted');
    await refusal(decideCorrection(db, { requestId: 'missing', approved: true }), 'not-found');
  });
});

describe('adjustments', () => {
  it('are added by the host with a reason and revoked, never edited', async () => {
    const { db, ids } = await setup();
    const added = await addAdjustment(db, {
      roundId: ids.round,
      contestantId: ids.li,
      label: '超时扣分',
      points: -50,
      reason: '超时30秒',
    });
    expect(added.added).toMatchObject({ contestantId: ids.li, label: '超时扣分', points: -50 });
    const event = await db.events.where('type').equals('adjustment.add').first();
    expect(event?.author).toEqual({ role: 'host' });
    const revoked = await revokeAdjustment(db, { adjustmentId: added.adjustmentId, reason: '计时有误' });
    expect(revoked.revoked?.reason).toBe('计时有误');
    await refusal(
      revokeAdjustment(db, { adjustmentId: added.adjustmentId, reason: '再撤' }),
      'adjustment-revoked',
    );
    await refusal(revokeAdjustment(db, { adjustmentId: 'missing', reason: '撤' }), 'not-found');
  });

  it('refuse zero points, more than two decimals, no reason or an unknown contestant', async () => {
    const { db, ids } = await setup();
    const add = (points: number, reason = '理由', contestantId = ids.li) =>
      addAdjustment(db, { roundId: ids.round, contestantId, label: '加分', points, reason });
    await refusal(add(0), 'invalid-field');
    await refusal(add(12.5), 'invalid-field');
    await refusal(add(50, ' '), 'invalid-field');
    await refusal(add(50, '理由', 'stranger'), 'unknown-contestant');
  });
});

describe('loadRoundInput', () => {
  it('gives the engine the current marks, the active adjustments and the round as set up', async () => {
    const { db, round, ids } = await setup();
    const cell = { roundId: ids.round, judgeId: ids.wang, contestantId: ids.li };
    await enterMark(db, { ...cell, criterionId: 'content', value: 3550 });
    await enterMark(db, { ...cell, criterionId: 'content', value: 3600 });
    await enterMark(db, { ...cell, criterionId: 'ppt', value: 1200 });
    await enterMark(db, { ...cell, criterionId: 'ppt', value: null });
    const kept = await addAdjustment(db, { ...cell, label: '超时扣分', points: -50, reason: '超时30秒' });
    const dropped = await addAdjustment(db, { ...cell, label: '加分', points: 100, reason: '误加' });
    await revokeAdjustment(db, { adjustmentId: dropped.adjustmentId, reason: '误加' });

    const input = await loadRoundInput(db, round.id);
    expect(input.criteria).toEqual(round.criteria);
    expect(input.settings).toEqual(round.settings);
    expect(input.judges.map((judge) => judge.name)).toEqual(['王评委', '李评委', '赵评委']);
    expect(input.judges[2]).toEqual({ id: ids.zhao, name: '赵评委', weight: 100, unit: '三工镇' });
    expect(input.contestants.map((c) => [c.name, c.unit, c.status, c.draw])).toEqual([
      ['张三', '三工镇', 'active', null],
      ['李四', '榆树沟镇', 'active', null],
      ['王五', '佃坝镇', 'active', null],
    ]);
    expect(input.marks).toEqual([{ judge: ids.wang, contestant: ids.li, criterion: 'content', value: 3600 }]);
    expect(input.adjustments).toEqual([{ contestant: ids.li, label: '超时扣分', points: -50 }]);
    expect(kept.added?.points).toBe(-50);
  });

  it('leaves out marks of a judge deleted after clearing them and of removed contestants', async () => {
    const { db, round, ids } = await setup();
    await enterMark(db, {
      roundId: ids.round,
      judgeId: ids.wang,
      contestantId: ids.li,
      criterionId: 'content',
      value: 3550,
    });
    await enterMark(db, {
      roundId: ids.round,
      judgeId: ids.wang,
      contestantId: ids.li,
      criterionId: 'content',
      value: null,
    });
    await deleteJudge(db, ids.round, ids.wang);
    const judge = await putJudge(db, { roundId: ids.round, name: '新评委' });
    const input = await loadRoundInput(db, round.id);
    expect(input.judges.map((j) => j.id)).toContain(judge.id);
    expect(input.marks).toEqual([]);
  });

  it('refuses an unknown round', async () => {
    const { db } = await setup();
    await refusal(loadRoundInput(db, 'missing'), 'not-found');
  });
});

describe('the engine on the stored round', () => {
  it('scores what the judges entered: 去掉一个最高分和一个最低分, minus the overtime deduction', async () => {
    const { db, round, judges, ids } = await setup();
    // 王评委 87, 李评委 88, 赵评委 86 for 李四: the trimmed mean keeps 87, then 0.5 is deducted.
    for (const [judge, shift] of [
      [judges[0], 0],
      [judges[1], 100],
      [judges[2], -100],
    ] as const) {
      for (const [criterionId, value] of FULL_SHEET) {
        const mark = criterionId === 'content' ? value + shift : value;
        await enterMark(db, {
          roundId: ids.round,
          judgeId: judge.id,
          contestantId: ids.li,
          criterionId,
          value: mark,
        });
      }
      await submitSheet(db, { roundId: ids.round, judgeId: judge.id, contestantId: ids.li });
    }
    await addAdjustment(db, {
      roundId: ids.round,
      contestantId: ids.li,
      label: '超时扣分',
      points: -50,
      reason: '超时30秒',
    });
    const standings = computeStandings(await loadRoundInput(db, round.id));
    expect(standings.ranked.map((result) => [result.name, result.announcedScore, result.rank])).toEqual([
      ['李四', '86.50', 1],
    ]);
    expect(standings.pending.map((result) => result.name).sort()).toEqual(['张三', '王五'].sort());
  });
});
