/**
 * 公布成绩: the checks (every eligible sheet in and complete, none set aside for a mark the rules
 * refuse, or an override with a reason; outliers not confirmed yet; the audience's voting closed,
 * and confirmed anyway when its count has not come from the server), the reveal (locks the marks,
 * starts the projector's reveal at the host's 揭晓速度), and then the sentence to read out, made
 * from the engine's result, with 跳过动画 while the projector is still unfolding the reveal.
 */

import { Suspense, useState } from 'react';
import { revealContestant, setProjectorDisplay } from '../../db/repository';
import type { ContestantResult } from '../../domain/engine';
import type { LeitaiEvent } from '../../domain/events';
import { readoutSentence } from '../../domain/readout';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import type { RevealChecks } from '../../domain/reveal-checks';
import type { ContestantLock } from '../../domain/stage';
import { useDatabase } from '../db-context';
import { useIssueText } from '../i18n/issue-text';
import { useUiStore } from '../i18n/language';
import { useT } from '../i18n/useT';
import { startedAtMs, useNow } from './clock';
import { groupReadout } from './LazyGroupParts';
import { LazyStageDialog } from './LazyStageDialog';
import { useRevealPace } from './reveal-pace';
import { CHOSEN_PACES, type ChosenPace, revealProgress, revealSteps } from './reveal-sequence';

export interface RevealPanelProps {
  round: RoundRecord;
  contestant: ContestantRecord;
  judges: JudgeRecord[];
  checks: RevealChecks;
  eligibleCount: number;
  /** The judges whose sheet verified as signed: the reveal records 评委签名齐全 when all are. */
  signedJudgeIds: readonly string[];
  result: ContestantResult | undefined;
  lock: ContestantLock;
  /** The projector's current `stage.view`, null before any. */
  view: LeitaiEvent<'stage.view'> | null;
}

/** Whether the projector is still unfolding this contestant's reveal (so that 跳过 means something). */
function useRevealRunning(view: LeitaiEvent<'stage.view'> | null, contestantId: string, totals: number) {
  const showing =
    view !== null &&
    view.payload.view === 'reveal' &&
    view.payload.contestantId === contestantId &&
    view.payload.pace !== 'instant';
  const now = useNow(showing, 250);
  return showing && !revealProgress(now - startedAtMs(view), totals, view.payload.pace).done;
}

