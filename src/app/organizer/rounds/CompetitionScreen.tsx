import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, useState } from 'react';
import {
  competitionById,
  loadRoundInput,
  realRoundsOf,
  reorderRounds,
  roundCounts,
} from '../../../db/repository';
import { byOrderThenId } from '../../../domain/order';
import type { RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';
import { useLiveRead } from '../../live-read';
import { lazyPart } from '../../pwa/lazy-part';
import { Link } from '../../router';
import { placeHref } from '../location';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { movedBy } from '../ui/moved-by';
import { AddRoundForm } from './AddRoundForm';
import { RoundRow } from './RoundRow';
import { type RoundFacts, roundProgress } from './round-summary';

// 总成绩: in a chunk of its own, loaded when the organizer opens it (the page's JS budget).
const combinationPanel = lazyPart(['combination'], () =>
  import('../combination/CombinationPanel').then((module) => module.CombinationPanel),
);

export function CompetitionScreen({ competitionId }: { competitionId: string }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const competition = useLiveRead(competitionById, competitionId);
  const rounds = useLiveQuery(
    async () => (await realRoundsOf(db, competitionId)).sort(byOrderThenId),
    [db, competitionId],
  );
  const facts = useLiveQuery(async () => {
    const all = await realRoundsOf(db, competitionId);
    const entries = await Promise.all(
      all.map(
        async (round): Promise<[string, RoundFacts]> => [
          round.id,
          {
            ...(await roundCounts(db, round.id)),
            progress: roundProgress(await loadRoundInput(db, round.id)),
          },
        ],
      ),
    );
    return new Map(entries);
  }, [db, competitionId]);
  const [adding, setAdding] = useState(false);
  const [combining, setCombining] = useState(false);
  const [notice, setNotice] = useState('');

  if (competition === undefined || rounds === undefined) {
    return <p className="page loading">{t('app.loading')}</p>;
  }
  if (competition === null) {
    return (
      <div className="page org">
        <h1>{t('org.competition.missing')}</h1>
        <p>
          <Link to={placeHref()} className="button button--secondary">
            {t('org.backToCompetitions')}
          </Link>
        </p>
      </div>
    );
  }

  const mover = (round: RoundRecord, by: -1 | 1) => async () => {
    const at = rounds.indexOf(round);
    const order = movedBy(
      rounds.map((each) => each.id),
      at,
      by,
    );
    try {
      await reorderRounds(db, competitionId, order);
      setNotice(t('org.round.moved', { name: round.name, position: at + by + 1 }));
    } catch (error) {
      setNotice(errorText(error));
    }
  };
  const showForm = adding || rounds.length === 0;
  const details = [competition.date, competition.venue].filter(Boolean).join(' · ');

  return (
    <div className="page org">
      <Breadcrumbs
        items={[{ label: t('org.competitions.title'), href: placeHref() }, { label: competition.name }]}
      />
      <h1>{competition.name}</h1>
      {details && <p className="org-meta">{details}</p>}
      <p className="org-status" role="status">
        {notice}
      </p>

      <section aria-labelledby="org-rounds-heading" className="org-section">
        <div className="org-title-row">
          <h2 id="org-rounds-heading">{t('org.rounds.heading')}</h2>
          {!showForm && (
            <button type="button" className="button" onClick={() => setAdding(true)}>
              {t('org.rounds.add')}
            </button>
          )}
        </div>
        {rounds.length === 0 ? (
          <p className="notice">{t('org.rounds.empty')}</p>
        ) : (
          <ol className="org-rounds">
            {rounds.map((round, index) => (
              <RoundRow
                key={round.id}
                round={round}
                facts={facts?.get(round.id)}
                onMoveUp={index > 0 ? mover(round, -1) : null}
                onMoveDown={index < rounds.length - 1 ? mover(round, 1) : null}
                onNotice={setNotice}
              />
            ))}
          </ol>
        )}
        {showForm && (
          <AddRoundForm
            competitionId={competition.id}
            rounds={rounds}
            onDone={(round) => {
              setAdding(false);
              setNotice(t('org.round.added', { name: round.name }));
            }}
            onCancel={rounds.length > 0 ? () => setAdding(false) : null}
          />
        )}
      </section>

      {rounds.length > 0 && (
        <section aria-labelledby="org-combination-heading" className="org-section">
          <div className="org-title-row">
            <h2 id="org-combination-heading">{t('org.combination.heading')}</h2>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={combining}
              onClick={() => setCombining(!combining)}
            >
              {t(combining ? 'org.combination.close' : 'org.combination.open')}
            </button>
          </div>
          {combining && (
            <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
              <combinationPanel.Part competition={competition} />
            </Suspense>
          )}
        </section>
      )}
    </div>
  );
}
