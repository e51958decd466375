/**
 * 主持台 (/stage): the host runs the round from here. `?round=` names the round; without it,
 * the round being worked on (default-round.ts). Made for a laptop beside the stage: big
 * buttons, every irreversible step confirmed, every refusal said in words. A new device that
 * has not logged in has no rounds yet: it says so, and opens the login.
 */

import { useId } from 'react';
import { readSession } from '../../sync/sync-state';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { navigate, useSearch } from '../router';
import { openSyncPanel } from '../sync/open-sync-panel';
import { roundParam } from './default-round';
import { HostConsole } from './HostConsole';
import { useRoundChoices } from './stage-data';
import './stage.css';

export default function HostPage() {
  const t = useT();
  const pickerId = useId();
  const search = useSearch();
  const choices = useRoundChoices();
  // null: no session; undefined while reading.
  const session = useLiveRead(readSession);
  if (choices === undefined || session === undefined)
    return <p className="page loading">{t('app.loading')}</p>;
  const roundId = roundParam(search) ?? choices.defaultId;

  return (
    <div className="host">
      <div className="host-bar">
        <h1>{t('stage.host.title')}</h1>
        {choices.choices.length > 0 && (
          <div className="host-bar__picker">
            <label htmlFor={pickerId}>{t('stage.host.round')}</label>
            <select
              id={pickerId}
              value={roundId ?? ''}
              onChange={(event) =>
                navigate(`/stage?round=${encodeURIComponent(event.target.value)}`, { replace: true })
              }
            >
              {choices.choices.map(({ competition, rounds }) => (
                <optgroup key={competition.id} label={competition.name}>
                  {rounds.map((round) => (
                    <option key={round.id} value={round.id}>
                      {round.rehearsalOf === undefined
                        ? `${competition.name} · ${round.name}`
                        : t('stage.rehearsal.option', { name: `${competition.name} · ${round.name}` })}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        )}
      </div>
      {roundId === null && session?.role !== 'organizer' ? (
        <div className="host-card host-login" role="status">
          <p>{t('stage.host.notLoggedIn')}</p>
          <button type="button" className="button stage-big" onClick={openSyncPanel}>
            {t('stage.host.loginStep')}
          </button>
        </div>
      ) : roundId === null ? (
        <p className="host-card host-note">{t('stage.host.noRounds')}</p>
      ) : (
        <HostConsole key={roundId} roundId={roundId} />
      )}
    </div>
  );
}
