// @vitest-environment node
/**
 * 公布 of a contestant with a set-aside sheet: refused without the host's reason; with it, the
 * sheet is frozen as not counted and the contestant is scored on the others, when they are enough.
 */
import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import {
  enterMark,
  loadRoundInput,
  revealContestant,
  submitSheet,
  updateRound,
} from '../../../src/db/repository';
import { isLateMark } from '../../../src/domain/events';
import { computeLiveStandings } from '../../../src/domain/live-standings';
import { DEFAULT_SETTINGS } from '../../../src/domain/model';
import { freshDb, refusal, SECRETARY_SHEET, seedRound } from '../db/helpers';
import { markFromTablet, sheetChangedElsewhere } from './from-other-devices';

async function scoreSheet(db: LeitaiDB, roundId: string, judgeId: string, contestantId: string) {
  for (const criterion of SECRETARY_SHEET) {
    await enterMark(db, {
      roundId,
      judgeId,
      contestantId,
      criterionId: criterion.id,
      value: criterion.max * 0.9,
    });
  }
  await submitSheet(db, { roundId, judgeId, contestantId });
}

/** 李四 scored by all three judges at 90 %; then 内容 is lowered from 40 to 30 on the organizer's laptop. */
async function lisiWithMaxLowered(db: LeitaiDB) {
  const seeded = await seedRound(db);
  const lisi = seeded.contestants[1];
  for (const judge of seeded.judges) await scoreSheet(db, seeded.round.id, judge.id, lisi.id);
  await sheetChangedElsewhere(db, seeded.round.id, (criteria) =>
    criteria.map((criterion) =>
      criterion.id === 'content' ? { ...criterion, max: 3000, points: 3000 } : criterion,
    ),
  );
  return { ...seeded, lisi };
}

const liveOf = async (db: LeitaiDB, roundId: string) =>
  computeLiveStandings(await loadRoundInput(db, roundId));

describe('公布 with a set-aside sheet', () => {
  it('holds every sheet above the lowered max, and the reveal needs a reason that names them', async () => {
    const db = freshDb();
    const { round, lisi } = await lisiWithMaxLowered(db);
    const live = await liveOf(db, round.id);
    expect(live.held.map((result) => result.id)).toEqual([lisi.id]);
    expect(live.setAside).toHaveLength(3);

    const message = await refusal(
      revealContestant(db, { roundId: round.id, contestantId: lisi.id }),
      'sheets-set-aside',
    );
    expect(message).toContain('打分 36，超过满分 30');
    expect(message).toContain('王评委');
  });

  it('with a reason, freezes the set-aside sheet empty and scores the contestant on the others', async () => {
    const db = freshDb();
    const seeded = await seedRound(db);
    const { round, judges } = seeded;
    const lisi = seeded.contestants[1];
    await updateRound(db, round.id, { settings: { ...DEFAULT_SETTINGS, minJudges: 2 } });
    for (const judge of judges) await scoreSheet(db, round.id, judge.id, lisi.id);
    // 王评委's tablet, still on an old version, sends 99999 for 内容.
    const cell = { roundId: round.id, judgeId: judges[0].id, contestantId: lisi.id, criterionId: 'content' };
    await markFromTablet(db, cell, 9999900);
    expect((await liveOf(db, round.id)).held.map((result) => result.id)).toEqual([lisi.id]);

    const lock = await revealContestant(db, {
      roundId: round.id,
      contestantId: lisi.id,
      overrideReason: '王评委平板故障，组委会决定按其余评委计分',
    });
    expect(lock.payload.override).toEqual({
      reason: '王评委平板故障，组委会决定按其余评委计分',
      missingJudgeIds: [judges[0].id],
    });
    const frozen = lock.payload.cells.filter((frozenCell) => frozenCell.judgeId === judges[0].id);
    expect(frozen.map((frozenCell) => frozenCell.value)).toEqual(SECRETARY_SHEET.map(() => null));

    const live = await liveOf(db, round.id);
    expect(live.held).toEqual([]);
    expect(live.setAside).toEqual([]);
    const [ranked] = live.ranked;
    expect(ranked).toMatchObject({ id: lisi.id, countedJudges: 2, announcedScore: '90.00' });
    expect(ranked?.judgeTotals.map((total) => total.judge)).toEqual([judges[1].id, judges[2].id].sort());
    // The refused mark stays in the log, shown among the marks that do not count.
    const row = await db.marks.get([round.id, judges[0].id, lisi.id, 'content']);
    expect(row && isLateMark(row)).toBe(true);
  });

  it('with a reason, is still refused while the other sheets are too few (minJudges: every judge)', async () => {
    const db = freshDb();
    const { round, lisi } = await lisiWithMaxLowered(db);
    const message = await refusal(
      revealContestant(db, { roundId: round.id, contestantId: lisi.id, overrideReason: '时间到了' }),
      'result-pending',
    );
    expect(message).toContain('已有 0 位评委完成评分，需要 3 位');
  });
});
