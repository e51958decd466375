/**
 * When switching to a new version is safe. Switching reloads the page; IndexedDB keeps
 * everything, but a reload in the middle of work is still a bad moment: a judge's keypad entry
 * that is not confirmed yet (a draft with something typed; a cleared one holds nothing), or
 * events this device has not sent to the venue server (the new version might speak to the
 * server differently; the old one sends them first). So the update is offered only when this
 * device has neither. (The projector never shows the
 * offer: App renders no prompt on a full-screen page.)
 */

import { useLiveQuery } from 'dexie-react-hooks';
import type { LeitaiDB } from '../../db/database';
import { hasUnconfirmedDrafts, hasUnsentEvents } from '../../db/repository';

/** What holds the update back, or null when it can be applied now. */
export type UpdateHold = 'drafts' | 'outbox' | null;

async function updateHold(db: LeitaiDB): Promise<UpdateHold> {
  if (await hasUnconfirmedDrafts(db)) return 'drafts';
  if (await hasUnsentEvents(db)) return 'outbox';
  return null;
}

/** Live: undefined while the first answer is read. */
export function useUpdateHold(db: LeitaiDB): UpdateHold | undefined {
  return useLiveQuery(() => updateHold(db), [db]);
}
