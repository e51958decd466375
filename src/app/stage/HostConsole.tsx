/**
 * The host console of one round: the order of appearance on the left, the contestant in focus
 * (normally the one on stage) in the middle — clock, checks and reveal — and the panel's
 * progress, the projector, adjustments, correction requests and late marks on the right. Made
 * so that a host on stage never scrolls: once the contestant is revealed, the sentence to read
 * out takes the clock's place under the name, and the clock shrinks below it.
 */

import { type ReactNode, Suspense, useEffect, useMemo, useState } from 'react';
import { audienceWindowsOf, competitionById, displayOf } from '../../db/repository';
import type { ContestantResult } from '../../domain/engine';
import { stageCallOf } from '../../domain/events';
import type { Id } from '../../domain/model';
import { panelProgress, revealChecks, signatureProblemsOf, signedJudgesOf } from '../../domain/reveal-checks';
import { contestantLockOf, projectorViewOf } from '../../domain/stage';
import { useIssueText } from '../i18n/issue-text';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { usePaintedOnce } from '../pwa/after-paint';
import { lazyPart, preloadWhenIdle } from '../pwa/lazy-part';
import { ContestantQueue } from './ContestantQueue';
import { confirmationOf } from './confirmation';
import { hostOutliers } from './group-progress';
import { groupReadout, groupSummary } from './LazyGroupParts';
import { stageDialog } from './LazyStageDialog';
import { useRoundSetup, useScoringRows, useStageEvents, useStandings } from './stage-data';
import { usePresence } from './use-presence';
import { useSheetSignings } from './use-sheet-signings';
import { WithWholeName } from './WholeName';

// The panels a host uses now and then, not at the first call: loaded after the console shows,
// so that the stage page stays within its initial-JavaScript budget.
const adjustmentsPanel = lazyPart([], () =>
  import('./AdjustmentsPanel').then((module) => module.AdjustmentsPanel),
);
const correctionsPanel = lazyPart([], () =>
  import('./CorrectionsPanel').then((module) => module.CorrectionsPanel),
);
const audiencePanel = lazyPart([], () => import('./AudiencePanel').then((module) => module.AudiencePanel));
// The reveal (with its readout sentence) and the late marks: on the console's first screen, but
// preloaded as the console mounts, before a contestant's scores are complete to be revealed.
const revealPanel = lazyPart([], () => import('./RevealPanel').then((module) => module.RevealPanel));
const lateMarks = lazyPart([], () => import('./LateMarks').then((module) => module.LateMarks));
const timerPanel = lazyPart([], () => import('./TimerPanel').then((module) => module.TimerPanel));
const progressPanel = lazyPart([], () => import('./PanelProgress').then((module) => module.PanelProgress));
const displayControls = lazyPart([], () =>
  import('./DisplayControls').then((module) => module.DisplayControls),
);
// 总排名, only for a competition with a stage combination.
const combinedPanel = lazyPart(['combination'], () =>
  import('./CombinedPanel').then((module) => module.CombinedPanel),
);
// 观摩进度, only for a site-visit round (观摩评分).
const siteVisitTable = lazyPart([], () => import('./SiteVisitTable').then((module) => module.SiteVisitTable));
// 扫码接收 (离线交接): the camera, the QR reader and its texts only when a tablet needs them.
const handoffPanel = lazyPart([], () => import('./HandoffPanel').then((module) => module.HandoffPanel));

