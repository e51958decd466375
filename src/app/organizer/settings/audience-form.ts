/**
 * 大众投票 in the round settings: the audience's votes are marks of one rater group on one
 * criterion of the sheet, so turning voting on, off or to another mode changes that group and
 * that criterion together (support: max 1, step 1; rating: max 10, step 1).
 */

import type { Criterion, Hundredths, Id } from '../../../domain/model';
import type { AudienceVoting, RoundRecord } from '../../../domain/records';
import type { TFunction } from '../../i18n/useT';
import { blankGroupRow, type GroupRow } from './groups-form';

export type AudienceMode = AudienceVoting['mode'];

export interface AudienceForm {
  on: boolean;
  mode: AudienceMode;
  windowSeconds: string;
  /** The audience group and its criterion: the round's, or the ones voting will create. */
  groupId: Id;
  criterionId: Id;
}

/** The votes' criterion id when the round has none yet. */
const AUDIENCE_CRITERION_ID = 'audienceVote';
export const DEFAULT_WINDOW_SECONDS = 60;

/** The highest mark of a vote: 支持 = 1, or a rating of 10; a whole mark either way. */
export const AUDIENCE_MAX: Record<AudienceMode, Hundredths> = { support: 100, rating: 1000 };

export function audienceFormOf(round: RoundRecord): AudienceForm {
  const { audience } = round;
  if (audience) {
    return {
      on: true,
      mode: audience.mode,
      windowSeconds: String(audience.windowSeconds),
      groupId: audience.groupId,
      criterionId: audience.criterionId,
    };
  }
  const taken = new Set(round.criteria.map((criterion) => criterion.id));
  let criterionId = AUDIENCE_CRITERION_ID;
  for (let n = 2; taken.has(criterionId); n++) criterionId = `${AUDIENCE_CRITERION_ID}${n}`;
  return {
    on: false,
    mode: 'support',
    windowSeconds: String(DEFAULT_WINDOW_SECONDS),
    groupId: '',
    criterionId,
  };
}

/** The votes' criterion for a mode: its points are its max, so a group of it alone is worth its weight. */
export function audienceCriterion(id: Id, mode: AudienceMode, t: TFunction): Criterion {
  const max = AUDIENCE_MAX[mode];
  return {
    id,
    label: t(mode === 'support' ? 'org.audience.criterion.support' : 'org.audience.criterion.rating'),
    max,
    points: max,
    step: 100,
  };
}

/**
 * The sheet the settings save: the round's criteria with the votes' criterion kept in step with
 * the form (added, changed to the mode, or taken off when voting is off).
 */
export function sheetWithAudience(
  criteria: readonly Criterion[],
  audience: AudienceForm,
  t: TFunction,
): Criterion[] {
  const others = criteria.filter((criterion) => criterion.id !== audience.criterionId);
  if (!audience.on) return others;
  const existing = criteria.find((criterion) => criterion.id === audience.criterionId);
  const wanted = audienceCriterion(audience.criterionId, audience.mode, t);
  // A label the organizer changed on the sheet stays, unless the mode changed what a vote is.
  const kept = existing && existing.max === wanted.max ? { ...wanted, label: existing.label } : wanted;
  return [...others, kept];
}

/**
 * Voting turned on: the audience group joins the groups (with 专家评委 on the rest of the sheet
 * when the round had none), marking the votes' criterion only.
 */
export function groupsWithAudience(
  rows: readonly GroupRow[],
  groupsOn: boolean,
  sheetCriteria: readonly Criterion[],
  audience: AudienceForm,
  t: TFunction,
): { groups: GroupRow[]; groupId: Id } {
  const rest = sheetCriteria
    .filter((criterion) => criterion.id !== audience.criterionId)
    .map((criterion) => criterion.id);
  const base =
    groupsOn && rows.length > 0
      ? rows.map((row) => ({ ...row, criteria: row.criteria.filter((id) => id !== audience.criterionId) }))
      : [blankGroupRow([], t('org.groups.expertLabel'), '70', rest)];
  const existing = base.find((row) => row.id === audience.groupId);
  if (existing) {
    return {
      groups: base.map((row) => (row === existing ? { ...row, criteria: [audience.criterionId] } : row)),
      groupId: existing.id,
    };
  }
  const group = {
    ...blankGroupRow(base, t('org.groups.audienceLabel'), '30', [audience.criterionId]),
    panel: 'mean' as const,
    minJudges: '1',
  };
  return { groups: [...base, group], groupId: group.id };
}

/** The voting settings read from the form; a window length that is not a whole number ≥ 1 is named. */
export function readAudience(
  audience: AudienceForm,
  errors: { audienceWindow?: string },
  t: TFunction,
): AudienceVoting | null {
  if (!audience.on) return null;
  const text = audience.windowSeconds.trim();
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    errors.audienceWindow = t('org.error.wholeAtLeastOne', { value: text });
  }
  return {
    groupId: audience.groupId,
    criterionId: audience.criterionId,
    mode: audience.mode,
    windowSeconds: Number(text) || DEFAULT_WINDOW_SECONDS,
  };
}
