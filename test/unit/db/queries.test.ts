/** The read model: each query returns what its name says, from this device's records only. */

import { describe, expect, it } from 'vitest';
import { startRehearsal } from '../../../src/db/rehearsal';
import {
  acknowledgeEvents,
  addAdjustment,
  adjustmentsOfRound,
  allRealRounds,
  bindJudge,
  competitionById,
  contestantsByIds,
  contestantsOfRound,
  draftsOfJudge,
  enterMark,
  hasJudgeSession,
  hasUnconfirmedDrafts,
  hasUnsentEvents,
  judgeById,
  judgeContext,
  judgesOfCompetition,
  judgesOfRound,
  judgesWhoSubmitted,
  marksOfJudge,
  marksOfSheet,
  pressKey,
  readOutbox,
  rehearsalOfRound,
  roundById,
  roundCounts,
  roundSetup,
  roundsOfCompetition,
  roundsWithMarks,
  scoringRowsOfRound,
  sheetsOfJudge,
  submitSheet,
  submittedSheetCount,
  swapPlaces,
} from '../../../src/db/repository';
import { createRound } from '../../../src/db/rounds';
import { freshDb, SECRETARY_SHEET, seedRound } from './helpers';

const ids = (records: readonly { id: string }[]) => records.map((record) => record.id);

describe('setup queries', () => {
  it('find a record by id, and answer null for one not on this device', async () => {
    const db = freshDb();
    const { competition, round, judges } = await seedRound(db);
    expect((await competitionById(db, competition.id))?.name).toBe(competition.name);
    expect((await roundById(db, round.id))?.name).toBe('市级决赛');
    expect((await judgeById(db, judges[1].id))?.name).toBe('李评委');
    expect(await competitionById(db, 'nowhere')).toBeNull();
    expect(await roundById(db, 'nowhere')).toBeNull();
    expect(await judgeById(db, 'nowhere')).toBeNull();
  });

  it('list a round’s panel and contestants in list order, and follow a swap of places', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    expect(ids(await judgesOfRound(db, round.id))).toEqual(ids(judges));
    expect(ids(await contestantsOfRound(db, round.id))).toEqual(ids(contestants));

    await swapPlaces(db, round.id, 'contestants', contestants[0], contestants[2]);
    await swapPlaces(db, round.id, 'judges', judges[0], judges[1]);
    expect(ids(await contestantsOfRound(db, round.id))).toEqual(
      ids([contestants[2], contestants[1], contestants[0]]),
    );
    expect(ids(await judgesOfRound(db, round.id))).toEqual(ids([judges[1], judges[0], judges[2]]));
  });

  it('keep a 彩排 round and its simulated judges apart from the real ones', async () => {
    const db = freshDb();
    const { competition, round, judges } = await seedRound(db);
    expect(await rehearsalOfRound(db, round.id)).toBeNull();

    const rehearsal = await startRehearsal(db, round.id);
    expect((await rehearsalOfRound(db, round.id))?.id).toBe(rehearsal.id);
    expect(ids(await allRealRounds(db))).toEqual([round.id]);
    expect(ids(await roundsOfCompetition(db, competition.id)).sort()).toEqual(
      [round.id, rehearsal.id].sort(),
    );
    expect(ids(await judgesOfCompetition(db, competition.id))).toEqual(ids(judges));
    expect(await judgesOfRound(db, rehearsal.id)).not.toHaveLength(0);
    expect(await judgesOfCompetition(db, undefined)).toEqual([]);
    expect(await roundsOfCompetition(db, undefined)).toEqual([]);
  });

  it('lists the competition’s rounds in their order', async () => {
    const db = freshDb();
    const { competition, round } = await seedRound(db);
    const final = await createRound(db, {
      competitionId: competition.id,
      name: '总决赛',
      criteria: SECRETARY_SHEET,
    });
    expect(ids(await roundsOfCompetition(db, competition.id))).toEqual([round.id, final.id]);
  });

  it('read a round with its panel and contestants, or null when it is gone', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    const setup = await roundSetup(db, round.id);
    expect(setup?.round.id).toBe(round.id);
    expect(ids(setup?.judges ?? [])).toEqual(ids(judges));
    expect(ids(setup?.contestants ?? [])).toEqual(ids(contestants));
    expect(await roundSetup(db, 'nowhere')).toBeNull();
  });

  it('map the ids it knows to their records, leaving out the others', async () => {
    const db = freshDb();
    const { contestants } = await seedRound(db);
    const found = await contestantsByIds(db, [contestants[0].id, 'gone', undefined, contestants[0].id]);
    expect([...found.keys()]).toEqual([contestants[0].id]);
    expect(found.get(contestants[0].id)?.name).toBe('张三');
  });
});

