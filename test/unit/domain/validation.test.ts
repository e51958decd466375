// @vitest-environment node
/** A round that breaks a rule is refused whole, with messages that name the entry and the value. */
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../../src/domain/engine.ts';
import { readInterchangeRound } from '../../../src/domain/interchange.ts';
import { describeIssue } from '../../../src/domain/issue-texts.ts';
import { RoundRejectedError } from '../../../src/domain/issues.ts';

const base = () => ({
  criteria: [
    { id: 'content', label: '内容', max: 40, step: 0.5 },
    { id: 'voice', label: '语言表达', max: 20 },
  ],
  judges: [{ id: 'J1', name: '王评委' }, { id: 'J2' }],
  contestants: [
    { id: 'P1', name: '张三', draw: 1 },
    { id: 'P2', name: '李四', draw: 2 },
  ],
  scores: [
    { judge: 'J1', contestant: 'P1', criterion: 'content', mark: 35 },
    { judge: 'J1', contestant: 'P1', criterion: 'voice', mark: '18.5' },
  ] as Record<string, unknown>[],
  adjustments: [] as Record<string, unknown>[],
});

function rejection(file: unknown, language: 'zh-CN' | 'en' = 'zh-CN'): string[] {
  try {
    computeStandings(readInterchangeRound(file));
  } catch (error) {
    if (error instanceof RoundRejectedError)
      return error.issues.map((found) => describeIssue(found, language));
    throw error;
  }
  throw new Error('the round was accepted');
}

const withScore = (score: Record<string, unknown>) => {
  const file = base();
  file.scores.push(score);
  return file;
};

describe('marks', () => {
  it('refuses a mark above max, naming judge, contestant, criterion, value and max', () => {
    expect(rejection(withScore({ judge: 'J1', contestant: 'P2', criterion: 'content', mark: 40.5 }))).toEqual(
      ['王评委（J1） 给 李四（P2） 的「内容（content）」打分 40.5，超过满分 40'],
    );
    expect(
      rejection(withScore({ judge: 'J1', contestant: 'P2', criterion: 'content', mark: 40.5 }), 'en'),
    ).toEqual(['judge 王评委（J1）, contestant 李四（P2）, 内容（content）: mark 40.5 is above the max 40']);
  });

  it('refuses a negative mark, a mark off its step and a third decimal', () => {
    expect(rejection(withScore({ judge: 'J2', contestant: 'P2', criterion: 'voice', mark: -1 }))).toEqual([
      'J2 给 李四（P2） 的「语言表达（voice）」打分 -1，不能低于 0',
    ]);
    expect(rejection(withScore({ judge: 'J2', contestant: 'P2', criterion: 'content', mark: 35.2 }))).toEqual(
      ['J2 给 李四（P2） 的「内容（content）」打分 35.2，不是 0.5 的整数倍'],
    );
    expect(
      rejection(withScore({ judge: 'J2', contestant: 'P2', criterion: 'voice', mark: '18.123' })),
    ).toEqual(['scores[2].mark 最多两位小数："18.123"']);
  });

  it('refuses unknown judges, contestants and criteria, and two marks for one cell', () => {
    expect(rejection(withScore({ judge: 'J9', contestant: 'P1', criterion: 'content', mark: 1 }))).toEqual([
      'scores[2] 引用了不存在的评委 J9',
    ]);
    expect(rejection(withScore({ judge: 'J1', contestant: 'P9', criterion: 'content', mark: 1 }))).toEqual([
      'scores[2] 引用了不存在的选手 P9',
    ]);
    expect(rejection(withScore({ judge: 'J1', contestant: 'P1', criterion: 'slides', mark: 1 }))).toEqual([
      'scores[2] 引用了不存在的评分项 slides',
    ]);
    expect(rejection(withScore({ judge: 'J1', contestant: 'P1', criterion: 'content', mark: 30 }))).toEqual([
      '王评委（J1） 给 张三（P1） 的「内容（content）」打了两个分数',
    ]);
  });

  it('reports every problem at once', () => {
    const file = withScore({ judge: 'J9', contestant: 'P1', criterion: 'content', mark: 1 });
    file.scores.push({ judge: 'J1', contestant: 'P2', criterion: 'voice', mark: 21 });
    expect(rejection(file)).toHaveLength(2);
  });
});

describe('the sheet, the panel and the settings', () => {
  it('refuses duplicate ids and a step that does not divide max', () => {
    const file = base();
    file.judges.push({ id: 'J1' });
    file.criteria.push({ id: 'slides', label: 'PPT制作', max: 15, step: 0.4 });
    expect(rejection(file)).toEqual([
      '评委编号 J1 重复',
      '评分项「PPT制作（slides）」的最小分值单位 0.4 不能整除满分 15',
    ]);
  });

  it.each([
    [{ panel: { kind: 'olympic' } }, '评分规则“olympic”无效（应为 mean、trimmed、median 或 weighted）'],
    [{ panel: { kind: 'trimmed', k: -1 } }, '去掉最高最低分的个数 k 应为不小于 0 的整数，实际为 -1'],
    [{ decimals: 5 }, '保留小数位数应为 0 到 4 的整数，实际为 5'],
    [{ rounding: 'up' }, '取舍方式“up”无效（应为 half-up、half-even 或 down）'],
    [{ roundEachCriterion: true }, '“各项得分先取舍再相加”只适用于按评分项计算（level = criterion）'],
    [{ minJudges: 0 }, '最少评委人数应为不小于 1 的整数，实际为 0'],
    [
      { tieBreak: ['criterion:slides'] },
      '并列处理规则“criterion:slides”无效（应为 exact、untrimmed 或 criterion:编号）',
    ],
    [
      { awards: [{ name: '一等奖', count: 1, percent: 10 }] },
      '奖项“一等奖”须且仅须设置名额（count）、比例（percent）或“其余全部”（rest）之一',
    ],
    [
      {
        awards: [
          { name: '优秀奖', rest: true },
          { name: '三等奖', count: 1 },
        ],
      },
      '奖项“三等奖”排在“其余全部”之后，永远不会有人获得',
    ],
    [{ awards: [{ name: '一等奖', percent: 120 }] }, '奖项“一等奖”的比例应在 0 到 100 之间，实际为 120'],
  ])('refuses the bad setting %j', (settings, message) => {
    expect(rejection({ ...base(), ...settings })).toEqual([message]);
  });

  it('refuses a weight of zero and an unknown status', () => {
    const file = {
      ...base(),
      judges: [{ id: 'J1' }, { id: 'J2', weight: 0 }],
      contestants: [{ id: 'P1' }, { id: 'P2', status: 'sick' }],
    };
    expect(rejection(file)).toEqual([
      '评委 J2 的权重必须大于 0，实际为 0',
      '选手 P2 的状态“sick”无效（应为 active、withdrawn 或 disqualified）',
    ]);
  });

  it('refuses a malformed file with the path of the field', () => {
    expect(rejection([])).toEqual(['(file) 应为对象']);
    expect(rejection({ criteria: [], judges: [] })).toEqual(['contestants 缺少必填字段']);
    expect(rejection({ ...base(), judges: [{ name: '无编号' }] })).toEqual(['judges[0].id 缺少必填字段']);
    expect(rejection({ ...base(), criteria: [{ id: 'c', max: 'forty' }] })).toEqual([
      'criteria[0].max 不是数字："forty"',
    ]);
  });

  it('accepts decimal strings and JSON numbers alike', () => {
    const standings = computeStandings(readInterchangeRound(base()));
    expect(standings.pending.map((result) => result.id)).toEqual(['P1', 'P2']);
  });
});
