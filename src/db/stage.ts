/**
 * The host console's writes (主持台, issue 5) and the reads of the stage's state. Every one is
 * an event of the round, read back from the log through its [roundId+type] index (a round has
 * only a few hundred of them) and decided by the winner rule in src/domain/stage.ts:
 * - 叫号 `stage.call` (the judges' screens open the called contestant);
 * - 计时 `stage.timer`, 大屏 `stage.view`, 催分 `stage.nudge`;
 * - 请评委确认 `stage.confirmRequest`, answered by the judge's `stage.confirm`;
 * - 公布 `contestant.lock`, which freezes the contestant's marks (src/domain/events.ts), and
 *   `contestant.unlock`, written when a correction of a revealed contestant is approved.
 * The reveal itself is ./reveal.ts: it scores the round, and the judge's tablet, which imports
 * this module for the calls and the confirmations, has no need of the scoring engine.
 */

import {
  type EventType,
  isMarkLocked,
  type LeitaiEvent,
  type ProjectorTheme,
  type ProjectorView,
  type RevealPace,
  stageCallOf,
  type TimerAction,
} from '../domain/events';
import type { Id } from '../domain/model';
import type { RoundRecord } from '../domain/records';
import { cellWinner, contestantLockOf, nextRevision, projectorViewOf } from '../domain/stage';
import type { LeitaiDB } from './database';
import { getContestant, getJudge, getRound, HOST, roundScope } from './entities';
import { because, fieldOf, RepositoryError } from './errors';
import { requireText } from './guards';
import { newId } from './ids';
import { appendLocalEvent, writeTransaction } from './log';

export interface StageCall {
  /** The event's id: a new call of the same contestant is a new call. */
  callId: Id;
  contestantId: Id;
}

/** The kinds that make up the stage's state. */
export const STAGE_EVENT_TYPES = [
  'stage.call',
  'stage.timer',
  'stage.view',
  'stage.nudge',
  'stage.confirmRequest',
  'stage.confirm',
  'contestant.lock',
  'contestant.unlock',
  // The organizer's closure of the round (./round-closure.ts): whether its results are final.
  'round.close',
  'round.reopen',
] as const satisfies readonly EventType[];

/**
 * The round's events of these kinds (also for the reveal, ./reveal.ts), in the index's order.
 * One exact key per kind rather than `anyOf`: a live query observes what an `anyOf` spans from
 * its lowest key to its highest, `mark.set` among them, so every judge's mark re-ran it.
 */
export async function roundEvents(
  db: LeitaiDB,
  roundId: Id,
  types: readonly EventType[],
): Promise<LeitaiEvent[]> {
  const byType = await Promise.all(
    [...new Set(types)]
      .sort()
      .map((type) => db.events.where('[roundId+type]').equals([roundId, type]).toArray()),
  );
  return byType.flat();
}

/** Every stage event of the round: what the host console and the projector fold. */
export function readStageEvents(db: LeitaiDB, roundId: Id): Promise<LeitaiEvent[]> {
  return roundEvents(db, roundId, STAGE_EVENT_TYPES);
}

/** The round's current call, or null before the first one. */
export async function readStageCall(db: LeitaiDB, roundId: Id): Promise<StageCall | null> {
  const winner = stageCallOf(await roundEvents(db, roundId, ['stage.call']));
  return winner && { callId: winner.id, contestantId: winner.payload.contestantId };
}

/**
 * Calls an active contestant of the round to the stage; with `introduce`, the projector shows
 * them (the `contestant` view) in the same transaction.
 */
