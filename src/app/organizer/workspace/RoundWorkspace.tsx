import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { useDatabase } from '../../db-context';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/useT';
import { Link } from '../../router';
import { AdvancementPanel } from '../advancement/AdvancementPanel';
import { CriteriaPanel } from '../criteria/CriteriaPanel';
import { DrawPanel } from '../draw/DrawPanel';
import { placeHref, ROUND_TABS, type RoundTab } from '../location';
import { ContestantsPanel } from '../people/ContestantsPanel';
import { JudgesPanel } from '../people/JudgesPanel';
import { SettingsPanel } from '../settings/SettingsPanel';
import { Breadcrumbs } from '../ui/Breadcrumbs';

const TAB_LABELS: Record<RoundTab, MessageKey> = {
  settings: 'org.tab.settings',
  criteria: 'org.tab.criteria',
  judges: 'org.tab.judges',
  contestants: 'org.tab.contestants',
  draw: 'org.tab.draw',
  advancement: 'org.tab.advancement',
};

function TabPanel({ tab, roundId }: { tab: RoundTab; roundId: string }): ReactNode {
  switch (tab) {
    case 'settings':
      return <SettingsPanel roundId={roundId} />;
    case 'criteria':
      return <CriteriaPanel roundId={roundId} />;
    case 'judges':
      return <JudgesPanel roundId={roundId} />;
    case 'contestants':
      return <ContestantsPanel roundId={roundId} />;
    case 'draw':
      return <DrawPanel roundId={roundId} />;
    case 'advancement':
      return <AdvancementPanel roundId={roundId} />;
  }
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
  const found = useLiveQuery(
    async () => ({
      competition: (await db.competitions.get(competitionId)) ?? null,
      round: (await db.rounds.get(roundId)) ?? null,
    }),
    [db, competitionId, roundId],
  );
  if (found === undefined) return <p className="page loading">{t('app.loading')}</p>;
  const { competition, round } = found;
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
        <TabPanel tab={tab} roundId={round.id} />
      </div>
    </div>
  );
}
