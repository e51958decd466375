/**
 * The contestants in draw order (in a site-visit round, the order of the visits, each with its
 * 观摩点), with this judge's state of each sheet. Recused (回避) and
 * withdrawn contestants are listed, greyed, with the reason, and cannot be opened.
 */

import { memo } from 'react';
import type { Id } from '../../domain/model';
import type { ContestantRecord } from '../../domain/records';
import type { RecusalReason } from '../../domain/recusal';
import { formatSites } from '../../domain/site-visits';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { LockIcon } from './LockIcon';
import { PersonName } from './PersonName';
import type { ContestantState } from './sheet-view';

export interface ContestantListItem {
  contestant: ContestantRecord;
  state: ContestantState;
  /** Why the judge is recused from the contestant (state `recused`); null otherwise. */
  recusal: RecusalReason | null;
  correctionPending: boolean;
  onStage: boolean;
}

const STATE_LABEL: Record<ContestantState, MessageKey> = {
  submitted: 'judge.state.submitted',
  reopened: 'judge.state.reopened',
  inProgress: 'judge.state.inProgress',
  notStarted: 'judge.state.notStarted',
  recused: 'judge.state.recused',
  inactive: 'judge.state.inactive',
};

const RECUSAL_REASON: Record<RecusalReason, MessageKey> = {
  sameUnit: 'judge.list.recusedReason',
  unitContains: 'judge.list.recusedUnitContains',
  recuseList: 'judge.list.recusedList',
};

export interface ContestantListProps {
  items: readonly ContestantListItem[];
  openId: Id | null;
  onOpen: (contestantId: Id) => void;
}

export const ContestantList = memo(function ContestantList({ items, openId, onOpen }: ContestantListProps) {
  const t = useT();
  return (
    <nav className="judge-list" aria-labelledby="judge-list-title">
      <h2 id="judge-list-title" className="judge-list__title">
        {t('judge.list.title')}
      </h2>
      <ol className="judge-list__items">
        {items.map(({ contestant, state, recusal, correctionPending, onStage }) => {
          const number = t('judge.contestant.draw', { draw: contestant.draw ?? '—' });
          const badge = (
            <span className={`judge-chip judge-chip--${state}`}>
              {state === 'submitted' && <LockIcon />}
              {t(STATE_LABEL[state])}
            </span>
          );
          if (state === 'recused' || state === 'inactive') {
            return (
              <li key={contestant.id} className="judge-list__item judge-list__item--off">
                <span className="judge-list__number">{number}</span>
                <span className="judge-list__name">
                  <PersonName name={contestant.name} />
                </span>
                {contestant.unit && <span className="judge-list__unit">{contestant.unit}</span>}
                {badge}
                <span className="judge-list__reason">
                  {t(
                    state === 'recused' ? RECUSAL_REASON[recusal ?? 'sameUnit'] : 'judge.list.inactiveReason',
                  )}
                </span>
              </li>
            );
          }
          return (
            <li key={contestant.id} className="judge-list__item">
              <button
                type="button"
                className="judge-list__button"
                aria-current={contestant.id === openId ? 'true' : undefined}
                onClick={() => onOpen(contestant.id)}
              >
                <span className="judge-list__number">{number}</span>
                <span className="judge-list__name">
                  <PersonName name={contestant.name} />
                </span>
                {contestant.unit && <span className="judge-list__unit">{contestant.unit}</span>}
                {contestant.sites && (
                  <span className="judge-list__sites">
                    {t('judge.list.sites', { sites: formatSites(contestant.sites) })}
                  </span>
                )}
                {onStage && <span className="judge-chip judge-chip--stage">{t('judge.list.onStage')}</span>}
                {badge}
                {correctionPending && (
                  <span className="judge-chip judge-chip--pending">{t('judge.state.correctionPending')}</span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
});
