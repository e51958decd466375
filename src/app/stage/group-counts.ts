/**
 * Each rater group's count for the host (专家评委 5/5 · 大众评审 已投 37), with the group parts
 * (./GroupParts.tsx), loaded on demand. Pure.
 */

import type { ContestantResult } from '../../domain/engine';
import type { Id } from '../../domain/model';
import type { JudgeRecord, RoundRecord } from '../../domain/records';
import type { JudgeProgress } from '../../domain/reveal-checks';

export type GroupCount =
  | { id: Id; label: string; kind: 'panel'; submitted: number; eligible: number }
  | { id: Id; label: string; kind: 'audience'; votes: number };

/**
 * Per group, the sheets in against the group's eligible judges; for the audience's group, the
 * votes counted so far (its judges are the phones that voted). Null for a round without groups.
 */
export function groupCounts(
  round: RoundRecord,
  judges: readonly JudgeRecord[],
  progress: readonly JudgeProgress[],
  result: ContestantResult | undefined,
): GroupCount[] | null {
  const groups = round.settings.groups;
  if (!groups) return null;
  return groups.map((group): GroupCount => {
    if (group.id === round.audience?.groupId) {
      const votes = result?.groups?.find((part) => part.id === group.id)?.countedJudges ?? 0;
      return { id: group.id, label: group.label, kind: 'audience', votes };
    }
    const members = new Set(judges.filter((judge) => judge.group === group.id).map((judge) => judge.id));
    const eligible = progress.filter((entry) => members.has(entry.judgeId) && entry.status !== 'recused');
    return {
      id: group.id,
      label: group.label,
      kind: 'panel',
      submitted: eligible.filter((entry) => entry.status === 'submitted').length,
      eligible: eligible.length,
    };
  });
}
