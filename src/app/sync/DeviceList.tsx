/**
 * For the organizer: the devices that joined the venue server, revoking one (a lost tablet, a
 * tablet handed to someone else) and readmitting a revoked one (revoked by mistake, or found
 * again). Also shows the projector code, so the organizer need not go back to the laptop's
 * terminal for it.
 */

import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import type { LeitaiDB } from '../../db/database';
import { judgeNamesById } from '../../db/repository';
import type { DeviceListResponse } from '../../sync/protocol';
import { listDevices, readmitDevice, revokeDevice } from '../../sync/session';
import type { SyncTransport } from '../../sync/transport';
import { useT } from '../i18n/useT';
import { syncFailureMessage } from './failure-message';

export function DeviceList({
  db,
  transport,
  ownDeviceId,
}: {
  db: LeitaiDB;
  transport: SyncTransport;
  ownDeviceId: string;
}) {
  const t = useT();
  const [list, setList] = useState<DeviceListResponse | null>(null);
  const [failure, setFailure] = useState<ReturnType<typeof syncFailureMessage> | null>(null);
  // The database comes from the sync panel, not the screen's context: bound here by hand.
  const judgeNames = useLiveQuery(() => judgeNamesById(db), [db]);

  const refresh = useCallback(async () => {
    try {
      setList(await listDevices(db, transport));
      setFailure(null);
    } catch (error) {
      setFailure(syncFailureMessage(error));
    }
  }, [db, transport]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const change = async (action: typeof revokeDevice | typeof readmitDevice, deviceId: string) => {
    try {
      await action(db, transport, deviceId);
      await refresh();
    } catch (error) {
      setFailure(syncFailureMessage(error));
    }
  };

  const describe = (device: DeviceListResponse['devices'][number]) => {
    if (device.role !== 'judge') return t(`sync.role.${device.role}`);
    const name = device.judgeId ? judgeNames?.get(device.judgeId) : undefined;
    return name ? t('sync.deviceJudge', { name }) : t('sync.role.judge');
  };

  return (
    <section className="sync-form" aria-labelledby="sync-devices">
      <h3 id="sync-devices">{t('sync.devicesHeading')}</h3>
      {list && <p>{t('sync.projectorCodeLine', { code: list.projectorCode })}</p>}
      {failure && (
        <p className="sync-failure" role="alert">
          {t(failure.key, failure.params)}
        </p>
      )}
      {list && (
        <ul className="sync-devices">
          {list.devices.map((device) => (
            <li key={`${device.deviceId}-${device.role}-${device.judgeId ?? ''}`}>
              <span>
                {describe(device)}
                {device.deviceId === ownDeviceId && ` ${t('sync.thisDevice')}`}
                {device.revoked && ` ${t('sync.revoked')}`}
              </span>
              {!device.revoked && device.deviceId !== ownDeviceId && (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('sync.revokeNamed', { device: describe(device) })}
                  onClick={() => void change(revokeDevice, device.deviceId)}
                >
                  {t('sync.revoke')}
                </button>
              )}
              {device.revoked && (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('sync.readmitNamed', { device: describe(device) })}
                  onClick={() => void change(readmitDevice, device.deviceId)}
                >
                  {t('sync.readmit')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
