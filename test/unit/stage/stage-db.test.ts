// @vitest-environment node
/** The host console's writes: reveal (lock), late marks, corrections of a revealed contestant, clock, view, nudges. */
import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import {
  applyRemoteEvents,
  confirmTotal,
  decideCorrection,
  displayOf,
  enterMark,
  loadRoundInput,
  nudgeJudge,
  readProjection,
  readStageEvents,
  refoldLog,
  requestConfirmation,
  requestCorrection,
  revealContestant,
  setProjectorDisplay,
  setTimer,
  submitSheet,
} from '../../../src/db/repository';
import { computeStandings } from '../../../src/domain/engine';
import { isLateMark, type LeitaiEvent, stampOf } from '../../../src/domain/events';
import { contestantLockOf, timerEventOf } from '../../../src/domain/stage';
import { freshDb, refusal, SECRETARY_SHEET, type SeededRound, seedRound } from '../db/helpers';

/** Marks every criterion (each at `tenths` of its max) and submits. */
async function scoreSheet(db: LeitaiDB, roundId: string, judgeId: string, contestantId: string, tenths = 9) {
  for (const criterion of SECRETARY_SHEET) {
    await enterMark(db, {
      roundId,
      judgeId,
      contestantId,
      criterionId: criterion.id,
      value: (criterion.max * tenths) / 10,
    });
  }
  await submitSheet(db, { roundId, judgeId, contestantId });
}

/** 李四 (榆树沟镇) scored by all three judges: 王 at 90 %, 李 at 80 %, 赵 at 70 %. */
async function lisiScored(db: LeitaiDB): Promise<SeededRound> {
  const seeded = await seedRound(db);
  const [wang, li, zhao] = seeded.judges;
  const lisi = seeded.contestants[1];
  await scoreSheet(db, seeded.round.id, wang.id, lisi.id, 9);
  await scoreSheet(db, seeded.round.id, li.id, lisi.id, 8);
  await scoreSheet(db, seeded.round.id, zhao.id, lisi.id, 7);
  return seeded;
}

function scoreOf(db: LeitaiDB, roundId: string, contestantId: string) {
  return loadRoundInput(db, roundId).then(
    (input) => computeStandings(input).ranked.find((result) => result.id === contestantId)?.announcedScore,
  );
}

