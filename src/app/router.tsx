import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

// A tiny path router on the History API: no dependency, links and the back button work.
// The server (src/server/static-server.mjs) and the service worker (navigateFallback) answer every
// extension-less path with index.html, so a deep link or a reload lands here too.

const NAVIGATE_EVENT = 'leitai:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The current path without a trailing slash ('/' stays '/'). */
export function normalizePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

const currentPath = () => normalizePath(window.location.pathname);

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

const currentSearch = () => window.location.search;

/** The query string ('?tab=judges', or ''): pages that keep their place in the address read it. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, currentSearch, () => '');
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search + window.location.hash) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  to: string;
}

/** An ordinary <a href>, so it can be opened in a new tab; a plain left click stays in the app. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (rest.target && rest.target !== '_self')
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
