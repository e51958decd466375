/**
 * The official sheets as rows of text, shared by the .xlsx and .csv exports and the printed
 * pages, so each says exactly the same thing: 成绩汇总表, 评分明细表 (one per judge), 单项得分,
 * 加扣分 and 公示. Every score is the engine's string; nothing is computed here.
 */

import { formatHundredths } from '../../domain/decimal';
import type { ContestantResult } from '../../domain/engine';
import { groupParts, groupShares } from '../../domain/group-parts';
import { judgeCriteria } from '../../domain/groups';
import type { Criterion, Id } from '../../domain/model';
import type { ContestantRecord, JudgeRecord } from '../../domain/records';
import type { ColumnKind } from '../files/xlsx-cells';
import type { MessageKey } from '../i18n/messages';
import type { TFunction } from '../i18n/useT';
import { adjustmentsInOrder, marksOfJudge, type RoundReport } from './report';
import { placeText } from './words';

export interface SummaryRow {
  rank: string;
  name: string;
  unit: string;
  topic: string;
  /** The announced score, "" while pending. */
  score: string;
  award: string;
  judges: string;
  exact: string;
  note: string;
  /** With rater groups, each group's score in the round's group order ("88.35", a support vote's "83.3%"); "" unscored. */
  groups: string[];
  /** With audience voting, the audience's votes counted for the contestant (大众投票人数). */
  turnout: string;
  /** With signed sheets, the contestant's sheets validly signed ("3/3") and the keys' fingerprints. */
  signed: string;
  keys: string;
}

function signaturesOf(report: RoundReport, id: Id): Pick<SummaryRow, 'signed' | 'keys'> {
  const found = report.signatures?.get(id);
  if (!found) return { signed: '', keys: '' };
  return { signed: `${found.signed}/${found.submitted}`, keys: found.fingerprints.join(' ') };
}

/** Each group's score as the sheets show it, in the round's group order; [] without groups. */
function groupScores(report: RoundReport, result: ContestantResult): string[] {
  const parts = groupParts(result, report.round.settings, report.round.audience) ?? [];
  // One cell per group of the round, in the columns' order, whatever the result holds.
  return (report.round.settings.groups ?? []).map(
    (group) => parts.find((part) => part.id === group.id)?.score ?? '',
  );
}

/** The audience's votes counted for the contestant: the counted judges of the audience's group. */
function turnoutOf(report: RoundReport, result: ContestantResult): string {
  const groupId = report.round.audience?.groupId;
  const group = result.groups?.find((candidate) => candidate.id === groupId);
  return group ? String(group.countedJudges) : '';
}

function contestantOf(report: RoundReport, id: Id): ContestantRecord | undefined {
  return report.contestants.find((contestant) => contestant.id === id);
}

/**
 * 成绩汇总表: the ranked in rank order, then the pending (评分中), then those held by a set-aside
 * sheet (需处理, no score), then those not ranked.
 */
export function summaryRows(report: RoundReport, t: TFunction): SummaryRow[] {
  const { standings } = report;
  if (!standings) return [];
  const ranked = standings.ranked.map(
    (result, at): SummaryRow => ({
      rank: result.tied ? t('results.rank.tied', { rank: result.rank ?? '' }) : String(result.rank),
      name: result.name,
      unit: result.unit ?? '',
      topic: contestantOf(report, result.id)?.topic ?? '',
      score: result.announcedScore ?? '',
      award: result.award ?? '',
      judges: String(result.countedJudges),
      exact: result.exactFinal ?? '',
      note: placeText(result, standings.ranked[at - 1] ?? null, report.round.criteria, t),
      groups: groupScores(report, result),
      turnout: turnoutOf(report, result),
      ...signaturesOf(report, result.id),
    }),
  );
  /** A contestant with no score yet: the note says why. */
  const unscored = (result: ContestantResult, note: string): SummaryRow => ({
    rank: '—',
    name: result.name,
    unit: result.unit ?? '',
    topic: contestantOf(report, result.id)?.topic ?? '',
    score: '',
    award: '',
    judges: String(result.countedJudges),
    exact: '',
    note,
    // The votes so far; no group score before the contestant's result is complete.
    groups: [],
    turnout: turnoutOf(report, result),
    ...signaturesOf(report, result.id),
  });
  const pending = standings.pending.map((result) =>
    unscored(
      result,
      t('results.pending.note', { counted: result.countedJudges, required: result.requiredJudges }),
    ),
  );
  const held = standings.held.map((result) =>
    unscored(
      result,
      t('results.held.note', {
        count: standings.setAside
          .filter((sheet) => sheet.contestant === result.id && sheet.affectsScore)
          .reduce((sum, sheet) => sum + sheet.issues.length, 0),
      }),
    ),
  );
  const excluded = standings.excluded.map(
    (entry): SummaryRow => ({
      rank: '—',
      name: entry.name,
      unit: contestantOf(report, entry.id)?.unit ?? '',
      topic: contestantOf(report, entry.id)?.topic ?? '',
      score: '',
      award: '',
      judges: '',
      exact: '',
      note: t(
        entry.status === 'withdrawn' ? 'results.status.withdrawnShort' : 'results.status.disqualifiedShort',
      ),
      groups: [],
      turnout: '',
      signed: '',
      keys: '',
    }),
  );
  return [...ranked, ...pending, ...held, ...excluded];
}

