/**
 * Reading a roster (contestants or judges) from spreadsheet rows: guessing which column holds
 * what from the header, then checking every row. The result is all-or-nothing: either every row
 * is good and the entries come back, or the errors name each bad row and column and nothing is
 * imported. Duplicate names are warnings: two 王伟 can be real.
 */
import { parseHundredths } from './decimal.ts';
import { type Issue, type IssueCode, issue } from './issues.ts';
import type { ContestantStatus, Hundredths } from './model.ts';
import type { ContestantSite } from './records.ts';
import { parseSites } from './site-visits.ts';

export type RosterKind = 'contestants' | 'judges';

export type RosterField =
  | 'name'
  | 'unit'
  | 'topic'
  | 'draw'
  | 'status'
  | 'title'
  | 'weight'
  | 'group'
  | 'sites';

export const ROSTER_FIELDS: Record<RosterKind, readonly RosterField[]> = {
  contestants: ['name', 'unit', 'topic', 'draw', 'status', 'sites'],
  judges: ['name', 'title', 'unit', 'weight', 'group'],
};

/** Header words seen in real sign-up sheets, per field, preferred first (compared without spaces, case-insensitive). */
const HEADER_WORDS: Record<RosterField, readonly string[]> = {
  name: ['姓名', '名字', '选手', '选手姓名', '参赛选手', '评委', '评委姓名', 'name'],
  unit: ['回避单位', '单位', '所在单位', '工作单位', '乡镇', '村', '部门', '单位名称', 'unit'],
  topic: ['题目', '演讲题目', '参赛题目', '课题', '主题', 'topic'],
  // Only words that name the order of appearance: 序号 (or 顺序, order) is the sheet's row number.
  draw: ['出场顺序', '出场序号', '出场号', '抽签号', '抽签顺序', '抽签序号', 'draw'],
  status: ['状态', '参赛状态', 'status'],
  title: ['职务', '职称', '职务职称', '身份', 'title'],
  weight: ['权重', '系数', 'weight'],
  group: ['评委组', '评委分组', '分组', '组别', 'group'],
  // 观摩评分: "大泉湖村 09:30；三工镇党群服务中心" (./site-visits.ts parseSites).
  sites: ['观摩点', '观摩地点', '观摩点位', 'sites'],
};

export type ColumnMapping = Partial<Record<RosterField, number>>;

const normalise = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** Guesses the mapping from a header row; a field whose column is not found is left unmapped. */
export function guessColumns(header: readonly string[], kind: RosterKind): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const field of ROSTER_FIELDS[kind]) {
    // Words in order of preference: a 回避单位 column wins over a 工作单位 one.
    const cells = header.map(normalise);
    const column =
      HEADER_WORDS[field]
        .map((word) => cells.findIndex((cell, position) => !taken.has(position) && cell === word))
        .find((found) => found !== -1) ?? -1;
    if (column !== -1) {
      mapping[field] = column;
      taken.add(column);
    }
  }
  return mapping;
}

/** "A", "B", … "AA": the column names a spreadsheet user sees. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let rest = column + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

export interface RosterEntry {
  /** The spreadsheet row it came from (1-based, counting the header). */
  row: number;
  name: string;
  unit: string | null;
  topic: string | null;
  draw: number | null;
  status: ContestantStatus;
  title: string | null;
  weight: Hundredths;
  /** The 评委组 as written (NFKC, trimmed): a group's label or id, matched by resolveGroup. */
  group: string | null;
  /** 观摩点, as parseSites reads the cell; null when the cell is empty or there is no such column. */
  sites: ContestantSite[] | null;
}

export type RosterRead =
  | { ok: true; entries: RosterEntry[]; warnings: Issue[] }
  | { ok: false; errors: Issue[]; warnings: Issue[] };

const STATUS_WORDS: Record<string, ContestantStatus> = {
  参赛: 'active',
  正常: 'active',
  active: 'active',
  弃权: 'withdrawn',
  退赛: 'withdrawn',
  withdrawn: 'withdrawn',
  取消资格: 'disqualified',
  disqualified: 'disqualified',
};

export const MAX_NAME_LENGTH = 40;

/**
 * Reads the data rows (everything after the header row). `firstRow` is the spreadsheet row
 * number of rows[0], for messages.
 */
