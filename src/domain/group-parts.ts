/**
 * How the screens, the readout and the exports show a contestant's rater groups (评委分组): each
 * group's score and what it is worth in the final (专家评委 88.35 × 70%), an audience support
 * vote as its share of 支持 (大众评审 支持率 83% × 30%). Made from the engine's `GroupResult`s,
 * so that what is shown is what is scored. Pure.
 */

import type { ContestantResult, GroupResult } from './engine.ts';
import type { Id, RaterGroup, RoundingMode, RoundSettings } from './model.ts';
import { parseExact } from './outliers.ts';
import { add, div, formatRounded, fromHundredths, mul, type Rational, rational, ZERO } from './rational.ts';
import type { AudienceVoting } from './records.ts';

export interface GroupPart {
  id: Id;
  label: string;
  /** The audience's support vote: `score` is the share of 支持 ("83%"). */
  support: boolean;
  /** The group's score as announced (88.35, a rating's mean 8.40), or the share of 支持; null before any counted judge. */
  score: string | null;
  /** What the group is worth in the final, as a share of the final's full marks ("70%"). */
  share: string;
  /** What the group adds to the final, as screens show it; null before any counted judge. */
  contribution: string | null;
  countedJudges: number;
  requiredJudges: number;
  eligibleJudges: number;
}

const HUNDRED = rational(100n);

/** A percentage with at most one decimal, trailing zeros dropped: "70%", "83.3%". */
export function percentText(fraction: Rational, rounding: RoundingMode): string {
  const text = formatRounded(mul(fraction, HUNDRED), 1, rounding);
  return `${text.endsWith('.0') ? text.slice(0, -2) : text}%`;
}

function supportShare(group: GroupResult, rounding: RoundingMode): string | null {
  if (group.aggregate === null) return null;
  // A_g / P_g: on a max-1 criterion worth 1 point the aggregate is the share of 支持 itself.
  return percentText(div(parseExact(group.aggregate), parseExact(group.points)), rounding);
}

/** What the parts need of the round: its rounding, and its groups for their order. */
export type GroupSettings = Pick<RoundSettings, 'rounding' | 'groups'>;

/**
 * The result's groups as shown, in the round's group order (the engine gives them by id); null
 * for a round without groups.
 */
export function groupParts(
  result: Pick<ContestantResult, 'groups'>,
  { rounding, groups: order }: GroupSettings,
  audience?: Pick<AudienceVoting, 'groupId' | 'mode'>,
): GroupPart[] | null {
  const given = result.groups;
  if (!given || given.length === 0) return null;
  const place = (id: Id) => order?.findIndex((group) => group.id === id) ?? -1;
  const groups = [...given].sort((a, b) => place(a.id) - place(b.id));
  const fullMarks = groups.reduce<Rational>((sum, group) => add(sum, parseExact(group.weight)), ZERO);
  return groups.map((group) => {
    const support = audience?.mode === 'support' && audience.groupId === group.id;
    return {
      id: group.id,
      label: group.label,
      support,
      score: support ? supportShare(group, rounding) : group.announced,
      share: percentText(div(parseExact(group.weight), fullMarks), rounding),
      contribution: group.contributionShown,
      countedJudges: group.countedJudges,
      requiredJudges: group.requiredJudges,
      eligibleJudges: group.eligibleJudges,
    };
  });
}

/** Each group's share of the final's full marks ("70%"), by group id; empty without groups. */
export function groupShares(
  groups: readonly RaterGroup[] | undefined,
  rounding: RoundingMode,
): Map<Id, string> {
  const all = groups ?? [];
  const fullMarks = all.reduce<Rational>((sum, group) => add(sum, fromHundredths(group.weight)), ZERO);
  return new Map(
    all.map((group) => [group.id, percentText(div(fromHundredths(group.weight), fullMarks), rounding)]),
  );
}
