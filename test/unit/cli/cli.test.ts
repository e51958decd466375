// @vitest-environment node
/**
 * The real command line, run as a child process (node src/cli/leitai.mjs …): the worked examples,
 * the table, and files that must be refused with a message naming the offending entry.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/cli/table.ts';

const root = resolve(import.meta.dirname, '../../..');
const examples = join(root, 'test/fixtures/scoring-examples');
const cli = join(root, 'src/cli/leitai.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'leitai-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function leitai(...args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** seed-final's input, changed by `change`, written to a scratch file. */
function brokenSeed(name: string, change: (round: Record<string, unknown[]>) => void): string {
  const round = readJson(join(examples, 'seed-final.input.json'));
  change(round);
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(round, null, 1));
  return path;
}

describe('leitai score FILE.json', () => {
  it("reads the recusal rule and a judge's 回避名单; without them a nested unit name is another unit", () => {
    const counted = (path: string) => {
      const run = leitai('score', path);
      expect(run.stderr).toBe('');
      const printed = JSON.parse(run.stdout) as { standings: { id: string; judges: number }[] };
      return Object.fromEntries(printed.standings.map((entry) => [entry.id, entry.judges]));
    };
    const nested = (round: Record<string, unknown[]>) => {
      (round.contestants?.[1] as { unit: string }).unit = '庙尔沟乡大庙村';
    };
    const contract = counted(brokenSeed('nested-units.json', nested));
    const extended = counted(
      brokenSeed('recusal-contains.json', (round) => {
        nested(round);
        (round as Record<string, unknown>).recusal = 'contains';
        (round.judges?.[0] as { recuse?: unknown }).recuse = { contestantIds: ['P3'] };
      }),
    );
    // J7 (庙尔沟乡) is recused from P1 either way; from P2 (庙尔沟乡大庙村) only under contains,
    // and J1 from P3 by its list.
    expect(Object.keys(contract).sort()).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(extended).toEqual({ ...contract, P2: (contract.P2 ?? 0) - 1, P3: (contract.P3 ?? 0) - 1 });
  });

  for (const example of ['seed-final', 'ties-and-rounding', 'groups-audience']) {
    it(`prints the standings of ${example} as the expected JSON`, () => {
      const run = leitai('score', join(examples, `${example}.input.json`));
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout.endsWith('}\n')).toBe(true);
      const printed = JSON.parse(run.stdout);
      const expected = readJson(join(examples, `${example}.expected.json`));
      const fields = <T extends object>(entry: T, keys: readonly (keyof T)[]) =>
        Object.fromEntries(keys.map((key) => [key, entry[key]]));
      type Standing = { rank: number; id: string; score: string; award: string | null; judges: number };
      type Pending = { id: string; judges: number };
      const standingKeys = ['rank', 'id', 'score', 'award', 'judges'] as const;
      expect(printed.standings.map((entry: Standing) => fields(entry, standingKeys))).toEqual(
        expected.standings,
      );
      expect(printed.pending.map((entry: Pending) => fields(entry, ['id', 'judges']))).toEqual(
        expected.pending,
      );
      // Two-space indentation, as documented.
      expect(run.stdout.startsWith('{\n  "standings": [\n    {\n      "rank": 1,')).toBe(true);
    });
  }
});

describe('leitai score FILE.json with rater groups', () => {
  it("writes each group's score, contribution and counted judges per standing, and each group's progress", () => {
    const run = leitai('score', join(examples, 'groups-audience.input.json'));
    const printed = JSON.parse(run.stdout);
    expect(printed.standings[0].groups).toEqual([
      { id: 'expert', score: '85.00', contribution: '51', judges: 5, exact: '85' },
      { id: 'leader', score: '86.50', contribution: '17.3', judges: 1, exact: '86.5' },
      { id: 'public', score: '1.00', contribution: '20', judges: 12, exact: '1' },
    ]);
    expect(printed.pending[0].groups).toEqual([
      { id: 'expert', judges: 5, required: 5 },
      { id: 'leader', judges: 2, required: 2 },
      { id: 'public', judges: 7, required: 8 },
    ]);
  });

  it("refuses a mark outside the judge's group, naming the judge, the contestant, the criterion and the group", () => {
    const round = readJson(join(examples, 'groups-audience.input.json'));
    round.scores.push({ judge: 'A01', contestant: 'P1', criterion: 'content', mark: 30 });
    const path = join(scratch, 'outside-group.json');
    writeFileSync(path, JSON.stringify(round));
    const run = leitai('score', path);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /观众1（A01） 给 陈德明（P1） 的「内容（content）」打分，但这个评分项不归评委组「大众评审（public）」打分/,
    );
  });
});

