/**
 * Whether this device keeps its data: the browser's answer to navigator.storage.persist() and,
 * where the data may be evicted, what to do about it. Shown in the sync panel, the device's
 * settings place.
 */

import { useMemo } from 'react';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import {
  currentBrowser,
  devicePersistence,
  evictionRisk,
  isIosBrowserTab,
  type PersistenceStore,
  usePersistence,
} from './storage';
import './pwa.css';

const outcomeKey: Record<ReturnType<typeof usePersistence>, MessageKey> = {
  notAsked: 'pwa.storage.notAsked',
  asking: 'pwa.storage.asking',
  persisted: 'pwa.storage.persisted',
  refused: 'pwa.storage.refused',
  unavailable: 'pwa.storage.unavailable',
};

export function StorageStatus({ store = devicePersistence }: { store?: PersistenceStore }) {
  const t = useT();
  const persistence = usePersistence(store);
  const iosTab = useMemo(() => isIosBrowserTab(currentBrowser()), []);
  const risk = evictionRisk(persistence, iosTab);
  const canAsk = persistence === 'notAsked' || persistence === 'refused';
  return (
    <section className="pwa-storage" aria-labelledby="pwa-storage-heading">
      <h3 id="pwa-storage-heading">{t('pwa.storage.heading')}</h3>
      <p>{t(outcomeKey[persistence])}</p>
      {risk && (
        <p className="pwa-warning">
          {t(risk === 'iosTab' ? 'pwa.storage.iosTab' : 'pwa.storage.installHint')}
        </p>
      )}
      {canAsk && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void store.request({ again: true })}
        >
          {t('pwa.storage.ask')}
        </button>
      )}
    </section>
  );
}
