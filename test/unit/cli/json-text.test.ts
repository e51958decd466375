import { describe, expect, it } from 'vitest';
import { decodeUtf8, findSyntaxError, locate, parseJson } from '../../../src/cli/json-text.ts';

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a": [1, "二"]}')).toEqual({ ok: true, value: { a: [1, '二'] } });
  });

  it('reports the line and column of a syntax error, with the line quoted and the spot marked', () => {
    const parsed = parseJson('{\n  "criteria": []\n  "judges": []\n}\n');
    expect(parsed).toMatchObject({ ok: false, empty: false, location: { line: 3, column: 3 } });
    if (parsed.ok) return;
    expect(parsed.reason).not.toMatch(/position/);
    expect(parsed.excerpt).toBe('3 |   "judges": []\n  |   ^');
  });

  it('puts the caret under the spot on a line with Chinese text', () => {
    const parsed = parseJson('{"name": "沙哈提别克" "x": 1}');
    expect(parsed).toMatchObject({ ok: false, location: { line: 1, column: 18 } });
    if (parsed.ok) return;
    const [line, caret] = (parsed.excerpt as string).split('\n') as [string, string];
    expect(line).toBe('1 | {"name": "沙哈提别克" "x": 1}');
    // 17 characters before the spot, five of them double width.
    expect(caret).toBe(`  | ${' '.repeat(22)}^`);
  });

  it('locates an unexpected end at the end of the text', () => {
    expect(parseJson('{"a": [1,\n2')).toMatchObject({ ok: false, location: { line: 2, column: 2 } });
  });

  it('calls an empty file empty', () => {
    expect(parseJson(' \n')).toMatchObject({ ok: false, empty: true });
  });
});

describe('findSyntaxError', () => {
  it('finds where JSON.parse would fail, or null for valid JSON', () => {
    expect(findSyntaxError('{"a": [1, 2.5e-3, -0, true, null, "\\u4e00\\n"]}')).toBeNull();
    expect(findSyntaxError('{"a": [,]}')).toBe(7);
    expect(findSyntaxError('{"a": 01}')).toBe(7);
    expect(findSyntaxError("{'a': 1}")).toBe(1);
    expect(findSyntaxError('{"a": 1,}')).toBe(8);
    expect(findSyntaxError('{"a": tru}')).toBe(9);
    expect(findSyntaxError('{"a": "x\ny"}')).toBe(8);
    expect(findSyntaxError('[1] 2')).toBe(4);
    expect(findSyntaxError('[1, 2')).toBe(5);
  });

  it('locates errors that JSON.parse reports without a position', () => {
    const parsed = parseJson('{\n  "judges": [,]\n}');
    expect(parsed).toMatchObject({ ok: false, location: { line: 2, column: 14 } });
    if (!parsed.ok) expect(parsed.reason).not.toContain('\n');
  });
});

describe('locate', () => {
  it('turns an offset into a 1-based line and column', () => {
    expect(locate('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(locate('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('decodeUtf8', () => {
  it('drops a byte-order mark and refuses bytes that are not UTF-8 (GBK)', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual({ ok: true, text: '{}' });
    expect(decodeUtf8(new Uint8Array([0xb2, 0xe2, 0xca, 0xd4]))).toEqual({ ok: false });
  });
});
