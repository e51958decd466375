/**
 * The sync panel, opened from the sync status in the header: connect this device (the
 * organizer's claim or login, the projector's code), sync now, the events the server refused,
 * whether the browser keeps this device's data (StorageStatus), and, as the last resort, export
 * this device's log (and, on the organizer's device, import one). It is its own chunk, loaded
 * when the panel opens: its forms and the device log are not needed to show any page.
 */

import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import type { LeitaiDB } from '../../db/database';
import {
  DeviceLogError,
  type DeviceLogProblem,
  exportDeviceLog,
  importDeviceLog,
  parseDeviceLog,
} from '../../sync/device-log';
import type { HelloResponse, SessionInfo } from '../../sync/protocol';
import { hello } from '../../sync/session';
import { readSession } from '../../sync/sync-state';
import { useUiStore } from '../i18n/language';
import type { MessageKey } from '../i18n/messages';
import { type TFunction, useT } from '../i18n/useT';
import { StorageStatus } from '../pwa/StorageStatus';
import { DeviceList } from './DeviceList';
import {
  claimServer,
  type deviceSync,
  disconnectDevice,
  joinAsProjector,
  loginAsOrganizer,
  passwordWouldTravelInClear,
  useSyncStatus,
} from './device-sync';
import { deviceFileName, downloadJson } from './download';
import { refusalMessage, syncFailureMessage } from './failure-message';
import { RefusedList } from './RefusedList';
import { useClock } from './use-clock';

type DeviceSync = ReturnType<typeof deviceSync>;

interface Message {
  key: MessageKey;
  params?: Record<string, string | number>;
}

function roleLabel(t: TFunction, session: SessionInfo | null): string {
  if (!session) return t('sync.role.none');
  return t(`sync.role.${session.role}`);
}

