// @vitest-environment node
/**
 * `leitai season BACKUP.json… --period P`: the standings of two competitions' backups as a table
 * and as JSON, the same whatever the order and however often a backup is given; a bad period, a
 * file that is no backup, a backup that does not verify and a bad points table are refused with
 * a message and a non-zero exit, nothing on stdout. One run goes through the real command.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { competitionBackup, NOVEMBER_CONTEST, NOVEMBER_SPEECH } from '../domain/season-backups.ts';
import { recordingIo } from './recording-io.ts';

const files: Record<string, string> = {
  'contest.json': JSON.stringify(competitionBackup(NOVEMBER_CONTEST)),
  'speech.json': JSON.stringify(competitionBackup(NOVEMBER_SPEECH)),
  'notes.json': '{"hello": 1}',
  'broken.json': '{"format": ',
  'awards.json': JSON.stringify({ by: 'award', points: { 一等奖: 5 } }),
  'by-placing.json': JSON.stringify({ by: 'placing', points: { '1': 3, '2': '1.5' } }),
  'bad-table.json': JSON.stringify({ by: 'placing', points: { first: 3 } }),
};

function leitai(...args: string[]) {
  const { io, out } = recordingIo((file) => {
    const text = files[file];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    return new TextEncoder().encode(text);
  });
  const status = main(['season', ...args], io);
  return { status, ...out };
}

describe('leitai season', () => {
  it('prints the period’s standings as a table, and says which rounds are not final', () => {
    const run = leitai('contest.json', 'speech.json', '--period', '2026-11');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('积分排名 2026-11（2 项赛事，2 轮已定稿并计分）');
    // 张三 and 王五 18 each (10 + 8), tied; 李四 8; 钱七 6 (the default table 10, 8, 6…).
    expect(run.stdout).toMatch(/^\s+1 +(张三|王五) +\S+ +18\.00 +18\.00 +2026-11-20 +2 +并列$/m);
    expect(run.stdout).toMatch(/^\s+3 +李四 +榆树沟镇 +8\.00 +8\.00 +2026-11-05 +1 *$/m);
    expect(run.stdout).toMatch(/^\s+4 +钱七 +二六工镇 +6\.00 +6\.00 +2026-11-20 +1 *$/m);
    expect(run.stdout).toContain('未计入（成绩尚未定稿）：十一月擂台比武 · 加赛');
  });

  it('prints JSON with --json, the same for any order of the backups or a backup given twice', () => {
    const run = leitai('speech.json', 'contest.json', '--period=2026-Q4', '--json');
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout) as {
      period: string;
      standings: { rank: number; name: string; points: string; tied: boolean }[];
    };
    expect(printed.period).toBe('2026-Q4');
    expect(printed.standings.map((row) => [row.rank, row.points, row.tied])).toEqual([
      [1, '18.00', true],
      [1, '18.00', true],
      [3, '8.00', false],
      [4, '6.00', false],
    ]);
    expect(
      leitai('contest.json', 'speech.json', 'contest.json', '--period', '2026-Q4', '--json').stdout,
    ).toBe(run.stdout);
  });

  it('posts by the table given with --table', () => {
    const run = leitai(
      'contest.json',
      'speech.json',
      '--period',
      '2026',
      '--table',
      'by-placing.json',
      '--json',
    );
    const printed = JSON.parse(run.stdout) as { standings: { name: string; points: string }[] };
    // 张三 and 王五: 3 + 1.5 = 4.5; 李四 1.5; 钱七 third: not in the table.
    expect(printed.standings.map((row) => row.points)).toEqual(['4.50', '4.50', '1.50']);
    const byAward = leitai('contest.json', '--period', '2026', '--table', 'awards.json');
    expect(byAward.status).toBe(0);
    expect(byAward.stdout).toContain('（该时段没有积分记录）');
  });

  it('speaks English with --lang en', () => {
    const run = leitai('contest.json', '--period', '2026-11', '--lang', 'en');
    expect(run.stdout.split('\n')[0]).toBe('Standings 2026-11 (1 competitions, 1 final rounds posted)');
  });

  it('refuses a bad period, a missing period and no backups as usage errors', () => {
    for (const [args, message] of [
      [['contest.json', '--period', '2026-13'], '时段“2026-13”无效'],
      [['contest.json', '--period', 'November'], '时段“November”无效'],
      [['contest.json'], '缺少 --period'],
      [['--period', '2026-11'], '缺少赛事备份文件'],
      [['contest.json', '--period'], '选项 --period 需要一个值'],
    ] as const) {
      const run = leitai(...args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
    }
  });

  it('refuses files that cannot be used, naming each, and prints nothing', () => {
    const unreadable = leitai('contest.json', 'missing.json', 'broken.json', '--period', '2026-11');
    expect(unreadable.status).toBe(1);
    expect(unreadable.stdout).toBe('');
    expect(unreadable.stderr).toContain('找不到文件 missing.json');
    expect(unreadable.stderr).toContain('broken.json 不是有效的 JSON');

    const tampered = JSON.parse(files['contest.json'] as string);
    tampered.results[0].standings.standings[0].score = '99.00';
    files['tampered.json'] = JSON.stringify(tampered);
    const refused = leitai('speech.json', 'notes.json', 'tampered.json', '--period', '2026-11');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      [
        'leitai: 无法生成积分排名（2 个问题），没有计入任何积分：',
        '  notes.json：不是擂台赛事备份文件',
        '  tampered.json：未通过校验（决赛），请先用 leitai verify 检查',
        '',
      ].join('\n'),
    );

    const badTable = leitai('contest.json', '--period', '2026-11', '--table', 'bad-table.json');
    expect(badTable.status).toBe(1);
    expect(badTable.stderr).toContain(
      '积分表 bad-table.json 有误（1 个问题）：\n  积分表中的名次“first”应为正整数',
    );
  });

  it('prints its help', () => {
    const run = leitai('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('leitai season <备份.json>… --period <时段>');
  });
});

describe('the real command', () => {
  const root = resolve(import.meta.dirname, '../../..');
  const scratch = mkdtempSync(join(tmpdir(), 'leitai-season-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('runs as npx leitai would, with exit status 0 and 2', () => {
    for (const name of ['contest.json', 'speech.json'])
      writeFileSync(join(scratch, name), files[name] as string);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'src/cli/leitai.mjs'), 'season', ...args], {
        cwd: scratch,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const ok = run('contest.json', 'speech.json', '--period', '2026-11', '--json');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).standings).toHaveLength(4);
    const bad = run('contest.json', '--period', '2026-Q5');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('时段“2026-Q5”无效');
  });
});
