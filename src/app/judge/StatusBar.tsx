/**
 * Always in view: who is judging, what is saved on this tablet, what has reached the host (sent,
 * waiting, offline) and the clock. The open contestant is the sheet's own heading, right below.
 */

import { Suspense, useEffect, useState } from 'react';
import type { JudgeRecord } from '../../domain/records';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { lazyPart, preloadWhenIdle } from '../pwa/lazy-part';
import { type DeviceSync, deviceSync, useSyncStatus } from '../sync/device-sync';
import { PersonName } from './PersonName';

// 离线交接: the QR codes (and the QR library) load only when the judge asks for them.
const handoffDialog = lazyPart([], () => import('./HandoffDialog').then((module) => module.HandoffDialog));

export interface StatusBarProps {
  judge: JudgeRecord;
  roundName: string;
  savedCount: number;
  draftCount: number;
  onSwitch: () => void;
  /** The sync client; the device's own by default (none in dev builds and component tests). */
  sync?: DeviceSync;
}

/** The wall clock, for the judge's eyes only: it decides nothing. */
function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** What has reached the venue server, in the judge's words. */
function SyncFact({ sync: given }: { sync: DeviceSync | undefined }) {
  const t = useT();
  const db = useDatabase();
  const sync = given === undefined ? deviceSync(db) : given;
  const status = useSyncStatus(sync?.client ?? null);
  // Fetched while the server is in reach: the hand-off is needed precisely when it is not.
  useEffect(() => {
    if (status.online) preloadWhenIdle(handoffDialog);
  }, [status.online]);
  let text: string;
  let tone: 'ok' | 'wait' | 'warn';
  if (!sync || !status.session) [text, tone] = [t('judge.status.localOnly'), 'warn'];
  else if (status.refusal) [text, tone] = [t('judge.status.refused'), 'warn'];
  // A mark the server refused (a max lowered meanwhile): the host does not have it.
  else if (status.refused > 0)
    [text, tone] = [t('judge.status.refusedRecords', { count: status.refused }), 'warn'];
  else if (!status.online) [text, tone] = [t('judge.status.offline', { count: status.pending }), 'warn'];
  else if (status.pending > 0) [text, tone] = [t('judge.status.sending', { count: status.pending }), 'wait'];
  else [text, tone] = [t('judge.status.synced'), 'ok'];
  // 离线交接: the server is out of reach and sheets wait: the host console can scan them.
  const offlineWithSheets = !!sync && !!status.session && !status.online && status.pending > 0;
  return (
    <dd className={`judge-status__sync judge-status__sync--${tone}`}>
      {text}
      {offlineWithSheets && <HandoffButton />}
    </dd>
  );
}

function HandoffButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--secondary judge-status__handoff"
        onClick={() => setOpen(true)}
      >
        {t('judge.handoff.open')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <handoffDialog.Part onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

export function StatusBar({ judge, roundName, savedCount, draftCount, onSwitch, sync }: StatusBarProps) {
  const t = useT();
  const now = useClock();
  const time = `${twoDigits(now.getHours())}:${twoDigits(now.getMinutes())}`;
  return (
    <section className="judge-status" aria-label={t('judge.status.label')}>
      <div className="judge-status__who">
        <h1>
          <PersonName name={judge.name} />
        </h1>
        <span className="judge-status__sub">{[judge.title, roundName].filter(Boolean).join(' · ')}</span>
      </div>
      <dl className="judge-status__facts">
        <div>
          <dt>{t('judge.status.saved')}</dt>
          <dd>
            {t('judge.status.savedCount', { count: savedCount })}
            {draftCount > 0 && (
              <span className="judge-status__drafts">
                {t('judge.status.draftCount', { count: draftCount })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('judge.status.sync')}</dt>
          <SyncFact sync={sync} />
        </div>
        <div>
          <dt>{t('judge.status.time')}</dt>
          <dd>
            <time className="judge-status__clock">{time}</time>
          </dd>
        </div>
      </dl>
      <button type="button" className="button button--secondary judge-status__switch" onClick={onSwitch}>
        {t('judge.switch.button')}
      </button>
    </section>
  );
}
