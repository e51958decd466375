/**
 * 叫号: the host calls the contestant now on stage. The call is a `stage.call` event; the
 * judges' screens read the round's current call and open that contestant's sheet. The host
 * console (issue 5) writes it; the judge screen only reads it.
 */

import { type LeitaiEvent, stageCallOf } from '../domain/events';
import type { Id } from '../domain/model';
import type { LeitaiDB } from './database';
import { getContestant, getRound, HOST, roundScope } from './entities';
import { RepositoryError } from './errors';
import { appendLocalEvent, writeTransaction } from './log';

export interface StageCall {
  /** The event's id: a new call of the same contestant is a new call. */
  callId: Id;
  contestantId: Id;
}

function stageCallEvents(db: LeitaiDB, roundId: Id): Promise<LeitaiEvent[]> {
  return db.events.where('[roundId+type]').equals([roundId, 'stage.call']).toArray();
}

/** The round's current call, or null before the first one. */
export async function readStageCall(db: LeitaiDB, roundId: Id): Promise<StageCall | null> {
  const winner = stageCallOf(await stageCallEvents(db, roundId));
  return winner && { callId: winner.id, contestantId: winner.payload.contestantId };
}

/** Calls an active contestant of the round to the stage. */
export function callContestant(db: LeitaiDB, call: { roundId: Id; contestantId: Id }): Promise<StageCall> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, call.roundId);
    const contestant = await getContestant(db, call.roundId, call.contestantId);
    if (contestant.status !== 'active') {
      throw new RepositoryError(
        'contestant-inactive',
        `选手“${contestant.name}”已退赛或被取消资格，不能叫号`,
      );
    }
    const current = stageCallOf(await stageCallEvents(db, round.id));
    const event = await appendLocalEvent(db, {
      type: 'stage.call',
      author: HOST,
      ...roundScope(round),
      payload: { contestantId: contestant.id, revision: (current?.payload.revision ?? 0) + 1 },
    });
    return { callId: event.id, contestantId: contestant.id };
  });
}
