import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/app/i18n/messages';
import { findTemplate, templateRound } from '../../../src/app/organizer/templates';
import { loadDemoCompetition, loadRoundInput, readProjection, refoldLog } from '../../../src/db/repository';
import { computeStandings } from '../../../src/domain/engine';
import { freshDb } from '../db/helpers';

const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

describe('the demo competition', () => {
  it('is a drawn round with 13 contestants, 7 judges, one recusal, and a leaderboard of 10 with 3 pending', async () => {
    const db = freshDb();
    const setup = templateRound(findTemplate('secretary'), zh);
    if (!setup) throw new Error('the secretary template has a sheet');
    const demo = await loadDemoCompetition(db, setup);

    expect(demo.competition).toMatchObject({ date: '2026-06-18', archived: false });
    expect(demo.round.criteria.map((criterion) => criterion.label)).toEqual([
      '内容',
      '形象风采',
      '语言表达',
      'PPT制作',
      '综合印象',
    ]);
    expect(demo.judges).toHaveLength(7);
    expect(new Set(demo.contestants.map((contestant) => contestant.unit)).size).toBe(13);
    expect(demo.contestants.map((contestant) => contestant.draw).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 13 }, (_, at) => at + 1),
    );
    expect(await db.events.where('type').equals('draw.record').count()).toBe(1);

    const standings = computeStandings(await loadRoundInput(db, demo.round.id));
    expect(standings.ranked).toHaveLength(10);
    expect(standings.pending).toHaveLength(3);
    expect(standings.pending.map((result) => result.countedJudges).sort()).toEqual([0, 4, 4]);
    // The judge of 三工镇 does not score the contestant of 三工镇.
    const sangong = [...standings.ranked, ...standings.pending].find((result) => result.unit === '三工镇');
    expect(sangong?.recusedJudges).toHaveLength(1);
    expect(sangong?.eligibleJudges).toBe(6);
    expect(standings.ranked.every((result) => /^\d+\.\d\d$/.test(result.announcedScore ?? ''))).toBe(true);
    expect(standings.ranked.map((result) => result.award)).toContain('一等奖');
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });
});
