/**
 * 回避 (recusal): whether a judge may score a contestant. The one place that decides it: the
 * engine, the live standings, the stage's checks, the judge's sheet, the device's mark guard and
 * the organizer's recusal table all ask here.
 *
 * The scoring contract's rule is the base case: a judge whose unit equals the contestant's does
 * not score them (`equal`, what an interchange file without the field gets). Rounds set up in the
 * app use `contains`: unit names nest (三工镇 ⊃ 三工镇下六工村), so a judge is also recused when
 * one unit contains the other. Either way a judge's own 回避名单 (`recuse`: contestants and units)
 * applies too. Units are compared after NFKC and trimming (full-width and half-width variants,
 * stray spaces); a blank unit is no unit.
 */
import type { Id, RecusalRule, RecuseList } from './model.ts';

export const RECUSAL_RULES: readonly RecusalRule[] = ['equal', 'contains'];

/** The rule of a round whose settings do not say (interchange files, rounds stored before it). */
export const CONTRACT_RECUSAL_RULE: RecusalRule = 'equal';

/** The rule of a round created in the app. */
export const APP_RECUSAL_RULE: RecusalRule = 'contains';

/** 同单位 / 单位包含 / 回避名单 */
export type RecusalReason = 'sameUnit' | 'unitContains' | 'recuseList';

export interface RecusalJudge {
  unit: string | null;
  recuse?: RecuseList | undefined;
}

export interface RecusalContestant {
  id: Id;
  unit: string | null;
}

/** The unit as compared: NFKC, trimmed; null for no unit (absent, empty or only spaces). */
export function normaliseUnit(unit: string | null | undefined): string | null {
  if (unit === null || unit === undefined) return null;
  const normalised = unit.normalize('NFKC').trim();
  return normalised === '' ? null : normalised;
}

function unitsMatch(
  judgeUnit: string | null,
  contestantUnit: string | null,
  rule: RecusalRule,
): 'sameUnit' | 'unitContains' | null {
  if (judgeUnit === null || contestantUnit === null) return null;
  if (judgeUnit === contestantUnit) return 'sameUnit';
  if (rule === 'contains' && (judgeUnit.includes(contestantUnit) || contestantUnit.includes(judgeUnit))) {
    return 'unitContains';
  }
  return null;
}

/** Why the judge is recused from the contestant, or null when they score them. */
export function recusalReason(
  judge: RecusalJudge,
  contestant: RecusalContestant,
  rule: RecusalRule | undefined,
): RecusalReason | null {
  const effectiveRule = rule ?? CONTRACT_RECUSAL_RULE;
  const contestantUnit = normaliseUnit(contestant.unit);
  const byOwnUnit = unitsMatch(normaliseUnit(judge.unit), contestantUnit, effectiveRule);
  if (byOwnUnit) return byOwnUnit;
  const list = judge.recuse;
  if (!list) return null;
  if (list.contestantIds.includes(contestant.id)) return 'recuseList';
  const listed = list.units.some(
    (unit) => unitsMatch(normaliseUnit(unit), contestantUnit, effectiveRule) !== null,
  );
  return listed ? 'recuseList' : null;
}

export function isRecusedFrom(
  judge: RecusalJudge,
  contestant: RecusalContestant,
  rule: RecusalRule | undefined,
): boolean {
  return recusalReason(judge, contestant, rule) !== null;
}

export interface Recusal {
  judgeId: Id;
  contestantId: Id;
  reason: RecusalReason;
}

/** Every recused pair of a round, judges in the given order, then contestants in theirs. */
export function recusalsOf(
  judges: readonly (RecusalJudge & { id: Id })[],
  contestants: readonly RecusalContestant[],
  rule: RecusalRule | undefined,
): Recusal[] {
  return judges.flatMap((judge) =>
    contestants.flatMap((contestant) => {
      const reason = recusalReason(judge, contestant, rule);
      return reason ? [{ judgeId: judge.id, contestantId: contestant.id, reason }] : [];
    }),
  );
}
