import { Workbox } from 'workbox-window';

// Service worker registration in prompt mode (vite.config.ts: registerType 'prompt').
// A new version installs in the background and waits; the user decides when to switch to it
// (UpdatePrompt). The "safe moment" rules for judges and the projector come later: they will
// decide when to show the prompt, this module stays the mechanism.

/** The part of workbox-window's Workbox that the updater uses (a fake in unit tests). */
export interface WorkboxLike {
  addEventListener(type: 'waiting' | 'controlling', listener: () => void): void;
  register(): Promise<unknown>;
  messageSkipWaiting(): void;
}

export interface Updater {
  subscribe(onChange: () => void): () => void;
  /** True when a new version is installed and waiting for the user's consent. */
  isUpdateWaiting(): boolean;
  /** Activates the waiting version, then reloads the page once it controls it. */
  applyUpdate(): void;
}

export function createUpdater(wb: WorkboxLike, reload: () => void = () => window.location.reload()): Updater {
  let waiting = false;
  let applying = false;
  const listeners = new Set<() => void>();

  wb.addEventListener('waiting', () => {
    waiting = true;
    for (const listener of listeners) listener();
  });
  wb.register().catch((error: unknown) => {
    console.error('Service worker registration failed', error);
  });

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    isUpdateWaiting: () => waiting,
    applyUpdate() {
      if (!waiting || applying) return;
      applying = true;
      wb.addEventListener('controlling', () => reload());
      wb.messageSkipWaiting();
    },
  };
}

/**
 * Registers /sw.js in production builds only. Returns null where there is nothing to register:
 * the dev server, or an insecure context (a tablet on http://192.168.x.x has no service worker).
 */
export function registerServiceWorker(): Updater | null {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return null;
  return createUpdater(new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }));
}
