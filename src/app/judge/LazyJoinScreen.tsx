/**
 * The join screen (JoinScreen) for the judge's page and desk: a tablet joins once and then
 * opens on its desk, so the join screen loads after the page shows, outside the judge page's
 * initial JavaScript (test/budgets). JudgePage preloads it as it mounts: it shows at once on a
 * tablet not bound yet, and when a desk is handed to another judge by a scanned code.
 */

import { Suspense } from 'react';
import { lazyPart } from '../pwa/lazy-part';
import type { JoinScreenProps } from './JoinScreen';

export const joinScreen = lazyPart([], () => import('./JoinScreen').then((module) => module.JoinScreen));

export function LazyJoinScreen(props: JoinScreenProps) {
  return (
    <Suspense fallback={null}>
      <joinScreen.Part {...props} />
    </Suspense>
  );
}