describe('公布 (reveal) locks the marks', () => {
  it('refuses while a sheet is missing, unless the host gives a reason, which is recorded', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    const lisi = contestants[1];
    await scoreSheet(db, round.id, judges[0].id, lisi.id);
    await scoreSheet(db, round.id, judges[1].id, lisi.id);
    // 赵评委 has marked every criterion but not pressed 提交.
    for (const criterion of SECRETARY_SHEET) {
      await enterMark(db, {
        roundId: round.id,
        judgeId: judges[2].id,
        contestantId: lisi.id,
        criterionId: criterion.id,
        value: criterion.max / 2,
      });
    }
    const message = await refusal(
      revealContestant(db, { roundId: round.id, contestantId: lisi.id }),
      'sheets-missing',
    );
    expect(message).toContain('赵评委');
    await refusal(
      revealContestant(db, { roundId: round.id, contestantId: lisi.id, overrideReason: '  ' }),
      'sheets-missing',
    );

    const lock = await revealContestant(db, {
      roundId: round.id,
      contestantId: lisi.id,
      overrideReason: '评委平板没电，口头确认',
    });
    expect(lock.payload.override).toEqual({
      reason: '评委平板没电，口头确认',
      missingJudgeIds: [judges[2].id],
    });
    expect(lock.payload.cells).toHaveLength(3 * SECRETARY_SHEET.length);
    const events = await readStageEvents(db, round.id);
    expect(contestantLockOf(events, lisi.id).status).toBe('locked');
    expect(displayOf(events)).toEqual({ view: 'reveal', contestantId: lisi.id, theme: 'leitai' });
    await refusal(revealContestant(db, { roundId: round.id, contestantId: lisi.id }), 'already-revealed');
  });

  it('refuses a result still being scored (评分中)', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    const message = await refusal(
      revealContestant(db, {
        roundId: round.id,
        contestantId: contestants[1].id,
        overrideReason: '时间到了',
      }),
      'result-pending',
    );
    expect(message).toContain('需要 3 位');
  });

  it('freezes the recused judge out and refuses later marks and submissions with a clear message', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    const zhangsan = contestants[0]; // 三工镇: 赵评委 recused
    await scoreSheet(db, round.id, judges[0].id, zhangsan.id, 9);
    await scoreSheet(db, round.id, judges[1].id, zhangsan.id, 8);
    const lock = await revealContestant(db, { roundId: round.id, contestantId: zhangsan.id });
    expect(new Set(lock.payload.cells.map((cell) => cell.judgeId))).toEqual(
      new Set([judges[0].id, judges[1].id]),
    );
    const message = await refusal(
      enterMark(db, {
        roundId: round.id,
        judgeId: judges[0].id,
        contestantId: zhangsan.id,
        criterionId: 'content',
        value: 1000,
      }),
      'contestant-locked',
    );
    expect(message).toBe('选手“张三”的成绩已公布，评分已锁定；如需修改，请向主持人申请修改');
    await refusal(
      submitSheet(db, { roundId: round.id, judgeId: judges[1].id, contestantId: zhangsan.id }),
      'contestant-locked',
    );
  });

  it('keeps a judge’s late edit from sync in the log, out of the score, and lists it as late', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await lisiScored(db);
    const lisi = contestants[1];
    const before = await scoreOf(db, round.id, lisi.id);
    await revealContestant(db, { roundId: round.id, contestantId: lisi.id });

    // 王评委's tablet, offline, had not seen the reveal: it reopened nothing, but wrote a mark.
    const current = await db.marks.get([round.id, judges[0].id, lisi.id, 'content']);
    const late = {
      id: 'f'.repeat(32),
      deviceId: 'tablet-wang',
      deviceSeq: 1,
      author: { role: 'judge', judgeId: judges[0].id },
      competitionId: round.competitionId,
      roundId: round.id,
      recordedAt: '2026-06-18T10:00:00.000Z',
      type: 'mark.set',
      payload: {
        judgeId: judges[0].id,
        contestantId: lisi.id,
        criterionId: 'content',
        value: 1000,
        revision: (current?.head.revision ?? 0) + 1,
      },
    } as LeitaiEvent;
    expect(await applyRemoteEvents(db, [late])).toEqual({ applied: 1, ignored: 0, purged: 0 });

    expect(await db.events.get(late.id)).toEqual(late);
    const row = await db.marks.get([round.id, judges[0].id, lisi.id, 'content']);
    expect(row?.value).toBe(3600);
    expect(row?.latest).toEqual({ value: 1000, head: stampOf(late) });
    expect(row && isLateMark(row)).toBe(true);
    expect(await scoreOf(db, round.id, lisi.id)).toBe(before);
    expect((await db.marks.where('roundId').equals(round.id).toArray()).filter(isLateMark)).toHaveLength(1);
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('an approved correction unlocks that judge’s sheet (recorded); the host reveals again', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await lisiScored(db);
    const [wang, li] = judges;
    const lisi = contestants[1];
    await revealContestant(db, { roundId: round.id, contestantId: lisi.id });

    const refused = await requestCorrection(db, {
      roundId: round.id,
      judgeId: li.id,
      contestantId: lisi.id,
      reason: '内容分打错',
    });
    await decideCorrection(db, { requestId: refused.requestId, approved: false, reason: '已公布，不予修改' });
    expect(contestantLockOf(await readStageEvents(db, round.id), lisi.id).status).toBe('locked');

    const approved = await requestCorrection(db, {
      roundId: round.id,
      judgeId: wang.id,
      contestantId: lisi.id,
      reason: '综合印象按错',
    });
    await decideCorrection(db, { requestId: approved.requestId, approved: true });
    const events = await readStageEvents(db, round.id);
    const unlock = events.find(
      (event) => event.type === 'contestant.unlock',
    ) as LeitaiEvent<'contestant.unlock'>;
    expect(unlock.payload).toMatchObject({
      contestantId: lisi.id,
      judgeId: wang.id,
      requestId: approved.requestId,
      revision: 2,
    });
    expect(contestantLockOf(events, lisi.id)).toMatchObject({
      status: 'reopened',
      reopenedJudgeIds: [wang.id],
    });

    // 王评委 may change the sheet; 李评委 still may not.
    await enterMark(db, {
      roundId: round.id,
      judgeId: wang.id,
      contestantId: lisi.id,
      criterionId: 'overall',
      value: 800,
    });
    await submitSheet(db, { roundId: round.id, judgeId: wang.id, contestantId: lisi.id });
    await refusal(
      enterMark(db, {
        roundId: round.id,
        judgeId: li.id,
        contestantId: lisi.id,
        criterionId: 'overall',
        value: 800,
      }),
      'contestant-locked',
    );
    const relock = await revealContestant(db, { roundId: round.id, contestantId: lisi.id });
    expect(relock.payload.revision).toBe(3);
    expect(
      relock.payload.cells.find((cell) => cell.judgeId === wang.id && cell.criterionId === 'overall')?.value,
    ).toBe(800);
    expect(contestantLockOf(await readStageEvents(db, round.id), lisi.id).status).toBe('locked');
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });
});

