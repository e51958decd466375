import { describe, expect, it } from 'vitest';
import { displayWidth, padToWidth, renderTable } from '../../../src/cli/table.ts';

describe('displayWidth', () => {
  it('counts ASCII as one column each', () => {
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('P1 88.75')).toBe(8);
  });

  it('counts CJK ideographs, kana, Hangul and full-width forms as two', () => {
    expect(displayWidth('沙哈提别克')).toBe(10);
    expect(displayWidth('选手G')).toBe(5);
    expect(displayWidth('かナ한')).toBe(6);
    expect(displayWidth('ＡＢ１')).toBe(6);
    expect(displayWidth('𠀀')).toBe(2); // CJK extension B, outside the BMP
  });

  it('counts CJK punctuation as two: ，「」（）', () => {
    expect(displayWidth('单项「内容」')).toBe(12);
    expect(displayWidth('按单项「内容」区分，并列')).toBe(24);
    expect(displayWidth('评委1（J1）')).toBe(11);
  });

  it('counts combining marks and zero-width characters as nothing', () => {
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('a\u200bb')).toBe(2);
    expect(displayWidth('\u200d')).toBe(0);
  });

  it('counts emoji as two, one per grapheme', () => {
    expect(displayWidth('🏆')).toBe(2);
    expect(displayWidth('👍🏽')).toBe(2);
    expect(displayWidth('❤️')).toBe(2);
  });

  it('counts East Asian ambiguous characters as one', () => {
    expect(displayWidth('·—')).toBe(2);
  });
});

describe('padToWidth', () => {
  it('pads to a display width, left or right', () => {
    expect(padToWidth('选手', 6)).toBe('选手  ');
    expect(padToWidth('选手', 6, 'right')).toBe('  选手');
    expect(padToWidth('选手A', 3)).toBe('选手A');
  });
});

describe('renderTable', () => {
  const columns = [
    { heading: '名次', align: 'right' as const },
    { heading: '姓名' },
    { heading: '得分', align: 'right' as const },
  ];
  const text = renderTable(columns, [
    {
      rows: [
        ['1', '沙哈提别克', '88.75'],
        ['10', 'Ann', '9.5'],
      ],
    },
    { title: '评分中（1 人）', rows: [['', '潘金永', '']] },
  ]);
  const lines = text.split('\n');

  it('ends with a newline and leaves no trailing spaces', () => {
    expect(text.endsWith('\n')).toBe(true);
    for (const line of lines) expect(line).toBe(line.replace(/ +$/, ''));
  });

  it('lines every column up in display columns, across sections', () => {
    expect(lines).toEqual([
      '名次  姓名         得分',
      '----  ----------  -----',
      '   1  沙哈提别克  88.75',
      '  10  Ann           9.5',
      '',
      '评分中（1 人）',
      '      潘金永',
      '',
    ]);
    // Every data line of the first section is exactly as wide as the header.
    for (const line of lines.slice(0, 4)) expect(displayWidth(line)).toBe(displayWidth(lines[1] as string));
  });
});
