/**
 * Always in view: who is judging, which contestant is open, what is saved on this tablet, the
 * sync state and the clock. The sync slot says only what is true today: there is no venue
 * server connection yet, so everything is on this tablet (the sync issue fills it in).
 */

import { useEffect, useState } from 'react';
import type { ContestantRecord, JudgeRecord } from '../../domain/records';
import { useT } from '../i18n/useT';

export interface StatusBarProps {
  judge: JudgeRecord;
  roundName: string;
  contestant: ContestantRecord | null;
  savedCount: number;
  draftCount: number;
  onSwitch: () => void;
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

export function StatusBar({
  judge,
  roundName,
  contestant,
  savedCount,
  draftCount,
  onSwitch,
}: StatusBarProps) {
  const t = useT();
  const now = useClock();
  const time = `${twoDigits(now.getHours())}:${twoDigits(now.getMinutes())}`;
  return (
    <section className="judge-status" aria-label={t('judge.status.label')}>
      <div className="judge-status__who">
        <h1>{judge.name}</h1>
        <span className="judge-status__sub">{[judge.title, roundName].filter(Boolean).join(' · ')}</span>
      </div>
      <dl className="judge-status__facts">
        <div>
          <dt>{t('judge.status.contestant')}</dt>
          <dd>
            {contestant
              ? t('judge.contestant.numbered', { draw: contestant.draw ?? '—', name: contestant.name })
              : t('judge.status.noContestant')}
          </dd>
        </div>
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
          <dd>{t('judge.status.localOnly')}</dd>
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
