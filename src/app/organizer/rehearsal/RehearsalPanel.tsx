/**
 * 彩排 for one real round: "开始彩排" makes the rehearsal round (src/db/rehearsal.ts), the
 * simulation runs while this page is open, and "结束彩排并清除" purges it everywhere.
 */

import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useState } from 'react';
import { purgeRehearsalRound } from '../../../db/purge';
import { rehearsalOf, startRehearsal } from '../../../db/rehearsal';
import { useDatabase } from '../../db-context';
import { useT } from '../../i18n/useT';
import { useSearch } from '../../router';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { refusalMessage } from '../ui/errors';
import { useRehearsalSimulation } from './use-simulation';

/** `?rehearsalSpeed=20` runs the simulated judges twenty times faster (tests, a quick look). */
function speedOf(search: string): number {
  const speed = Number(new URLSearchParams(search).get('rehearsalSpeed'));
  return Number.isFinite(speed) && speed >= 1 ? speed : 1;
}

export function RehearsalPanel({ roundId }: { roundId: string }) {
  const db = useDatabase();
  const t = useT();
  const search = useSearch();
  const rehearsal = useLiveQuery(async () => (await rehearsalOf(db, roundId)) ?? null, [db, roundId]);
  const sheets = useLiveQuery(
    async () => (rehearsal ? await db.sheets.where('roundId').equals(rehearsal.id).count() : 0),
    [db, rehearsal],
  );
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [ending, setEnding] = useState(false);
  const onError = useCallback(
    (caught: unknown) => setError(t('org.rehearsal.simError', { reason: refusalMessage(caught) })),
    [t],
  );
  const waiting = useRehearsalSimulation(db, rehearsal?.id ?? null, speedOf(search), onError);

  if (rehearsal === undefined) return null;

  const start = async () => {
    setBusy(true);
    setError('');
    setNotice('');
    try {
      await startRehearsal(db, roundId);
    } catch (caught) {
      setError(refusalMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="org-rehearsal" aria-labelledby="org-rehearsal-heading">
      <h2 id="org-rehearsal-heading">
        {t('org.rehearsal.heading')}
        {rehearsal && <span className="org-badge org-badge--rehearsal">{t('org.rehearsal.badge')}</span>}
      </h2>
      {rehearsal ? (
        <>
          <p>{t('org.rehearsal.running', { name: rehearsal.name })}</p>
          <p role="status">{t('org.rehearsal.progress', { sheets: sheets ?? 0, waiting })}</p>
          <button type="button" className="button" onClick={() => setEnding(true)}>
            {t('org.rehearsal.end')}
          </button>
        </>
      ) : (
        <>
          <p className="org-hint">{t('org.rehearsal.explain')}</p>
          <button type="button" className="button button--secondary" onClick={start} disabled={busy}>
            {busy ? t('org.rehearsal.starting') : t('org.rehearsal.start')}
          </button>
          {notice && <p role="status">{notice}</p>}
        </>
      )}
      {error && (
        <p className="org-error" role="alert">
          {error}
        </p>
      )}
      {ending && rehearsal && (
        <ConfirmDialog
          title={t('org.rehearsal.endTitle', { name: rehearsal.name })}
          confirmLabel={t('org.rehearsal.end')}
          onClose={() => setEnding(false)}
          onConfirm={async () => {
            const wiped = await purgeRehearsalRound(db, rehearsal.id);
            setError('');
            setNotice(t('org.rehearsal.ended', { events: wiped.events }));
          }}
        >
          <p>{t('org.rehearsal.endBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
