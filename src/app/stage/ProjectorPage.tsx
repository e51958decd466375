/**
 * 大屏 (/projector): the audience's screen, its own window made for full screen (the app's
 * header is hidden on this route). It follows the host's `stage.view` events and only
 * displays: its one button, 全屏, changes nothing but the window.
 */

import { useEffect, useState } from 'react';
import { displayOf } from '../../db/repository';
import type { ContestantResult } from '../../domain/engine';
import { heldAsPending } from '../../domain/live-standings';
import type { Id } from '../../domain/model';
import { contestantLockOf, projectorViewOf } from '../../domain/stage';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { navigate, useSearch } from '../router';
import { joinAsProjector } from '../sync/device-sync';
import { syncFailureMessage } from '../sync/failure-message';
import { roundParam } from './default-round';
import { AwardsView, ContestantView, LeaderboardView, RevealView } from './ProjectorViews';
import { useRoundChoices, useRoundSetup, useStageEvents, useStandings } from './stage-data';
import { usePrefersReducedMotion } from './use-flip';
import './projector.css';

function useFullscreen(): boolean {
  const [full, setFull] = useState(() => document.fullscreenElement != null);
  useEffect(() => {
    const update = () => setFull(document.fullscreenElement != null);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);
  return full;
}

/**
 * A projector on a device of its own opens /projector?code=12345678 (the link the venue server
 * prints): the code is exchanged for a read-only token, then dropped from the address. The
 * page has no header, so this is its way in; a refusal is shown until the code is right.
 */
function useJoinWithCode(search: string): string | null {
  const t = useT();
  const db = useDatabase();
  const code = new URLSearchParams(search).get('code');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    joinAsProjector(code, db).then(
      () => {
        const rest = new URLSearchParams(window.location.search);
        rest.delete('code');
        const query = rest.toString();
        navigate(`/projector${query ? `?${query}` : ''}`, { replace: true });
      },
      (failure) => {
        const { key, params } = syncFailureMessage(failure);
        if (live) setProblem(t(key, params));
      },
    );
    return () => {
      live = false;
    };
  }, [code, db, t]);
  return problem;
}

export default function ProjectorPage() {
  const t = useT();
  const search = useSearch();
  const joinProblem = useJoinWithCode(search);
  const choices = useRoundChoices();
  const full = useFullscreen();
  if (choices === undefined) return <div className="projector projector--leitai" />;
  const roundId = roundParam(search) ?? choices.defaultId;
  return (
    <>
      <h1 className="visually-hidden">{t('stage.projector.title')}</h1>
      {joinProblem && (
        <p className="pj-join-problem" role="alert">
          {joinProblem}
        </p>
      )}
      {roundId === null ? (
        <div className="projector projector--leitai">
          <p className="pj-title pj-empty">{t('stage.projector.noRound')}</p>
        </div>
      ) : (
        <Projector key={roundId} roundId={roundId} />
      )}
      {!full && document.fullscreenEnabled && (
        <button
          type="button"
          className="pj-fullscreen"
          onClick={() => document.documentElement.requestFullscreen().catch(() => undefined)}
        >
          {t('stage.projector.fullscreen')}
        </button>
      )}
    </>
  );
}

function Projector({ roundId }: { roundId: Id }) {
  const t = useT();
  const setup = useRoundSetup(roundId);
  const events = useStageEvents(roundId);
  const read = useStandings(roundId);
  const reducedMotion = usePrefersReducedMotion();
  if (setup === undefined || events === undefined || read === undefined) {
    return <div className="projector projector--leitai" />;
  }
  if (setup === null || read.standings === null) {
    return (
      <div className="projector projector--leitai">
        <p className="pj-title pj-empty">{t('stage.projector.noRound')}</p>
      </div>
    );
  }
  const { round, judges, contestants } = setup;
  const standings = heldAsPending(read.standings);
  const display = displayOf(events);
  const viewEvent = projectorViewOf(events);
  const contestant = contestants.find((candidate) => candidate.id === display.contestantId);
  const result: ContestantResult | undefined = [...standings.ranked, ...standings.pending].find(
    (candidate) => candidate.id === display.contestantId,
  );

  let view = <LeaderboardView standings={standings} reducedMotion={reducedMotion} />;
  if (display.view === 'contestant' && contestant) {
    view = <ContestantView round={round} contestant={contestant} events={events} />;
  } else if (display.view === 'reveal' && contestant && viewEvent) {
    view = (
      <RevealView
        key={viewEvent.id}
        contestant={contestant}
        judges={judges}
        result={result}
        revealed={contestantLockOf(events, contestant.id).status !== 'open'}
        started={viewEvent}
        reducedMotion={reducedMotion}
      />
    );
  } else if (display.view === 'awards') {
    view = <AwardsView round={round} standings={standings} started={viewEvent} />;
  }

  return (
    <div className={`projector projector--${display.theme}`} data-view={display.view}>
      <p className="pj-caption">
        {round.rehearsalOf !== undefined && (
          <span className="pj-rehearsal">{t('stage.projector.rehearsal')}</span>
        )}
        {round.name}
      </p>
      {view}
    </div>
  );
}
