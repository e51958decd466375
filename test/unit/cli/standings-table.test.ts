import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStandingsTable, separationNote, tieBreakStepName } from '../../../src/cli/standings-table.ts';
import { displayWidth } from '../../../src/cli/table.ts';
import { computeStandings } from '../../../src/domain/engine.ts';
import { readInterchangeRound } from '../../../src/domain/interchange.ts';

const criteria = [{ id: 'content', label: '内容', max: 1000, points: 4000, step: 10 }];

describe('the note column', () => {
  it('names tie-break steps in natural Chinese, and in English', () => {
    expect(tieBreakStepName('exact', criteria, 'zh-CN')).toBe('精确得分');
    expect(tieBreakStepName('untrimmed', criteria, 'zh-CN')).toBe('不去分平均');
    expect(tieBreakStepName('criterion:content', criteria, 'zh-CN')).toBe('单项「内容」');
    expect(tieBreakStepName('criterion:content', criteria, 'en')).toBe('criterion “内容”');
    expect(tieBreakStepName('criterion:gone', criteria, 'zh-CN')).toBe('单项「gone」');
  });

  it('says 并列, 按…区分, both, or nothing', () => {
    expect(separationNote({ tied: false, separatedBy: null }, criteria, 'zh-CN')).toBe('');
    expect(separationNote({ tied: false, separatedBy: 'score' }, criteria, 'zh-CN')).toBe('');
    expect(separationNote({ tied: true, separatedBy: null }, criteria, 'zh-CN')).toBe('并列');
    expect(separationNote({ tied: true, separatedBy: 'score' }, criteria, 'zh-CN')).toBe('并列');
    expect(separationNote({ tied: true, separatedBy: 'tied' }, criteria, 'zh-CN')).toBe('并列');
    expect(separationNote({ tied: false, separatedBy: 'exact' }, criteria, 'zh-CN')).toBe('按精确得分区分');
    expect(separationNote({ tied: true, separatedBy: 'criterion:content' }, criteria, 'zh-CN')).toBe(
      '按单项「内容」区分，并列',
    );
    expect(separationNote({ tied: false, separatedBy: 'untrimmed' }, criteria, 'en')).toBe(
      'by untrimmed mean',
    );
  });
});

describe('formatStandingsTable', () => {
  const file = resolve(import.meta.dirname, '../../fixtures/scoring-examples/seed-final.input.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  // P4 withdraws: it moves to the 不参加排名 section.
  json.contestants[3].status = 'withdrawn';
  const round = readInterchangeRound(json);
  const text = formatStandingsTable(computeStandings(round), round);
  const lines = text.trimEnd().split('\n');

  it('lists the ranked, then those not ranked with their status and unit', () => {
    expect(lines[0]).toMatch(/^名次 {2}编号 {2}姓名/);
    expect(lines.filter((line) => /^\s+\d+ {2}P/.test(line))).toHaveLength(3);
    expect(text).toContain('不参加排名（1 人）');
    expect(lines.at(-1)).toMatch(/^ +P4 +选手四 +大西渠镇 +退赛$/);
  });

  it('makes every row of the first section as wide as the header rule', () => {
    const rule = displayWidth(lines[1] as string);
    const rows = lines.slice(2, 5);
    // The last column (the note) is empty in these rows, so each row ends with its award.
    for (const row of rows) expect(displayWidth(row)).toBe(rule - displayWidth('并列/区分') - 2);
  });
});

describe('formatStandingsTable with rater groups', () => {
  const file = resolve(import.meta.dirname, '../../fixtures/scoring-examples/groups-audience.input.json');
  const round = readInterchangeRound(JSON.parse(readFileSync(file, 'utf8')));
  const lines = formatStandingsTable(computeStandings(round), round).trimEnd().split('\n');

  it("heads a column per group, in the round's order, with each group's score and contribution", () => {
    expect(lines[0]).toMatch(/精确得分 +专家评委 +领导评委 +大众评审 +计分评委/);
    expect(lines[2]).toMatch(/P1 .* 85\.00 → 51\.00 +86\.50 → 17\.30 +1\.00 → 20\.00 +18 +一等奖$/);
  });

  it("shows each group's progress for a contestant still being scored", () => {
    expect(lines.at(-1)).toMatch(/P4 .* 5\/5 位评委 +2\/2 位评委 +7\/8 位评委 +14\/15 位评委$/);
  });
});
