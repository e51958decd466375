/**
 * 彩排, before it starts: what it is and "开始彩排". Light on purpose (it shows under every tab of
 * a real round): the data layer's rehearsal code loads only when the organizer starts one, and
 * the running rehearsal's panel (./RehearsalPanel.tsx) only while one runs.
 */

import { useState } from 'react';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';

export function RehearsalStart({ roundId }: { roundId: string }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const start = async () => {
    setBusy(true);
    setError('');
    try {
      const { startRehearsal } = await import('../../../db/rehearsal');
      await startRehearsal(db, roundId);
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };

  return (
    <section className="org-rehearsal" aria-labelledby="org-rehearsal-heading">
      <h2 id="org-rehearsal-heading">{t('org.rehearsal.heading')}</h2>
      <p className="org-hint">{t('org.rehearsal.explain')}</p>
      <button type="button" className="button button--secondary" onClick={start} disabled={busy}>
        {busy ? t('org.rehearsal.starting') : t('org.rehearsal.start')}
      </button>
      {error && (
        <p className="org-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
