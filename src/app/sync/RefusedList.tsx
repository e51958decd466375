/**
 * The events of this device that the venue server refused, each in words with the reason; the
 * list exports as a file for the organizer, and an entry that has been dealt with can be
 * removed. Nothing shows while the server has refused nothing.
 */

import { useLiveQuery } from 'dexie-react-hooks';
import type { LeitaiDB } from '../../db/database';
import { dismissRefusedEvent } from '../../db/remote';
import { exportRefusedEvents } from '../../sync/device-log';
import { useT } from '../i18n/useT';
import { deviceFileName, downloadJson } from './download';
import { describeRefusedEvent, readRefusedList, refusalReason } from './refused-events';

export function RefusedList({ db }: { db: LeitaiDB }) {
  const t = useT();
  const list = useLiveQuery(() => readRefusedList(db), [db]);
  if (!list || list.entries.length === 0) return null;
  const exportList = async () => {
    const file = await exportRefusedEvents(db);
    downloadJson(file, deviceFileName('refused', file));
  };
  return (
    <section className="sync-form" aria-labelledby="sync-refused">
      <h3 id="sync-refused">{t('sync.refusedHeading')}</h3>
      <p>{t('sync.refusedHelp')}</p>
      <ul className="sync-refused">
        {list.entries.map((entry) => {
          const what = describeRefusedEvent(entry, list, t);
          return (
            <li key={entry.eventId}>
              <span>
                {what} — {refusalReason(entry, list, t)}
              </span>
              <button
                type="button"
                className="button button--secondary"
                aria-label={t('sync.refusedDismissNamed', { event: what })}
                onClick={() => void dismissRefusedEvent(db, entry.eventId)}
              >
                {t('sync.refusedDismiss')}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button button--secondary" onClick={() => void exportList()}>
        {t('sync.refusedExport')}
      </button>
    </section>
  );
}
