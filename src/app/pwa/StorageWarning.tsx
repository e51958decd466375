/**
 * On the pages that keep data on this device (the judge's after joining, the organizer's, the
 * host console), asks the browser to keep it; and on an iPhone/iPad browser tab, where WebKit
 * clears it after 7 days without a visit, says so from the first paint, with what to do. (The
 * browser's answer, and the advice when it refuses, are in the sync panel: StorageStatus.)
 */

import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import { hasJudgeSession } from '../../db/repository';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { usePath } from '../router';
import { currentBrowser, devicePersistence, isIosBrowserTab } from './storage';
import './pwa.css';

/** The pages whose data lives on this device until the venue server has it. */
const DATA_PAGES = new Set(['/judge', '/organizer', '/stage']);

export function StorageWarning() {
  const t = useT();
  const db = useDatabase();
  const path = usePath();
  const onDataPage = DATA_PAGES.has(path);
  // A judge's tablet holds data once the judge has joined; before that there is nothing to keep.
  const judgeJoined = useLiveQuery(async () => path === '/judge' && (await hasJudgeSession(db)), [db, path]);
  const shouldAsk = onDataPage && (path !== '/judge' || judgeJoined === true);
  const iosTab = useMemo(() => isIosBrowserTab(currentBrowser()), []);

  useEffect(() => {
    if (shouldAsk) void devicePersistence.request();
  }, [shouldAsk]);

  if (!onDataPage || !iosTab) return null;
  return (
    <aside className="pwa-banner" aria-label={t('pwa.storage.warningLabel')}>
      <p>{t('pwa.storage.iosTab')}</p>
    </aside>
  );
}
