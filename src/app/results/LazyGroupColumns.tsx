/**
 * The standings' columns of a round with rater groups (./GroupColumns.tsx), in a chunk of their
 * own: most rounds have one panel, and the results page stays within its initial JavaScript
 * (test/budgets).
 */

import { lazyPart } from '../pwa/lazy-part';

export const groupHeaders = lazyPart([], () =>
  import('./GroupColumns').then((module) => module.GroupHeaders),
);

export const groupCells = lazyPart([], () => import('./GroupColumns').then((module) => module.GroupCells));
