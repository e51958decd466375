/** The host's requests on the judge's screen: 催分 (finish and submit) and 请确认 (a total far from the panel's). */

import { useState } from 'react';
import { confirmTotal } from '../../db/repository';
import type { SheetRow } from '../../domain/events';
import type { Id } from '../../domain/model';
import type { ContestantRecord, JudgeRecord } from '../../domain/records';
import { useDatabase } from '../db-context';
import { useErrorText } from '../i18n/error-text';
import { useT } from '../i18n/useT';
import { useStageNotices } from './use-stage-notices';

export interface StageNoticesProps {
  judge: JudgeRecord;
  /** The round on the judge's screen: the host's requests of that round. */
  roundId: Id;
  contestants: readonly ContestantRecord[];
  sheets: readonly SheetRow[] | undefined;
  onOpen: (contestantId: Id) => void;
}

export function StageNotices({ judge, roundId, contestants, sheets, onOpen }: StageNoticesProps) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const notices = useStageNotices(roundId, judge.id, sheets);
  const [error, setError] = useState<string | null>(null);
  if (notices.length === 0) return null;
  return (
    <div className="judge-stage-notices">
      {notices.map((notice) => {
        const contestant = contestants.find((candidate) => candidate.id === notice.contestantId);
        const who = { draw: contestant?.draw ?? '—', name: contestant?.name ?? '' };
        return (
          <div
            key={notice.id}
            className={`judge-stage-banner judge-stage-banner--${notice.kind}`}
            role="alert"
          >
            <span>
              {notice.kind === 'nudge'
                ? t('judge.notice.nudge', who)
                : t('judge.notice.confirmAsk', { ...who, total: notice.total ?? '' })}
            </span>
            {notice.kind === 'nudge' ? (
              <button
                type="button"
                className="button button--gold"
                onClick={() => onOpen(notice.contestantId)}
              >
                {t('judge.notice.open')}
              </button>
            ) : (
              <button
                type="button"
                className="button button--gold"
                onClick={() =>
                  confirmTotal(db, { roundId, requestId: notice.id, judgeId: judge.id }).catch(
                    (caught: unknown) => setError(errorText(caught)),
                  )
                }
              >
                {t('judge.notice.confirm')}
              </button>
            )}
          </div>
        );
      })}
      {error && (
        <p className="judge-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
