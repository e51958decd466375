/**
 * Plain-text tables for a terminal, aligned for Chinese: a CJK character takes two columns
 * (Unicode East Asian Width W and F), a combining mark or a zero-width character none, and
 * anything else one. Ambiguous-width characters (·, —, “ ”) count as one, as in most
 * terminals outside a CJK legacy locale; the CLI's own wording uses full-width punctuation
 * (，「」) so that it aligns everywhere.
 */

// East Asian Width W and F (Unicode 15.1), merged into ranges.
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // kana, bopomofo, Hangul compatibility jamo, kanbun, CJK strokes, enclosed, compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // full-width forms
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x16ff0, 0x16ff1],
  [0x17000, 0x18cff], // Tangut
  [0x18d00, 0x18d08],
  [0x1aff0, 0x1b2ff], // kana supplement and extensions, Nüshu
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f265], // enclosed ideographic supplement
  [0x1f300, 0x1f320],
  [0x1f32d, 0x1f335],
  [0x1f337, 0x1f37c],
  [0x1f37e, 0x1f393],
  [0x1f3a0, 0x1f3ca],
  [0x1f3cf, 0x1f3d3],
  [0x1f3e0, 0x1f3f0],
  [0x1f3f4, 0x1f3f4],
  [0x1f3f8, 0x1f43e],
  [0x1f440, 0x1f440],
  [0x1f442, 0x1f4fc],
  [0x1f4ff, 0x1f53d],
  [0x1f54b, 0x1f54e],
  [0x1f550, 0x1f567],
  [0x1f57a, 0x1f57a],
  [0x1f595, 0x1f596],
  [0x1f5a4, 0x1f5a4],
  [0x1f5fb, 0x1f64f],
  [0x1f680, 0x1f6c5],
  [0x1f6cc, 0x1f6cc],
  [0x1f6d0, 0x1f6d2],
  [0x1f6d5, 0x1f6d7],
  [0x1f6dc, 0x1f6df],
  [0x1f6eb, 0x1f6ec],
  [0x1f6f4, 0x1f6fc],
  [0x1f7e0, 0x1f7eb],
  [0x1f7f0, 0x1f7f0],
  [0x1f90c, 0x1f93a],
  [0x1f93c, 0x1f945],
  [0x1f947, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd], // CJK extensions B to F
  [0x30000, 0x3fffd], // CJK extensions G and H
];

function isWide(codePoint: number): boolean {
  let low = 0;
  let high = WIDE_RANGES.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = WIDE_RANGES[middle] as readonly [number, number];
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return true;
  }
  return false;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cc}\p{Cf}]+$/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function clusterWidth(cluster: string): number {
  if (ZERO_WIDTH.test(cluster)) return 0;
  const first = cluster.codePointAt(0) as number;
  // A variation selector 16 asks for the emoji (wide) presentation of what precedes it.
  return isWide(first) || cluster.includes('\uFE0F') ? 2 : 1;
}

/** The number of terminal columns the text takes (East Asian Width: CJK counts as 2). */
export function displayWidth(text: string): number {
  let width = 0;
  // Plain ASCII, the common case, needs no segmentation.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  for (const { segment } of segmenter.segment(text)) width += clusterWidth(segment);
  return width;
}

export type Align = 'left' | 'right';

/** Pads the text with spaces to the given display width. */
export function padToWidth(text: string, width: number, align: Align = 'left'): string {
  const padding = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + padding : padding + text;
}

export interface Column {
  heading: string;
  align?: Align;
}

export interface TableSection {
  /** A line above the section's rows (the first section usually has none). */
  title?: string;
  rows: readonly (readonly string[])[];
}

const GAP = '  ';

/**
 * Renders columns and sections of rows as lines of text, each column as wide as its widest cell
 * across every section, so that all sections line up. Headings are underlined with ASCII dashes
 * (box-drawing characters are ambiguous-width). Lines carry no trailing spaces; the text ends
 * with a newline.
 */
export function renderTable(columns: readonly Column[], sections: readonly TableSection[]): string {
  const widths = columns.map((column, at) =>
    Math.max(
      displayWidth(column.heading),
      ...sections.flatMap((section) => section.rows.map((row) => displayWidth(row[at] ?? ''))),
    ),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, at) => padToWidth(cells[at] ?? '', widths[at] as number, column.align))
      .join(GAP)
      .replace(/ +$/, '');
  const lines = [
    line(columns.map((column) => column.heading)),
    widths.map((width) => '-'.repeat(width)).join(GAP),
  ];
  sections.forEach((section, at) => {
    if (section.title !== undefined) {
      if (at > 0) lines.push('');
      lines.push(section.title);
    }
    for (const row of section.rows) lines.push(line(row));
  });
  return `${lines.join('\n')}\n`;
}
