import { type ReactNode, Suspense, useEffect, useRef } from 'react';
import { LanguageSwitch } from './components/LanguageSwitch';
import { useUiStore } from './i18n/language';
import { useT } from './i18n/useT';
import { StorageWarning } from './pwa/StorageWarning';
import { UpdatePrompt } from './pwa/UpdatePrompt';
import type { Updater } from './pwa/updater';
import { Link, usePath } from './router';
import { findRoute } from './routes';
import { SyncStatus } from './sync/SyncStatus';

function NotFoundPage({ path }: { path: string }) {
  const t = useT();
  return (
    <div className="page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path })}</p>
      <p>
        <Link to="/" className="button button--secondary">
          {t('page.backHome')}
        </Link>
      </p>
    </div>
  );
}

export interface AppProps {
  /** The service worker updater; null in development and in tests without one. */
  updater?: Updater | null;
}

export function App({ updater = null }: AppProps) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const path = usePath();
  const route = findRoute(path);
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(path);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    document.title =
      route && route.path !== '/' ? `${t(route.titleKey)} · ${t('app.shortName')}` : t('app.name');
  }, [route, t]);

  // After an in-app navigation, move focus to the new page (screen readers start there) and
  // scroll to the top. Not on the first render: the browser's own behaviour is right there.
  useEffect(() => {
    if (previousPath.current === path) return;
    previousPath.current = path;
    mainRef.current?.focus();
    window.scrollTo?.(0, 0);
  }, [path]);

  let page: ReactNode;
  if (route) page = <route.Page />;
  else page = <NotFoundPage path={path} />;

  // A full-screen page (the projector) has no header, and no update banner over the audience's view.
  const chrome = route?.chrome !== false;
  return (
    <>
      {chrome && (
        <>
          <a className="skip-link" href="#main">
            {t('nav.skipToContent')}
          </a>
          <header className="site-header">
            <Link to="/" className="brand">
              <img src="/icons/icon.svg" alt="" width={40} height={40} />
              <span>{t('app.shortName')}</span>
            </Link>
            <SyncStatus />
            <LanguageSwitch />
          </header>
          <StorageWarning />
        </>
      )}
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<p className="page loading">{t('app.loading')}</p>}>{page}</Suspense>
      </main>
      {chrome && updater && <UpdatePrompt updater={updater} />}
    </>
  );
}