export function callContestant(
  db: LeitaiDB,
  call: { roundId: Id; contestantId: Id; introduce?: boolean },
): Promise<StageCall> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, call.roundId);
    const contestant = await getContestant(db, call.roundId, call.contestantId);
    if (contestant.status !== 'active') {
      throw new RepositoryError(
        'contestant-inactive',
        because('inactiveCall', { contestant: contestant.name }),
      );
    }
    const current = stageCallOf(await roundEvents(db, round.id, ['stage.call']));
    const event = await appendLocalEvent(db, {
      type: 'stage.call',
      author: HOST,
      ...roundScope(round),
      payload: { contestantId: contestant.id, revision: (current?.payload.revision ?? 0) + 1 },
    });
    if (call.introduce) {
      const { theme } = displayOf(await roundEvents(db, round.id, ['stage.view']));
      await appendDisplay(db, round, { view: 'contestant', contestantId: contestant.id, theme });
    }
    return { callId: event.id, contestantId: contestant.id };
  });
}

/**
 * 计时: starts, pauses or resets a contestant's clock. `elapsedMs` is what the host's screen
 * counted at the action (0 for a reset).
 */
export function setTimer(
  db: LeitaiDB,
  change: { roundId: Id; contestantId: Id; action: TimerAction; elapsedMs: number },
): Promise<LeitaiEvent<'stage.timer'>> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, change.roundId);
    const contestant = await getContestant(db, change.roundId, change.contestantId);
    const elapsedMs = change.action === 'reset' ? 0 : change.elapsedMs;
    if (!Number.isSafeInteger(elapsedMs) || elapsedMs < 0) {
      throw new RepositoryError(
        'invalid-field',
        because('timerInvalid', { value: String(change.elapsedMs) }),
      );
    }
    const timers = (await roundEvents(db, round.id, ['stage.timer'])).filter(
      (event) => (event as LeitaiEvent<'stage.timer'>).payload.contestantId === contestant.id,
    );
    return (await appendLocalEvent(db, {
      type: 'stage.timer',
      author: HOST,
      ...roundScope(round),
      payload: {
        contestantId: contestant.id,
        action: change.action,
        elapsedMs,
        revision: nextRevision(timers),
      },
    })) as LeitaiEvent<'stage.timer'>;
  });
}

export interface ProjectorDisplay {
  view: ProjectorView;
  /** The contestant of the `contestant` and `reveal` views. */
  contestantId: Id | null;
  theme: ProjectorTheme;
  /** How fast the reveal view unfolds (the host's choice; standard when absent). */
  pace?: RevealPace;
}

/** 大屏: what the projector shows now. Before any choice: the leaderboard, 擂台 theme. */
export const DEFAULT_DISPLAY: ProjectorDisplay = { view: 'leaderboard', contestantId: null, theme: 'leitai' };

export function displayOf(events: Iterable<LeitaiEvent>): ProjectorDisplay {
  const winner = projectorViewOf(events);
  if (!winner) return DEFAULT_DISPLAY;
  const { view, contestantId, theme, pace } = winner.payload;
  return pace === undefined ? { view, contestantId, theme } : { view, contestantId, theme, pace };
}

async function appendDisplay(db: LeitaiDB, round: RoundRecord, display: ProjectorDisplay): Promise<void> {
  const views = await roundEvents(db, round.id, ['stage.view']);
  await appendLocalEvent(db, {
    type: 'stage.view',
    author: HOST,
    ...roundScope(round),
    payload: {
      view: display.view,
      contestantId: display.contestantId,
      theme: display.theme,
      revision: nextRevision(views),
      ...(display.view === 'reveal' && display.pace !== undefined ? { pace: display.pace } : {}),
    },
  });
}

/** Switches the projector's view or theme. */
export function setProjectorDisplay(db: LeitaiDB, roundId: Id, display: ProjectorDisplay): Promise<void> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    if ((display.view === 'contestant' || display.view === 'reveal') && display.contestantId === null) {
      throw new RepositoryError('invalid-field', because('displayNeedsContestant'));
    }
    if (display.contestantId !== null) await getContestant(db, roundId, display.contestantId);
    await appendDisplay(db, round, display);
  });
}

