/**
 * What an import would do, before it does it: the sheet's data rows under the chosen header row
 * and column mapping, read by readRoster, and checked against the round's current list (an
 * imported 出场顺序 must not take one already given; a name already on the list is a warning).
 */
import type { Issue } from '../../../domain/issues';
import {
  type ColumnMapping,
  guessColumns,
  type RosterEntry,
  type RosterKind,
  readRoster,
  resolveGroup,
} from '../../../domain/roster-import';

/** How many rows are searched for a header row. */
const HEADER_SEARCH_ROWS = 10;

export type Finding =
  | { source: 'sheet'; issue: Issue; row: number | null; column: number | null }
  | { source: 'drawTaken'; row: number; column: number; draw: number; holder: string }
  | { source: 'nameExists'; row: number; column: number; name: string }
  | { source: 'groupUnknown'; row: number; column: number; value: string; known: readonly string[] }
  | { source: 'groupAudience'; row: number; column: number; value: string };

/** A rater group of the competition's rounds; the audience's (大众投票) takes no judge. */
export interface KnownGroup {
  id: string;
  label: string;
  audience: boolean;
}

export interface ImportPlan {
  /** 1-based spreadsheet row number of the first data row. */
  firstDataRow: number;
  dataRows: readonly (readonly string[])[];
  /** Data rows that are not blank: what the import is about. */
  rowCount: number;
  /** Every row's entry when nothing is wrong (a 评委组 given as its group's id); empty otherwise. */
  entries: RosterEntry[];
  errors: Finding[];
  warnings: Finding[];
}

export interface ExistingPerson {
  name: string;
  draw?: number | null;
}

/**
 * The header row: the first of the top rows in which a name column is recognised (sheets often
 * start with a title line such as "2026年…报名表"); the first row when none is.
 */
export function guessHeaderRow(rows: readonly (readonly string[])[], kind: RosterKind): number {
  const found = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => guessColumns([...row], kind).name !== undefined);
  return Math.max(0, found);
}

export function columnCount(rows: readonly (readonly string[])[]): number {
  return rows.reduce((widest, row) => Math.max(widest, row.length), 0);
}

const numberParam = (value: string | number | undefined) => (typeof value === 'number' ? value : null);

function sheetFinding(issue: Issue): Finding {
  return {
    source: 'sheet',
    issue,
    row: numberParam(issue.params.row),
    column: numberParam(issue.params.column),
  };
}

/** Findings about the whole sheet first, then by row; stable, so a row keeps its columns' order. */
const byRow = (a: Finding, b: Finding) => (a.row ?? 0) - (b.row ?? 0);

/** `headerRow` is the 0-based index of the header row, or null when the sheet has none. */
export function planImport(
  rows: readonly (readonly string[])[],
  headerRow: number | null,
  mapping: ColumnMapping,
  kind: RosterKind,
  existing: readonly ExistingPerson[],
  groups: readonly KnownGroup[] = [],
): ImportPlan {
  const dataStart = headerRow === null ? 0 : headerRow + 1;
  const dataRows = rows.slice(dataStart);
  const firstDataRow = dataStart + 1;
  const read = readRoster(dataRows, mapping, firstDataRow);
  const errors = read.ok ? [] : read.errors.map(sheetFinding);
  const warnings = read.warnings.map(sheetFinding);

  const holderOfDraw = new Map(
    existing.flatMap((person) => (person.draw ? [[person.draw, person.name]] : [])),
  );
  const existingNames = new Set(existing.map((person) => person.name));
  dataRows.forEach((cells, position) => {
    const row = firstDataRow + position;
    const cell = (column: number | undefined) => (column === undefined ? '' : (cells[column] ?? '').trim());
    const drawText = cell(kind === 'contestants' ? mapping.draw : undefined);
    const holder = /^\d+$/.test(drawText) ? holderOfDraw.get(Number(drawText)) : undefined;
    if (holder !== undefined && mapping.draw !== undefined) {
      errors.push({ source: 'drawTaken', row, column: mapping.draw, draw: Number(drawText), holder });
    }
    const name = cell(mapping.name);
    if (name !== '' && mapping.name !== undefined && existingNames.has(name)) {
      warnings.push({ source: 'nameExists', row, column: mapping.name, name });
    }
    const group = cell(kind === 'judges' ? mapping.group : undefined);
    if (group !== '' && mapping.group !== undefined) {
      const found = resolveGroup(group, groups);
      if (!found) {
        const known = [...new Set(groups.filter((each) => !each.audience).map((each) => each.label))];
        errors.push({ source: 'groupUnknown', row, column: mapping.group, value: group, known });
      } else if (found.audience) {
        errors.push({ source: 'groupAudience', row, column: mapping.group, value: group });
      }
    }
  });
  errors.sort(byRow);
  warnings.sort(byRow);
  const rowCount = dataRows.filter((cells) => cells.some((text) => text.trim() !== '')).length;
  return {
    firstDataRow,
    dataRows,
    rowCount,
    entries:
      errors.length === 0 && read.ok
        ? read.entries.map((entry) =>
            entry.group === null ? entry : { ...entry, group: resolveGroup(entry.group, groups)?.id ?? null },
          )
        : [],
    errors,
    warnings,
  };
}
