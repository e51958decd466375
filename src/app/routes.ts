import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { MessageKey } from './i18n/messages';

// Each role's screen is its own lazily loaded chunk. A role page module default-exports its
// page component; to grow a role, change that module (and whatever it imports), not this table.

export interface RoleRoute {
  path: string;
  titleKey: MessageKey;
  Page: LazyExoticComponent<ComponentType>;
}

export const roleRoutes: readonly RoleRoute[] = [
  {
    path: '/organizer',
    titleKey: 'role.organizer.title',
    Page: lazy(() => import('./organizer/OrganizerPage')),
  },
  { path: '/judge', titleKey: 'role.judge.title', Page: lazy(() => import('./judge/JudgePage')) },
  { path: '/stage', titleKey: 'role.host.title', Page: lazy(() => import('./stage/HostPage')) },
  {
    path: '/projector',
    titleKey: 'role.projector.title',
    Page: lazy(() => import('./stage/ProjectorPage')),
  },
  { path: '/results', titleKey: 'role.results.title', Page: lazy(() => import('./results/ResultsPage')) },
];

export function findRoute(path: string): RoleRoute | undefined {
  return roleRoutes.find((route) => route.path === path);
}