export function RevealPanel({
  round,
  contestant,
  judges,
  checks,
  eligibleCount,
  signedJudgeIds,
  result,
  lock,
  view,
}: RevealPanelProps) {
  const t = useT();
  const db = useDatabase();
  const lang = useUiStore((state) => state.lang);
  const issueText = useIssueText();
  const { pace, setPace } = useRevealPace();
  const [confirming, setConfirming] = useState(false);
  const running = useRevealRunning(view, contestant.id, revealSteps(result));
  const theme = view?.payload.theme ?? 'leitai';
  const showReveal = (revealPace: ChosenPace | 'instant') =>
    setProjectorDisplay(db, round.id, {
      view: 'reveal',
      contestantId: contestant.id,
      theme,
      pace: revealPace,
    });
  const nameOf = (judgeId: string) => judges.find((judge) => judge.id === judgeId)?.name ?? judgeId;
  const unsignedJudges = checks.signatureProblems
    .filter((found) => found.problem === 'unsigned')
    .map((found) => found.judgeId);
  const names = (ids: readonly string[]) => ids.map(nameOf).join('、');
  const numbered = { draw: contestant.draw ?? '—', name: contestant.name };
  const held = checks.setAside.length > 0;
  // A held result is pending until its set-aside sheets are settled; revealing past them scores
  // the contestant on the other sheets, which is possible only when those are enough.
  const pending = !result || (held ? result.countedJudges < result.requiredJudges : result.pending);
  const revealed = lock.status !== 'open';
  // What the reveal recorded, not the checks now: the projector shows the same (src/domain/events.ts).
  const revealedSigned = lock.lock?.payload.allSigned === true;
  const votingOpen = checks.audienceVoting === 'open';
  const unsealed = checks.audienceVoting === 'unsealed';
  const unsealedNote = unsealed && (
    <li className="host-check host-check--warn">{t('stage.reveal.votesUnsealed')}</li>
  );
  const warnings = (
    <>
      {checks.missing.length > 0 && (
        <li className="host-check host-check--warn">
          {t('stage.reveal.missing', { count: checks.missing.length, names: names(checks.missing) })}
        </li>
      )}
      {checks.incomplete.map((judge) => (
        <li key={judge.judgeId} className="host-check host-check--warn">
          {t('stage.reveal.incomplete', {
            name: nameOf(judge.judgeId),
            criteria: judge.unmarked
              .map((id) => round.criteria.find((criterion) => criterion.id === id)?.label ?? id)
              .join('、'),
          })}
        </li>
      ))}
      {checks.setAside.map((sheet) => (
        <li key={sheet.judge ?? ''} className="host-check host-check--bad">
          {sheet.judge === null
            ? t('stage.reveal.setAsideAdjustment')
            : t('stage.reveal.setAside', { name: nameOf(sheet.judge) })}
          <ul className="host-check__issues">
            {sheet.issues.map((found) => (
              <li key={`${found.code}:${found.path}`}>{issueText(found)}</li>
            ))}
          </ul>
        </li>
      ))}
      {held && <li className="host-check host-check--warn">{t('stage.reveal.setAsideHelp')}</li>}
      {checks.signatureProblems
        .filter((found) => found.problem !== 'unsigned')
        .map((found) => (
          <li key={`signature:${found.judgeId}`} className="host-check host-check--bad">
            {t(`stage.reveal.signature.${found.problem}`, { name: nameOf(found.judgeId) })}
          </li>
        ))}
    </>
  );

  return (
    <section className="host-card host-reveal" aria-labelledby="host-reveal-title">
      <div className="host-card__head">
        <h3 id="host-reveal-title">{t('stage.reveal.title')}</h3>
        {lock.status === 'locked' ? (
          <p className="host-reveal__state host-reveal__state--locked">{t('stage.reveal.locked')}</p>
        ) : (
          <PaceChoice pace={pace} onChange={setPace} />
        )}
      </div>
      {lock.status !== 'locked' && (
        <ul className="host-checks">
          {lock.status === 'reopened' && (
            <li className="host-check host-check--warn">
              {t('stage.reveal.reopened', { names: names(lock.reopenedJudgeIds) })}
            </li>
          )}
          {checks.allSubmitted && !held && (
            <li className="host-check host-check--ok">{t('stage.reveal.ready', { count: eligibleCount })}</li>
          )}
          {checks.allSigned && <li className="host-check host-check--ok">{t('stage.reveal.allSigned')}</li>}
          {warnings}
          {checks.unconfirmedOutliers.length > 0 && (
            <li className="host-check host-check--warn">
              {t('stage.reveal.outliers', {
                names: names(checks.unconfirmedOutliers.map((outlier) => outlier.judge)),
              })}
            </li>
          )}
          {votingOpen && <li className="host-check host-check--bad">{t('stage.reveal.votingOpen')}</li>}
          {unsealedNote}
          {pending &&
            result?.groups
              ?.filter((group) => group.countedJudges < group.requiredJudges)
              .map((group) => (
                <li key={group.id} className="host-check host-check--bad">
                  {t('stage.reveal.groupPending', {
                    label: group.label,
                    counted: group.countedJudges,
                    required: group.requiredJudges,
                  })}
                </li>
              ))}
          {pending && !result?.groups && (
            <li className="host-check host-check--bad">
              {t('stage.reveal.pending', {
                counted: result?.countedJudges ?? 0,
                required: result?.requiredJudges ?? eligibleCount,
              })}
            </li>
          )}
        </ul>
      )}
      {lock.status !== 'locked' && (
        <button
          type="button"
          className="button stage-big stage-huge host-reveal__button"
          disabled={pending || votingOpen}
          onClick={() => setConfirming(true)}
        >
          {t(lock.status === 'reopened' ? 'stage.reveal.again' : 'stage.reveal.button')}
        </button>
      )}
      {revealed && result && !result.pending && (
        <div className="host-readout">
          <h4>{t('stage.reveal.readout')}</h4>
          {result.groups ? (
            <Suspense fallback={null}>
              <groupReadout.Part round={round} result={result} allSigned={revealedSigned} />
            </Suspense>
          ) : (
            <p className="host-readout__sentence" lang={lang}>
              {readoutSentence(result, round.settings, lang, revealedSigned)}
            </p>
          )}
          <div className="host-readout__actions">
            {running && (
              <button type="button" className="button stage-big" onClick={() => showReveal('instant')}>
                {t('stage.reveal.skip')}
              </button>
            )}
            <button
              type="button"
              className="button button--secondary stage-big"
              onClick={() => showReveal(pace)}
            >
              {t('stage.reveal.replay')}
            </button>
            {/* Before a reveal again (reopened), the choice is in the card's head. */}
            {lock.status === 'locked' && <PaceChoice pace={pace} onChange={setPace} />}
          </div>
        </div>
      )}
      {confirming && (
        <LazyStageDialog
          title={t('stage.reveal.dialogTitle', numbered)}
          confirmLabel={t(unsealed ? 'stage.reveal.confirmUnsealed' : 'stage.reveal.confirm')}
          field={
            checks.needsOverride ? { label: t('stage.reveal.overrideLabel'), required: true } : undefined
          }
          onConfirm={async (reason) => {
            await revealContestant(db, {
              roundId: round.id,
              contestantId: contestant.id,
              pace,
              signatureProblems: checks.signatureProblems,
              signedJudgeIds,
              ...(checks.needsOverride ? { overrideReason: reason } : {}),
            });
          }}
          onClose={() => setConfirming(false)}
        >
          <p>{t('stage.reveal.dialogBody')}</p>
          {(checks.needsOverride || unsignedJudges.length < checks.signatureProblems.length) && (
            <ul className="host-checks stage-warning">{warnings}</ul>
          )}
          {/* Unsigned sheets (tablets without WebCrypto) only warn: the panel marks each 未签名, and
              this one line says it again before 公布, out of the card so that 公布 stays in view. */}
          {unsignedJudges.length > 0 && (
            <ul className="host-checks stage-warning">
              <li className="host-check host-check--warn">
                {t('stage.reveal.signature.unsigned', {
                  count: unsignedJudges.length,
                  names: unsignedJudges.map(nameOf).join('、'),
                })}
              </li>
            </ul>
          )}
          {unsealed && <ul className="host-checks stage-warning">{unsealedNote}</ul>}
          {checks.unconfirmedOutliers.length > 0 && (
            <p className="stage-warning">
              {t('stage.reveal.outliers', {
                names: names(checks.unconfirmedOutliers.map((outlier) => outlier.judge)),
              })}
            </p>
          )}
        </LazyStageDialog>
      )}
    </section>
  );
}

/** 揭晓速度: how fast the projector unfolds the next reveal (and a replay). */
function PaceChoice({ pace, onChange }: { pace: ChosenPace; onChange: (pace: ChosenPace) => void }) {
  const t = useT();
  return (
    <fieldset className="host-toggle host-pace">
      <legend>{t('stage.reveal.pace')}</legend>
      {CHOSEN_PACES.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={pace === option}
          className={`host-toggle__option${pace === option ? ' host-toggle__option--on' : ''}`}
          onClick={() => onChange(option)}
        >
          {t(`stage.reveal.pace.${option}`)}
        </button>
      ))}
    </fieldset>
  );
}
