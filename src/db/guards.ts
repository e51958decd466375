/**
 * Field checks of the writes, each throwing a RepositoryError whose reason names the field and
 * the entry it belongs to (`fieldOf`). Refused, never clamped or corrected: a mark of 41 on a 40-point criterion
 * is a typing error the judge must see.
 *
 * The round's sheet, settings and marks are checked by the engine's own rules
 * (src/domain/validate.ts, written up in src/domain/SCORING.md), so what is saved is scored.
 */

import { formatHundredths } from '../domain/decimal';
import type { Issue, IssueCode } from '../domain/issues';
import type { Criterion, Hundredths, RoundSettings } from '../domain/model';
import { DEFAULT_STEP } from '../domain/model';
import type { OvertimeRule } from '../domain/records';
import { checkSingleMark, indexRound } from '../domain/validate';
import {
  because,
  type Field,
  fieldOf,
  type Reason,
  RepositoryError,
  type RepositoryErrorCode,
} from './errors';
import { newId } from './ids';

function invalid(reason: Reason): never {
  throw new RepositoryError('invalid-field', reason);
}

/** Trimmed, non-empty text of at most `maxLength` characters. */
export function requireText(value: string, field: Field, maxLength = 200): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') invalid(because('textRequired', { field }));
  if (text.length > maxLength) invalid(because('textTooLong', { field, max: maxLength }));
  return text;
}

/** Trimmed optional text; empty becomes null. */
export function optionalText(value: string | null | undefined, field: Field, maxLength = 200): string | null {
  if (value == null) return null;
  const text = String(value).trim();
  if (text.length > maxLength) invalid(because('textTooLong', { field, max: maxLength }));
  return text === '' ? null : text;
}

export function isHundredths(value: unknown): value is Hundredths {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function requirePositiveHundredths(value: Hundredths, field: Field): Hundredths {
  if (!isHundredths(value) || value <= 0) invalid(because('notPositiveHundredths', { field }));
  return value;
}

export function requireWholeNumber(
  value: number,
  field: Field,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    invalid(
      max === Number.MAX_SAFE_INTEGER
        ? because('wholeNumberFrom', { field, min })
        : because('wholeNumberBetween', { field, min, max }),
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
  if (drafts.length === 0) invalid(because('noCriteria'));
  const ids = new Set<string>();
  return drafts.map((draft, index) => {
    const label = requireText(draft.label, fieldOf('criterionName', { position: index + 1 }), 50);
    const criterion = { criterion: label };
    const max = requirePositiveHundredths(draft.max, fieldOf('criterionMax', criterion));
    const points = requirePositiveHundredths(draft.points ?? max, fieldOf('criterionPoints', criterion));
    const step = requirePositiveHundredths(draft.step ?? DEFAULT_STEP, fieldOf('criterionStep', criterion));
    if (max % step !== 0) {
      invalid(
        because('maxNotMultipleOfStep', {
          criterion: label,
          max: formatHundredths(max),
          step: formatHundredths(step),
        }),
      );
    }
    const id = draft.id ?? newId();
    if (ids.has(id)) invalid(because('duplicateCriterionId', criterion));
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
  if (issues.length > 0) invalid(because('engineRules', { issues }));
}

export function checkTiming(timeLimitSeconds: number | null, overtime: OvertimeRule | null): void {
  if (timeLimitSeconds !== null) requireWholeNumber(timeLimitSeconds, fieldOf('timeLimit'), 1);
  if (overtime !== null) {
    if (timeLimitSeconds === null) invalid(because('overtimeWithoutLimit'));
    requireWholeNumber(overtime.everySeconds, fieldOf('overtimeInterval'), 1);
    requirePositiveHundredths(overtime.points, fieldOf('overtimePoints'));
  }
}

/** Who gives the mark, to whom: the names the refusal shows. */
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
  return new RepositoryError(
    MARK_ERROR_CODES[found.code] ?? 'invalid-field',
    because('engineRules', { issues: [found] }),
  );
}
