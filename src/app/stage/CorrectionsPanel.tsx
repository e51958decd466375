/** 修改申请 from the judges, approved (the sheet reopens; a revealed one unlocks) or refused with a reason. */

import { useState } from 'react';
import { decideCorrection } from '../../db/repository';
import { type CorrectionRow, isCorrectionPending } from '../../domain/events';
import type { ContestantRecord, JudgeRecord } from '../../domain/records';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { StageDialog } from './StageDialog';

export function CorrectionsPanel({
  corrections,
  judges,
  contestants,
}: {
  corrections: CorrectionRow[];
  judges: JudgeRecord[];
  contestants: ContestantRecord[];
}) {
  const t = useT();
  const db = useDatabase();
  const [deciding, setDeciding] = useState<{ row: CorrectionRow; approved: boolean } | null>(null);
  const pending = corrections.filter(isCorrectionPending);

  const describe = (row: CorrectionRow) => {
    const request = row.request as NonNullable<CorrectionRow['request']>;
    const contestant = contestants.find((candidate) => candidate.id === request.contestantId);
    return {
      judge: judges.find((judge) => judge.id === request.judgeId)?.name ?? request.judgeId,
      draw: contestant?.draw ?? '—',
      name: contestant?.name ?? request.contestantId,
    };
  };

  return (
    <section className="host-card host-corrections" aria-labelledby="host-corrections-title">
      <h3 id="host-corrections-title">{t('stage.corrections.title')}</h3>
      {pending.length === 0 ? (
        <p className="host-note">{t('stage.corrections.none')}</p>
      ) : (
        <ul className="host-corrections__list">
          {pending.map((row) => (
            <li key={row.requestId}>
              <p>
                <strong>{t('stage.corrections.item', describe(row))}</strong>
                <br />
                {t('stage.corrections.reason', { reason: row.request?.reason ?? '' })}
              </p>
              <div className="host-corrections__actions">
                <button
                  type="button"
                  className="button stage-big"
                  onClick={() => setDeciding({ row, approved: true })}
                >
                  {t('stage.corrections.approve')}
                </button>
                <button
                  type="button"
                  className="button button--secondary stage-big"
                  onClick={() => setDeciding({ row, approved: false })}
                >
                  {t('stage.corrections.refuse')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {deciding && (
        <StageDialog
          title={t(
            deciding.approved ? 'stage.corrections.approveTitle' : 'stage.corrections.refuseTitle',
            describe(deciding.row),
          )}
          confirmLabel={t(deciding.approved ? 'stage.corrections.approve' : 'stage.corrections.refuse')}
          field={
            deciding.approved
              ? { label: t('stage.corrections.note'), required: false }
              : { label: t('stage.corrections.refuseReason'), required: true }
          }
          onConfirm={async (reason) => {
            await decideCorrection(db, {
              requestId: deciding.row.requestId,
              approved: deciding.approved,
              reason,
            });
          }}
          onClose={() => setDeciding(null)}
        >
          {deciding.approved && <p>{t('stage.corrections.approveBody')}</p>}
        </StageDialog>
      )}
    </section>
  );
}
