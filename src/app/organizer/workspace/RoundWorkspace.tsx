import { useLiveQuery } from 'dexie-react-hooks';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { competitionById, rehearsalOfRound, roundById } from '../../../db/repository';
import type { RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/useT';
import { lazyPart, preloadWhenIdle } from '../../pwa/lazy-part';
import { Link } from '../../router';
import { placeHref, ROUND_TABS, type RoundTab } from '../location';
import { RehearsalStart } from '../rehearsal/RehearsalStart';
import { Breadcrumbs } from '../ui/Breadcrumbs';

// Each tab is a chunk of its own, so that opening a round loads one tab, not all seven; the others
// are fetched as soon as the workspace shows, before the organizer switches to them.
const panels = {
  settings: lazyPart(['organizer-groups'], () =>
    import('../settings/SettingsPanel').then((module) => module.SettingsPanel),
  ),
  criteria: lazyPart(['organizer-groups'], () =>
    import('../criteria/CriteriaPanel').then((module) => module.CriteriaPanel),
  ),
  judges: lazyPart(['organizer-people'], () =>
    import('../people/JudgesPanel').then((module) => module.JudgesPanel),
  ),
  contestants: lazyPart(['organizer-people'], () =>
    import('../people/ContestantsPanel').then((module) => module.ContestantsPanel),
  ),
  recusal: lazyPart(['organizer-people'], () =>
    import('../recusal/RecusalPanel').then((module) => module.RecusalPanel),
  ),
  draw: lazyPart(['organizer-people'], () => import('../draw/DrawPanel').then((module) => module.DrawPanel)),
  advancement: lazyPart([], () =>
    import('../advancement/AdvancementPanel').then((module) => module.AdvancementPanel),
  ),
} satisfies Record<RoundTab, unknown>;

/** A running 彩排's panel: a chunk of its own (the simulation), loaded only while one runs. */
const rehearsalPanel = lazyPart([], () =>
  import('../rehearsal/RehearsalPanel').then((module) => module.RehearsalPanel),
);

/** 彩排 under a real round's tabs: start one, or follow and end the one running. */
function Rehearsal({ round, rehearsal }: { round: RoundRecord; rehearsal: RoundRecord | null }) {
  const [ended, setEnded] = useState('');
  if (rehearsal) {
    return (
      <Suspense fallback={null}>
        <rehearsalPanel.Part rehearsal={rehearsal} onEnded={setEnded} />
      </Suspense>
    );
  }
  return (
    <>
      <RehearsalStart roundId={round.id} />
      {ended && (
        <p className="org-status" role="status">
          {ended}
        </p>
      )}
    </>
  );
}

const TAB_LABELS: Record<RoundTab, MessageKey> = {
  settings: 'org.tab.settings',
  criteria: 'org.tab.criteria',
  judges: 'org.tab.judges',
  contestants: 'org.tab.contestants',
  recusal: 'org.tab.recusal',
  draw: 'org.tab.draw',
  advancement: 'org.tab.advancement',
};

function TabPanel({ tab, roundId }: { tab: RoundTab; roundId: string }): ReactNode {
  const Panel = panels[tab].Part;
  return <Panel roundId={roundId} />;
}

export interface RoundWorkspaceProps {
  competitionId: string;
  roundId: string;
  tab: RoundTab;
}

/** One round: its name, the way back, and the tabs of its setup. */
export function RoundWorkspace({ competitionId, roundId, tab }: RoundWorkspaceProps) {
  const db = useDatabase();
  const t = useT();
  useEffect(() => {
    preloadWhenIdle(...Object.values(panels));
  }, []);
  const found = useLiveQuery(
    async () => ({
      competition: await competitionById(db, competitionId),
      round: await roundById(db, roundId),
      rehearsal: await rehearsalOfRound(db, roundId),
    }),
    [db, competitionId, roundId],
  );
  if (found === undefined) return <p className="page loading">{t('app.loading')}</p>;
  const { competition, round, rehearsal } = found;
  if (!competition || !round || round.competitionId !== competition.id) {
    return (
      <div className="page org">
        <h1>{t('org.round.missing')}</h1>
        <p>
          <Link
            to={competition ? placeHref({ competitionId }) : placeHref()}
            className="button button--secondary"
          >
            {competition
              ? t('org.backToCompetition', { name: competition.name })
              : t('org.backToCompetitions')}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="page org org-workspace">
      <Breadcrumbs
        items={[
          { label: t('org.competitions.title'), href: placeHref() },
          { label: competition.name, href: placeHref({ competitionId }) },
          { label: round.name },
        ]}
      />
      <h1>{round.name}</h1>
      <nav aria-label={t('org.tabs.label', { name: round.name })} className="org-tabs">
        <ul>
          {ROUND_TABS.map((each) => (
            <li key={each}>
              <Link
                to={placeHref({ competitionId, roundId, tab: each })}
                aria-current={each === tab ? 'page' : undefined}
                className="org-tab"
              >
                {t(TAB_LABELS[each])}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="org-tab-panel">
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          <TabPanel tab={tab} roundId={round.id} />
        </Suspense>
      </div>
      {round.rehearsalOf === undefined && <Rehearsal round={round} rehearsal={rehearsal} />}
    </div>
  );
}
