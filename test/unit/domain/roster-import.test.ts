// @vitest-environment node
/** Reading sign-up sheets: CSV text, header guessing, and all-or-nothing row checks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from '../../../src/domain/csv.ts';
import { describeIssue } from '../../../src/domain/issue-texts.ts';
import {
  columnLetter,
  groupText,
  guessColumns,
  readRoster,
  resolveGroup,
} from '../../../src/domain/roster-import.ts';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, embedded commas and newlines, CRLF and a BOM', () => {
    const text = '\uFEFF姓名,单位,题目\r\n"王伟","三工镇, 东风村","他说""好""\n第二行"\r\n李娜,,\r\n';
    expect(parseCsv(text)).toEqual({
      ok: true,
      rows: [
        ['姓名', '单位', '题目'],
        ['王伟', '三工镇, 东风村', '他说"好"\n第二行'],
        ['李娜', '', ''],
      ],
    });
  });

  it('names the line of a broken quote', () => {
    expect(parseCsv('a,b\n"c,d\n')).toEqual({ ok: false, line: 2, reason: 'unclosedQuote' });
    expect(parseCsv('a,b\n"c"x,d\n')).toEqual({ ok: false, line: 2, reason: 'textAfterQuote' });
  });

  it('round-trips whatever it writes', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '王', ',', '"', '\n', '\r', ' ', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), (rows) => {
        expect(parseCsv(writeCsv(rows))).toEqual({ ok: true, rows });
      }),
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '\uFEFF') }), (text) => {
        const result = parseCsv(text);
        expect(result.ok || result.line >= 1).toBe(true);
      }),
    );
  });
});

describe('guessColumns', () => {
  it('maps only a column named as the order of appearance to it, never 序号 (the row number)', () => {
    for (const header of ['出场顺序', '抽签号', '出场序号', ' 出场 顺序 ']) {
      expect(guessColumns(['序号', '姓名', header], 'contestants')).toEqual({ name: 1, draw: 2 });
    }
    for (const header of ['序号', '顺序', 'order', 'No.']) {
      expect(guessColumns([header, '姓名'], 'contestants')).toEqual({ name: 1 });
    }
  });

  it("maps a judge's 回避单位 column before a workplace column", () => {
    expect(guessColumns(['姓名', '工作单位', '回避单位'], 'judges')).toEqual({ name: 0, unit: 2 });
  });

  it('finds the usual Chinese headers', () => {
    expect(guessColumns(['序号', '姓名', '单位', '演讲题目'], 'contestants')).toEqual({
      name: 1,
      unit: 2,
      topic: 3,
    });
    expect(guessColumns(['评委姓名', '职务', '单位', '权重'], 'judges')).toEqual({
      name: 0,
      title: 1,
      unit: 2,
      weight: 3,
    });
    expect(guessColumns(['Name', ' Unit '], 'contestants')).toEqual({ name: 0, unit: 1 });
  });

  it('names columns as a spreadsheet does', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('readRoster', () => {
  const mapping = { name: 0, unit: 1, draw: 2, status: 3 };

  it('reads good rows, skips blank ones and warns about a repeated name', () => {
    const result = readRoster(
      [
        ['王伟', '三工镇', '2', ''],
        ['', '', '', ''],
        ['李娜', '', '1', '弃权'],
        ['王伟', '东风村', '', '参赛'],
      ],
      mapping,
      2,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(
      result.entries.map(({ row, name, unit, draw, status }) => [row, name, unit, draw, status]),
    ).toEqual([
      [2, '王伟', '三工镇', 2, 'active'],
      [4, '李娜', null, 1, 'withdrawn'],
      [5, '王伟', '东风村', null, 'active'],
    ]);
    expect(result.warnings.map((found) => describeIssue(found))).toEqual([
      '第 5 行 A 列：姓名“王伟”与第 2 行相同，请确认不是重复录入',
    ]);
  });

  it('refuses the whole sheet and names every bad row and column', () => {
    const result = readRoster(
      [
        ['', '三工镇', '1', ''],
        ['李娜', '', '1', ''],
        ['赵强', '', '二', '请假'],
      ],
      mapping,
      2,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((found) => describeIssue(found))).toEqual([
      '第 2 行 A 列：姓名不能为空',
      '第 3 行 C 列：出场顺序 1 与第 2 行重复',
      '第 4 行 C 列：出场顺序“二”应为正整数',
      '第 4 行 D 列：状态“请假”无法识别（可填 参赛、弃权、取消资格）',
    ]);
  });

  it('gives each row issue its row number and 0-based column, for a preview to mark the cell', () => {
    const result = readRoster([['', '三工镇', '1', '']], { name: 0, unit: 1, draw: 2, status: 3 }, 7);
    expect(result.ok ? [] : result.errors.map(({ params }) => [params.row, params.column])).toEqual([[7, 0]]);
    const repeated = readRoster([['王伟'], ['王伟']], { name: 0 }, 2);
    expect(repeated.warnings.map(({ params }) => [params.row, params.column, params.other])).toEqual([
      [3, 0, 2],
    ]);
  });

  it('checks judges’ weights', () => {
    const result = readRoster(
      [
        ['张主任', '2'],
        ['刘老师', '0'],
        ['陈老师', '1.005'],
      ],
      { name: 0, weight: 1 },
      2,
    );
    expect(result.ok ? [] : result.errors.map((found) => describeIssue(found))).toEqual([
      '第 3 行 B 列：权重“0”应为大于 0 的数，最多两位小数',
      '第 4 行 B 列：权重“1.005”应为大于 0 的数，最多两位小数',
    ]);
  });

  it('needs a name column and at least one row', () => {
    expect(readRoster([['a']], {}, 2)).toMatchObject({
      ok: false,
      errors: [{ code: 'rosterNameColumnMissing' }],
    });
    expect(readRoster([[''], []], { name: 0 }, 2)).toMatchObject({
      ok: false,
      errors: [{ code: 'rosterEmpty' }],
    });
  });

  it('either reads every row or refuses with at least one error, whatever the cells', () => {
    const cellText = fc.constantFrom('', '王伟', '1', '0', '二', '参赛', '弃权', 'x', '1.5', '  ');
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { minLength: 4, maxLength: 4 }), { maxLength: 12 }), (rows) => {
        const result = readRoster(rows, mapping, 2);
        const filled = rows.filter((row) => row.some((text) => text.trim() !== ''));
        if (result.ok) expect(result.entries).toHaveLength(filled.length);
        else expect(result.errors.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('the 评委组 column', () => {
  const groups = [
    { id: 'expert', label: '专家评委' },
    { id: 'public', label: '大众 评审' },
  ];

  it('is found by its header and read as typed, NFKC and trimmed', () => {
    const mapping = guessColumns(['姓名', '评委组'], 'judges');
    expect(mapping).toEqual({ name: 0, group: 1 });
    const read = readRoster(
      [
        ['刘芳', ' 专家评委 '],
        ['王建国', 'ＥＸＰＥＲＴ'],
        ['赵敏', ''],
      ],
      mapping,
      2,
    );
    expect(read.ok && read.entries.map((entry) => entry.group)).toEqual(['专家评委', 'EXPERT', null]);
  });

  it('names a group by its label first, then by its id, compared after NFKC; anything else is none', () => {
    expect(resolveGroup('专家评委', groups)?.id).toBe('expert');
    expect(resolveGroup('ｅｘｐｅｒｔ', groups)?.id).toBe('expert');
    expect(resolveGroup(' 大众 评审', groups)?.id).toBe('public');
    expect(resolveGroup('EXPERT', groups)).toBeNull();
    expect(resolveGroup('领导评委', groups)).toBeNull();
    expect(groupText('　ｐｕｂｌｉｃ　')).toBe('public');
  });
});
