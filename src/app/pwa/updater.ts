// Service worker registration in prompt mode (vite.config.ts: registerType 'prompt').
// A new version installs in the background and waits; nothing reloads by itself. The user
// switches when UpdatePrompt offers it, and UpdatePrompt offers it only at a safe moment
// (update-safety.ts). While the app is open and visible it looks for a new version every
// 30 minutes: a tablet that stays on the judge screen all day still learns of a fix.

import { whenIdle } from './when-idle';

/** The part of workbox-window's Workbox that the updater uses (a fake in unit tests). */
export interface WorkboxLike {
  addEventListener(type: 'waiting' | 'controlling', listener: () => void): void;
  register(): Promise<unknown>;
  update(): Promise<unknown>;
  messageSkipWaiting(): void;
}

/** Visibility of the page, for the periodic checks (a fake in unit tests). */
export interface PageVisibility {
  isVisible(): boolean;
  onVisible(listener: () => void): void;
}

export interface Updater {
  subscribe(onChange: () => void): () => void;
  /** True when a new version is installed and waiting for the user's consent. */
  isUpdateWaiting(): boolean;
  /** Activates the waiting version, then reloads this page once it controls it. */
  applyUpdate(): void;
}

export const UPDATE_CHECK_INTERVAL_MS = 30 * 60 * 1000;

export interface UpdaterOptions {
  reload?: () => void;
  page?: PageVisibility;
  checkIntervalMs?: number;
}

function documentVisibility(): PageVisibility {
  return {
    isVisible: () => document.visibilityState === 'visible',
    onVisible: (listener) =>
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') listener();
      }),
  };
}

/** `workbox` may still be loading (registerServiceWorker imports workbox-window lazily). */
export function createUpdater(
  workbox: WorkboxLike | Promise<WorkboxLike>,
  {
    reload = () => window.location.reload(),
    page = documentVisibility(),
    checkIntervalMs = UPDATE_CHECK_INTERVAL_MS,
  }: UpdaterOptions = {},
): Updater {
  let wb: WorkboxLike | null = null;
  let waiting = false;
  let applying = false;
  const listeners = new Set<() => void>();

  Promise.resolve(workbox)
    .then((loaded) => {
      wb = loaded;
      loaded.addEventListener('waiting', () => {
        waiting = true;
        for (const listener of listeners) listener();
      });
      return loaded.register().then(() => startPeriodicChecks(loaded));
    })
    .catch((error: unknown) => {
      console.error('Service worker registration failed', error);
    });

  // Offline, a check fails: that is expected, the next one tries again.
  const check = (loaded: WorkboxLike) => loaded.update().catch(() => undefined);

  function startPeriodicChecks(loaded: WorkboxLike) {
    // A hidden page does not check; it checks as soon as it is shown again if a check was due.
    let due = false;
    setInterval(() => {
      if (page.isVisible()) void check(loaded);
      else due = true;
    }, checkIntervalMs);
    page.onVisible(() => {
      if (!due) return;
      due = false;
      void check(loaded);
    });
  }

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    isUpdateWaiting: () => waiting,
    applyUpdate() {
      if (!wb || !waiting || applying) return;
      applying = true;
      wb.addEventListener('controlling', () => reload());
      wb.messageSkipWaiting();
    },
  };
}

/**
 * Registers /sw.js in production builds only. Returns null where there is nothing to register:
 * the dev server, or an insecure context (a tablet on http://192.168.x.x has no service worker).
 * workbox-window loads as its own chunk, once the page is up: no page waits for it to show.
 */
export function registerServiceWorker(): Updater | null {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return null;
  const base = import.meta.env.BASE_URL;
  // Once the page is up (whenIdle): the service worker's install fetches every file of the app,
  // which must not compete with the first screen for the network.
  const pageUp = new Promise<void>((resolve) => whenIdle(resolve));
  return createUpdater(
    pageUp
      .then(() => import('workbox-window'))
      .then(({ Workbox }) => new Workbox(`${base}sw.js`, { scope: base })),
  );
}
