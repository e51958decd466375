/**
 * 大众投票 on the host console: open voting for the contestant in focus (for the round's
 * `windowSeconds`), watch the countdown and the live tally, close it early. Loaded on demand,
 * only for a round with audience voting (HostConsole).
 */

import { useState } from 'react';
import { closeAudienceVoting, openAudienceVoting } from '../../db/audience';
import type { ContestantRecord, RoundRecord } from '../../domain/records';
import { useDatabase } from '../db-context';
import { useErrorText } from '../i18n/error-text';
import { useT } from '../i18n/useT';
import { tallyText, useAudienceVoting } from './audience-voting';
import './audience.css';

export interface AudiencePanelProps {
  round: RoundRecord;
  /** The contestant in focus on the console; null before the first call. */
  contestant: ContestantRecord | null;
  contestants: readonly ContestantRecord[];
}

export function AudiencePanel({ round, contestant, contestants }: AudiencePanelProps) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const [error, setError] = useState<string | null>(null);
  const { open, tally, secondsLeft } = useAudienceVoting(round.id);
  const { audience } = round;
  if (!audience || open === undefined) return null;

  const act = async (write: () => Promise<unknown>) => {
    setError(null);
    try {
      await write();
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  const votedFor = open && contestants.find((candidate) => candidate.id === open.contestantId);
  const summary = tallyText(t, audience, tally, {
    support: 'stage.audience.support',
    mean: 'stage.audience.mean',
  });

  return (
    <section className="host-card host-audience" aria-labelledby="host-audience-title">
      <h3 id="host-audience-title">{t('stage.audience.title')}</h3>
      {open && (
        <>
          <p className="host-audience__status" data-testid="host-audience-status">
            {secondsLeft > 0
              ? t('stage.audience.running', { name: votedFor?.name ?? '', seconds: secondsLeft })
              : t('stage.audience.timeUp', { name: votedFor?.name ?? '' })}
          </p>
          <p className="host-audience__tally" data-testid="host-audience-tally">
            {[t('stage.audience.turnout', { count: tally.votes }), summary].filter(Boolean).join(' · ')}
          </p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void act(() => closeAudienceVoting(db, round.id, open.windowId))}
          >
            {t('stage.audience.close')}
          </button>
        </>
      )}
      {!open &&
        (contestant ? (
          <button
            type="button"
            className="button"
            onClick={() => void act(() => openAudienceVoting(db, round.id, contestant.id))}
          >
            {t('stage.audience.open', { seconds: audience.windowSeconds })}
          </button>
        ) : (
          <p className="host-note">{t('stage.audience.noContestant')}</p>
        ))}
      {error && (
        <p className="stage-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
