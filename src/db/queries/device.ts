/** Reads of this device's own state (its judge session, what it has not confirmed or sent yet). */

import type { LeitaiDB } from '../database';

/** Whether this device has joined as a judge. */
export async function hasJudgeSession(db: LeitaiDB): Promise<boolean> {
  return (await db.judgeSession.get('self')) !== undefined;
}

/** Whether a judge's keypad entry is typed but not confirmed (a cleared draft holds nothing). */
export async function hasUnconfirmedDrafts(db: LeitaiDB): Promise<boolean> {
  return (await db.drafts.filter((draft) => draft.text !== '').count()) > 0;
}

/** Whether this device holds events the venue server has not acknowledged. */
export async function hasUnsentEvents(db: LeitaiDB): Promise<boolean> {
  return (await db.outbox.count()) > 0;
}

/** How many of this device's events wait to be sent, and how many the server refused. */
export async function outboxCounts(db: LeitaiDB): Promise<{ pending: number; refused: number }> {
  const [pending, refused] = await Promise.all([db.outbox.count(), db.refused.count()]);
  return { pending, refused };
}