describe('stage events', () => {
  it('records the clock per contestant; a reset counts 0', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    const [zhangsan, lisi] = contestants;
    await setTimer(db, { roundId: round.id, contestantId: zhangsan.id, action: 'start', elapsedMs: 0 });
    await setTimer(db, { roundId: round.id, contestantId: zhangsan.id, action: 'pause', elapsedMs: 61_500 });
    await setTimer(db, { roundId: round.id, contestantId: lisi.id, action: 'start', elapsedMs: 0 });
    const reset = await setTimer(db, {
      roundId: round.id,
      contestantId: lisi.id,
      action: 'reset',
      elapsedMs: 5000,
    });
    expect(reset.payload).toMatchObject({ elapsedMs: 0, revision: 2 });
    const events = await readStageEvents(db, round.id);
    expect(timerEventOf(events, zhangsan.id)?.payload).toMatchObject({
      action: 'pause',
      elapsedMs: 61_500,
      revision: 2,
    });
    await refusal(
      setTimer(db, { roundId: round.id, contestantId: lisi.id, action: 'pause', elapsedMs: -1 }),
      'invalid-field',
    );
    await refusal(
      setTimer(db, { roundId: round.id, contestantId: lisi.id, action: 'pause', elapsedMs: 1.5 }),
      'invalid-field',
    );
  });

  it('switches the projector; a contestant view needs a contestant', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    expect(displayOf(await readStageEvents(db, round.id))).toEqual({
      view: 'leaderboard',
      contestantId: null,
      theme: 'leitai',
    });
    await setProjectorDisplay(db, round.id, {
      view: 'contestant',
      contestantId: contestants[2].id,
      theme: 'contrast',
    });
    expect(displayOf(await readStageEvents(db, round.id))).toEqual({
      view: 'contestant',
      contestantId: contestants[2].id,
      theme: 'contrast',
    });
    await refusal(
      setProjectorDisplay(db, round.id, { view: 'reveal', contestantId: null, theme: 'leitai' }),
      'invalid-field',
    );
    await refusal(
      setProjectorDisplay(db, round.id, { view: 'contestant', contestantId: 'nobody', theme: 'leitai' }),
      'unknown-contestant',
    );
  });

  it('nudges only a judge who has not submitted; a judge confirms the host’s question', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await lisiScored(db);
    const wangwu = contestants[2];
    await nudgeJudge(db, { roundId: round.id, judgeId: judges[0].id, contestantId: wangwu.id });
    await refusal(
      nudgeJudge(db, { roundId: round.id, judgeId: judges[0].id, contestantId: contestants[1].id }),
      'sheet-submitted',
    );

    const requestId = await requestConfirmation(db, {
      roundId: round.id,
      judgeId: judges[2].id,
      contestantId: contestants[1].id,
      total: '70.00',
    });
    await refusal(confirmTotal(db, { roundId: round.id, requestId, judgeId: judges[0].id }), 'not-found');
    await confirmTotal(db, { roundId: round.id, requestId, judgeId: judges[2].id });
    await confirmTotal(db, { roundId: round.id, requestId, judgeId: judges[2].id }); // once is enough
    const events = await readStageEvents(db, round.id);
    expect(events.filter((event) => event.type === 'stage.confirm').map((event) => event.author)).toEqual([
      { role: 'judge', judgeId: judges[2].id },
    ]);
    expect(events.filter((event) => event.type === 'stage.nudge')).toHaveLength(1);
  });
});
