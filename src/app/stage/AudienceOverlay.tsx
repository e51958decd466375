/**
 * 大众投票 on the projector, while a window is open: the QR code of the voting page (a phone
 * that scans it joins), the contestant, the countdown and the live tally (turnout, and 支持率 or
 * the mean). Loaded on demand, only for a round with audience voting (ProjectorPage); the QR
 * library loads with it.
 */

import { useEffect, useState } from 'react';
import type { RoundRecord } from '../../domain/records';
import { hello } from '../../sync/session';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { type QrPath, qrPath } from '../qr-path';
import { deviceSync } from '../sync/device-sync';
import { tallyText, useAudienceVoting } from './audience-voting';
import { useRoundSetup } from './stage-data';
import './audience.css';

/** White modules around the code, as scanners want. */
const QUIET_ZONE = 2;

/** The voting page's address: the venue server's (on the hall's network), else this origin's. */
function useJoinUrl(): string {
  const db = useDatabase();
  const fallback = `${window.location.origin}/v`;
  const [url, setUrl] = useState(fallback);
  useEffect(() => {
    const sync = deviceSync(db);
    if (!sync) return;
    let live = true;
    hello(sync.transport).then(
      (answer) => live && answer.audienceUrl && setUrl(answer.audienceUrl),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [db]);
  return url;
}

function JoinCode({ url }: { url: string }) {
  const t = useT();
  const [path, setPath] = useState<QrPath | null>(null);
  useEffect(() => {
    let live = true;
    void qrPath(url).then((drawn) => live && setPath(drawn));
    return () => {
      live = false;
    };
  }, [url]);
  const side = (path?.size ?? 1) + 2 * QUIET_ZONE;
  return (
    <figure className="pj-audience__code">
      <svg
        role="img"
        aria-label={t('stage.projector.audience.qr', { url })}
        data-join-url={url}
        viewBox={`-${QUIET_ZONE} -${QUIET_ZONE} ${side} ${side}`}
        shapeRendering="crispEdges"
      >
        {path && <path d={path.d} fill="currentColor" />}
      </svg>
      <figcaption>{t('stage.projector.audience.scan')}</figcaption>
    </figure>
  );
}

export function AudienceOverlay({ round }: { round: RoundRecord }) {
  const t = useT();
  const url = useJoinUrl();
  const setup = useRoundSetup(round.id);
  const { open, tally, secondsLeft } = useAudienceVoting(round.id);
  if (!round.audience || !open) return null;
  const name = setup?.contestants.find((contestant) => contestant.id === open.contestantId)?.name ?? '';
  const summary = tallyText(t, round.audience, tally, {
    support: 'stage.projector.audience.support',
    mean: 'stage.projector.audience.mean',
  });
  return (
    <aside className="pj-audience" data-testid="projector-audience">
      <JoinCode url={url} />
      <div className="pj-audience__text">
        <p className="pj-audience__who">{t('stage.projector.audience.voteFor', { name })}</p>
        <p className="pj-audience__time" data-testid="projector-audience-time">
          {secondsLeft > 0
            ? t('stage.projector.audience.remaining', { seconds: secondsLeft })
            : t('stage.projector.audience.closed')}
        </p>
        <p className="pj-audience__tally" data-testid="projector-audience-tally">
          {t('stage.projector.audience.turnout', { count: tally.votes })}
          {summary && ` · ${summary}`}
        </p>
      </div>
    </aside>
  );
}
