/**
 * The rater groups (评委组) a judge can be put in. A judge's group is competition-wide
 * (JudgeRecord.group, an id matched against each round's groups), so the groups on offer are
 * those of the judge's rounds, one entry per id.
 */
import type { Id } from '../../../domain/model';
import type { JudgeRecord, RoundRecord } from '../../../domain/records';

export interface GroupChoice {
  id: Id;
  /** The group's label; labels that differ between rounds for one id are joined with " / ". */
  label: string;
  /** The audience's phones vote as this group (大众投票) in one of the rounds: no judge joins it. */
  audience: boolean;
}

/** The groups of these rounds, in round then group order, one per id. */
export function competitionGroups(rounds: readonly RoundRecord[]): GroupChoice[] {
  const labels = new Map<Id, string[]>();
  const audience = new Set(rounds.flatMap((round) => (round.audience ? [round.audience.groupId] : [])));
  for (const round of rounds) {
    for (const group of round.settings.groups ?? []) {
      const seen = labels.get(group.id) ?? [];
      if (!seen.includes(group.label)) seen.push(group.label);
      labels.set(group.id, seen);
    }
  }
  return [...labels].map(([id, names]) => ({ id, label: names.join(' / '), audience: audience.has(id) }));
}

/** Whether a round the judge scores has groups, none of which is the judge's: they cannot mark there. */
export function lacksGroup(judge: JudgeRecord, rounds: readonly RoundRecord[]): boolean {
  return rounds.some(
    (round) =>
      judge.roundIds.includes(round.id) &&
      round.settings.groups !== undefined &&
      !round.settings.groups.some((group) => group.id === judge.group),
  );
}
