/**
 * For a screen that shows what comes from the venue server (the competitions, the rounds): on a
 * device with no session, one line saying that nothing has come yet because it has not
 * connected, and the way to the step (the sync panel). Nothing once the device has a session.
 */

import { readSession } from '../../sync/sync-state';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { openSyncPanel } from './open-sync-panel';

export function ConnectHint() {
  const t = useT();
  // null: no session; undefined while reading.
  const session = useLiveRead(readSession);
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
