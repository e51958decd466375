/** Binding a tablet to a judge by join code, and the host's call (stage.call) the judge follows. */

import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import {
  bindJudge,
  callContestant,
  createRound,
  enterMark,
  findJudgesByCode,
  followHost,
  importRoster,
  openContestantSheet,
  pressKey,
  putContestant,
  readJudgeSession,
  readProjection,
  readStageCall,
  refoldLog,
  showRound,
  submitSheet,
  unbindJudge,
} from '../../../src/db/repository';
import { type LeitaiEvent, stageCallOf } from '../../../src/domain/events';
import { freshDb, present, refusal, SECRETARY_SHEET, seedRound } from '../db/helpers';
import { seedJudgeRound } from './seed';

describe('judge session', () => {
  it('finds a judge by join code, binds, remembers the open sheet and unbinds', async () => {
    const db = freshDb();
    const { judges, contestants } = await seedRound(db);
    const [wang, li] = judges;
    expect(await findJudgesByCode(db, wang.joinCode)).toEqual([wang]);
    expect(await findJudgesByCode(db, '12345')).toEqual([]);
    expect(await findJudgesByCode(db, 'abcdef')).toEqual([]);

    await bindJudge(db, wang.id);
    await openContestantSheet(db, contestants[1].id);
    await bindJudge(db, wang.id); // the same judge again keeps the open sheet
    expect(await readJudgeSession(db)).toEqual({
      key: 'self',
      judgeId: wang.id,
      roundId: wang.roundIds[0],
      contestantId: contestants[1].id,
      followedCalls: {},
    });
    await bindJudge(db, li.id);
    expect((await readJudgeSession(db))?.contestantId).toBeNull();
    await unbindJudge(db);
    expect(await readJudgeSession(db)).toBeUndefined();
    await refusal(openContestantSheet(db, contestants[0].id), 'not-found');
    await refusal(bindJudge(db, 'nobody'), 'unknown-judge');
  });
});

describe('following the host (followHost)', () => {
  const followed = async (db: LeitaiDB) => {
    await followHost(db);
    const session = await readJudgeSession(db);
    return {
      roundId: session?.roundId,
      contestantId: session?.contestantId,
      followedCalls: session?.followedCalls,
    };
  };

  it('opens the called contestant, or only records the call when the judge is recused', async () => {
    const db = freshDb();
    const { round, zhao, lisi, zhangsan } = await seedJudgeRound(db);
    await bindJudge(db, zhao.id);
    expect(await followed(db)).toEqual({ roundId: round.id, contestantId: null, followedCalls: {} });

    const first = await callContestant(db, { roundId: round.id, contestantId: lisi.id });
    expect(await followed(db)).toEqual({
      roundId: round.id,
      contestantId: lisi.id,
      followedCalls: { [round.id]: first.callId },
    });
    // 赵评委 is of 张三's unit: the call is followed, 李四's untouched sheet stays open.
    const second = await callContestant(db, { roundId: round.id, contestantId: zhangsan.id });
    expect(await followed(db)).toEqual({
      roundId: round.id,
      contestantId: lisi.id,
      followedCalls: { [round.id]: second.callId },
    });
    // A call followed once is not followed again: the judge's own pick stands.
    await openContestantSheet(db, null);
    expect((await followed(db)).contestantId).toBeNull();
  });

  it('holds every call while the sheet in hand is in progress or reopened, and follows once it is submitted', async () => {
    const db = freshDb();
    const { round, wang, lisi, wangwu } = await seedJudgeRound(db);
    await bindJudge(db, wang.id);
    await openContestantSheet(db, lisi.id);
    const sheet = { roundId: round.id, judgeId: wang.id, contestantId: lisi.id };
    await pressKey(db, { ...sheet, criterionId: 'content' }, '3');
    const call = await callContestant(db, { roundId: round.id, contestantId: wangwu.id });
    expect(await followed(db)).toEqual({ roundId: round.id, contestantId: lisi.id, followedCalls: {} });

    // A confirmed mark, with no draft left, is still a sheet in progress.
    await db.drafts.clear();
    await enterMark(db, { ...sheet, criterionId: 'content', value: 3800 });
    expect((await followed(db)).contestantId).toBe(lisi.id);

    for (const [criterionId, value] of Object.entries({
      presence: 1350,
      language: 1800,
      ppt: 1200,
      overall: 900,
    }))
      await enterMark(db, { ...sheet, criterionId, value });
    await submitSheet(db, sheet);
    expect(await followed(db)).toEqual({
      roundId: round.id,
      contestantId: wangwu.id,
      followedCalls: { [round.id]: call.callId },
    });
  });

  it('moves to another round of the judge on a new call there, passing over the calls before it', async () => {
    const db = freshDb();
    const { round, wang, lisi } = await seedJudgeRound(db);
    const final = await createRound(db, {
      competitionId: round.competitionId,
      name: '总决赛',
      criteria: SECRETARY_SHEET,
      panelFrom: round.id,
    });
    const { contestants } = await importRoster(db, final.id, {
      contestants: [{ name: '孙六', unit: '大西渠镇', topic: '产业兴村', draw: 1 }],
    });
    const sunliu = present(contestants[0], '孙六');
    await bindJudge(db, wang.id);
    const inFinal = await callContestant(db, { roundId: final.id, contestantId: sunliu.id });
    const inRound = await callContestant(db, { roundId: round.id, contestantId: lisi.id });
    expect(await followed(db)).toEqual({
      roundId: final.id,
      contestantId: sunliu.id,
      followedCalls: { [round.id]: inRound.callId, [final.id]: inFinal.callId },
    });
    // Back in the first round by the judge's pick, nothing moves the screen until a new call.
    await showRound(db, round.id);
    expect(await followed(db)).toMatchObject({ roundId: round.id, contestantId: null });
  });
});

