/**
 * The sync status in the shell's header, on every screen: online or offline, events waiting to
 * be sent, events the server refused, last contact with the venue server. It opens a panel (SyncPanel.tsx, loaded when
 * opened) to connect this device, sync now and export the device log. Over plain http it also
 * says what is missing: no offline app without a secure context.
 */

import { Suspense, useEffect, useState } from 'react';
import { useDatabase } from '../db-context';
import { useUiStore } from '../i18n/language';
import { useT } from '../i18n/useT';
import { lazyPart, preloadWhenIdle } from '../pwa/lazy-part';
import { deviceSync, useSyncStatus } from './device-sync';
import { useClock } from './use-clock';
import './sync.css';

// The panel and its messages (its own area, and the refusals'), not on any page's first screen.
const syncPanel = lazyPart(['sync-panel', 'sync-errors'], () =>
  import('./SyncPanel').then((module) => module.default),
);

type DeviceSync = ReturnType<typeof deviceSync>;

export interface SyncStatusProps {
  /** The sync client; the device's own by default (none in dev builds and component tests). */
  sync?: DeviceSync;
}

export function SyncStatus({ sync }: SyncStatusProps) {
  const t = useT();
  const db = useDatabase();
  const lang = useUiStore((s) => s.lang);
  const clock = useClock(lang);
  const entry = sync === undefined ? deviceSync(db) : sync;
  const status = useSyncStatus(entry?.client ?? null);
  const [open, setOpen] = useState(false);
  // Fetch the panel's chunk and messages while the network is there: a tablet on plain http has
  // no service worker, and opening the panel offline must not need the network.
  useEffect(() => {
    preloadWhenIdle(syncPanel);
  }, []);
  // Only a browser that says so: jsdom and old engines do not know the property.
  const insecure = typeof window !== 'undefined' && window.isSecureContext === false;

  const state = status.online ? 'online' : 'offline';
  // Whole keys, not `sync.${state}`: such a template could be any 'sync.' message, and the
  // shell has only the status line's (test/unit/pwa/message-areas.test.ts).
  const stateKey = status.online ? 'sync.online' : 'sync.offline';
  return (
    <>
      <details className="sync-status" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <span className="visually-hidden">{t('sync.panelTitle')}</span>
          <span className={`sync-dot sync-dot--${state}`} aria-hidden="true" />
          <span className="sync-state">{status.session ? t(stateKey) : t('sync.notConnected')}</span>
          <span className="sync-pending">
            {status.pending > 0
              ? t('sync.pending', { count: status.pending })
              : // Not connected, nothing has been synced: "已同步" would say otherwise.
                t(status.session ? 'sync.synced' : 'sync.localOnly')}
          </span>
          {status.refused > 0 && (
            <span className="sync-refused-count">{t('sync.refusedCount', { count: status.refused })}</span>
          )}
          {status.lastContact !== null && (
            <span className="sync-contact">{t('sync.lastContact', { time: clock(status.lastContact) })}</span>
          )}
        </summary>
        {open && (
          <Suspense fallback={<p className="sync-panel">{t('app.loading')}</p>}>
            <syncPanel.Part db={db} sync={entry} />
          </Suspense>
        )}
      </details>
      {insecure && (
        <p className="sync-insecure" role="note">
          {t('sync.insecure')} <a href="/setup">{t('sync.insecureSetup')}</a>
        </p>
      )}
    </>
  );
}
