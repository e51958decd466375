/**
 * 大屏 (/projector): the audience's screen, its own window made for full screen (the app's
 * header is hidden on this route). It follows the host's `stage.view` events and only
 * displays: its one button, 全屏 (or the F key), changes nothing but the window, and shows only
 * while the mouse moves or a key is pressed. Before the host's first choice it waits (比赛即将
 * 开始); it shows only what the host has revealed, and says 暂定 while the round's results are
 * provisional (src/domain/provisional.ts).
 */

import { Suspense, useEffect, useState } from 'react';
import { displayOf } from '../../db/repository';
import type { ContestantResult } from '../../domain/engine';
import type { Id } from '../../domain/model';
import { roundResultStatusOf } from '../../domain/provisional';
import { contestantLockOf, projectorViewOf } from '../../domain/stage';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { lazyPart } from '../pwa/lazy-part';
import { navigate, useSearch } from '../router';
import { joinAsProjector } from '../sync/device-sync';
import { syncFailureMessage } from '../sync/failure-message';
import { roundParam } from './default-round';
import { AwardsView, ContestantView, LeaderboardView, RevealView, WaitingView } from './ProjectorViews';
import { useCompetition, useRevealedStandings } from './projector-data';
import { useRoundChoices, useRoundSetup, useStageEvents } from './stage-data';
import { usePrefersReducedMotion } from './use-flip';
import { useIdle } from './use-idle';
import './projector.css';

// 大众投票's QR code, countdown and tally: loaded only for a round with audience voting.
// 总排名, for a competition with a stage combination: loaded when the host shows it.
const combinedView = lazyPart(['combination'], () =>
  import('./CombinedView').then((module) => module.CombinedView),
);
const audienceOverlay = lazyPart([], () =>
  import('./AudienceOverlay').then((module) => module.AudienceOverlay),
);

function useFullscreen(): boolean {
  const [full, setFull] = useState(() => document.fullscreenElement != null);
  useEffect(() => {
    const update = () => setFull(document.fullscreenElement != null);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);
  return full;
}

function toggleFullscreen(): void {
  const change = document.fullscreenElement
    ? document.exitFullscreen()
    : document.documentElement.requestFullscreen();
  change.catch(() => undefined);
}

/** F toggles full screen, whether or not the button shows (Esc leaves it, as everywhere). */
function useFullscreenKey(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'f' && event.key !== 'F') return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (event.target instanceof HTMLElement && event.target.closest('input, textarea, select')) return;
      toggleFullscreen();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
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
  const idle = useIdle();
  useFullscreenKey();
  if (choices === undefined) return <div className="projector projector--leitai" />;
  const roundId = roundParam(search) ?? choices.defaultId;
  return (
    <div className={`pj-page${idle ? ' pj-page--idle' : ''}`}>
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
      {!full && !idle && document.fullscreenEnabled && (
        <button type="button" className="pj-fullscreen" onClick={toggleFullscreen}>
          {t('stage.projector.fullscreen')}
        </button>
      )}
    </div>
  );
}

function Projector({ roundId }: { roundId: Id }) {
  const t = useT();
  const setup = useRoundSetup(roundId);
  const events = useStageEvents(roundId);
  const read = useRevealedStandings(roundId);
  const competition = useCompetition(setup?.round.competitionId ?? '');
  const reducedMotion = usePrefersReducedMotion();
  if (setup === undefined || events === undefined || read === undefined || competition === undefined) {
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
  const { standings } = read;
  const status = roundResultStatusOf(contestants, events);
  const display = displayOf(events);
  const viewEvent = projectorViewOf(events);
  const contestant = contestants.find((candidate) => candidate.id === display.contestantId);
  const result: ContestantResult | undefined = [...standings.ranked, ...standings.pending].find(
    (candidate) => candidate.id === display.contestantId,
  );

  // 彩排 beside the round's name on every view, so that no one takes a rehearsal for the real results.
  const roundName = (
    <>
      {round.rehearsalOf !== undefined && (
        <span className="pj-rehearsal">{t('stage.projector.rehearsal')}</span>
      )}
      {round.name}
    </>
  );

  const audience = round.audience && (
    <Suspense fallback={null}>
      <audienceOverlay.Part round={round} />
    </Suspense>
  );

  if (viewEvent === null) {
    // Before the host's first call or choice: the competition, not a board of 评分中.
    return (
      <div className={`projector projector--${display.theme}`} data-view="waiting">
        <WaitingView competitionName={competition?.name ?? null} roundName={roundName} />
        {audience}
      </div>
    );
  }

  // The contestant on stage carries the round's name in a corner; the leaderboard and the
  // awards in their heading.
  let view = (
    <LeaderboardView
      round={round}
      standings={standings}
      status={status}
      caption={roundName}
      reducedMotion={reducedMotion}
    />
  );
  let captioned = false;
  if (display.view === 'contestant' && contestant) {
    view = <ContestantView round={round} contestant={contestant} events={events} />;
    captioned = true;
  } else if (display.view === 'reveal' && contestant) {
    const lock = contestantLockOf(events, contestant.id);
    view = (
      <RevealView
        key={viewEvent.id}
        round={round}
        contestant={contestant}
        judges={judges}
        result={result}
        revealed={lock.status !== 'open'}
        provisional={!status.final}
        started={viewEvent}
        reducedMotion={reducedMotion}
        allSigned={lock.lock?.payload.allSigned === true}
      />
    );
    captioned = true;
  } else if (display.view === 'combined') {
    view = (
      <Suspense fallback={null}>
        <combinedView.Part competitionId={round.competitionId} />
      </Suspense>
    );
  } else if (display.view === 'awards') {
    view = (
      <AwardsView
        round={round}
        caption={roundName}
        standings={standings}
        status={status}
        started={viewEvent}
      />
    );
  }

  return (
    <div className={`projector projector--${display.theme}`} data-view={display.view}>
      {captioned && <p className="pj-caption">{roundName}</p>}
      {view}
      {audience}
    </div>
  );
}