/** 公示: the ranked contestants only, as posted. */
export function publicRows(report: RoundReport, t: TFunction): SummaryRow[] {
  return summaryRows(report, t).slice(0, report.standings?.ranked.length ?? 0);
}

export type { ColumnKind };

/** A sheet as both exports write it: the header, then one row of text per contestant. */
export interface Table {
  /** What each column is ('score', 'group:experts', 'turnout'…), for a workbook's widths. */
  keys: string[];
  header: string[];
  kinds: ColumnKind[];
  rows: string[][];
}

type SummaryField = Exclude<keyof SummaryRow, 'groups' | 'signed' | 'keys'>;

const SUMMARY_COLUMNS: readonly { field: SummaryField; label: MessageKey; kind: ColumnKind }[] = [
  { field: 'rank', label: 'results.col.rank', kind: 'rank' },
  { field: 'name', label: 'results.col.name', kind: 'text' },
  { field: 'unit', label: 'results.col.unit', kind: 'text' },
  { field: 'topic', label: 'results.col.topic', kind: 'text' },
  { field: 'score', label: 'results.col.score', kind: 'decimal' },
  { field: 'award', label: 'results.col.award', kind: 'text' },
  { field: 'judges', label: 'results.col.judgesCounted', kind: 'count' },
  { field: 'exact', label: 'results.col.exact', kind: 'text' },
  { field: 'note', label: 'results.col.note', kind: 'text' },
];

/** The 公示 list shows who placed where, not how the score was reached. */
const PUBLIC_FIELDS: readonly SummaryField[] = ['rank', 'name', 'unit', 'score', 'award'];

interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
  cell: (row: SummaryRow) => string;
}

function tableOf(rows: SummaryRow[], columns: readonly Column[]): Table {
  return {
    keys: columns.map((column) => column.key),
    header: columns.map((column) => column.label),
    kinds: columns.map((column) => column.kind),
    rows: rows.map((row) => columns.map((column) => column.cell(row))),
  };
}

function fieldColumns(fields: readonly SummaryField[], t: TFunction): Column[] {
  return SUMMARY_COLUMNS.filter((column) => fields.includes(column.field)).map((column) => ({
    key: column.field,
    label: t(column.label),
    kind: column.kind,
    cell: (row) => row[column.field],
  }));
}

/**
 * The summary's columns: with rater groups, a column per group (专家评委（70%）) before the final
 * score; with audience voting, the votes counted (大众投票人数) after the judges counted. A round
 * without either has exactly the columns it always had.
 */
