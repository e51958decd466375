import { seasonById } from '../../db/queries/season';
import { parsePeriod } from '../../domain/season';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { Link } from '../router';
import { EntriesView } from './EntriesView';
import { ImportView } from './ImportView';
import { MemberFileView } from './MemberFileView';
import { MembersView } from './MembersView';
import { NoticePrint } from './NoticePrint';
import { PointsTableView } from './PointsTableView';
import { currentMonth, type SeasonPlace, type SeasonView, seasonHref } from './place';
import { StandingsView } from './StandingsView';

const TABS: readonly { view: SeasonView; label: MessageKey }[] = [
  { view: 'standings', label: 'season.tab.standings' },
  { view: 'members', label: 'season.tab.members' },
  { view: 'entries', label: 'season.tab.entries' },
  { view: 'table', label: 'season.tab.table' },
  { view: 'import', label: 'season.tab.import' },
];

/** One season: its tabs, or its 公示 print on its own. */
export function SeasonWorkspace({ place, seasonId }: { place: SeasonPlace; seasonId: string }) {
  const t = useT();
  const season = useLiveRead(seasonById, seasonId);
  if (season === undefined) return <p className="page loading">{t('app.loading')}</p>;
  if (season === null) {
    return (
      <div className="page season">
        <p className="notice">{t('season.notFound')}</p>
        <Link to={seasonHref()}>{t('season.backToList')}</Link>
      </div>
    );
  }
  const periodText = place.period ?? currentMonth();
  const period = parsePeriod(periodText);
  if (place.view === 'notice' && period) return <NoticePrint season={season} period={period} />;

  return (
    <div className="page season">
      <p>
        <Link to={seasonHref()}>{t('season.backToList')}</Link>
      </p>
      <h1>{season.name}</h1>
      <nav className="season-tabs" aria-label={t('season.tabs')}>
        {TABS.map((tab) => (
          <Link
            key={tab.view}
            to={seasonHref({ seasonId, view: tab.view, period: place.period })}
            className="season-tab"
            aria-current={place.view === tab.view ? 'page' : undefined}
          >
            {t(tab.label)}
          </Link>
        ))}
      </nav>
      {place.view === 'standings' && (
        <StandingsView season={season} periodText={periodText} period={period} />
      )}
      {place.view === 'notice' && <StandingsView season={season} periodText={periodText} period={period} />}
      {place.view === 'members' && <MembersView season={season} />}
      {place.view === 'entries' && <EntriesView season={season} />}
      {place.view === 'table' && <PointsTableView season={season} />}
      {place.view === 'import' && <ImportView season={season} />}
      {place.view === 'file' && place.memberId && (
        <MemberFileView season={season} memberId={place.memberId} />
      )}
    </div>
  );
}
