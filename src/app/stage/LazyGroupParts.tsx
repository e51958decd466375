/**
 * The host console's parts for a round with rater groups (./GroupParts.tsx): in a chunk of their
 * own, outside the stage page's initial JavaScript (test/budgets), since most rounds have one
 * panel. HostConsole preloads them when the round has groups.
 */

import { lazyPart } from '../pwa/lazy-part';

export const groupSummary = lazyPart([], () => import('./GroupParts').then((module) => module.GroupSummary));

export const groupReadout = lazyPart([], () => import('./GroupParts').then((module) => module.GroupReadout));
