/**
 * The stage clock (计时) and the overtime deduction (超时扣分). Pure: the caller passes the
 * clock readings. A screen advances a running clock with its own clock for display only; the
 * deduction is a proposal that the host confirms.
 */

import type { TimerAction } from './events.ts';
import type { Hundredths } from './model.ts';
import type { OvertimeRule } from './records.ts';

/** A clock as its winning `stage.timer` event left it. */
export interface TimerState {
  action: TimerAction;
  /** Counted at the action. */
  elapsedMs: number;
}

export const TIMER_NOT_STARTED: TimerState = { action: 'reset', elapsedMs: 0 };

/**
 * The counted time at `nowMs`: a running clock adds the time since `startedAtMs` (both read
 * from the same clock); a paused or reset one shows what it counted.
 */
export function elapsedAt(state: TimerState, startedAtMs: number, nowMs: number): number {
  if (state.action !== 'start') return state.elapsedMs;
  return state.elapsedMs + Math.max(0, nowMs - startedAtMs);
}

/** `unlimited`: the round has no time limit; the warnings come at 2 and 1 minutes left. */
export type ClockPhase = 'unlimited' | 'normal' | 'twoMinutes' | 'oneMinute' | 'overtime';

export interface ClockView {
  phase: ClockPhase;
  elapsedMs: number;
  /** Whole seconds left, counted down (rounded up, so it reads 10:00 at the start); null without a limit. */
  remainingSeconds: number | null;
  /** Whole seconds over the limit, 0 within it. */
  overtimeSeconds: number;
}

const TWO_MINUTES = 120;
const ONE_MINUTE = 60;

export function clockView(elapsedMs: number, limitSeconds: number | null): ClockView {
  if (limitSeconds === null) {
    return { phase: 'unlimited', elapsedMs, remainingSeconds: null, overtimeSeconds: 0 };
  }
  const limitMs = limitSeconds * 1000;
  const remainingSeconds = Math.max(0, Math.ceil((limitMs - elapsedMs) / 1000));
  const overtimeSeconds = Math.max(0, Math.floor((elapsedMs - limitMs) / 1000));
  let phase: ClockPhase = 'normal';
  if (elapsedMs >= limitMs) phase = 'overtime';
  else if (remainingSeconds <= ONE_MINUTE) phase = 'oneMinute';
  else if (remainingSeconds <= TWO_MINUTES) phase = 'twoMinutes';
  return { phase, elapsedMs, remainingSeconds, overtimeSeconds };
}

/** m:ss, e.g. 10:00, 0:59, 12:05. */
export function formatClock(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

export interface OvertimeDeduction {
  overtimeSeconds: number;
  /** Started periods of `everySeconds`: 超时每30秒扣0.5分, 不足30秒按30秒计. */
  periods: number;
  /** Negative: what the adjustment deducts. */
  points: Hundredths;
}

/**
 * The round's deduction for an overtime: every started period of `everySeconds` costs
 * `points`. Null when there is nothing to deduct (no rule, or not over time).
 */
export function overtimeDeduction(
  overtimeSeconds: number,
  rule: OvertimeRule | null,
): OvertimeDeduction | null {
  if (!rule || overtimeSeconds <= 0) return null;
  const periods = Math.ceil(overtimeSeconds / rule.everySeconds);
  return { overtimeSeconds, periods, points: -periods * rule.points };
}

/**
 * The reason recorded with the deduction, in the venue's words (it goes into the results and
 * exports whatever the host's screen language): 超时 1分12秒, 超时 45秒.
 */
export function overtimeReason(overtimeSeconds: number): string {
  const minutes = Math.floor(overtimeSeconds / 60);
  const seconds = overtimeSeconds % 60;
  if (minutes === 0) return `超时 ${seconds}秒`;
  return seconds === 0 ? `超时 ${minutes}分钟` : `超时 ${minutes}分${seconds}秒`;
}

/** The label of the adjustment, as the glossary names it. */
export const OVERTIME_LABEL = '超时扣分';
