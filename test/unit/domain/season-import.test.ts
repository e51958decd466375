// @vitest-environment node
/**
 * A season built from competitions' backups: verified, final rounds posted by the table, merged
 * idempotently and in any order (the ledger byte-identical), bad files refused whole.
 */
import { describe, expect, it } from 'vitest';
import type { BackupFile } from '../../../src/domain/backup.ts';
import { type Period, parsePeriod, type Season, seasonStandings } from '../../../src/domain/season.ts';
import { DEFAULT_POINTS_TABLE, importBackups, readPointsTable } from '../../../src/domain/season-import.ts';
import { backupOfEvents, competitionBackup, NOVEMBER_CONTEST, NOVEMBER_SPEECH } from './season-backups.ts';
import { refusalOf } from './season-refusals.ts';

const empty: Season = { id: 'season', name: '积分制', members: [], table: DEFAULT_POINTS_TABLE, entries: [] };
const contest = competitionBackup(NOVEMBER_CONTEST);
const speech = competitionBackup(NOVEMBER_SPEECH);
const november = parsePeriod('2026-11') as Period;

const source = (name: string, value: unknown) => ({ name, value });
const ledgerBytes = (season: Season) => new TextEncoder().encode(JSON.stringify(season, null, 2));

describe('a season from two competitions’ backups', () => {
  const { season, rounds } = importBackups(empty, [
    source('contest.json', contest),
    source('speech.json', speech),
  ]);

  it('posts the final rounds by the table and skips the provisional one', () => {
    expect(rounds.map((round) => [round.competitionName, round.roundName, round.outcome])).toEqual([
      ['十一月擂台比武', '决赛', 'posted'],
      ['十一月擂台比武', '加赛', 'provisional'],
      ['十一月演讲比赛', '演讲', 'posted'],
    ]);
    // 决赛: 张三 91.5 first (10), 李四 and 王五 88 tied second (8 each), 赵六 withdrew (nothing).
    // 演讲: 王五 93 first (10), 张三 90 second (8), 钱七 80 third (6).
    // November: 张三 18 and 王五 18 (both from competitions, both last on 11-20) tied first,
    // 李四 8 third, 钱七 6 fourth. 张三's unit has a stray space in 演讲: the same member.
    const standings = seasonStandings(season, november).ranked;
    expect(standings.map((row) => [row.rank, row.name, row.points, row.entries])).toEqual([
      [1, expect.stringMatching(/^(张三|王五)$/), '18.00', 2],
      [1, expect.stringMatching(/^(张三|王五)$/), '18.00', 2],
      [3, '李四', '8.00', 1],
      [4, '钱七', '6.00', 1],
    ]);
    expect(new Set(standings.slice(0, 2).map((row) => row.name))).toEqual(new Set(['张三', '王五']));
    expect(season.members).toHaveLength(4);
  });

  it('leaves the ledger byte-identical when the same backup is imported twice', () => {
    const once = importBackups(empty, [source('contest.json', contest)]).season;
    const twiceInOne = importBackups(empty, [
      source('contest.json', contest),
      source('copy.json', contest),
    ]).season;
    const again = importBackups(once, [source('contest.json', contest)]).season;
    expect(ledgerBytes(twiceInOne)).toEqual(ledgerBytes(once));
    expect(ledgerBytes(again)).toEqual(ledgerBytes(once));
  });

  it('gives the same bytes whatever the order of the backups, at once or one after the other', () => {
    const reversed = importBackups(empty, [
      source('speech.json', speech),
      source('contest.json', contest),
    ]).season;
    const speechFirst = importBackups(importBackups(empty, [source('s', speech)]).season, [
      source('c', contest),
    ]).season;
    const contestFirst = importBackups(importBackups(empty, [source('c', contest)]).season, [
      source('s', speech),
    ]).season;
    expect(ledgerBytes(reversed)).toEqual(ledgerBytes(season));
    expect(ledgerBytes(speechFirst)).toEqual(ledgerBytes(season));
    expect(ledgerBytes(contestFirst)).toEqual(ledgerBytes(season));
  });

  it('merges two backups of one competition taken at different times, as sync would', () => {
    // Exported before the round was closed: a prefix of the later backup's events.
    const closedAt = contest.events.findIndex(({ event }) => event.type === 'round.close');
    const early = backupOfEvents(
      contest.events.slice(0, closedAt).map(({ event }) => event),
      NOVEMBER_CONTEST.id,
    );
    const merged = importBackups(empty, [
      source('early.json', early),
      source('contest.json', contest),
    ]).season;
    expect(ledgerBytes(merged)).toEqual(ledgerBytes(importBackups(empty, [source('c', contest)]).season));
    expect(importBackups(empty, [source('early.json', early)]).season.entries).toEqual([]);
  });
});

describe('refusals', () => {
  const tampered = (change: (copy: BackupFile) => void) => {
    const copy = structuredClone(contest);
    change(copy);
    return copy;
  };

  it('refuses the whole import, naming each file that does not verify', () => {
    const changedMark = tampered((copy) => {
      const entry = copy.events.find(({ event }) => event.type === 'mark.set');
      if (entry?.event.type === 'mark.set') entry.event.payload.value = 9990;
    });
    const changedResult = tampered((copy) => {
      const [result] = copy.results;
      if (result?.outcome === 'standings' && result.standings.standings[0])
        result.standings.standings[0].score = '99.00';
    });
    expect(
      refusalOf(() =>
        importBackups(empty, [
          source('speech.json', speech),
          source('notes.json', { hello: 1 }),
          source('mark.json', changedMark),
          source('result.json', changedResult),
        ]),
      ),
    ).toEqual([
      'notes.json：不是擂台赛事备份文件',
      'mark.json：已损坏（linkMismatch），未通过校验',
      'result.json：未通过校验（决赛），请先用 leitai verify 检查',
    ]);
  });

  it('refuses a competition without a date', () => {
    const undated = competitionBackup({ ...NOVEMBER_SPEECH, date: undefined as unknown as string });
    expect(refusalOf(() => importBackups(empty, [source('undated.json', undated)]))).toEqual([
      'undated.json：赛事“十一月演讲比赛”没有日期，无法记入积分（请在赛事设置中填写日期后重新导出）',
    ]);
  });
});

describe('points tables from files', () => {
  it('reads placings and awards, with decimal strings', () => {
    expect(readPointsTable({ by: 'placing', points: { '1': 10, '2': '8.5' } })).toEqual({
      by: 'placing',
      rows: [
        { placing: 1, points: 1000 },
        { placing: 2, points: 850 },
      ],
    });
    expect(readPointsTable({ by: 'award', points: { 一等奖: 5 } })).toEqual({
      by: 'award',
      rows: [{ award: '一等奖', points: 500 }],
    });
  });

  it('names what is wrong', () => {
    expect(refusalOf(() => readPointsTable({ by: 'rank', points: {} }))).toEqual([
      '积分表的依据“rank”无效（应为 placing 按名次或 award 按奖项）',
    ]);
    expect(refusalOf(() => readPointsTable({ by: 'placing', points: { first: 10, '2': '8.125' } }))).toEqual([
      // In the object's key order: whole-number keys first.
      '积分表中“2”的分值 8.125 不是最多两位小数的数',
      '积分表中的名次“first”应为正整数',
    ]);
    expect(refusalOf(() => readPointsTable({ by: 'award', points: {} }))).toEqual([
      '积分表至少需要一行（名次或奖项对应的分值）',
    ]);
  });
});
