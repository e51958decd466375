import { useState } from 'react';
import { allCompetitions, allRealRounds } from '../../../db/repository';
import type { CompetitionRecord } from '../../../domain/records';
import { byDateThenName } from '../../competition-order';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { translate } from '../../i18n/messages';
import { useT } from '../../i18n/useT';
import { useLiveRead } from '../../live-read';
import { Link, navigate } from '../../router';
import { ConnectHint } from '../../sync/ConnectHint';
import { placeHref } from '../location';
import { findTemplate, templateRound } from '../templates';
import { CompetitionCard } from './CompetitionCard';
import { CompetitionForm } from './CompetitionForm';

/** The demo is a Chinese competition whatever the screen's language: its sheet is in Chinese too. */
const chinese = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

export function CompetitionsScreen() {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const competitions = useLiveRead(allCompetitions);
  // 彩排 rounds are not the competition's rounds: never counted.
  const rounds = useLiveRead(allRealRounds);
  const [showArchived, setShowArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');
  const [demoState, setDemoState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });

  if (competitions === undefined || rounds === undefined) {
    return <p className="page loading">{t('app.loading')}</p>;
  }

  const loadDemo = async () => {
    setDemoState({ busy: true, error: null });
    try {
      const setup = templateRound(findTemplate('secretary'), chinese);
      if (!setup) throw new Error('the secretary template has a sheet');
      // The demo's data-layer code (roster, draw, marks) loads only when asked for.
      const { loadDemoCompetition } = await import('../../../db/demo');
      const demo = await loadDemoCompetition(db, setup);
      navigate(placeHref({ competitionId: demo.competition.id }));
    } catch (error) {
      setDemoState({ busy: false, error: errorText(error) });
    }
  };

  const created = (competition: CompetitionRecord) => {
    setCreating(false);
    navigate(placeHref({ competitionId: competition.id }));
  };

  const archivedCount = competitions.filter((competition) => competition.archived).length;
  const shown = competitions
    .filter((competition) => showArchived || !competition.archived)
    .sort(byDateThenName);
  const roundCount = (competitionId: string) =>
    rounds.filter((round) => round.competitionId === competitionId).length;

  return (
    <div className="page org">
      <div className="org-title-row">
        <h1>{t('org.competitions.title')}</h1>
        {/* The season 积分制 spans competitions: its own page, reached from here. */}
        <Link to="/season" className="button button--secondary">
          {t('role.season.title')}
        </Link>
        {competitions.length > 0 && !creating && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            {t('org.competitions.create')}
          </button>
        )}
      </div>
      <p className="org-status" role="status">
        {notice}
      </p>
      {creating && <CompetitionForm onDone={created} onCancel={() => setCreating(false)} />}

      {competitions.length === 0 && !creating && (
        <section className="org-empty" aria-labelledby="org-empty-heading">
          <h2 id="org-empty-heading">{t('org.competitions.emptyHeading')}</h2>
          <p>{t('org.competitions.emptyBody')}</p>
          <ConnectHint />
          <div className="org-actions">
            <button type="button" className="button" onClick={() => setCreating(true)}>
              {t('org.competitions.create')}
            </button>
            <button
              type="button"
              className="button button--gold"
              onClick={loadDemo}
              disabled={demoState.busy}
            >
              {demoState.busy ? t('org.demo.loading') : t('org.demo.load')}
            </button>
          </div>
          <p className="org-hint">{t('org.demo.explain')}</p>
          {demoState.error && (
            <p className="org-error" role="alert">
              {demoState.error}
            </p>
          )}
        </section>
      )}

      {competitions.length > 0 && (
        <>
          <div className="org-toolbar">
            <label className="org-check">
              <input
                type="checkbox"
                checked={showArchived}
                onChange={(event) => setShowArchived(event.target.checked)}
              />
              {t('org.competitions.showArchived', { count: archivedCount })}
            </label>
          </div>
          {shown.length === 0 ? (
            <p className="notice">{t('org.competitions.allArchived')}</p>
          ) : (
            <ul className="org-cards" aria-label={t('org.competitions.title')}>
              {shown.map((competition) => (
                <CompetitionCard
                  key={competition.id}
                  competition={competition}
                  roundCount={roundCount(competition.id)}
                  onNotice={setNotice}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
