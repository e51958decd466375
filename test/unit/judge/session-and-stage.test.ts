/** Binding a tablet to a judge by join code, and the host's call (stage.call) the judge follows. */

import { describe, expect, it } from 'vitest';
import {
  bindJudge,
  callContestant,
  findJudgesByCode,
  followStageCall,
  openContestantSheet,
  putContestant,
  readJudgeSession,
  readProjection,
  readStageCall,
  refoldLog,
  unbindJudge,
} from '../../../src/db/repository';
import { type LeitaiEvent, stageCallOf } from '../../../src/domain/events';
import { freshDb, refusal, seedRound } from '../db/helpers';

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

  it('records a followed call, opening the sheet only when a contestant is given', async () => {
    const db = freshDb();
    const { round: seededRound, judges, contestants } = await seedRound(db);
    const round = seededRound.id;
    await bindJudge(db, judges[0].id);
    await followStageCall(db, { roundId: round, callId: 'call-1' }, contestants[2].id);
    expect(await readJudgeSession(db)).toMatchObject({
      contestantId: contestants[2].id,
      followedCalls: { [round]: 'call-1' },
    });
    await followStageCall(db, { roundId: round, callId: 'call-2' }, null);
    expect(await readJudgeSession(db)).toMatchObject({
      contestantId: contestants[2].id,
      followedCalls: { [round]: 'call-2' },
    });
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