export function HostConsole({ roundId }: { roundId: Id }) {
  const t = useT();
  const issueText = useIssueText();
  useEffect(() => {
    preloadWhenIdle(
      adjustmentsPanel,
      correctionsPanel,
      stageDialog,
      revealPanel,
      lateMarks,
      timerPanel,
      displayControls,
      progressPanel,
    );
  }, []);
  const setup = useRoundSetup(roundId);
  const events = useStageEvents(roundId);
  const standings = useStandings(roundId);
  const rows = useScoringRows(roundId);
  const [focusId, setFocusId] = useState<Id | null>(null);
  const presence = usePresence(roundId);
  const competition = useLiveRead(competitionById, setup?.round.competitionId ?? '');
  // The side panels and the signatures' checks load once the console's first screen is painted.
  const painted = usePaintedOnce(
    Boolean(setup) && events !== undefined && Boolean(standings) && rows !== undefined,
  );
  const signings = useSheetSignings(roundId, rows, setup?.round.rehearsalOf !== undefined, painted);
  const call = events ? stageCallOf(events) : null;
  const grouped = setup?.round.settings.groups !== undefined;
  // The focused contestant's voting windows (read before the early returns, as every hook).
  const windows = useLiveRead(audienceWindowsOf, roundId, focusId ?? call?.payload.contestantId ?? null);
  useEffect(() => {
    if (!grouped) return;
    preloadWhenIdle(groupSummary, groupReadout);
  }, [grouped]);

  // A new call brings the console back to the contestant on stage.
  const callId = call?.id;
  useEffect(() => {
    if (callId) setFocusId(null);
  }, [callId]);

  const results = useMemo(() => {
    const byId = new Map<Id, ContestantResult>();
    for (const result of [
      ...(standings?.standings?.ranked ?? []),
      ...(standings?.standings?.pending ?? []),
      ...(standings?.standings?.held ?? []),
    ]) {
      byId.set(result.id, result);
    }
    return byId;
  }, [standings]);
  const heldIds = useMemo(
    () => new Set((standings?.standings?.held ?? []).map((result) => result.id)),
    [standings],
  );

  // Not on this device (yet): said at once, and the console shows once the round has synced.
  if (setup === null || standings === null) {
    return <p className="stage-error">{t('stage.host.roundMissing')}</p>;
  }
  if (setup === undefined || events === undefined || standings === undefined || rows === undefined) {
    return <p className="loading">{t('app.loading')}</p>;
  }

  const { round, judges, contestants } = setup;
  const calledId = call?.payload.contestantId ?? null;
  const focusedId = focusId ?? calledId;
  const focused = contestants.find((contestant) => contestant.id === focusedId) ?? null;
  const display = displayOf(events);

  let stage = <p className="host-card host-note">{t('stage.focus.none')}</p>;
  let beside: ReactNode = null;
  let adjust: ReactNode = null;
  if (focused) {
    const result = results.get(focused.id);
    const progress = panelProgress(
      judges,
      focused,
      round.criteria,
      rows.marks,
      rows.sheets,
      round.settings.recusal,
      round.settings.groups,
    );
    const setAside = (standings.standings?.setAside ?? []).filter((sheet) => sheet.contestant === focused.id);
    const outliers = hostOutliers(round, result);
    const confirmed = new Set(
      judges
        .filter((judge) => confirmationOf(events, judge.id, focused.id) === 'confirmed')
        .map((judge) => judge.id),
    );
    const lock = contestantLockOf(events, focused.id);
    const signingOf = (judgeId: Id) =>
      signings.state === 'checked' ? signings.signingOf(judgeId, focused.id) : null;
    const signatureProblems = signatureProblemsOf(progress, signingOf);
    const eligible = progress.filter((judge) => judge.status !== 'recused');
    const signedJudgeIds = signedJudgesOf(progress, signingOf);
    const revealed = lock.status !== 'open';
    const timer = (
      <Suspense fallback={null}>
        <timerPanel.Part
          round={round}
          contestant={focused}
          events={events}
          adjustments={rows.adjustments}
          compact={revealed}
        />
      </Suspense>
    );
    stage = (
      <>
        <header className="host-card host-focus">
          <p className="host-focus__label">
            {focused.id === calledId ? t('stage.focus.onStage') : t('stage.focus.viewing')}
            {focused.id !== calledId && calledId !== null && (
              <button type="button" className="button button--secondary" onClick={() => setFocusId(null)}>
                {t('stage.focus.backToStage')}
              </button>
            )}
          </p>
          <h2 className="host-focus__name">
            <WithWholeName
              text={t('stage.queue.numbered', { draw: focused.draw ?? '—', name: focused.name })}
              name={focused.name}
            />
          </h2>
          <p className="host-focus__who">{[focused.unit, focused.topic].filter(Boolean).join(' · ')}</p>
        </header>
        {!revealed && timer}
        <Suspense fallback={null}>
          <revealPanel.Part
            round={round}
            contestant={focused}
            judges={judges}
            checks={revealChecks(
              progress,
              outliers,
              confirmed,
              setAside,
              windows,
              signatureProblems,
              new Set(signedJudgeIds),
            )}
            eligibleCount={eligible.length}
            signedJudgeIds={signedJudgeIds}
            result={result}
            lock={lock}
            view={projectorViewOf(events)}
          />
        </Suspense>
        {revealed && timer}
      </>
    );
    beside = (
      <Suspense fallback={null}>
        <progressPanel.Part
          round={round}
          contestant={focused}
          judges={judges}
          progress={progress}
          setAside={setAside}
          outliers={outliers}
          result={result}
          events={events}
          presence={presence}
          signings={signings}
        />
      </Suspense>
    );
    adjust = (
      <Suspense fallback={null}>
        <adjustmentsPanel.Part roundId={round.id} contestant={focused} adjustments={rows.adjustments} />
      </Suspense>
    );
  }

  return (
    <div className="host-grid">
      {round.rehearsalOf !== undefined && (
        <p className="stage-rehearsal host-grid__wide" role="note">
          <span className="stage-rehearsal__badge">{t('stage.rehearsal.badge')}</span>
          {t('stage.rehearsal.note')}
        </p>
      )}
      {standings.issues && (
        <p className="stage-error host-grid__wide" role="alert">
          {t('stage.host.engineError', {
            issues: standings.issues.map(issueText).join('；'),
          })}
        </p>
      )}
      {round.siteVisit && (
        <div className="host-grid__wide">
          <Suspense fallback={null}>
            <siteVisitTable.Part
              round={round}
              judges={judges}
              contestants={contestants}
              rows={rows}
              presence={presence}
              signings={signings}
            />
          </Suspense>
        </div>
      )}
      <ContestantQueue
        roundId={round.id}
        contestants={contestants}
        events={events}
        results={results}
        heldIds={heldIds}
        calledId={calledId}
        focusedId={focusedId}
        onFocus={setFocusId}
      />
      <div className="host-stage">{stage}</div>
      <div className="host-side">
        {beside}
        {painted && (
          <>
            <Suspense fallback={null}>
              <displayControls.Part
                round={round}
                display={display}
                contestantId={focused?.id ?? null}
                revealed={focused !== null && contestantLockOf(events, focused.id).status !== 'open'}
              />
            </Suspense>
            {competition?.combination && (
              <Suspense fallback={null}>
                <combinedPanel.Part competitionId={round.competitionId} contestantId={focused?.id ?? null} />
              </Suspense>
            )}
            {round.audience && (
              <Suspense fallback={null}>
                <audiencePanel.Part round={round} contestant={focused} contestants={contestants} />
              </Suspense>
            )}
            {adjust}
            <Suspense fallback={null}>
              <correctionsPanel.Part
                corrections={rows.corrections}
                judges={judges}
                contestants={contestants}
              />
            </Suspense>
            <Suspense fallback={null}>
              <lateMarks.Part round={round} marks={rows.marks} judges={judges} contestants={contestants} />
            </Suspense>
            <Suspense fallback={null}>
              <handoffPanel.Part judges={judges} contestants={contestants} />
            </Suspense>
          </>
        )}
      </div>
    </div>
  );
}
