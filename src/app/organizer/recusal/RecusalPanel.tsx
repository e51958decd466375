/**
 * 回避: every recused judge × contestant of the round with its reason (同单位 / 单位包含 /
 * 回避名单), for the organizer to check before the day; the round's rule for units; and each
 * judge's own 回避名单. The table is the same rule the engine and the tablets apply
 * (src/domain/recusal.ts), so what is checked here is what happens on the day.
 */
import { useId, useState } from 'react';
import { RepositoryError, setRecusalRule } from '../../../db/repository';
import type { Id, RecusalRule } from '../../../domain/model';
import type { ContestantRecord, JudgeRecord } from '../../../domain/records';
import {
  CONTRACT_RECUSAL_RULE,
  RECUSAL_RULES,
  type RecusalReason,
  recusalsOf,
} from '../../../domain/recusal';
import { useDatabase } from '../../db-context';
import type { MessageKey } from '../../i18n/messages';
import { type TFunction, useT } from '../../i18n/useT';
import { useContestants, useJudges, useRound } from '../people/queries';
import { RecuseListEditor } from './RecuseListEditor';
import '../people/people.css';
import './recusal.css';
import { useErrorText } from '../../i18n/error-text';

const REASON_LABELS: Record<RecusalReason, MessageKey> = {
  sameUnit: 'people.recusal.reason.sameUnit',
  unitContains: 'people.recusal.reason.unitContains',
  recuseList: 'people.recusal.reason.recuseList',
};

const RULE_LABELS: Record<RecusalRule, MessageKey> = {
  equal: 'people.recusal.rule.equal',
  contains: 'people.recusal.rule.contains',
};

export function RecusalPanel({ roundId }: { roundId: Id }) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const id = useId();
  const round = useRound(roundId);
  const judges = useJudges(roundId);
  const contestants = useContestants(roundId);
  const [status, setStatus] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [editing, setEditing] = useState<Id | null>(null);

  if (round === undefined || judges === undefined || contestants === undefined) {
    return <p className="loading">{t('app.loading')}</p>;
  }
  if (round === null) return <p role="alert">{t('people.roundMissing')}</p>;

  const rule = round.settings.recusal ?? CONTRACT_RECUSAL_RULE;
  const changeRule = async (next: RecusalRule) => {
    setRefusal(null);
    try {
      await setRecusalRule(db, roundId, next);
      setStatus(t('people.recusal.ruleSaved'));
    } catch (error) {
      if (!(error instanceof RepositoryError)) throw error;
      setRefusal(errorText(error));
    }
  };

  return (
    <section className="people-panel recusal-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('people.recusal.heading')}</h2>
      <p>{t('people.recusal.lead')}</p>
      <p className="people-status" role="status">
        {status}
      </p>
      {refusal && (
        <p className="people-warning" role="alert">
          {refusal}
        </p>
      )}
      <fieldset className="recusal-rule">
        <legend>{t('people.recusal.ruleLegend')}</legend>
        {RECUSAL_RULES.map((each) => (
          <label key={each}>
            <input
              type="radio"
              name={`${id}-rule`}
              checked={rule === each}
              onChange={() => changeRule(each)}
            />
            {t(RULE_LABELS[each])}
          </label>
        ))}
      </fieldset>
      <RecusalTable judges={judges} contestants={contestants} rule={rule} />
      <h3>{t('people.recusal.listsHeading')}</h3>
      <p className="field__hint">{t('people.recusal.listsLead')}</p>
      {judges.length === 0 ? (
        <p className="people-empty">{t('people.recusal.noJudges')}</p>
      ) : (
        <ul className="recusal-lists">
          {judges.map((judge) => (
            <li key={judge.id} className="recusal-lists__judge">
              {editing === judge.id ? (
                <RecuseListEditor
                  roundId={roundId}
                  judge={judge}
                  contestants={contestants}
                  onSaved={() => {
                    setEditing(null);
                    setStatus(t('people.recusal.saved', { name: judge.name }));
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <>
                  <span className="recusal-lists__name">{judge.name}</span>
                  <span className="recusal-lists__summary">{listSummary(judge, contestants, t)}</span>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={t('people.recusal.editOf', { name: judge.name })}
                    onClick={() => {
                      setStatus('');
                      setEditing(judge.id);
                    }}
                  >
                    {t('people.recusal.edit')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function listSummary(judge: JudgeRecord, contestants: readonly ContestantRecord[], t: TFunction): string {
  const list = judge.recuse;
  if (!list) return t('people.recusal.listEmpty');
  const names = contestants
    .filter((contestant) => list.contestantIds.includes(contestant.id))
    .map((contestant) => contestant.name);
  return [...names, ...list.units].join('、');
}

function RecusalTable({
  judges,
  contestants,
  rule,
}: {
  judges: readonly JudgeRecord[];
  contestants: readonly ContestantRecord[];
  rule: RecusalRule;
}) {
  const t = useT();
  const recusals = recusalsOf(judges, contestants, rule);
  if (recusals.length === 0) return <p className="people-empty">{t('people.recusal.none')}</p>;
  const judgeOf = new Map(judges.map((judge) => [judge.id, judge]));
  const contestantOf = new Map(contestants.map((contestant) => [contestant.id, contestant]));
  return (
    <div className="people-table-wrap">
      <p>{t('people.recusal.count', { count: recusals.length })}</p>
      <table className="people-table recusal-table">
        <caption className="visually-hidden">{t('people.recusal.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('people.recusal.col.judge')}</th>
            <th scope="col">{t('people.recusal.col.judgeUnit')}</th>
            <th scope="col">{t('people.recusal.col.contestant')}</th>
            <th scope="col">{t('people.recusal.col.contestantUnit')}</th>
            <th scope="col">{t('people.recusal.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {recusals.map(({ judgeId, contestantId, reason }) => {
            const judge = judgeOf.get(judgeId);
            const contestant = contestantOf.get(contestantId);
            return (
              <tr key={`${judgeId}:${contestantId}`}>
                <th scope="row">{judge?.name}</th>
                <td>{judge?.unit}</td>
                <td>{contestant?.name}</td>
                <td>{contestant?.unit}</td>
                <td>
                  <span className={`badge recusal-reason recusal-reason--${reason}`}>
                    {t(REASON_LABELS[reason])}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
