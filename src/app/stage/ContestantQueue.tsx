/**
 * 出场顺序: every contestant with where they stand, 叫下一位, and 叫号 for any one not on stage and
 * not revealed yet (each asks first). Names stay whole: 阿依古丽·买买提 never breaks at its ·.
 */

import { useState } from 'react';
import { callContestant } from '../../db/repository';
import type { ContestantResult } from '../../domain/engine';
import type { LeitaiEvent } from '../../domain/events';
import type { Id } from '../../domain/model';
import type { ContestantRecord } from '../../domain/records';
import { contestantLockOf } from '../../domain/stage';
import { useDatabase } from '../db-context';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { StageDialog } from './StageDialog';
import { WithWholeName } from './WholeName';

export type QueueState =
  | 'onStage'
  | 'revealed'
  | 'reopened'
  | 'held'
  | 'complete'
  | 'scoring'
  | 'waiting'
  | 'inactive';

/**
 * Where a contestant stands: on stage, revealed (or reopened since), held by a set-aside sheet
 * (needs the host's attention), scored and waiting to be revealed, being scored, or not called yet.
 */
function queueState(
  contestant: ContestantRecord,
  calledId: Id | null,
  events: readonly LeitaiEvent[],
  result: ContestantResult | undefined,
  held: boolean,
): QueueState {
  if (contestant.status !== 'active') return 'inactive';
  if (contestant.id === calledId) return 'onStage';
  const lock = contestantLockOf(events, contestant.id).status;
  if (lock === 'locked') return 'revealed';
  if (lock === 'reopened') return 'reopened';
  if (held) return 'held';
  if (result && !result.pending) return 'complete';
  return result && (result.countedJudges > 0 || result.incompleteJudges.length > 0) ? 'scoring' : 'waiting';
}

/** The first active contestant after the one on stage, in draw order, who was not revealed. */
function nextToCall(
  contestants: readonly ContestantRecord[],
  calledId: Id | null,
  events: readonly LeitaiEvent[],
): ContestantRecord | null {
  const at = calledId === null ? -1 : contestants.findIndex((contestant) => contestant.id === calledId);
  return (
    contestants
      .slice(at + 1)
      .find(
        (contestant) =>
          contestant.status === 'active' && contestantLockOf(events, contestant.id).status === 'open',
      ) ?? null
  );
}

/** 叫号 is offered for a contestant still to come: not on stage, not revealed, not withdrawn. */
function callable(state: QueueState): boolean {
  return state !== 'onStage' && state !== 'revealed' && state !== 'reopened' && state !== 'inactive';
}

export interface ContestantQueueProps {
  roundId: Id;
  contestants: ContestantRecord[];
  events: LeitaiEvent[];
  results: Map<Id, ContestantResult>;
  /** Contestants held by a set-aside sheet. */
  heldIds: ReadonlySet<Id>;
  calledId: Id | null;
  focusedId: Id | null;
  onFocus: (contestantId: Id) => void;
}

export function ContestantQueue({
  roundId,
  contestants,
  events,
  results,
  heldIds,
  calledId,
  focusedId,
  onFocus,
}: ContestantQueueProps) {
  const t = useT();
  const db = useDatabase();
  const [calling, setCalling] = useState<ContestantRecord | null>(null);
  const next = nextToCall(contestants, calledId, events);

  // The projector introduces the contestant who comes on stage.
  const call = async (contestant: ContestantRecord) => {
    await callContestant(db, { roundId, contestantId: contestant.id, introduce: true });
  };

  return (
    <section className="host-card host-queue" aria-labelledby="host-queue-title">
      <h2 id="host-queue-title">{t('stage.queue.title')}</h2>
      <button
        type="button"
        className="button button--gold stage-big host-queue__next"
        disabled={next === null}
        onClick={() => next && setCalling(next)}
      >
        {next ? (
          <WithWholeName
            text={t('stage.queue.callNext', { draw: next.draw ?? '—', name: next.name })}
            name={next.name}
          />
        ) : (
          t('stage.queue.allCalled')
        )}
      </button>
      <ol className="host-queue__list">
        {contestants.map((contestant) => {
          const state = queueState(
            contestant,
            calledId,
            events,
            results.get(contestant.id),
            heldIds.has(contestant.id),
          );
          return (
            <li
              key={contestant.id}
              className={`host-queue__item host-queue__item--${state}${contestant.id === focusedId ? ' host-queue__item--focused' : ''}`}
            >
              <button
                type="button"
                className="host-queue__who"
                aria-current={contestant.id === focusedId ? 'true' : undefined}
                onClick={() => onFocus(contestant.id)}
              >
                <span className="host-queue__numbered">
                  <span className="host-queue__draw">
                    {t('stage.queue.draw', { draw: contestant.draw ?? '—' })}
                  </span>{' '}
                  <span className="host-queue__name">{contestant.name}</span>
                </span>
                <span className={`host-chip host-chip--${state}`}>
                  {t(`stage.queue.state.${state}` as MessageKey)}
                </span>
              </button>
              {callable(state) && (
                <button
                  type="button"
                  className="button button--secondary host-queue__call"
                  aria-label={t('stage.queue.callLabel', {
                    draw: contestant.draw ?? '—',
                    name: contestant.name,
                  })}
                  onClick={() => setCalling(contestant)}
                >
                  {t('stage.queue.call')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {calling && (
        <StageDialog
          title={t('stage.call.title', { draw: calling.draw ?? '—', name: calling.name })}
          confirmLabel={t('stage.call.confirm')}
          onConfirm={() => call(calling)}
          onClose={() => setCalling(null)}
        >
          <p>{t('stage.call.body')}</p>
        </StageDialog>
      )}
    </section>
  );
}
