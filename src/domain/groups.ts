/**
 * Rater groups 评委分组 (scoring rules, "Rater groups"): which group a judge marks for and which
 * criteria that group marks. The one rule "a judge marks only its group's criteria", shared by
 * the engine's validation, the mark write (./mark-write.ts) and the judge's tablet.
 */
import type { Id, RaterGroup, RoundSettings } from './model.ts';

/** The criterion ids a group marks, in sheet order: its own list, or every criterion. */
export function groupCriteria(group: RaterGroup, criteria: readonly { id: Id }[]): Id[] {
  if (group.criteria === null) return criteria.map((criterion) => criterion.id);
  const marked = new Set(group.criteria);
  return criteria.filter((criterion) => marked.has(criterion.id)).map((criterion) => criterion.id);
}

/**
 * The round's group a judge marks for: null when the round has no groups, or when the judge's
 * group (competition-wide, matched by id) is not one of this round's.
 */
export function judgeGroupOf(
  settings: Pick<RoundSettings, 'groups'>,
  judge: { group?: Id },
): RaterGroup | null {
  if (!settings.groups || judge.group === undefined) return null;
  return settings.groups.find((group) => group.id === judge.group) ?? null;
}

/**
 * The criteria a judge marks in a round, in sheet order: every criterion when the round has no
 * groups; its group's when it has; none when the judge has no group of this round.
 */
export function judgeCriteria<C extends { id: Id }>(
  settings: Pick<RoundSettings, 'groups'>,
  judge: { group?: Id },
  criteria: readonly C[],
): C[] {
  if (!settings.groups) return [...criteria];
  const group = judgeGroupOf(settings, judge);
  if (!group) return [];
  const marked = new Set(groupCriteria(group, criteria));
  return criteria.filter((criterion) => marked.has(criterion.id));
}

/** Whether the judge may mark this criterion in the round: "a judge marks only its group's criteria". */
export function judgeMarksCriterion(
  settings: Pick<RoundSettings, 'groups'>,
  judge: { group?: Id },
  criterionId: Id,
): boolean {
  if (!settings.groups) return true;
  const group = judgeGroupOf(settings, judge);
  return group !== null && (group.criteria === null || group.criteria.includes(criterionId));
}
