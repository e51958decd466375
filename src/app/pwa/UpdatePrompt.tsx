import { useSyncExternalStore } from 'react';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { useUpdateHold } from './update-safety';
import type { Updater } from './updater';

/**
 * A banner that appears when a new version is waiting and this device is at a safe moment (no
 * unconfirmed mark, nothing waiting to be sent: update-safety.ts). One press switches to it.
 */
export function UpdatePrompt({ updater }: { updater: Updater }) {
  const t = useT();
  const db = useDatabase();
  const waiting = useSyncExternalStore(updater.subscribe, updater.isUpdateWaiting, () => false);
  const hold = useUpdateHold(db);
  // The live region is always there, so screen readers announce the banner when it appears.
  return (
    <div className="update-region" role="status">
      {waiting && hold === null && (
        <div className="update-prompt">
          <button type="button" className="button button--gold" onClick={() => updater.applyUpdate()}>
            {t('update.prompt')}
          </button>
        </div>
      )}
    </div>
  );
}