describe('stage.call', () => {
  it('the latest call of the round is the one on stage', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    expect(await readStageCall(db, round.id)).toBeNull();
    const first = await callContestant(db, { roundId: round.id, contestantId: contestants[1].id });
    expect(await readStageCall(db, round.id)).toEqual(first);
    const second = await callContestant(db, { roundId: round.id, contestantId: contestants[0].id });
    expect(await readStageCall(db, round.id)).toEqual({
      callId: second.callId,
      contestantId: contestants[0].id,
    });
    const events = await db.events.where('type').equals('stage.call').sortBy('deviceSeq');
    expect(
      events.map((event) => [event.author.role, (event as LeitaiEvent<'stage.call'>).payload.revision]),
    ).toEqual([
      ['host', 1],
      ['host', 2],
    ]);
    // The log and the projections still agree: a call writes no projection.
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('refuses a contestant of another round, or one who withdrew', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    await refusal(callContestant(db, { roundId: round.id, contestantId: 'nobody' }), 'unknown-contestant');
    await putContestant(db, { ...contestants[2], status: 'withdrawn' });
    await refusal(
      callContestant(db, { roundId: round.id, contestantId: contestants[2].id }),
      'contestant-inactive',
    );
  });

  it('decides between concurrent calls by the winner rule, in any order', () => {
    const call = (id: string, deviceId: string, revision: number, contestantId: string) =>
      ({
        id,
        deviceId,
        deviceSeq: 1,
        author: { role: 'host' },
        competitionId: 'c',
        roundId: 'r',
        recordedAt: '',
        type: 'stage.call',
        payload: { contestantId, revision },
      }) as LeitaiEvent<'stage.call'>;
    const calls = [call('e1', 'a', 1, 'p1'), call('e2', 'b', 1, 'p2'), call('e3', 'a', 2, 'p3')];
    expect(stageCallOf(calls)?.id).toBe('e3');
    expect(stageCallOf([...calls].reverse())?.id).toBe('e3');
    expect(stageCallOf(calls.slice(0, 2))?.payload.contestantId).toBe('p2');
    expect(stageCallOf(calls.slice(1, 2).concat(calls.slice(0, 1)))?.id).toBe('e2');
    expect(stageCallOf([])).toBeNull();
  });
});
