/**
 * The host console's confirmation (StageDialog) for the panels that show with the console: a
 * modal opens only on a click, so it and the modal it is built on load after the console shows,
 * outside the stage page's initial JavaScript (test/budgets). HostConsole preloads it, so it
 * opens at once. The panels that are lazy parts themselves import StageDialog directly.
 */

import { Suspense } from 'react';
import { lazyPart } from '../pwa/lazy-part';
import type { StageDialogProps } from './StageDialog';

export const stageDialog = lazyPart([], () => import('./StageDialog').then((module) => module.StageDialog));

export function LazyStageDialog(props: StageDialogProps) {
  return (
    <Suspense fallback={null}>
      <stageDialog.Part {...props} />
    </Suspense>
  );
}
