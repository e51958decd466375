import { type ComponentType, createElement, lazy } from 'react';
import { loadMessagesFor } from './i18n/areas';
import type { MessageKey } from './i18n/messages';

// Each role's screen is its own lazily loaded chunk. A role page module default-exports its
// page component; to grow a role, change that module (and whatever it imports), not this table.

type PageModule = { default: ComponentType };

export interface RoleRoute {
  path: string;
  titleKey: MessageKey;
  Page: ComponentType;
  /** Loads the page's chunk; once loaded, Page renders without suspending. */
  preload: () => Promise<unknown>;
  /** False for a full-screen page (the projector): no app header around it. */
  chrome: boolean;
}

/**
 * A lazy page that can be loaded before React first renders it. main.tsx preloads the page of
 * the address being opened, so a judge's tablet shows the sheet without passing through the
 * Suspense fallback (React holds a revealed fallback for at least 300 ms).
 */
function lazyPage(
  path: string,
  titleKey: MessageKey,
  load: () => Promise<PageModule>,
  { chrome = true }: { chrome?: boolean } = {},
): RoleRoute {
  let loaded: ComponentType | null = null;
  // The page's messages (its areas, src/app/i18n/areas.ts) load with its chunk, in parallel.
  const preload = () =>
    Promise.all([load(), loadMessagesFor(path)]).then(([module]) => {
      loaded = module.default;
      return module;
    });
  const LazyPage = lazy(preload);
  const Page = () => createElement(loaded ?? LazyPage);
  return { path, titleKey, Page, preload, chrome };
}

const roleRoutes: readonly RoleRoute[] = [
  // The home page too: each page loads only its own screen after the shell.
  lazyPage('/', 'app.name', () => import('./home/HomePage')),
  lazyPage('/organizer', 'role.organizer.title', () => import('./organizer/OrganizerPage')),
  lazyPage('/judge', 'role.judge.title', () => import('./judge/JudgePage')),
  lazyPage('/stage', 'role.host.title', () => import('./stage/HostPage')),
  lazyPage('/projector', 'role.projector.title', () => import('./stage/ProjectorPage'), { chrome: false }),
  lazyPage('/results', 'role.results.title', () => import('./results/ResultsPage')),
  lazyPage('/season', 'role.season.title', () => import('./season/SeasonPage')),
];

export function findRoute(path: string): RoleRoute | undefined {
  return roleRoutes.find((route) => route.path === path);
}