export function summaryColumns(report: RoundReport, t: TFunction): Column[] {
  const { round } = report;
  const shares = groupShares(round.settings.groups, round.settings.rounding);
  const groupColumns = (round.settings.groups ?? []).map(
    (group, at): Column => ({
      key: `group:${group.id}`,
      label: t('results.col.group', { label: group.label, share: shares.get(group.id) ?? '' }),
      // A support vote's share of 支持 ("83.3%") is text; every other group's score a number.
      kind: round.audience?.groupId === group.id && round.audience.mode === 'support' ? 'text' : 'decimal',
      cell: (row) => row.groups[at] ?? '',
    }),
  );
  const turnout: Column[] = round.audience
    ? [{ key: 'turnout', label: t('results.col.turnout'), kind: 'count', cell: (row) => row.turnout }]
    : [];
  // With signed sheets: how many of the contestant's sheets are signed, and by which keys.
  const signatures: Column[] = report.signatures
    ? [
        { key: 'signed', label: t('results.col.signed'), kind: 'text', cell: (row) => row.signed },
        { key: 'keys', label: t('results.col.keys'), kind: 'text', cell: (row) => row.keys },
      ]
    : [];
  return fieldColumns(
    SUMMARY_COLUMNS.map((column) => column.field),
    t,
  ).flatMap((column) =>
    column.key === 'score'
      ? [...groupColumns, column]
      : column.key === 'judges'
        ? [column, ...turnout, ...signatures]
        : [column],
  );
}

/** 成绩汇总表 as a table: every column of the summary. */
export function summaryTable(report: RoundReport, t: TFunction): Table {
  return tableOf(summaryRows(report, t), summaryColumns(report, t));
}

/** 公示 as a table. */
export function publicTable(report: RoundReport, t: TFunction): Table {
  return tableOf(publicRows(report, t), fieldColumns(PUBLIC_FIELDS, t));
}

/** A mark with as many decimals as its criterion's step: 17 is "17.0" on a sheet of tenths. */
export function markText(value: number, step: number): string {
  const decimals = step % 100 === 0 ? 0 : step % 10 === 0 ? 1 : 2;
  const [whole, fraction = ''] = formatHundredths(value).split('.');
  return decimals === 0 && fraction === '' ? (whole as string) : `${whole}.${fraction.padEnd(decimals, '0')}`;
}

export type JudgeCellState =
  | 'counted'
  | 'droppedHigh'
  | 'droppedLow'
  | 'recused'
  | 'setAside'
  | 'incomplete'
  | 'none';

export interface JudgeSheetRow {
  contestantId: Id;
  draw: string;
  name: string;
  unit: string;
  /** Per criterion of the judge's sheet (`judgeSheetCriteria`), in the sheet's order: the mark, or "" when not given. */
  marks: string[];
  /** The judge total as the engine shows it; "" when it does not count yet. */
  total: string;
  state: JudgeCellState;
}

function stateOf(
  result: ContestantResult | undefined,
  judge: Pick<JudgeRecord, 'id' | 'group'>,
  setAside: boolean,
): { state: JudgeCellState; total: string } {
  if (setAside) return { state: 'setAside', total: '' };
  // With groups, the judge's total, drop and recusal are its group's.
  const scope = result?.groups?.find((group) => group.id === judge.group) ?? result;
  const entry = scope?.judgeTotals.find((total) => total.judge === judge.id);
  if (entry) {
    const state =
      entry.dropped === 'high' ? 'droppedHigh' : entry.dropped === 'low' ? 'droppedLow' : 'counted';
    return { state, total: entry.shown };
  }
  if (scope?.recusedJudges.includes(judge.id)) return { state: 'recused', total: '' };
  if (scope?.incompleteJudges.includes(judge.id)) return { state: 'incomplete', total: '' };
  return { state: 'none', total: '' };
}

/** The criteria of a judge's 评分明细表: its group's with groups, the whole sheet without. */
export function judgeSheetCriteria(report: RoundReport, judge: Pick<JudgeRecord, 'group'>): Criterion[] {
  return judgeCriteria(report.round.settings, judge, report.round.criteria);
}

/**
 * The judges whose 评分明细表 are printed and exported, grouped by their rater group in the
 * round's group order (the panel's order within a group), each with its group's label; in the
 * panel's order, without a label, for a round without groups.
 */
