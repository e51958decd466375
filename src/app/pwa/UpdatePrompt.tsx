import { useSyncExternalStore } from 'react';
import { useT } from '../i18n/useT';
import type { Updater } from './updater';

/** A banner that appears when a new version is waiting; one click switches to it. */
export function UpdatePrompt({ updater }: { updater: Updater }) {
  const t = useT();
  const waiting = useSyncExternalStore(updater.subscribe, updater.isUpdateWaiting, () => false);
  // The live region is always there, so screen readers announce the banner when it appears.
  return (
    <div className="update-region" role="status">
      {waiting && (
        <div className="update-prompt">
          <button type="button" className="button button--gold" onClick={() => updater.applyUpdate()}>
            {t('update.prompt')}
          </button>
        </div>
      )}
    </div>
  );
}