export function readRoster(
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  firstRow: number,
): RosterRead {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  if (mapping.name === undefined)
    return { ok: false, errors: [issue('rosterNameColumnMissing', 'name')], warnings };
  const cell = (row: readonly string[], field: RosterField) => {
    const column = mapping[field];
    return column === undefined ? '' : (row[column] ?? '').trim();
  };
  // `row` and `column` travel with the readable path so that a preview can mark the cell.
  const at = (
    code: IssueCode,
    row: number,
    field: RosterField,
    params: Record<string, string | number> = {},
  ) => {
    const column = mapping[field] ?? 0;
    return issue(code, `第 ${row} 行 ${columnLetter(column)} 列`, { ...params, row, column });
  };
  const rowOfDraw = new Map<number, number>();
  const rowOfName = new Map<string, number>();
  const entries: RosterEntry[] = [];

  rows.forEach((cells, position) => {
    if (cells.every((text) => text.trim() === '')) return;
    const row = firstRow + position;
    const name = cell(cells, 'name');
    if (name === '') errors.push(at('rosterNameMissing', row, 'name'));
    else if ([...name].length > MAX_NAME_LENGTH) {
      errors.push(at('rosterNameTooLong', row, 'name', { value: name, max: MAX_NAME_LENGTH }));
    } else if (rowOfName.has(name)) {
      warnings.push(at('rosterDuplicateName', row, 'name', { value: name, other: rowOfName.get(name) ?? 0 }));
    } else rowOfName.set(name, row);

    let draw: number | null = null;
    const drawText = cell(cells, 'draw');
    if (drawText !== '') {
      draw = /^\d+$/.test(drawText) ? Number(drawText) : null;
      if (draw === null || draw < 1 || !Number.isSafeInteger(draw)) {
        errors.push(at('rosterDrawInvalid', row, 'draw', { value: drawText }));
        draw = null;
      } else if (rowOfDraw.has(draw)) {
        errors.push(at('rosterDrawDuplicate', row, 'draw', { value: draw, other: rowOfDraw.get(draw) ?? 0 }));
      } else rowOfDraw.set(draw, row);
    }

    let weight: Hundredths = 100;
    const weightText = cell(cells, 'weight');
    if (weightText !== '') {
      const parsed = parseHundredths(weightText);
      if (parsed.ok && parsed.value > 0) weight = parsed.value;
      else errors.push(at('rosterWeightInvalid', row, 'weight', { value: weightText }));
    }

    let status: ContestantStatus = 'active';
    const statusText = cell(cells, 'status');
    if (statusText !== '') {
      const known = STATUS_WORDS[normalise(statusText)];
      if (known) status = known;
      else errors.push(at('rosterStatusUnknown', row, 'status', { value: statusText }));
    }

    let sites: ContestantSite[] | null = null;
    const sitesText = cell(cells, 'sites');
    if (sitesText !== '') {
      const parsed = parseSites(sitesText);
      if (parsed.ok) sites = parsed.sites.length > 0 ? parsed.sites : null;
      else errors.push(at('rosterSitesInvalid', row, 'sites', { value: sitesText }));
    }

    entries.push({
      row,
      name,
      unit: cell(cells, 'unit') || null,
      topic: cell(cells, 'topic') || null,
      draw,
      status,
      title: cell(cells, 'title') || null,
      weight,
      group: groupText(cell(cells, 'group')) || null,
      sites,
    });
  });
  if (entries.length === 0 && errors.length === 0) errors.push(issue('rosterEmpty', 'rows'));
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, entries, warnings };
}

/** A 评委组 as typed: full-width letters and digits made plain (NFKC), spaces at the ends dropped. */
export function groupText(text: string): string {
  return text.normalize('NFKC').trim();
}

/**
 * The group a 评委组 cell names, by label first, then by id (both compared as groupText), among
 * the groups of the competition's rounds; null when none is named so.
 */
export function resolveGroup<G extends { id: string; label: string }>(
  text: string,
  groups: readonly G[],
): G | null {
  const wanted = groupText(text);
  return (
    groups.find((group) => groupText(group.label) === wanted) ??
    groups.find((group) => groupText(group.id) === wanted) ??
    null
  );
}