export function judgesByGroup(report: RoundReport): { judge: JudgeRecord; group: string | null }[] {
  const groups = report.round.settings.groups;
  if (!groups) return report.judges.map((judge) => ({ judge, group: null }));
  const place = (judge: JudgeRecord) => {
    const at = groups.findIndex((group) => group.id === judge.group);
    return at === -1 ? groups.length : at;
  };
  return [...report.judges]
    .sort((a, b) => place(a) - place(b))
    .map((judge) => ({ judge, group: groups[place(judge)]?.label ?? null }));
}

export const JUDGE_STATE_KEYS = {
  counted: 'results.judgeState.counted',
  droppedHigh: 'results.judgeState.droppedHigh',
  droppedLow: 'results.judgeState.droppedLow',
  recused: 'results.judgeState.recused',
  setAside: 'results.judgeState.setAside',
  incomplete: 'results.judgeState.incomplete',
  none: 'results.judgeState.none',
} as const;

/** 评分明细表 of one judge: every active contestant in the order of appearance. */
export function judgeSheetRows(report: RoundReport, judge: JudgeRecord): JudgeSheetRow[] {
  const marks = marksOfJudge(report.input, judge.id);
  const { standings } = report;
  const results = new Map(
    [...(standings?.ranked ?? []), ...(standings?.pending ?? []), ...(standings?.held ?? [])].map(
      (result) => [result.id, result],
    ),
  );
  const setAsideFor = new Set(
    (standings?.setAside ?? []).filter((sheet) => sheet.judge === judge.id).map((sheet) => sheet.contestant),
  );
  return report.contestants
    .filter((contestant) => contestant.status === 'active')
    .map((contestant) => {
      const given = marks.get(contestant.id);
      return {
        contestantId: contestant.id,
        draw: contestant.draw === null ? '' : String(contestant.draw),
        name: contestant.name,
        unit: contestant.unit ?? '',
        marks: judgeSheetCriteria(report, judge).map((criterion) => {
          const value = given?.get(criterion.id);
          return value === undefined ? '' : markText(value, criterion.step);
        }),
        ...stateOf(results.get(contestant.id), judge, setAsideFor.has(contestant.id)),
      };
    });
}

export interface CriterionRow {
  rank: string;
  name: string;
  /** Per criterion, in the sheet's order. */
  aggregates: string[];
  panel: string;
  adjustments: string;
  score: string;
}

/** 单项得分: each contestant's panel aggregate per criterion, the total aggregate and the final. */
export function criterionRows(report: RoundReport, t: TFunction): CriterionRow[] {
  const { standings } = report;
  if (!standings) return [];
  const held = new Set(standings.held.map((result) => result.id));
  const unrankedLabel = (id: Id) => t(held.has(id) ? 'results.held.label' : 'results.pending.label');
  return [...standings.ranked, ...standings.pending, ...standings.held].map((result) => {
    // With groups, a criterion's aggregate is its group's where the contestant's has none.
    const aggregates = new Map(
      [...(result.groups ?? []).flatMap((group) => group.criteria), ...result.criteria].map((entry) => [
        entry.criterion,
        entry.shown,
      ]),
    );
    return {
      rank: result.rank === null ? unrankedLabel(result.id) : String(result.rank),
      name: result.name,
      aggregates: report.round.criteria.map((criterion) => aggregates.get(criterion.id) ?? ''),
      panel: result.aggregate ?? '',
      adjustments: result.adjustmentTotal === '0' ? '' : result.adjustmentTotal,
      score: result.announcedScore ?? '',
    };
  });
}

export interface AdjustmentSheetRow {
  name: string;
  label: string;
  points: string;
  reason: string;
  state: string;
}

/** 加扣分: every adjustment with its reason, revoked ones marked with why. */
export function adjustmentRows(report: RoundReport, t: TFunction): AdjustmentSheetRow[] {
  return adjustmentsInOrder(report).map((row) => {
    const added = row.added as NonNullable<typeof row.added>;
    const points = formatHundredths(added.points);
    return {
      name: contestantOf(report, added.contestantId)?.name ?? added.contestantId,
      label: added.label,
      points: added.points > 0 ? `+${points}` : points,
      reason: added.reason,
      state: row.revoked
        ? t('results.adjustmentState.revoked', {
            reason: row.revoked.reason || t('results.adjustment.noReason'),
          })
        : t('results.adjustmentState.active'),
    };
  });
}
