// @vitest-environment node
/**
 * The season ledger 积分制: periods, posting a round by the points table (deterministic ids,
 * posting twice changes nothing), corrections as replacements, standings with their tie-breaks,
 * one person's file, and the refusals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendToSeason,
  isInPeriod,
  memberFile,
  memberIdOf,
  type Period,
  type PostedRound,
  parsePeriod,
  postRound,
  type Season,
  type SeasonEntry,
  seasonStandings,
} from '../../../src/domain/season.ts';
import { shuffled } from './arbitrary-round.ts';
import { refusalOf } from './season-refusals.ts';

const empty: Season = {
  id: 'season-2026',
  name: '2026年村书记积分制管理',
  members: [],
  table: {
    by: 'placing',
    rows: [
      { placing: 1, points: 1000 },
      { placing: 2, points: 800 },
    ],
  },
  entries: [],
};

const round: PostedRound = {
  competitionId: 'c-nov',
  competitionName: '十一月擂台比武',
  roundId: 'r-final',
  roundName: '决赛',
  date: '2026-11-05',
  placings: [
    { name: '丁', unit: '三工镇', rank: 1, award: null },
    { name: '甲', unit: '三工镇', rank: 1, award: null },
    { name: '戊', unit: '佃坝镇', rank: 1, award: null },
    { name: '乙', unit: '榆树沟镇', rank: 2, award: null },
    // Rank 3 is not in the table: no entry.
    { name: '丙', unit: '大西渠镇', rank: 3, award: null },
  ],
};

const period = (text: string) => parsePeriod(text) as Period;
const idOf = (name: string, unit: string) => memberIdOf({ name, unit });

function manual(
  id: string,
  memberId: string,
  date: string,
  points: number,
  extra: Partial<SeasonEntry> = {},
) {
  return {
    id,
    date,
    memberId,
    item: '学习教育',
    points,
    source: { kind: 'manual', reason: '按时完成' },
    ...extra,
  } as SeasonEntry;
}

describe('periods', () => {
  it('reads a month, a quarter and a year, and nothing else', () => {
    expect(parsePeriod('2026-11')).toEqual({ text: '2026-11', year: 2026, firstMonth: 11, lastMonth: 11 });
    expect(parsePeriod('2026-Q4')).toEqual({ text: '2026-Q4', year: 2026, firstMonth: 10, lastMonth: 12 });
    expect(parsePeriod('2026')).toEqual({ text: '2026', year: 2026, firstMonth: 1, lastMonth: 12 });
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-1', '26-11', '2026/11', 'november', ''])
      expect(parsePeriod(bad)).toBeNull();
  });

  it('places a date in its month, quarter and year only', () => {
    expect(isInPeriod(period('2026-11'), '2026-11-30')).toBe(true);
    expect(isInPeriod(period('2026-11'), '2026-12-01')).toBe(false);
    expect(isInPeriod(period('2026-Q4'), '2026-10-01')).toBe(true);
    expect(isInPeriod(period('2026-Q4'), '2026-09-30')).toBe(false);
    expect(isInPeriod(period('2026'), '2027-01-01')).toBe(false);
  });
});

describe('posting a round', () => {
  const posted = postRound(empty, round);

  it('gives the table’s points to the placings it lists, under ids derived from season, competition, round and member', () => {
    expect(
      posted.entries.map((entry) => [
        posted.members.find((m) => m.id === entry.memberId)?.name,
        entry.points,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['丁', 1000],
        ['甲', 1000],
        ['戊', 1000],
        ['乙', 800],
      ]),
    );
    expect(posted.entries).toHaveLength(4);
    expect(posted.members.map((member) => member.name).sort()).toEqual(['丁', '乙', '戊', '甲']);
    const entry = posted.entries.find((candidate) => candidate.memberId === idOf('乙', '榆树沟镇'));
    expect(entry).toMatchObject({
      date: '2026-11-05',
      item: '十一月擂台比武 · 决赛',
      source: { kind: 'competition', competitionId: 'c-nov', roundId: 'r-final', placing: 2 },
    });
    expect(entry?.id).toMatch(/^e-[0-9a-f]{32}$/);
  });

  it('changes nothing when the same results are posted again, in any order', () => {
    const again = postRound(posted, { ...round, placings: [...round.placings].reverse() });
    expect(JSON.stringify(again)).toBe(JSON.stringify(posted));
  });

  it('refuses a repost with other points for the same entry, and changes nothing', () => {
    const changed = {
      ...round,
      placings: round.placings.map((p) => (p.name === '乙' ? { ...p, rank: 1 } : p)),
    };
    expect(refusalOf(() => postRound(posted, changed))).toEqual([
      expect.stringMatching(/^积分条目 e-[0-9a-f]{32} 已存在且内容不同/),
    ]);
  });

  it('posts by award tier with an award table', () => {
    const byAward = postRound(
      { ...empty, table: { by: 'award', rows: [{ award: '一等奖', points: 500 }] } },
      {
        ...round,
        placings: [
          { name: '甲', unit: '三工镇', rank: 1, award: '一等奖' },
          { name: '乙', unit: null, rank: 2, award: '二等奖' },
        ],
      },
    );
    expect(byAward.entries.map((entry) => [entry.points, entry.source])).toEqual([
      [500, { kind: 'competition', competitionId: 'c-nov', roundId: 'r-final', award: '一等奖' }],
    ]);
  });
});

describe('standings', () => {
  // November, by hand:
  //   丁: 10 (competition, 11-05) + 2 (11-28) = 12, of which 10 from competitions, latest 11-28
  //   甲: 10 (competition, 11-05) + 2 (11-20) = 12, 10 from competitions, latest 11-20
  //   戊: 10 (competition, 11-05) + 2 (11-20) = 12, 10 from competitions, latest 11-20: tied with 甲
  //   乙:  8 (competition, 11-05) + 4 (11-10) = 12, only 8 from competitions
  //   丙:                          12 (11-25) = 12, none from competitions
  //   甲 in December: 3 (12-01), not in November.
  const ding = idOf('丁', '三工镇');
  const jia = idOf('甲', '三工镇');
  const wu = idOf('戊', '佃坝镇');
  const yi = idOf('乙', '榆树沟镇');
  const bing = 'm-bing';
  const season = appendToSeason(postRound(empty, round), {
    members: [{ id: bing, name: '丙', unit: '大西渠镇' }],
    entries: [
      manual('n1', ding, '2026-11-28', 200),
      manual('n2', jia, '2026-11-20', 200),
      manual('n3', wu, '2026-11-20', 200),
      manual('n4', yi, '2026-11-10', 400),
      manual('n5', bing, '2026-11-25', 1200),
      manual('d1', jia, '2026-12-01', 300),
    ],
  });

  it('ranks by the total, then competition points, then the most recent entry, then 并列', () => {
    const standings = seasonStandings(season, period('2026-11'));
    const [firstTied, secondTied] = jia < wu ? ['甲', '戊'] : ['戊', '甲'];
    expect(
      standings.ranked.map((row) => [row.rank, row.name, row.points, row.competitionPoints, row.separatedBy]),
    ).toEqual([
      [1, '丁', '12.00', '10.00', null],
      [2, firstTied, '12.00', '10.00', 'latestEntry'],
      [2, secondTied, '12.00', '10.00', 'tied'],
      [4, '乙', '12.00', '8.00', 'competitionPoints'],
      [5, '丙', '12.00', '0.00', 'competitionPoints'],
    ]);
  });

  it('sums a quarter and a year over their months', () => {
    const quarter = seasonStandings(season, period('2026-Q4'));
    expect(quarter.ranked[0]).toMatchObject({
      name: '甲',
      points: '15.00',
      latestDate: '2026-12-01',
      entries: 3,
    });
    expect(seasonStandings(season, period('2026')).ranked).toEqual(quarter.ranked);
    expect(seasonStandings(season, period('2026-10')).ranked).toEqual([]);
  });

  it('lists one person’s file in date order', () => {
    const file = memberFile(season, jia);
    expect(file?.lines.map((line) => [line.entry.date, line.entry.points, line.counts])).toEqual([
      ['2026-11-05', 1000, true],
      ['2026-11-20', 200, true],
      ['2026-12-01', 300, true],
    ]);
    expect(file?.total).toBe('15.00');
    expect(memberFile(season, 'nobody')).toBeNull();
  });
});

describe('corrections', () => {
  const jia = 'm-jia';
  const base = appendToSeason(
    { ...empty, members: [{ id: jia, name: '甲', unit: null }] },
    { entries: [manual('a', jia, '2026-11-10', 500), manual('b', jia, '2026-11-12', 100)] },
  );

  it('replace the entry they correct, counting in its period; a chain counts its last entry', () => {
    // 'a' (5, November) is corrected in December to 3, then that correction to 4:
    // November = 4 + 1 = 5; December has nothing of its own.
    const corrected = appendToSeason(base, {
      entries: [
        manual('a2', jia, '2026-12-02', 300, { corrects: 'a', item: '学习教育（更正）' }),
        manual('a3', jia, '2026-12-03', 400, { corrects: 'a2' }),
      ],
    });
    expect(seasonStandings(corrected, period('2026-11')).ranked[0]?.points).toBe('5.00');
    expect(seasonStandings(corrected, period('2026-12')).ranked).toEqual([]);
    const file = memberFile(corrected, jia);
    expect(file?.lines.map((line) => [line.entry.id, line.counts, line.correctedBy])).toEqual([
      ['a', false, 'a2'],
      ['b', true, null],
      ['a2', false, 'a3'],
      ['a3', true, null],
    ]);
    expect(file?.total).toBe('5.00');
  });

  it('refuses a second correction of one entry, a correction of another member’s entry or of nothing', () => {
    const once = appendToSeason(base, { entries: [manual('a2', jia, '2026-12-02', 300, { corrects: 'a' })] });
    const other = appendToSeason(once, { members: [{ id: 'm-yi', name: '乙', unit: null }] });
    expect(
      refusalOf(() =>
        appendToSeason(other, {
          entries: [
            manual('a4', jia, '2026-12-05', 0, { corrects: 'a' }),
            manual('y1', 'm-yi', '2026-12-05', 100, { corrects: 'a2' }),
            manual('z1', jia, '2026-12-05', 100, { corrects: 'gone' }),
            manual('z2', jia, '2026-11-01', 100, { corrects: 'b' }),
          ],
        }),
      ),
    ).toEqual([
      // In the order the checks meet them: by date, then id.
      '更正条目 z2 的日期早于被更正的条目 b',
      '条目 a 已被 a2 更正，更正条目 a4 应更正 a2',
      '更正条目 y1 与被更正的条目 a2 不是同一成员',
      '更正条目 z1 所更正的条目 gone 不存在',
    ]);
    // Nothing was appended: the season value is unchanged.
    expect(other.entries.map((entry) => entry.id)).toEqual(['a', 'b', 'a2']);
  });
});

describe('refusals', () => {
  it('names every bad entry and appends none', () => {
    const season = appendToSeason(empty, { members: [{ id: 'm1', name: '甲', unit: null }] });
    expect(
      refusalOf(() =>
        appendToSeason(season, {
          entries: [
            manual('x1', 'm1', '2026-02-30', 100),
            manual('x2', 'm9', '2026-11-01', 100),
            manual('x3', 'm1', '2026-11-01', 12.5),
            { ...manual('x4', 'm1', '2026-11-01', 100), source: { kind: 'manual', reason: ' ' } },
            { ...manual('x5', 'm1', '2026-11-01', 100), item: '' },
          ],
        }),
      ),
    ).toEqual([
      '积分条目 x1 的日期“2026-02-30”不是有效的 YYYY-MM-DD 日期',
      '积分条目 x2 的成员 m9 不在本积分周期的成员名单上',
      '积分条目 x3 的分值 0.125 不是最多两位小数的数',
      '手工录入的积分条目 x4 必须写明理由',
      '积分条目 x5 没有事项名称',
    ]);
  });
});

describe('ledger properties', () => {
  const members = ['m1', 'm2', 'm3'].map((id) => ({ id, name: id, unit: null }));
  const entries = fc
    .uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-z0-9]{1,6}$/),
        memberId: fc.constantFrom('m1', 'm2', 'm3'),
        day: fc.integer({ min: 1, max: 28 }),
        month: fc.constantFrom(10, 11, 12),
        points: fc.integer({ min: -500, max: 2000 }),
        competition: fc.boolean(),
      }),
      { selector: (entry) => entry.id, maxLength: 25 },
    )
    .map((drafts) =>
      drafts.map(
        (draft): SeasonEntry => ({
          id: draft.id,
          date: `2026-${draft.month}-${String(draft.day).padStart(2, '0')}`,
          memberId: draft.memberId,
          item: '事项',
          points: draft.points,
          source: draft.competition
            ? { kind: 'competition', competitionId: 'c', roundId: 'r', placing: 1 }
            : { kind: 'manual', reason: '理由' },
        }),
      ),
    );

  it('gives the same bytes whatever order and batches the entries are appended in, and twice is once', () => {
    fc.assert(
      fc.property(
        entries,
        fc.array(fc.integer(), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (list, order, cut) => {
          const start = appendToSeason(empty, { members });
          const atOnce = appendToSeason(start, { entries: list });
          const permuted = shuffled(list, order);
          const at = list.length === 0 ? 0 : cut % (list.length + 1);
          const inTwo = appendToSeason(appendToSeason(start, { entries: permuted.slice(0, at) }), {
            entries: permuted.slice(at),
          });
          expect(JSON.stringify(inTwo)).toBe(JSON.stringify(atOnce));
          expect(JSON.stringify(appendToSeason(atOnce, { entries: permuted }))).toBe(JSON.stringify(atOnce));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sums each member’s entries of the period, and ranks no one above a higher total', () => {
    fc.assert(
      fc.property(entries, fc.constantFrom('2026-10', '2026-11', '2026-Q4'), (list, text) => {
        const season = appendToSeason(appendToSeason(empty, { members }), { entries: list });
        const standings = seasonStandings(season, period(text)).ranked;
        for (const row of standings) {
          const mine = list.filter(
            (entry) => entry.memberId === row.memberId && isInPeriod(period(text), entry.date),
          );
          const total = mine.reduce((sum, entry) => sum + entry.points, 0);
          expect(row.points).toBe((total / 100).toFixed(2));
          expect(row.entries).toBe(mine.length);
        }
        standings.forEach((row, at) => {
          const above = standings[at - 1];
          if (above) expect(Number(above.points)).toBeGreaterThanOrEqual(Number(row.points));
        });
      }),
      { numRuns: 200 },
    );
  });
});
