/**
 * For a screen that shows what comes from the venue server (the competitions, the rounds): on a
 * device with no session, one line saying that nothing has come yet because it has not
 * connected, and the way to the step (the sync panel). Nothing once the device has a session.
 */

import { useLiveQuery } from 'dexie-react-hooks';
import { readSession } from '../../sync/sync-state';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { openSyncPanel } from './open-sync-panel';

export function ConnectHint() {
  const t = useT();
  const db = useDatabase();
  // null: no session; undefined while reading.
  const session = useLiveQuery(() => readSession(db), [db]);
  if (session !== null) return null;
  return (
    <p className="connect-hint">
      {t('sync.connectHint')}{' '}
      <button type="button" className="button button--secondary" onClick={openSyncPanel}>
        {t('sync.connectAction')}
      </button>
    </p>
  );
}
