/**
 * 暂定 or final, on the results page: how far the round is revealed, and the organizer's
 * 结束本轮，成绩定稿 (or 撤销定稿), each behind a confirmation. The rule itself is
 * src/domain/provisional.ts; the event is written by src/db/round-closure.ts.
 */

import { useState } from 'react';
import { setRoundClosed } from '../../db/round-closure';
import { useDatabase } from '../db-context';
import { useErrorText } from '../i18n/error-text';
import { useT } from '../i18n/useT';
import type { RoundReport } from './report';

export function RoundClosure({ report }: { report: RoundReport }) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { status, closed, round } = report;

  const change = async (close: boolean) => {
    setError(null);
    try {
      await setRoundClosed(db, { roundId: round.id, closed: close });
      setConfirming(false);
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  if (status.final && !closed) {
    return <p className="notice results-closure">{t('results.closure.complete')}</p>;
  }
  return (
    <section className="notice results-closure" aria-label={t('results.closure.label')}>
      <p>
        {status.final
          ? t('results.closure.closed')
          : t('results.closure.provisional', { revealed: status.revealed, total: status.total })}
      </p>
      {confirming ? (
        <fieldset className="results-closure__confirm">
          <legend className="visually-hidden">{t('results.closure.confirmLabel')}</legend>
          <p>
            {closed
              ? t('results.closure.reopenExplain')
              : t('results.closure.closeExplain', {
                  unrevealed: status.final ? 0 : status.total - status.revealed,
                })}
          </p>
          <button type="button" className="button" onClick={() => change(!closed)}>
            {closed ? t('results.closure.reopenConfirm') : t('results.closure.closeConfirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            {t('results.closure.cancel')}
          </button>
        </fieldset>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          {closed ? t('results.closure.reopen') : t('results.closure.close')}
        </button>
      )}
      {error && (
        <p className="results-closure__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
