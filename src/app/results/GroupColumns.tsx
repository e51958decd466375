/**
 * The standings' columns of a round with rater groups: each group's score with what it adds to
 * the final (专家评委（70%） 88.35 计 61.85 分, a support vote's 83.3%), and with audience voting
 * the votes counted (大众投票人数). Loaded on demand (./LazyGroupColumns.tsx).
 */

import type { ContestantResult } from '../../domain/engine';
import { groupParts, groupShares } from '../../domain/group-parts';
import type { RoundRecord } from '../../domain/records';
import { useT } from '../i18n/useT';

type GroupedRound = Pick<RoundRecord, 'settings' | 'audience'>;

export function GroupHeaders({ round }: { round: GroupedRound }) {
  const t = useT();
  const shares = groupShares(round.settings.groups, round.settings.rounding);
  return (
    <>
      {(round.settings.groups ?? []).map((group) => (
        <th key={group.id} scope="col" className="results-number">
          {t('results.col.group', { label: group.label, share: shares.get(group.id) ?? '' })}
        </th>
      ))}
      {round.audience && (
        <th scope="col" className="results-number">
          {t('results.col.turnout')}
        </th>
      )}
    </>
  );
}

export function GroupCells({ round, result }: { round: GroupedRound; result: ContestantResult }) {
  const t = useT();
  const parts = groupParts(result, round.settings, round.audience) ?? [];
  const audience = round.audience;
  return (
    <>
      {(round.settings.groups ?? []).map((group) => {
        const part = parts.find((candidate) => candidate.id === group.id);
        return (
          <td key={group.id} className="results-number" data-group={group.id}>
            {part?.score ?? ''}
            {part?.contribution != null && (
              <span className="results-sub">
                {t('results.groupContribution', { points: part.contribution })}
              </span>
            )}
          </td>
        );
      })}
      {audience && (
        <td className="results-number" data-turnout>
          {result.groups?.find((group) => group.id === audience.groupId)?.countedJudges ?? ''}
        </td>
      )}
    </>
  );
}
