import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { Link } from '../router';

/** What a role page shows until its screen is built: its title and an honest line, nothing more. */
export function NotAvailablePage({ titleKey }: { titleKey: MessageKey }) {
  const t = useT();
  return (
    <div className="page">
      <h1>{t(titleKey)}</h1>
      <p className="notice">{t('page.notAvailable')}</p>
      <p>
        <Link to="/" className="button button--secondary">
          {t('page.backHome')}
        </Link>
      </p>
    </div>
  );
}
