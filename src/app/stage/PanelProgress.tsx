/**
 * 评委评分进度 for the contestant in focus: each judge submitted / incomplete / scoring / not
 * started / recused, whose sheet is set aside (a mark the rules refuse), 催分 for a late judge,
 * and the outliers (a total far from the panel's median) with 请评委确认; both reach the judge's
 * screen as events. Beside each status, whether the judge's tablet is online and when it last
 * reached the venue server: a sheet 未开始 on an offline tablet may be submitted already.
 */

import { Suspense, useState } from 'react';
import { nudgeJudge, requestConfirmation } from '../../db/repository';
import type { ContestantResult } from '../../domain/engine';
import type { LeitaiEvent } from '../../domain/events';
import { judgeCriteria } from '../../domain/groups';
import type { SetAside } from '../../domain/live-standings';
import type { Id } from '../../domain/model';
import type { Outlier } from '../../domain/outliers';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import type { JudgeProgress } from '../../domain/reveal-checks';
import { useDatabase } from '../db-context';
import { useErrorText } from '../i18n/error-text';
import { useUiStore } from '../i18n/language';
import { useT } from '../i18n/useT';
import { confirmationOf } from './confirmation';
import { groupSummary } from './LazyGroupParts';
import { tabletLine } from './tablet-line';
import type { PresenceView } from './use-presence';
import type { SheetSignings } from './use-sheet-signings';

export interface PanelProgressProps {
  round: RoundRecord;
  contestant: ContestantRecord;
  judges: JudgeRecord[];
  progress: JudgeProgress[];
  /** The contestant's set-aside sheets that would count. */
  setAside: SetAside[];
  outliers: Outlier[];
  result: ContestantResult | undefined;
  events: LeitaiEvent[];
  presence: PresenceView;
  /** The judges' signatures of their submitted sheets, as this console could check them. */
  signings: SheetSignings;
}

export function PanelProgress({
  round,
  contestant,
  judges,
  progress,
  setAside,
  outliers,
  result,
  events,
  presence,
  signings,
}: PanelProgressProps) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const lang = useUiStore((state) => state.lang);
  const [error, setError] = useState<string | null>(null);
  const eligible = progress.filter((judge) => judge.status !== 'recused');
  const submitted = eligible.filter((judge) => judge.status === 'submitted').length;
  const signingOf = (judgeId: Id) =>
    signings.state === 'checked' ? signings.signingOf(judgeId, contestant.id) : null;
  const signed = eligible.filter((judge) => signingOf(judge.judgeId)?.state === 'signed').length;
  const grouped = round.settings.groups !== undefined;
  const groupLabel = (judge: JudgeRecord) =>
    round.settings.groups?.find((group) => group.id === judge.group)?.label ?? null;

  const run = async (write: () => Promise<unknown>) => {
    setError(null);
    try {
      await write();
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <section className="host-card host-panel" aria-labelledby="host-panel-title">
      <div className="host-card__head">
        <h3 id="host-panel-title">{t('stage.panel.title')}</h3>
        {!grouped && (
          <span className="host-panel__summary">
            {t('stage.panel.summary', { submitted, eligible: eligible.length })}
          </span>
        )}
        {signings.state === 'checked' && (
          <span className="host-panel__summary host-panel__signed">
            {t('stage.panel.signed', { signed, eligible: eligible.length })}
          </span>
        )}
      </div>
      {signings.state === 'unavailable' && (
        <p className="host-presence-note" role="status">
          {t('stage.panel.signaturesUnavailable')}
        </p>
      )}
      {grouped && (
        <Suspense fallback={null}>
          <groupSummary.Part round={round} judges={judges} progress={progress} result={result} />
        </Suspense>
      )}
      {(presence.state === 'hostOffline' || presence.state === 'hostNoSession') && (
        <p className="host-presence-note" role="status">
          {t(
            presence.state === 'hostOffline' ? 'stage.presence.hostOffline' : 'stage.presence.hostNoSession',
          )}
        </p>
      )}
      <ul className="host-panel__list">
        {progress.map((entry) => {
          const judge = judges.find((candidate) => candidate.id === entry.judgeId) as JudgeRecord;
          const total = result?.judgeTotals.find((candidate) => candidate.judge === judge.id);
          const outlier = outliers.find((candidate) => candidate.judge === judge.id);
          const nudged = events.some(
            (event) =>
              event.type === 'stage.nudge' &&
              event.payload.judgeId === judge.id &&
              event.payload.contestantId === contestant.id,
          );
          const confirmation = confirmationOf(events, judge.id, contestant.id);
          const setAsideSheet = setAside.some((sheet) => sheet.judge === judge.id);
          const unfinished =
            entry.status === 'drafting' || entry.status === 'notStarted' || entry.status === 'incomplete';
          const tablet = entry.status === 'recused' ? null : tabletLine(presence, judge.id, t, lang);
          const signing = entry.status === 'submitted' ? signingOf(judge.id) : null;
          const group = groupLabel(judge);
          return (
            <li
              key={judge.id}
              className={`host-judge host-judge--${entry.status}${outlier ? ' host-judge--outlier' : ''}`}
            >
              <span className="host-judge__name">{judge.name}</span>
              {group && <span className="host-judge__group">{group}</span>}
              <span className={`host-chip host-chip--${entry.status}`}>
                {t(`stage.panel.status.${entry.status}`)}
              </span>
              <span className="host-judge__detail">
                {total
                  ? t('stage.panel.total', { total: total.shown })
                  : entry.status !== 'recused' &&
                    t('stage.panel.marked', {
                      marked: entry.marked,
                      count: judgeCriteria(round.settings, judge, round.criteria).length,
                    })}
              </span>
              {tablet && (
                <span className={`host-presence host-presence--${tablet.state}`}>{tablet.text}</span>
              )}
              {signing && signing.state !== 'signed' && (
                <span className={`host-chip host-chip--signature-${signing.state}`}>
                  {t(`stage.panel.signature.${signing.state}`)}
                </span>
              )}
              {setAsideSheet && (
                <span className="host-chip host-chip--setAside">{t('stage.panel.setAside')}</span>
              )}
              {nudged && entry.status !== 'submitted' && (
                <span className="host-chip host-chip--asked">{t('stage.panel.nudged')}</span>
              )}
              {unfinished && (
                <button
                  type="button"
                  className="button button--secondary host-judge__action"
                  aria-label={t('stage.panel.nudgeLabel', { name: judge.name })}
                  onClick={() =>
                    run(() =>
                      nudgeJudge(db, { roundId: round.id, judgeId: judge.id, contestantId: contestant.id }),
                    )
                  }
                >
                  {t('stage.panel.nudge')}
                </button>
              )}
              {outlier && total && (
                <span className="host-judge__outlier">
                  <strong>
                    {t(outlier.direction === 'high' ? 'stage.panel.outlierHigh' : 'stage.panel.outlierLow')}
                  </strong>
                  {confirmation === 'none' ? (
                    <button
                      type="button"
                      className="button button--secondary host-judge__action"
                      aria-label={t('stage.panel.askConfirmLabel', { name: judge.name })}
                      onClick={() =>
                        run(() =>
                          requestConfirmation(db, {
                            roundId: round.id,
                            judgeId: judge.id,
                            contestantId: contestant.id,
                            total: total.shown,
                          }),
                        )
                      }
                    >
                      {t('stage.panel.askConfirm')}
                    </button>
                  ) : (
                    <span className={`host-chip host-chip--${confirmation}`}>
                      {t(confirmation === 'asked' ? 'stage.panel.asked' : 'stage.panel.confirmed')}
                    </span>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="stage-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
