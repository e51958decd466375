/**
 * The official sheets as rows of text, shared by the .xlsx and .csv exports and the printed
 * pages, so each says exactly the same thing: 成绩汇总表, 评分明细表 (one per judge), 单项得分,
 * 加扣分 and 公示. Every score is the engine's string; nothing is computed here.
 */

import { formatHundredths } from '../../domain/decimal';
import type { ContestantResult } from '../../domain/engine';
import type { Id } from '../../domain/model';
import type { ContestantRecord, JudgeRecord } from '../../domain/records';
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
    }),
  );
  return [...ranked, ...pending, ...held, ...excluded];
}

/** 公示: the ranked contestants only, as posted. */
export function publicRows(report: RoundReport, t: TFunction): SummaryRow[] {
  return summaryRows(report, t).slice(0, report.standings?.ranked.length ?? 0);
}

/** What a column holds, so that a workbook can store it as a number where it is one. */
export type ColumnKind = 'text' | 'rank' | 'decimal' | 'count';

/** A sheet as both exports write it: the header, then one row of text per contestant. */
export interface Table {
  header: string[];
  kinds: ColumnKind[];
  rows: string[][];
}

const SUMMARY_COLUMNS: readonly { field: keyof SummaryRow; label: MessageKey; kind: ColumnKind }[] = [
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
const PUBLIC_FIELDS: readonly (keyof SummaryRow)[] = ['rank', 'name', 'unit', 'score', 'award'];

function tableOf(rows: SummaryRow[], fields: readonly (keyof SummaryRow)[], t: TFunction): Table {
  const columns = SUMMARY_COLUMNS.filter((column) => fields.includes(column.field));
  return {
    header: columns.map((column) => t(column.label)),
    kinds: columns.map((column) => column.kind),
    rows: rows.map((row) => columns.map((column) => row[column.field])),
  };
}

/** 成绩汇总表 as a table: every column of the summary. */
export function summaryTable(report: RoundReport, t: TFunction): Table {
  return tableOf(
    summaryRows(report, t),
    SUMMARY_COLUMNS.map((column) => column.field),
    t,
  );
}

/** 公示 as a table. */
export function publicTable(report: RoundReport, t: TFunction): Table {
  return tableOf(publicRows(report, t), PUBLIC_FIELDS, t);
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
  /** Per criterion, in the sheet's order: the mark, or "" when not given. */
  marks: string[];
  /** The judge total as the engine shows it; "" when it does not count yet. */
  total: string;
  state: JudgeCellState;
}

function stateOf(
  result: ContestantResult | undefined,
  judgeId: Id,
  setAside: boolean,
): { state: JudgeCellState; total: string } {
  if (setAside) return { state: 'setAside', total: '' };
  const entry = result?.judgeTotals.find((total) => total.judge === judgeId);
  if (entry) {
    const state =
      entry.dropped === 'high' ? 'droppedHigh' : entry.dropped === 'low' ? 'droppedLow' : 'counted';
    return { state, total: entry.shown };
  }
  if (result?.recusedJudges.includes(judgeId)) return { state: 'recused', total: '' };
  if (result?.incompleteJudges.includes(judgeId)) return { state: 'incomplete', total: '' };
  return { state: 'none', total: '' };
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
        marks: report.round.criteria.map((criterion) => {
          const value = given?.get(criterion.id);
          return value === undefined ? '' : markText(value, criterion.step);
        }),
        ...stateOf(results.get(contestant.id), judge.id, setAsideFor.has(contestant.id)),
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
    const aggregates = new Map(result.criteria.map((entry) => [entry.criterion, entry.shown]));
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
