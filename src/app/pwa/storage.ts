/**
 * Keeping this device's data. IndexedDB holds every mark typed on a tablet until the venue
 * server has it, so the app asks the browser not to evict it (navigator.storage.persist()) and
 * says where it may be evicted anyway:
 * - a browser tab on iPhone/iPad (WebKit clears a site's storage after 7 days without a visit,
 *   unless the app was added to the home screen);
 * - a browser that refused, or cannot be asked (no StorageManager: old, or not a secure context).
 */

import { useSyncExternalStore } from 'react';

/** What the browser said: not asked yet, being asked, or its answer. */
export type Persistence = 'notAsked' | 'asking' | 'persisted' | 'refused' | 'unavailable';

/** Why this device's data may be evicted, or null when it is kept. */
export type EvictionRisk = 'iosTab' | 'notPersisted' | null;

/** The parts of navigator.storage used here (a fake in unit tests). */
export interface StorageManagerLike {
  persisted(): Promise<boolean>;
  persist(): Promise<boolean>;
}

/** The parts of navigator and window that tell an iPhone/iPad browser tab from the installed app. */
export interface BrowserLike {
  userAgent: string;
  platform: string;
  maxTouchPoints: number;
  /** Safari's own flag: true when opened from the home screen. */
  standalone?: boolean;
  displayModeStandalone: boolean;
}

export function currentBrowser(): BrowserLike {
  const nav = navigator as Navigator & { standalone?: boolean };
  return {
    userAgent: nav.userAgent,
    platform: nav.platform,
    maxTouchPoints: nav.maxTouchPoints ?? 0,
    standalone: nav.standalone,
    displayModeStandalone: window.matchMedia?.('(display-mode: standalone)').matches ?? false,
  };
}

/**
 * An iPhone or iPad browser tab rather than the app opened from the home screen. iPadOS
 * reports itself as a Mac: a "Mac" with a touch screen is an iPad.
 */
export function isIosBrowserTab(browser: BrowserLike): boolean {
  const ios =
    /iPad|iPhone|iPod/.test(browser.userAgent) ||
    (browser.platform === 'MacIntel' && browser.maxTouchPoints > 1);
  return ios && browser.standalone !== true && !browser.displayModeStandalone;
}

export function evictionRisk(persistence: Persistence, iosTab: boolean): EvictionRisk {
  if (iosTab) return 'iosTab';
  if (persistence === 'refused' || persistence === 'unavailable') return 'notPersisted';
  return null;
}

/** Asks the browser to keep this origin's storage; the answer, never an exception. */
export async function askPersistence(storage: StorageManagerLike | undefined): Promise<Persistence> {
  if (!storage || typeof storage.persist !== 'function') return 'unavailable';
  try {
    if (await storage.persisted()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'refused';
  } catch {
    return 'refused';
  }
}

/** The device's persistence state, shared by every component that shows or asks it. */
export interface PersistenceStore {
  subscribe(onChange: () => void): () => void;
  get(): Persistence;
  /** Asks once per page load (again only after a refusal, when the user presses the button). */
  request(options?: { again?: boolean }): Promise<Persistence>;
}

export function createPersistenceStore(
  storage: () => StorageManagerLike | undefined = () => globalThis.navigator?.storage,
): PersistenceStore {
  let state: Persistence = 'notAsked';
  const listeners = new Set<() => void>();
  const set = (next: Persistence) => {
    state = next;
    for (const listener of listeners) listener();
  };
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    get: () => state,
    async request({ again = false } = {}) {
      if (state === 'asking' || state === 'persisted' || (state !== 'notAsked' && !again)) return state;
      set('asking');
      const answer = await askPersistence(storage());
      set(answer);
      return answer;
    },
  };
}

/** This page's store: one answer for the whole app. */
export const devicePersistence = createPersistenceStore();

export function usePersistence(store: PersistenceStore = devicePersistence): Persistence {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