function Field(props: {
  label: string;
  type?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text';
}) {
  const id = useId();
  return (
    <div className="sync-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.error && (
        <p id={`${id}-error`} className="sync-field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A form that runs `submit` and shows its failure, in words, under its button. */
function ActionForm(props: {
  heading: string;
  button: string;
  submit: () => Promise<void> | null;
  children: ReactNode;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Message | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const work = props.submit();
    if (!work) return;
    setBusy(true);
    setFailure(null);
    try {
      await work;
    } catch (error) {
      setFailure(syncFailureMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="sync-form" onSubmit={onSubmit} noValidate>
      <h3>{props.heading}</h3>
      {props.children}
      <button type="submit" className="button" disabled={busy}>
        {props.button}
      </button>
      {failure && (
        <p className="sync-failure" role="alert">
          {t(failure.key, failure.params)}
        </p>
      )}
    </form>
  );
}

/**
 * Instead of the password field on plain http to another machine: the server would refuse the
 * password (`insecureTransport`) after it had crossed the network readable. The way out is the
 * server's https address, when it has one, or the server's own computer.
 */
export function InsecurePasswordNotice({ publicBaseUrl }: { publicBaseUrl: string | null }) {
  const t = useT();
  const secure = publicBaseUrl?.startsWith('https:') ? publicBaseUrl : null;
  return (
    <div className="sync-form" role="note">
      <h3>{t('sync.organizerHeading')}</h3>
      <p>{t('sync.passwordNeedsHttps')}</p>
      <p>
        {secure ? (
          <a className="sync-secure-link" href={secure}>
            {t('sync.openSecure', { url: secure })}
          </a>
        ) : (
          t('sync.openOnServer')
        )}
      </p>
    </div>
  );
}

function OrganizerForm({ db, sync, claimed }: { db: LeitaiDB; sync: DeviceSync; claimed: boolean }) {
  const t = useT();
  const [claimCode, setClaimCode] = useState('');
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const missing = (value: string) => (tried && value.trim() === '' ? t('sync.error.required') : null);
  return (
    <ActionForm
      heading={t('sync.organizerHeading')}
      button={claimed ? t('sync.login') : t('sync.claim')}
      submit={() => {
        setTried(true);
        if (password === '' || (!claimed && claimCode.trim() === '')) return null;
        return claimed ? loginAsOrganizer(password, db, sync) : claimServer(claimCode, password, db, sync);
      }}
    >
      {!claimed && (
        <Field
          label={t('sync.claimCode')}
          value={claimCode}
          onChange={setClaimCode}
          inputMode="numeric"
          autoComplete="one-time-code"
          error={missing(claimCode)}
        />
      )}
      <Field
        label={claimed ? t('sync.password') : t('sync.newPassword')}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete={claimed ? 'current-password' : 'new-password'}
        error={missing(password)}
      />
    </ActionForm>
  );
}

function ProjectorForm({ db, sync }: { db: LeitaiDB; sync: DeviceSync }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [tried, setTried] = useState(false);
  return (
    <ActionForm
      heading={t('sync.projectorHeading')}
      button={t('sync.joinProjector')}
      submit={() => {
        setTried(true);
        return code.trim() === '' ? null : joinAsProjector(code, db, sync);
      }}
    >
      <Field
        label={t('sync.projectorCode')}
        value={code}
        onChange={setCode}
        inputMode="numeric"
        error={tried && code.trim() === '' ? t('sync.error.required') : null}
      />
    </ActionForm>
  );
}

function ImportForm({ db, sync }: { db: LeitaiDB; sync: NonNullable<DeviceSync> }) {
  const t = useT();
  const id = useId();
  const [outcome, setOutcome] = useState<Message | null>(null);
  const [failed, setFailed] = useState(false);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setOutcome(null);
    try {
      const events = parseDeviceLog(await file.text());
      const session = await readSession(db);
      if (session?.role !== 'organizer') throw new DeviceLogError({ code: 'organizerOnly' });
      const result = await importDeviceLog(db, sync.transport, session.token, events);
      setFailed(false);
      setOutcome({
        key: 'sync.imported',
        params: {
          count: events.length,
          applied: result.applied,
          sent: result.sentToServer,
          refused: result.refusedByServer,
        },
      });
    } catch (error) {
      setFailed(true);
      setOutcome(
        error instanceof DeviceLogError ? deviceLogMessage(error.problem) : syncFailureMessage(error),
      );
    }
  };
  return (
    <div className="sync-form">
      <h3>{t('sync.importHeading')}</h3>
      <p>{t('sync.importHelp')}</p>
      <label htmlFor={id}>{t('sync.importFile')}</label>
      <input
        id={id}
        type="file"
        accept="application/json,.json"
        onChange={(event) => void onFile(event.target.files?.[0])}
      />
      {outcome && (
        <p className={failed ? 'sync-failure' : 'sync-done'} role={failed ? 'alert' : 'status'}>
          {t(outcome.key, outcome.params)}
        </p>
      )}
    </div>
  );
}

/** The panel under the header's sync status (a chunk of its own: it loads when opened). */
export default function SyncPanel({ db, sync }: { db: LeitaiDB; sync: DeviceSync }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const clock = useClock(lang);
  const status = useSyncStatus(sync?.client ?? null);
  // undefined while asking the server; null when it could not be reached.
  const [server, setServer] = useState<HelloResponse | null | undefined>(undefined);
  const needsSession = !status.session || status.refusal?.code === 'unauthorized';

  useEffect(() => {
    if (!sync || !needsSession) return;
    let live = true;
    hello(sync.transport).then(
      (answer) => live && setServer(answer),
      () => live && setServer(null),
    );
    return () => {
      live = false;
    };
  }, [sync, needsSession]);

  const refusal = status.refusal ? refusalMessage(status.refusal) : null;
  return (
    <div className="sync-panel">
      <h2>{t('sync.panelTitle')}</h2>
      <ul className="sync-lines">
        <li>{t('sync.serverLine', { state: status.online ? t('sync.online') : t('sync.offline') })}</li>
        <li>{t('sync.pendingLine', { count: status.pending })}</li>
        {status.refused > 0 && (
          <li className="sync-refused-count">{t('sync.refusedLine', { count: status.refused })}</li>
        )}
        <li>
          {status.lastContact === null
            ? t('sync.neverContacted')
            : t('sync.lastContactLine', { time: clock(status.lastContact) })}
        </li>
        <li>{t('sync.identityLine', { role: roleLabel(t, status.session) })}</li>
      </ul>
      {refusal && (
        <p className="sync-failure" role="alert">
          {t(refusal.key, refusal.params)}
        </p>
      )}
      {sync && status.session && (
        <div className="sync-actions">
          <button type="button" className="button" onClick={() => void sync.client.syncNow()}>
            {t('sync.syncNow')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void disconnectDevice(db, sync)}
          >
            {t('sync.logout')}
          </button>
        </div>
      )}
      {sync && needsSession && (
        <section aria-label={t('sync.connectHeading')}>
          <h3>{t('sync.connectHeading')}</h3>
          <p>{t('sync.judgeHint')}</p>
          {server &&
            (passwordWouldTravelInClear(window.location) ? (
              <InsecurePasswordNotice publicBaseUrl={server.publicBaseUrl} />
            ) : (
              <OrganizerForm db={db} sync={sync} claimed={server.claimed} />
            ))}
          {server === null && <p>{t('sync.error.unreachable')}</p>}
          {server?.claimed && <ProjectorForm db={db} sync={sync} />}
        </section>
      )}
      <RefusedList db={db} />
      <StorageStatus />
      <div className="sync-form">
        <h3>{t('sync.exportHeading')}</h3>
        <p>{t('sync.exportHelp')}</p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            void exportDeviceLog(db).then((file) => downloadJson(file, deviceFileName('device-log', file)))
          }
        >
          {t('sync.export')}
        </button>
      </div>
      {sync && status.session?.role === 'organizer' && (
        <>
          <DeviceList db={db} transport={sync.transport} ownDeviceId={status.session.deviceId} />
          <ImportForm db={db} sync={sync} />
        </>
      )}
    </div>
  );
}

/** Why a device log cannot be imported, `sync.deviceLog.<code>` (the sync panel's own area). */
function deviceLogMessage(problem: DeviceLogProblem): {
  key: MessageKey;
  params?: Record<string, string | number>;
} {
  const key: MessageKey = `sync.deviceLog.${problem.code}`;
  if (problem.code !== 'badEvent') return { key };
  return { key, params: { event: problem.event, path: problem.path, problem: problem.problem } };
}
