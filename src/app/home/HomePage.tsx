import { readSession } from '../../sync/sync-state';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { Link } from '../router';
import { openSyncPanel } from '../sync/open-sync-panel';

interface RoleCard {
  id: string;
  titleKey: MessageKey;
  descKey: MessageKey;
  entries: { to: string; labelKey: MessageKey }[];
}

const cards: RoleCard[] = [
  {
    id: 'organizer',
    titleKey: 'role.organizer.title',
    descKey: 'role.organizer.desc',
    entries: [{ to: '/organizer', labelKey: 'role.organizer.open' }],
  },
  {
    id: 'judge',
    titleKey: 'role.judge.title',
    descKey: 'role.judge.desc',
    entries: [{ to: '/judge', labelKey: 'role.judge.open' }],
  },
  {
    id: 'stage',
    titleKey: 'role.stage.title',
    descKey: 'role.stage.desc',
    entries: [
      { to: '/stage', labelKey: 'role.host.title' },
      { to: '/projector', labelKey: 'role.projector.title' },
    ],
  },
  {
    id: 'results',
    titleKey: 'role.results.title',
    descKey: 'role.results.desc',
    entries: [{ to: '/results', labelKey: 'role.results.open' }],
  },
];

/**
 * A device that has not connected to the venue server yet: what each role does to connect, and
 * the way to the step (the sync panel in the header).
 */
function ConnectNotice() {
  const t = useT();
  // null: no session; undefined while reading.
  const session = useLiveRead(readSession);
  if (session !== null) return null;
  return (
    <section className="home-connect" aria-labelledby="home-connect-heading">
      <h2 id="home-connect-heading">{t('home.connect.title')}</h2>
      <p>{t('home.connect.body')}</p>
      <button type="button" className="button" onClick={openSyncPanel}>
        {t('home.connect.action')}
      </button>
    </section>
  );
}

export default function HomePage() {
  const t = useT();
  return (
    <div className="page home">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <ConnectNotice />
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t('home.rolesHeading')}</h2>
        <ul className="role-cards">
          {cards.map((card) => (
            <li key={card.id} className="role-card" data-role={card.id}>
              <h3>{t(card.titleKey)}</h3>
              <p>{t(card.descKey)}</p>
              <div className="role-card__actions">
                {card.entries.map((entry) => (
                  <Link key={entry.to} to={entry.to} className="button">
                    {t(entry.labelKey)}
                  </Link>
                ))}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