describe('leitai score FILE.json --table', () => {
  const run = leitai('score', join(examples, 'ties-and-rounding.input.json'), '--table');
  const lines = run.stdout.split('\n');
  const header = lines[0] as string;
  /** The display column at which `text` starts on `line`. */
  const columnOf = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));

  it('prints a Chinese table with every contestant', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    for (const heading of ['名次', '编号', '姓名', '单位', '最后得分', '精确得分', '计分评委', '奖项']) {
      expect(header).toContain(heading);
    }
    for (const name of ['选手A', '选手B', '选手C', '选手D', '选手E', '选手F', '选手G', '选手H', '选手K']) {
      expect(run.stdout).toContain(name);
    }
    expect(run.stdout).toContain('87.725');
    expect(run.stdout).toMatch(/评分中/);
    expect(run.stdout).toMatch(/选手K .*3\/6 位评委/);
  });

  it('says which contestants are tied and which tie-break step separated the others', () => {
    const rowOf = (id: string) => lines.find((line) => line.includes(`选手${id}`)) as string;
    expect(rowOf('B')).toContain('按不去分平均区分');
    expect(rowOf('E')).toContain('按单项「内容」区分，并列');
    expect(rowOf('F')).toMatch(/并列$/);
    expect(rowOf('G')).not.toMatch(/并列|区分/);
  });

  it('aligns the columns in display width (CJK counts as two)', () => {
    const rows = lines.filter((line) => /^\s*\d+ {2}/.test(line));
    expect(rows).toHaveLength(8);
    const nameColumn = columnOf(header, '姓名');
    const unitColumn = columnOf(header, '单位');
    const scoreEnd = columnOf(header, '最后得分') + displayWidth('最后得分');
    for (const row of rows) {
      expect(columnOf(row, '选手')).toBe(nameColumn);
      expect(columnOf(row, '单位') === unitColumn || columnOf(row, '东风村') === unitColumn).toBe(true);
      const score = /\d+\.\d\d/.exec(row)?.[0] as string;
      expect(columnOf(row, score) + score.length).toBe(scoreEnd);
    }
  });

  it('speaks English with --lang en', () => {
    const english = leitai('score', join(examples, 'seed-final.input.json'), '--table', '--lang', 'en');
    expect(english.status).toBe(0);
    expect(english.stdout).toMatch(/^Rank {2}ID/);
    expect(english.stdout).toContain('沙哈提别克');
  });
});

describe('a bad file is refused: non-zero exit, the reason on stderr, nothing on stdout', () => {
  const refused = (args: string[], ...mentions: (string | RegExp)[]) => {
    const run = leitai('score', ...args);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(1);
    for (const mention of mentions) expect(run.stderr).toMatch(mention);
    return run;
  };

  it('a mark above max names the judge, contestant, criterion and mark', () => {
    const path = brokenSeed('above-max.json', (round) => {
      const mark = round.scores?.find((entry) => (entry as { criterion: string }).criterion === 'overall');
      Object.assign(mark as object, { mark: 12 });
    });
    const run = refused([path], /评委1（J1）/, /沙哈提别克（P1）/, /综合印象/, /打分 12，超过满分 10/);
    expect(run.stderr).toMatch(/^leitai: .*above-max\.json 不符合评分规则/);
  });

  it('an unknown judge names the judge and where it is', () => {
    const path = brokenSeed('unknown-judge.json', (round) => {
      Object.assign(round.scores?.[3] as object, { judge: 'J99' });
    });
    refused([path], /scores\[3\] 引用了不存在的评委 J99/);
  });

  it('a duplicate id names the id', () => {
    const path = brokenSeed('duplicate-id.json', (round) => {
      round.contestants?.push({ id: 'P3', name: '又一个' });
    });
    refused([path], /选手编号 P3 重复/, /contestants\[4\]/);
  });

  it('lists every issue, one a line, in English with --lang en', () => {
    const path = brokenSeed('two-issues.json', (round) => {
      Object.assign(round.scores?.[0] as object, { mark: 99 });
      Object.assign(round.scores?.[1] as object, { criterion: 'charisma' });
    });
    const run = refused(
      [path, '--lang', 'en'],
      /refused whole \(2 issues\)/,
      /mark 99 is above the max/,
      /unknown criterion charisma/,
    );
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(3);
  });

  it('malformed JSON says the line and column', () => {
    const path = join(scratch, 'malformed.json');
    writeFileSync(path, '{\n  "criteria": [],\n  "judges": [,]\n}\n');
    refused([path], /malformed\.json 不是有效的 JSON（第 3 行第 14 列）/, /3 \| {3}"judges": \[,\]/);
  });

  it('a missing file says so', () => {
    refused([join(scratch, 'no-such-round.json')], /找不到文件 .*no-such-round\.json/);
  });

  it('a file with the wrong shape names the field', () => {
    const path = join(scratch, 'shape.json');
    writeFileSync(path, JSON.stringify({ criteria: [{ id: 'c', max: 'ten' }], judges: [], contestants: [] }));
    refused([path], /criteria\[0\]\.max 不是数字："ten"/);
  });
});

describe('usage', () => {
  it('prints help in Chinese with English, on stdout, exit 0', () => {
    for (const args of [['--help'], ['score', '--help']]) {
      const run = leitai(...args);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/用法 Usage/);
      expect(run.stdout).toContain('leitai score');
    }
    expect(leitai('score', '--help').stdout).toMatch(/--table[\s\S]*--lang/);
  });

  it('a usage error exits 2 with the reason on stderr and nothing on stdout', () => {
    for (const args of [[], ['frob'], ['score'], ['score', 'a.json', '--nope']]) {
      const run = leitai(...args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toBe('');
    }
  });
});
