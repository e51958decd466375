/**
 * 彩排 while it runs: where to follow it, the simulated sheets so far, the simulation itself
 * (running while this panel shows), and "结束彩排并清除", which purges it everywhere.
 */

import { useCallback, useState } from 'react';
import { purgeRehearsalRound } from '../../../db/purge';
import { submittedSheetCount } from '../../../db/repository';
import type { RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';
import { useLiveRead } from '../../live-read';
import { useSearch } from '../../router';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useRehearsalSimulation } from './use-simulation';

/** `?rehearsalSpeed=20` runs the simulated judges twenty times faster (tests, a quick look). */
function speedOf(search: string): number {
  const speed = Number(new URLSearchParams(search).get('rehearsalSpeed'));
  return Number.isFinite(speed) && speed >= 1 ? speed : 1;
}

export function RehearsalPanel({
  rehearsal,
  onEnded,
}: {
  rehearsal: RoundRecord;
  /** Says what the wipe removed, once the panel is gone. */
  onEnded: (message: string) => void;
}) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const search = useSearch();
  const sheets = useLiveRead(submittedSheetCount, rehearsal.id);
  const [error, setError] = useState('');
  const [ending, setEnding] = useState(false);
  const onError = useCallback(
    (caught: unknown) => setError(t('org.rehearsal.simError', { reason: errorText(caught) })),
    [t, errorText],
  );
  const waiting = useRehearsalSimulation(db, rehearsal.id, speedOf(search), onError);

  return (
    <section className="org-rehearsal" aria-labelledby="org-rehearsal-heading">
      <h2 id="org-rehearsal-heading">
        {t('org.rehearsal.heading')}
        <span className="org-badge org-badge--rehearsal">{t('org.rehearsal.badge')}</span>
      </h2>
      <p>{t('org.rehearsal.running', { name: rehearsal.name })}</p>
      <p role="status">{t('org.rehearsal.progress', { sheets: sheets ?? 0, waiting })}</p>
      <button type="button" className="button" onClick={() => setEnding(true)}>
        {t('org.rehearsal.end')}
      </button>
      {error && (
        <p className="org-error" role="alert">
          {error}
        </p>
      )}
      {ending && (
        <ConfirmDialog
          title={t('org.rehearsal.endTitle', { name: rehearsal.name })}
          confirmLabel={t('org.rehearsal.end')}
          onClose={() => setEnding(false)}
          onConfirm={async () => {
            const wiped = await purgeRehearsalRound(db, rehearsal.id);
            onEnded(t('org.rehearsal.ended', { events: wiped.events }));
          }}
        >
          <p>{t('org.rehearsal.endBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
