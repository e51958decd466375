/**
 * Field checks of the writes, each throwing a RepositoryError whose zh-CN message names the
 * offending entry. Refused, never clamped or corrected: a mark of 41 on a 40-point criterion
 * is a typing error the judge must see.
 *
 * The round's sheet, settings and marks are checked by the engine's own rules
 * (src/domain/validate.ts, written up in src/domain/SCORING.md), so what is saved is scored.
 */

import { formatHundredths } from '../domain/decimal';
import { describeIssue, type Issue, type IssueCode } from '../domain/issues';
import type { Criterion, Hundredths, RoundSettings } from '../domain/model';
import { DEFAULT_STEP } from '../domain/model';
import type { OvertimeRule } from '../domain/records';
import { checkSingleMark, indexRound } from '../domain/validate';
import { RepositoryError, type RepositoryErrorCode } from './errors';
import { newId } from './ids';

function invalid(message: string): never {
  throw new RepositoryError('invalid-field', message);
}

/** Trimmed, non-empty text of at most `maxLength` characters. */
export function requireText(value: string, field: string, maxLength = 200): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') invalid(`${field}不能为空`);
  if (text.length > maxLength) invalid(`${field}不能超过 ${maxLength} 个字`);
  return text;
}

/** Trimmed optional text; empty becomes null. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  maxLength = 200,
): string | null {
  if (value == null) return null;
  const text = String(value).trim();
  if (text.length > maxLength) invalid(`${field}不能超过 ${maxLength} 个字`);
  return text === '' ? null : text;
}

export function isHundredths(value: unknown): value is Hundredths {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function requirePositiveHundredths(value: Hundredths, field: string): Hundredths {
  if (!isHundredths(value) || value <= 0) invalid(`${field}必须大于 0，且最多两位小数`);
  return value;
}

export function requireWholeNumber(
  value: number,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    invalid(
      max === Number.MAX_SAFE_INTEGER
        ? `${field}必须是不小于 ${min} 的整数`
        : `${field}必须是 ${min} 到 ${max} 的整数`,
    );
  }
  return value;
}

/** A criterion as the organizer types it: points default to max, step to 0.1. */
export interface CriterionDraft {
  id?: string;
  label: string;
  max: Hundredths;
  points?: Hundredths;
  step?: Hundredths;
}

export function normalizeCriteria(drafts: readonly CriterionDraft[]): Criterion[] {
  if (drafts.length === 0) invalid('评分标准至少要有一个评分项');
  const ids = new Set<string>();
  return drafts.map((draft, index) => {
    const label = requireText(draft.label, `第 ${index + 1} 个评分项的名称`, 50);
    const max = requirePositiveHundredths(draft.max, `评分项“${label}”的满分`);
    const points = requirePositiveHundredths(draft.points ?? max, `评分项“${label}”的分值`);
    const step = requirePositiveHundredths(draft.step ?? DEFAULT_STEP, `评分项“${label}”的最小分值单位`);
    if (max % step !== 0) {
      invalid(
        `评分项“${label}”的满分 ${formatHundredths(max)} 不是最小分值单位 ${formatHundredths(step)} 的整数倍`,
      );
    }
    const id = draft.id ?? newId();
    if (ids.has(id)) invalid(`评分项“${label}”的编号与另一个评分项重复`);
    ids.add(id);
    return { id, label, max, points, step };
  });
}

/**
 * The round's sheet and settings under the engine's own rules (src/domain/validate.ts), so
 * that a round the organizer saves is a round the engine will score.
 */
export function checkScoringRules(criteria: readonly Criterion[], settings: RoundSettings): void {
  const { issues } = indexRound({
    criteria: [...criteria],
    judges: [],
    contestants: [],
    marks: [],
    adjustments: [],
    settings,
  });
  if (issues.length > 0) invalid(issues.map((found) => describeIssue(found)).join('；'));
}

export function checkTiming(timeLimitSeconds: number | null, overtime: OvertimeRule | null): void {
  if (timeLimitSeconds !== null) requireWholeNumber(timeLimitSeconds, '每位选手的时间限制（秒）', 1);
  if (overtime !== null) {
    if (timeLimitSeconds === null) invalid('设置超时扣分前，请先设置时间限制');
    requireWholeNumber(overtime.everySeconds, '超时扣分的间隔（秒）', 1);
    requirePositiveHundredths(overtime.points, '每次超时扣分');
  }
}

/** Who gives the mark, to whom: the names the error message shows. */
export interface MarkContext {
  judgeName: string;
  contestantName: string;
}

const MARK_ERROR_CODES: Partial<Record<IssueCode, RepositoryErrorCode>> = {
  tooManyDecimals: 'mark-not-hundredths',
  markNegative: 'mark-negative',
  markAboveMax: 'mark-above-max',
  markOffStep: 'mark-off-step',
};

/** A mark must be 0 to max on the criterion's step, in whole hundredths: the engine's rule. */
export function checkMarkValue(criterion: Criterion, value: Hundredths, context: MarkContext): void {
  // Named by its label alone: the engine would add the (random, unreadable) id to the label.
  const found = checkSingleMark(
    value,
    { ...criterion, id: criterion.label },
    {
      judge: context.judgeName,
      contestant: context.contestantName,
    },
  );
  if (found) throw markValueError(found);
}

/** The error of a mark that breaks its criterion's rule (found by `checkSingleMark`). */
export function markValueError(found: Issue): RepositoryError {
  return new RepositoryError(MARK_ERROR_CODES[found.code] ?? 'invalid-field', describeIssue(found));
}