describe('scoring queries', () => {
  it('count and read a round’s marks and sheets, one judge’s own apart from the others’', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    const [wang, li] = judges;
    const [, lisi] = contestants;
    expect(await roundsWithMarks(db, [round.id])).toEqual(new Set());
    expect(await roundCounts(db, round.id)).toEqual({ judges: 3, contestants: 3, marks: 0 });

    await enterMark(db, {
      roundId: round.id,
      judgeId: wang.id,
      contestantId: lisi.id,
      criterionId: 'content',
      value: 3500,
    });
    // 李评委's sheet of 李四 in full, at half of each criterion's max (content: 20.00).
    for (const criterion of SECRETARY_SHEET) {
      const cell = { roundId: round.id, judgeId: li.id, contestantId: lisi.id, criterionId: criterion.id };
      await enterMark(db, { ...cell, value: criterion.max / 2 });
    }
    await submitSheet(db, { roundId: round.id, judgeId: li.id, contestantId: lisi.id });

    expect(await roundsWithMarks(db, [round.id, 'nowhere'])).toEqual(new Set([round.id]));
    expect(await roundCounts(db, round.id)).toEqual({ judges: 3, contestants: 3, marks: 6 });
    expect((await marksOfSheet(db, round.id, wang.id, lisi.id)).map((mark) => mark.value)).toEqual([3500]);
    const marksOfLi = await marksOfJudge(db, round.id, li.id);
    expect(marksOfLi.map((mark) => mark.criterionId).sort()).toEqual(ids(SECRETARY_SHEET).sort());
    expect(marksOfLi.every((mark) => mark.contestantId === lisi.id)).toBe(true);
    expect(await sheetsOfJudge(db, round.id, wang.id)).toEqual([]);
    expect((await sheetsOfJudge(db, round.id, li.id)).map((sheet) => sheet.contestantId)).toEqual([lisi.id]);
    expect(await submittedSheetCount(db, round.id)).toBe(1);
    expect(await judgesWhoSubmitted(db, round.id, lisi.id, [wang.id, li.id])).toEqual(new Set([li.id]));

    const rows = await scoringRowsOfRound(db, round.id);
    expect(rows.marks).toHaveLength(6);
    expect(rows.sheets).toHaveLength(1);
    expect(rows.corrections).toEqual([]);
  });

  it('read the round’s adjustments', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    expect(await adjustmentsOfRound(db, round.id)).toEqual([]);
    await addAdjustment(db, {
      roundId: round.id,
      contestantId: contestants[0].id,
      label: '超时',
      points: -50,
      reason: '超时30秒',
    });
    expect((await adjustmentsOfRound(db, round.id)).map((row) => row.added?.points)).toEqual([-50]);
  });
});

describe('judge and device queries', () => {
  it('read the judge’s context, drafts and session, and what the device has not sent', async () => {
    const db = freshDb();
    const { competition, round, judges, contestants } = await seedRound(db);
    const [wang] = judges;
    expect(await hasJudgeSession(db)).toBe(false);
    expect(await judgeContext(db, 'nowhere', round.id)).toBeNull();
    const context = await judgeContext(db, wang.id, 'another round');
    expect(context?.round.id).toBe(round.id);
    expect(context?.competition?.id).toBe(competition.id);

    await bindJudge(db, wang.id);
    expect(await hasJudgeSession(db)).toBe(true);

    expect(await hasUnconfirmedDrafts(db)).toBe(false);
    const cell = {
      roundId: round.id,
      judgeId: wang.id,
      contestantId: contestants[1].id,
      criterionId: 'content',
    };
    await pressKey(db, cell, '3');
    expect(await hasUnconfirmedDrafts(db)).toBe(true);
    expect((await draftsOfJudge(db, round.id, wang.id)).map((draft) => draft.text)).toEqual(['3']);
    expect(await draftsOfJudge(db, round.id, judges[1].id)).toEqual([]);

    expect(await hasUnsentEvents(db)).toBe(true);
    await acknowledgeEvents(db, ids(await readOutbox(db, 10_000)));
    expect(await hasUnsentEvents(db)).toBe(false);
  });
});
