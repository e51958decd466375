/**
 * The host console with rater groups 评委分组: each group's progress (专家评委 5/5 · 大众评审 已投
 * 37), and after 公布 the sentence that names each group with each group's part of the final
 * (专家评委 88.35 × 70%，计 61.85 分). Loaded on demand (./LazyGroupParts.tsx).
 */

import type { ContestantResult } from '../../domain/engine';
import { groupParts } from '../../domain/group-parts';
import { groupReadoutSentence } from '../../domain/readout-groups';
import type { JudgeRecord, RoundRecord } from '../../domain/records';
import type { JudgeProgress } from '../../domain/reveal-checks';
import { useUiStore } from '../i18n/language';
import { useT } from '../i18n/useT';
import { groupCounts } from './group-counts';

/** 专家评委 5/5 · 领导评委 1/2 · 大众评审 已投 37: each group's sheets in, or the audience's votes. */
export function GroupSummary({
  round,
  judges,
  progress,
  result,
}: {
  round: RoundRecord;
  judges: readonly JudgeRecord[];
  progress: readonly JudgeProgress[];
  result: ContestantResult | undefined;
}) {
  const t = useT();
  const counts = groupCounts(round, judges, progress, result) ?? [];
  return (
    <ul className="host-panel__groups" aria-label={t('stage.panel.groups')}>
      {counts.map((count) => {
        const complete = count.kind === 'panel' ? count.submitted === count.eligible : count.votes > 0;
        return (
          <li
            key={count.id}
            className={`host-panel__group${complete ? ' host-panel__group--complete' : ''}`}
            data-group={count.id}
          >
            {count.kind === 'panel'
              ? t('stage.panel.groupSheets', {
                  label: count.label,
                  submitted: count.submitted,
                  eligible: count.eligible,
                })
              : t('stage.panel.groupVotes', { label: count.label, votes: count.votes })}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The sentence to read out, then each group's part of the final as the projector shows it (the
 * final is in the sentence), short enough to stay on a laptop's screen with the sentence.
 */
export function GroupReadout({
  round,
  result,
  allSigned,
}: {
  round: RoundRecord;
  result: ContestantResult;
  /** The reveal recorded 评委签名齐全: the sentence ends with it. */
  allSigned: boolean;
}) {
  const t = useT();
  const lang = useUiStore((state) => state.lang);
  const parts = groupParts(result, round.settings, round.audience) ?? [];
  return (
    <>
      <p className="host-readout__sentence" lang={lang}>
        {groupReadoutSentence(result, round.settings, lang, round.audience, allSigned)}
      </p>
      <ul className="host-groups" aria-label={t('stage.reveal.groups')}>
        {parts.map((part) => (
          <li key={part.id} className="host-groups__part">
            {t(part.support ? 'stage.reveal.groupSupport' : 'stage.reveal.groupScore', {
              label: part.label,
              score: part.score ?? '—',
              share: part.share,
              contribution: part.contribution ?? '—',
            })}
          </li>
        ))}
      </ul>
    </>
  );
}
