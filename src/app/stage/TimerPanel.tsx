/**
 * 计时: the contestant's clock, counted down from the round's limit, with the warnings at two
 * and one minutes left, red once time is up, and the overtime counted. When the clock stops
 * over time, the round's overtime deduction (超时扣分) is proposed; the host confirms it.
 */

import { useState } from 'react';
import { addAdjustment, setTimer } from '../../db/repository';
import { formatHundredths } from '../../domain/decimal';
import {
  type AdjustmentRow,
  isAdjustmentActive,
  type LeitaiEvent,
  type TimerAction,
} from '../../domain/events';
import {
  type ClockView,
  formatClock,
  OVERTIME_LABEL,
  overtimeDeduction,
  overtimeReason,
} from '../../domain/overtime';
import type { ContestantRecord, RoundRecord } from '../../domain/records';
import { timerEventOf } from '../../domain/stage';
import { useDatabase } from '../db-context';
import { useErrorText } from '../i18n/error-text';
import type { TFunction } from '../i18n/useT';
import { useT } from '../i18n/useT';
import { StageDialog } from './StageDialog';
import { elapsedNow, useStageClock } from './use-stage-clock';

/** The big digits: time left while within the limit, +overtime after, time used without a limit. */
function clockDigits(view: ClockView): string {
  if (view.remainingSeconds === null) return formatClock(Math.floor(view.elapsedMs / 1000));
  if (view.phase === 'overtime') return `+${formatClock(view.overtimeSeconds)}`;
  return formatClock(view.remainingSeconds);
}

function warningOf(view: ClockView, t: TFunction): string | null {
  switch (view.phase) {
    case 'twoMinutes':
      return t('stage.timer.warnTwo');
    case 'oneMinute':
      return t('stage.timer.warnOne');
    case 'overtime':
      return t('stage.timer.timeUp', { time: formatClock(view.overtimeSeconds) });
    default:
      return null;
  }
}

export interface TimerPanelProps {
  round: RoundRecord;
  contestant: ContestantRecord;
  events: LeitaiEvent[];
  adjustments: AdjustmentRow[];
  /**
   * Once the contestant is revealed the readout comes first: the clock takes one line, as it
   * does whenever it is not running (the speech is over: 公布成绩 needs the room).
   */
  compact?: boolean;
}

export function TimerPanel({ round, contestant, events, adjustments, compact = false }: TimerPanelProps) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const timer = timerEventOf(events, contestant.id);
  const clock = useStageClock(timer, round.timeLimitSeconds);
  const [dialog, setDialog] = useState<'reset' | 'overtime' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { view } = clock;

  const write = async (action: TimerAction) => {
    setError(null);
    try {
      await setTimer(db, {
        roundId: round.id,
        contestantId: contestant.id,
        action,
        elapsedMs: elapsedNow(timer, Date.now()),
      });
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const recorded = adjustments.find(
    (row) =>
      isAdjustmentActive(row) &&
      row.added?.contestantId === contestant.id &&
      row.added.label === OVERTIME_LABEL,
  );
  const deduction = clock.running ? null : overtimeDeduction(view.overtimeSeconds, round.overtime);
  const reason = overtimeReason(view.overtimeSeconds);
  const warning = warningOf(view, t);
  const status = clock.running ? 'running' : clock.state.elapsedMs > 0 ? 'paused' : 'idle';
  const small = compact || !clock.running;

  return (
    <section
      className={`host-card host-timer host-timer--${view.phase}${small ? ' host-timer--compact' : ''}`}
      aria-labelledby="host-timer-title"
    >
      <div className="host-timer__head">
        <h3 id="host-timer-title">{t('stage.timer.title')}</h3>
        <span>
          {round.timeLimitSeconds === null
            ? t('stage.timer.noLimit')
            : t('stage.timer.limit', { limit: formatClock(round.timeLimitSeconds) })}
        </span>
      </div>
      <p className="host-timer__digits">
        <span className="visually-hidden">
          {t(view.remainingSeconds === null ? 'stage.timer.elapsed' : 'stage.timer.remaining')}{' '}
        </span>
        {clockDigits(view)}
      </p>
      <p className="host-timer__status" role="status">
        {t(`stage.timer.${status}`)}
        {warning && <strong className="host-timer__warning"> · {warning}</strong>}
      </p>
      <div className="host-timer__buttons">
        {clock.running ? (
          <button type="button" className="button stage-big" onClick={() => write('pause')}>
            {t('stage.timer.pause')}
          </button>
        ) : (
          <button type="button" className="button button--gold stage-big" onClick={() => write('start')}>
            {t(clock.state.elapsedMs > 0 ? 'stage.timer.resume' : 'stage.timer.start')}
          </button>
        )}
        <button
          type="button"
          className="button button--secondary stage-big"
          disabled={clock.state.action === 'reset' && !clock.running}
          onClick={() => setDialog('reset')}
        >
          {t('stage.timer.reset')}
        </button>
      </div>
      {error && (
        <p className="stage-error" role="alert">
          {error}
        </p>
      )}
      {recorded?.added ? (
        <p className="host-note">
          {t('stage.overtime.recorded', {
            points: formatHundredths(recorded.added.points),
            reason: recorded.added.reason,
          })}
        </p>
      ) : deduction && round.overtime ? (
        <div className="host-overtime">
          <p>
            {t('stage.overtime.proposal', {
              time: formatClock(view.overtimeSeconds),
              every: round.overtime.everySeconds,
              points: formatHundredths(round.overtime.points),
              deduct: formatHundredths(-deduction.points),
            })}
          </p>
          <button type="button" className="button stage-big" onClick={() => setDialog('overtime')}>
            {t('stage.overtime.confirm')}
          </button>
        </div>
      ) : (
        !clock.running &&
        view.overtimeSeconds > 0 &&
        !round.overtime && <p className="host-note">{t('stage.overtime.noRule')}</p>
      )}
      {dialog === 'reset' && (
        <StageDialog
          title={t('stage.timer.resetTitle')}
          confirmLabel={t('stage.timer.reset')}
          onConfirm={() => write('reset')}
          onClose={() => setDialog(null)}
        >
          <p>{t('stage.timer.resetBody', { time: formatClock(Math.floor(view.elapsedMs / 1000)) })}</p>
        </StageDialog>
      )}
      {dialog === 'overtime' && deduction && (
        <StageDialog
          title={t('stage.overtime.dialogTitle')}
          confirmLabel={t('stage.overtime.confirm')}
          onConfirm={async () => {
            await addAdjustment(db, {
              roundId: round.id,
              contestantId: contestant.id,
              label: OVERTIME_LABEL,
              points: deduction.points,
              reason,
            });
          }}
          onClose={() => setDialog(null)}
        >
          <p>
            {t('stage.overtime.dialogBody', {
              name: contestant.name,
              deduct: formatHundredths(deduction.points),
              reason,
            })}
          </p>
        </StageDialog>
      )}
    </section>
  );
}
