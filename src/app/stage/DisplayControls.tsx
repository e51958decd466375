/** 大屏: which view the projector shows, and its theme; each switch is a `stage.view` event. */

import { useState } from 'react';
import { competitionById, type ProjectorDisplay, setProjectorDisplay } from '../../db/repository';
import type { ProjectorTheme, ProjectorView } from '../../domain/events';
import type { Id } from '../../domain/model';
import { roundResultStatusOf } from '../../domain/provisional';
import type { RoundRecord } from '../../domain/records';
import { projectorViewOf } from '../../domain/stage';
import { useDatabase } from '../db-context';
import { useErrorText } from '../i18n/error-text';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { useRoundSetup, useStageEvents } from './stage-data';

const VIEWS: readonly ProjectorView[] = ['contestant', 'reveal', 'leaderboard', 'awards', 'combined'];
/** The views of the whole board, with no contestant in focus. */
const BOARD_VIEWS: ReadonlySet<ProjectorView> = new Set(['leaderboard', 'awards', 'combined']);
const THEMES: readonly ProjectorTheme[] = ['leitai', 'contrast'];

export interface DisplayControlsProps {
  round: RoundRecord;
  display: ProjectorDisplay;
  /** The contestant in focus on the console; null before the first call. */
  contestantId: Id | null;
  revealed: boolean;
}

export function DisplayControls({ round, display, contestantId, revealed }: DisplayControlsProps) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const [error, setError] = useState<string | null>(null);
  const setup = useRoundSetup(round.id);
  const competition = useLiveRead(competitionById, round.competitionId);
  const events = useStageEvents(round.id);
  // The awards are 暂定 until every contestant is revealed or the organizer closes the round.
  const provisional =
    setup != null && events !== undefined && !roundResultStatusOf(setup.contestants, events).final;
  const waiting = events === undefined ? undefined : projectorViewOf(events) === null;

  const show = async (next: ProjectorDisplay) => {
    setError(null);
    try {
      await setProjectorDisplay(db, round.id, next);
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const unavailable = (view: ProjectorView): string | null => {
    if ((view === 'contestant' || view === 'reveal') && contestantId === null) return t('stage.focus.none');
    if (view === 'reveal' && !revealed) return t('stage.display.notRevealed');
    if (view === 'awards' && round.settings.awards.length === 0) return t('stage.display.noAwards');
    if (view === 'combined' && !competition?.combination) return t('stage.display.noCombination');
    return null;
  };

  return (
    <section className="host-card host-display" aria-labelledby="host-display-title">
      <div className="host-card__head">
        <h3 id="host-display-title">{t('stage.display.title')}</h3>
        <a
          className="button button--secondary"
          href={`/projector?round=${encodeURIComponent(round.id)}`}
          target="_blank"
          rel="noopener"
        >
          {t('stage.host.openProjector')}
        </a>
      </div>
      <fieldset className="host-display__views">
        <legend className="visually-hidden">{t('stage.display.title')}</legend>
        {VIEWS.map((view) => {
          const reason = unavailable(view);
          // Before the host's first choice the projector waits (比赛即将开始): no view is on.
          const current =
            waiting === false &&
            display.view === view &&
            (BOARD_VIEWS.has(view) || display.contestantId === contestantId);
          return (
            <button
              key={view}
              type="button"
              className={`host-toggle__option stage-big${current ? ' host-toggle__option--on' : ''}`}
              aria-pressed={current}
              disabled={reason !== null}
              title={reason ?? undefined}
              onClick={() =>
                show({
                  view,
                  contestantId: BOARD_VIEWS.has(view) ? null : contestantId,
                  theme: display.theme,
                })
              }
            >
              {/* Two unbreakable parts: the line may break only between them. */}
              <span className="host-toggle__word">{t(`stage.display.${view}`)}</span>
              {view === 'awards' && provisional && (
                <span className="host-toggle__word">{t('stage.display.provisionalMark')}</span>
              )}
            </button>
          );
        })}
      </fieldset>
      <fieldset className="host-toggle">
        <legend>{t('stage.display.theme')}</legend>
        {THEMES.map((theme) => (
          <button
            key={theme}
            type="button"
            aria-pressed={display.theme === theme}
            className={`host-toggle__option${display.theme === theme ? ' host-toggle__option--on' : ''}`}
            onClick={() => show({ ...display, theme })}
          >
            {t(theme === 'leitai' ? 'stage.display.themeLeitai' : 'stage.display.themeContrast')}
          </button>
        ))}
      </fieldset>
      {error && (
        <p className="stage-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
