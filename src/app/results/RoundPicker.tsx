import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { allCompetitions, realRoundsOf } from '../../db/queries/setup';
import { byOrderThenId } from '../../domain/order';
import { byDateThenName } from '../competition-order';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { navigate } from '../router';
import { ConnectHint } from '../sync/ConnectHint';
import { resultsHref } from './place';

/** Which competition and round to show; the choice lives in the address. */
export function RoundPicker({
  competitionId,
  roundId,
}: {
  competitionId: string | null;
  roundId: string | null;
}) {
  const db = useDatabase();
  const t = useT();
  const competitions = useLiveRead(allCompetitions);
  const rounds = useLiveQuery(
    async () => (competitionId ? (await realRoundsOf(db, competitionId)).sort(byOrderThenId) : []),
    [db, competitionId],
  );

  // A competition with rounds opens on its first round; one alone on the device opens at once.
  useEffect(() => {
    if (!competitions || !rounds) return;
    if (!competitionId && competitions.length === 1) {
      navigate(resultsHref({ competitionId: competitions[0]?.id }), { replace: true });
    } else if (competitionId && !roundId && rounds[0]) {
      navigate(resultsHref({ competitionId, roundId: rounds[0].id }), { replace: true });
    }
  }, [competitions, rounds, competitionId, roundId]);

  if (!competitions || !rounds) return <p className="loading">{t('app.loading')}</p>;
  if (competitions.length === 0)
    return (
      <>
        <p className="notice">{t('results.noCompetitions')}</p>
        <ConnectHint />
      </>
    );

  return (
    <form
      className="results-picker"
      aria-label={t('results.picker.label')}
      onSubmit={(event) => event.preventDefault()}
    >
      <label className="results-field">
        <span>{t('results.picker.competition')}</span>
        <select
          value={competitionId ?? ''}
          onChange={(event) => navigate(resultsHref({ competitionId: event.target.value || null }))}
        >
          <option value="">{t('results.picker.chooseCompetition')}</option>
          {[...competitions].sort(byDateThenName).map((competition) => (
            <option key={competition.id} value={competition.id}>
              {competition.date ? `${competition.name}（${competition.date}）` : competition.name}
            </option>
          ))}
        </select>
      </label>
      {competitionId && (
        <label className="results-field">
          <span>{t('results.picker.round')}</span>
          <select
            value={roundId ?? ''}
            onChange={(event) =>
              navigate(resultsHref({ competitionId, roundId: event.target.value || null }))
            }
            disabled={rounds.length === 0}
          >
            {rounds.length === 0 && <option value="">{t('results.picker.noRounds')}</option>}
            {rounds.map((round) => (
              <option key={round.id} value={round.id}>
                {round.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </form>
  );
}
