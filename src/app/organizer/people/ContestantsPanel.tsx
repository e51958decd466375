/**
 * 选手: the round's contestants. Add, edit (photo and status included), reorder and delete
 * them, import a list; each row says which judge will recuse themselves (回避).
 */
import type { Id, RecusalRule } from '../../../domain/model';
import type { ContestantRecord, JudgeRecord } from '../../../domain/records';
import { recusalsOf } from '../../../domain/recusal';
import { formatSites } from '../../../domain/site-visits';
import { useT } from '../../i18n/useT';
import { ImportPanel } from '../import/ImportPanel';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ContestantForm } from './ContestantForm';
import { usePeoplePanel } from './PeoplePanel';
import { StoredPhoto } from './Photo';
import { repeatedNames, useContestants, useJudges, useRound } from './queries';
import { RowActions } from './RowActions';
import { SiteVisitToggle } from './SiteVisitToggle';
import { STATUS_LABELS } from './status';
import './people.css';

/** By contestant id: the names of the judges who will not score them (回避, src/domain/recusal.ts). */
function recusingJudges(
  judges: readonly JudgeRecord[],
  contestants: readonly ContestantRecord[],
  rule: RecusalRule | undefined,
): Map<Id, string[]> {
  const names = new Map(judges.map((judge) => [judge.id, judge.name]));
  const byContestant = new Map<Id, string[]>();
  for (const { judgeId, contestantId } of recusalsOf(judges, contestants, rule)) {
    byContestant.set(contestantId, [...(byContestant.get(contestantId) ?? []), names.get(judgeId) ?? '']);
  }
  return byContestant;
}

export function ContestantsPanel({ roundId }: { roundId: Id }) {
  const t = useT();
  const round = useRound(roundId);
  const contestants = useContestants(roundId);
  const judges = useJudges(roundId);
  const { editing, status, deleting, setDeleting, begin, finish, move, confirmDelete, otherNames } =
    usePeoplePanel(roundId, 'contestants', contestants);

  if (round === undefined || contestants === undefined || judges === undefined) {
    return <p className="loading">{t('app.loading')}</p>;
  }
  if (round === null) return <p role="alert">{t('people.roundMissing')}</p>;

  const repeated = repeatedNames(contestants);
  const recusing = recusingJudges(judges, contestants, round.settings.recusal);
  const siteVisit = round.siteVisit === true;

  return (
    <section className="people-panel" aria-labelledby="contestants-heading">
      <div className="people-panel__header">
        <h2 id="contestants-heading">{t('people.contestants.heading', { count: contestants.length })}</h2>
        <div className="people-panel__actions">
          <button type="button" className="button" onClick={() => begin({ mode: 'add' })}>
            {t('people.contestants.add')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => begin({ mode: 'import' })}
          >
            {t('people.import.open')}
          </button>
        </div>
      </div>
      <SiteVisitToggle round={round} />
      <p className="people-status" role="status">
        {status}
      </p>

      {(editing.mode === 'add' || editing.mode === 'edit') && (
        <ContestantForm
          key={editing.mode === 'edit' ? editing.person.id : 'new'}
          roundId={roundId}
          siteVisit={siteVisit}
          contestant={editing.mode === 'edit' ? editing.person : undefined}
          otherNames={otherNames(editing.mode === 'edit' ? editing.person : undefined)}
          onSaved={(contestant) => finish(t('people.saved', { name: contestant.name }))}
          onCancel={() => finish()}
        />
      )}
      {editing.mode === 'import' && (
        <ImportPanel
          roundId={roundId}
          kind="contestants"
          onImported={(count) => finish(t('people.import.doneContestants', { count }))}
          onCancel={() => finish()}
        />
      )}

      {contestants.length === 0 ? (
        editing.mode === 'none' && <p className="people-empty">{t('people.contestants.empty')}</p>
      ) : (
        <div className="people-table-wrap">
          <table className="people-table">
            <caption className="visually-hidden">{t('people.contestants.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.column.place')}</th>
                <th scope="col">{t('people.column.draw')}</th>
                <th scope="col">{t('people.field.photo')}</th>
                <th scope="col">{t('people.field.name')}</th>
                <th scope="col">{t('people.field.contestantUnit')}</th>
                <th scope="col">{t('people.field.topic')}</th>
                {siteVisit && <th scope="col">{t('people.field.sites')}</th>}
                <th scope="col">{t('people.field.status')}</th>
                <th scope="col">{t('people.column.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {contestants.map((contestant, index) => {
                const recusedBy = recusing.get(contestant.id);
                return (
                  <tr
                    key={contestant.id}
                    className={contestant.status === 'active' ? undefined : 'people-table__inactive'}
                  >
                    <td>{index + 1}</td>
                    <td className="people-table__number">{contestant.draw ?? '—'}</td>
                    <td>
                      {contestant.photoId && (
                        <StoredPhoto
                          photoId={contestant.photoId}
                          alt={t('people.photoOf', { name: contestant.name })}
                        />
                      )}
                    </td>
                    <th scope="row">
                      {contestant.name}
                      {repeated.has(contestant.name) && (
                        <span className="badge badge--warn">{t('people.sameName')}</span>
                      )}
                    </th>
                    <td>
                      {contestant.unit}
                      {recusedBy && (
                        <span className="recusal-hint">
                          {t('people.contestants.recusal', { judges: recusedBy.join('、') })}
                        </span>
                      )}
                    </td>
                    <td>{contestant.topic}</td>
                    {siteVisit && <td>{formatSites(contestant.sites ?? [])}</td>}
                    <td>
                      <span className={`badge badge--${contestant.status}`}>
                        {t(STATUS_LABELS[contestant.status])}
                      </span>
                    </td>
                    <td>
                      <RowActions
                        name={contestant.name}
                        first={index === 0}
                        last={index === contestants.length - 1}
                        onEdit={() => begin({ mode: 'edit', person: contestant })}
                        onMove={(by) => move(index, by)}
                        onDelete={() => setDeleting(contestant)}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {deleting && (
        <ConfirmDialog
          title={t('people.contestants.deleteTitle', { name: deleting.name })}
          confirmLabel={t('people.delete')}
          onConfirm={confirmDelete}
          onClose={() => setDeleting(null)}
        >
          <p>{t('people.contestants.deleteBody', { name: deleting.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
