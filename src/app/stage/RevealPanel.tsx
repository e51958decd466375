/**
 * 公布成绩: the checks (every eligible sheet in and complete, none set aside for a mark the rules
 * refuse, or an override with a reason; outliers not confirmed yet), the reveal (locks the marks,
 * starts the projector's reveal), and then the sentence to read out, made from the engine's result.
 */

import { useState } from 'react';
import { revealContestant, setProjectorDisplay } from '../../db/repository';
import type { ContestantResult } from '../../domain/engine';
import type { ProjectorTheme } from '../../domain/events';
import { describeIssue } from '../../domain/issues';
import { readoutSentence } from '../../domain/readout';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import type { RevealChecks } from '../../domain/reveal-checks';
import type { ContestantLock } from '../../domain/stage';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { useUiStore } from '../store';
import { StageDialog } from './StageDialog';

export interface RevealPanelProps {
  round: RoundRecord;
  contestant: ContestantRecord;
  judges: JudgeRecord[];
  checks: RevealChecks;
  eligibleCount: number;
  result: ContestantResult | undefined;
  lock: ContestantLock;
  theme: ProjectorTheme;
}

export function RevealPanel({
  round,
  contestant,
  judges,
  checks,
  eligibleCount,
  result,
  lock,
  theme,
}: RevealPanelProps) {
  const t = useT();
  const db = useDatabase();
  const lang = useUiStore((state) => state.lang);
  const [confirming, setConfirming] = useState(false);
  const nameOf = (judgeId: string) => judges.find((judge) => judge.id === judgeId)?.name ?? judgeId;
  const names = (ids: readonly string[]) => ids.map(nameOf).join('、');
  const numbered = { draw: contestant.draw ?? '—', name: contestant.name };
  const held = checks.setAside.length > 0;
  // A held result is pending until its set-aside sheets are settled; revealing past them scores
  // the contestant on the other sheets, which is possible only when those are enough.
  const pending = !result || (held ? result.countedJudges < result.requiredJudges : result.pending);
  const revealed = lock.status !== 'open';
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
              <li key={`${found.code}:${found.path}`}>{describeIssue(found, lang)}</li>
            ))}
          </ul>
        </li>
      ))}
      {held && <li className="host-check host-check--warn">{t('stage.reveal.setAsideHelp')}</li>}
    </>
  );

  return (
    <section className="host-card host-reveal" aria-labelledby="host-reveal-title">
      <h3 id="host-reveal-title">{t('stage.reveal.title')}</h3>
      {lock.status === 'locked' ? (
        <p className="host-reveal__state host-reveal__state--locked">{t('stage.reveal.locked')}</p>
      ) : (
        <ul className="host-checks">
          {lock.status === 'reopened' && (
            <li className="host-check host-check--warn">
              {t('stage.reveal.reopened', { names: names(lock.reopenedJudgeIds) })}
            </li>
          )}
          {checks.allSubmitted && !held && (
            <li className="host-check host-check--ok">{t('stage.reveal.ready', { count: eligibleCount })}</li>
          )}
          {warnings}
          {checks.unconfirmedOutliers.length > 0 && (
            <li className="host-check host-check--warn">
              {t('stage.reveal.outliers', {
                names: names(checks.unconfirmedOutliers.map((outlier) => outlier.judge)),
              })}
            </li>
          )}
          {pending && (
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
          disabled={pending}
          onClick={() => setConfirming(true)}
        >
          {t(lock.status === 'reopened' ? 'stage.reveal.again' : 'stage.reveal.button')}
        </button>
      )}
      {revealed && result && !result.pending && (
        <div className="host-readout">
          <h4>{t('stage.reveal.readout')}</h4>
          <p className="host-readout__sentence" lang={lang}>
            {readoutSentence(result, round.settings, lang)}
          </p>
          <button
            type="button"
            className="button button--secondary stage-big"
            onClick={() =>
              setProjectorDisplay(db, round.id, { view: 'reveal', contestantId: contestant.id, theme })
            }
          >
            {t('stage.reveal.replay')}
          </button>
        </div>
      )}
      {confirming && (
        <StageDialog
          title={t('stage.reveal.dialogTitle', numbered)}
          confirmLabel={t('stage.reveal.confirm')}
          field={
            checks.needsOverride ? { label: t('stage.reveal.overrideLabel'), required: true } : undefined
          }
          onConfirm={async (reason) => {
            await revealContestant(db, {
              roundId: round.id,
              contestantId: contestant.id,
              ...(checks.needsOverride ? { overrideReason: reason } : {}),
            });
          }}
          onClose={() => setConfirming(false)}
        >
          <p>{t('stage.reveal.dialogBody')}</p>
          {checks.needsOverride && <ul className="host-checks stage-warning">{warnings}</ul>}
          {checks.unconfirmedOutliers.length > 0 && (
            <p className="stage-warning">
              {t('stage.reveal.outliers', {
                names: names(checks.unconfirmedOutliers.map((outlier) => outlier.judge)),
              })}
            </p>
          )}
        </StageDialog>
      )}
    </section>
  );
}