/** 催分: reminds a judge who has not submitted the contestant's sheet. */
export function nudgeJudge(
  db: LeitaiDB,
  nudge: { roundId: Id; judgeId: Id; contestantId: Id },
): Promise<void> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, nudge.roundId);
    const judge = await getJudge(db, nudge.roundId, nudge.judgeId);
    const contestant = await getContestant(db, nudge.roundId, nudge.contestantId);
    const sheet = await db.sheets.get([round.id, judge.id, contestant.id]);
    if (sheet?.status === 'submitted') {
      throw new RepositoryError(
        'sheet-submitted',
        because('alreadySubmittedNoReminder', { judge: judge.name, contestant: contestant.name }),
      );
    }
    await appendLocalEvent(db, {
      type: 'stage.nudge',
      author: HOST,
      ...roundScope(round),
      payload: { nudgeId: newId(), judgeId: judge.id, contestantId: contestant.id },
    });
  });
}

/** Asks a judge to confirm a total that is far from the panel's (`total` as shown to the host). */
export function requestConfirmation(
  db: LeitaiDB,
  request: { roundId: Id; judgeId: Id; contestantId: Id; total: string },
): Promise<Id> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, request.roundId);
    const judge = await getJudge(db, request.roundId, request.judgeId);
    const contestant = await getContestant(db, request.roundId, request.contestantId);
    const requestId = newId();
    await appendLocalEvent(db, {
      type: 'stage.confirmRequest',
      author: HOST,
      ...roundScope(round),
      payload: {
        requestId,
        judgeId: judge.id,
        contestantId: contestant.id,
        total: requireText(request.total, fieldOf('confirmedTotal'), 40),
      },
    });
    return requestId;
  });
}

/** The judge confirms the total the host asked about. */
export function confirmTotal(
  db: LeitaiDB,
  reply: { roundId: Id; requestId: Id; judgeId: Id },
): Promise<void> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, reply.roundId);
    const events = await roundEvents(db, round.id, ['stage.confirmRequest', 'stage.confirm']);
    const request = cellWinner(
      events,
      'stage.confirmRequest',
      (event) => event.payload.requestId === reply.requestId,
    );
    if (!request || request.payload.judgeId !== reply.judgeId) {
      throw new RepositoryError('not-found', because('confirmationNotFound'));
    }
    if (cellWinner(events, 'stage.confirm', (event) => event.payload.requestId === reply.requestId)) return;
    await appendLocalEvent(db, {
      type: 'stage.confirm',
      author: { role: 'judge', judgeId: reply.judgeId },
      ...roundScope(round),
      payload: {
        requestId: reply.requestId,
        judgeId: reply.judgeId,
        contestantId: request.payload.contestantId,
      },
    });
  });
}

/** The round's reveals and reopenings: what contestantLockOf folds. */
export async function lockEvents(db: LeitaiDB, roundId: Id): Promise<LeitaiEvent[]> {
  return roundEvents(db, roundId, ['contestant.lock', 'contestant.unlock']);
}

/**
 * Reopens one judge's sheet of a revealed contestant for an approved correction (申请修改):
 * a `contestant.unlock` in the caller's write transaction. Nothing to do when the sheet is not
 * locked.
 */
export async function unlockForCorrection(
  db: LeitaiDB,
  round: RoundRecord,
  sheet: { judgeId: Id; contestantId: Id; requestId: Id },
): Promise<void> {
  const cells = await db.marks
    .where('[roundId+judgeId+contestantId]')
    .equals([round.id, sheet.judgeId, sheet.contestantId])
    .toArray();
  if (!cells.some(isMarkLocked)) return;
  const events = await lockEvents(db, round.id);
  await appendLocalEvent(db, {
    type: 'contestant.unlock',
    author: HOST,
    ...roundScope(round),
    payload: {
      contestantId: sheet.contestantId,
      judgeId: sheet.judgeId,
      requestId: sheet.requestId,
      criterionIds: round.criteria.map((criterion) => criterion.id),
      revision: contestantLockOf(events, sheet.contestantId).nextRevision,
    },
  });
}
