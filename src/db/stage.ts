/**
 * The host console's writes (主持台, issue 5) and the reads of the stage's state. Every one is
 * an event of the round, read back from the log through its [roundId+type] index (a round has
 * only a few hundred of them) and decided by the winner rule in src/domain/stage.ts:
 * - 叫号 `stage.call` (the judges' screens open the called contestant);
 * - 计时 `stage.timer`, 大屏 `stage.view`, 催分 `stage.nudge`;
 * - 请评委确认 `stage.confirmRequest`, answered by the judge's `stage.confirm`;
 * - 公布 `contestant.lock`, which freezes the contestant's marks (src/domain/events.ts), and
 *   `contestant.unlock`, written when a correction of a revealed contestant is approved.
 */

import {
  type EventType,
  type FrozenCell,
  type LeitaiEvent,
  type ProjectorTheme,
  type ProjectorView,
  stageCallOf,
  type TimerAction,
} from '../domain/events';
import { describeIssue } from '../domain/issues';
import { computeLiveStandings, type SetAside } from '../domain/live-standings';
import type { Id } from '../domain/model';
import type { RoundRecord } from '../domain/records';
import { isRecusedFrom } from '../domain/recusal';
import { panelProgress, revealChecks } from '../domain/reveal-checks';
import { cellWinner, contestantLockOf, isSheetLocked, nextRevision, projectorViewOf } from '../domain/stage';
import type { LeitaiDB } from './database';
import { getContestant, getJudge, getRound, HOST, roundScope } from './entities';
import { RepositoryError } from './errors';
import { optionalText, requireText } from './guards';
import { newId } from './ids';
import { appendLocalEvent, appendLocalEvents, writeTransaction } from './log';
import { loadRoundInput } from './read';

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
] as const satisfies readonly EventType[];

function roundEvents(db: LeitaiDB, roundId: Id, types: readonly EventType[]): Promise<LeitaiEvent[]> {
  return db.events
    .where('[roundId+type]')
    .anyOf(types.map((type) => [roundId, type]))
    .toArray();
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
        `选手“${contestant.name}”已退赛或被取消资格，不能叫号`,
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
        `计时必须是不小于 0 的整毫秒数，收到 ${String(change.elapsedMs)}`,
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
}

/** 大屏: what the projector shows now. Before any choice: the leaderboard, 擂台 theme. */
export const DEFAULT_DISPLAY: ProjectorDisplay = { view: 'leaderboard', contestantId: null, theme: 'leitai' };

export function displayOf(events: Iterable<LeitaiEvent>): ProjectorDisplay {
  const winner = projectorViewOf(events);
  if (!winner) return DEFAULT_DISPLAY;
  const { view, contestantId, theme } = winner.payload;
  return { view, contestantId, theme };
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
    },
  });
}

/** Switches the projector's view or theme. */
export function setProjectorDisplay(db: LeitaiDB, roundId: Id, display: ProjectorDisplay): Promise<void> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    if ((display.view === 'contestant' || display.view === 'reveal') && display.contestantId === null) {
      throw new RepositoryError('invalid-field', '大屏显示选手或公布成绩时，必须指定选手');
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
        `评委“${judge.name}”已提交对选手“${contestant.name}”的评分，无需催分`,
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
        total: requireText(request.total, '总分', 40),
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
      throw new RepositoryError('not-found', '找不到主持人的确认请求');
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

async function lockEvents(db: LeitaiDB, roundId: Id): Promise<LeitaiEvent[]> {
  return roundEvents(db, roundId, ['contestant.lock', 'contestant.unlock']);
}

/** Whether the judge's sheet for the contestant is locked by a reveal (公布). */
export async function isSheetLockedIn(
  db: LeitaiDB,
  roundId: Id,
  contestantId: Id,
  judgeId: Id,
): Promise<boolean> {
  return isSheetLocked(await lockEvents(db, roundId), contestantId, judgeId);
}

export interface Reveal {
  /**
   * Why the host revealed anyway: required when an eligible sheet is missing or incomplete, or
   * set aside because it breaks a rule (it is then frozen as not counted).
   */
  overrideReason?: string;
}

function setAsideRefusal(
  contestantName: string,
  sheets: readonly SetAside[],
  howToFix: string,
): RepositoryError {
  const issues = sheets.flatMap((sheet) => sheet.issues.map((found) => describeIssue(found)));
  return new RepositoryError(
    'sheets-set-aside',
    `选手“${contestantName}”有不符合评分规则、暂不计分的评分：${issues.join('；')}；${howToFix}`,
  );
}

/**
 * 公布: locks the contestant's marks as they are now and shows the reveal on the projector, in
 * one transaction. Refused while an eligible judge's sheet is missing, incomplete or set aside
 * (a mark the rules refuse) unless the host gives the reason to go on, when the result is not
 * complete (评分中), and when the contestant is revealed already and nothing was reopened since.
 * Revealing past a set-aside sheet freezes its cells empty: the reveal scores the contestant on
 * the other sheets, as the live standings then do (src/domain/SCORING.md, "Set-aside sheets").
 */
export function revealContestant(
  db: LeitaiDB,
  reveal: { roundId: Id; contestantId: Id } & Reveal,
): Promise<LeitaiEvent<'contestant.lock'>> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, reveal.roundId);
    const contestant = await getContestant(db, reveal.roundId, reveal.contestantId);
    if (contestant.status !== 'active') {
      throw new RepositoryError(
        'contestant-inactive',
        `选手“${contestant.name}”已退赛或被取消资格，不能公布成绩`,
      );
    }
    const lock = contestantLockOf(await lockEvents(db, round.id), contestant.id);
    if (lock.status === 'locked') {
      throw new RepositoryError('already-revealed', `选手“${contestant.name}”的成绩已经公布`);
    }
    const panel = (await db.judges.where('roundId').equals(round.id).toArray()).sort(
      (a, b) => a.order - b.order,
    );
    const judges = panel.filter((judge) => !isRecusedFrom(judge, contestant));
    const marks = await db.marks.where('[roundId+contestantId]').equals([round.id, contestant.id]).toArray();
    const sheets = (await db.sheets.where('roundId').equals(round.id).toArray()).filter(
      (sheet) => sheet.contestantId === contestant.id,
    );
    const input = await loadRoundInput(db, round.id);
    const live = computeLiveStandings(input);
    const checks = revealChecks(
      panelProgress(panel, contestant, round.criteria, marks, sheets),
      [],
      new Set(),
      live.setAside.filter((sheet) => sheet.contestant === contestant.id),
    );
    const reason = optionalText(reveal.overrideReason, '仍要公布的理由');
    if (checks.needsOverride && reason === null) {
      if (checks.setAside.length > 0) {
        throw setAsideRefusal(
          contestant.name,
          checks.setAside,
          '请评委更正，或填写理由后公布（这些评分表不计分）',
        );
      }
      const nameOf = (judgeId: Id) => panel.find((judge) => judge.id === judgeId)?.name ?? judgeId;
      const unfinished = [...checks.missing, ...checks.incomplete.map((judge) => judge.judgeId)];
      throw new RepositoryError(
        'sheets-missing',
        `还有评委未提交或未评完对选手“${contestant.name}”的评分：${unfinished.map(nameOf).join('、')}；如仍要公布，请填写理由`,
      );
    }
    // What the lock will count: the set-aside sheets frozen empty, so that they no longer count.
    const frozenOut = new Set(
      checks.setAside.flatMap((sheet) => (sheet.judge === null ? [] : [sheet.judge])),
    );
    const counted =
      frozenOut.size === 0
        ? live
        : computeLiveStandings({
            ...input,
            marks: input.marks.filter(
              (mark) => mark.contestant !== contestant.id || !frozenOut.has(mark.judge),
            ),
          });
    const stillHeld = counted.setAside.filter(
      (sheet) => sheet.contestant === contestant.id && sheet.affectsScore,
    );
    if (stillHeld.length > 0) throw setAsideRefusal(contestant.name, stillHeld, '请先撤销有误的加扣分');
    const result = counted.pending.find((pending) => pending.id === contestant.id);
    if (result) {
      throw new RepositoryError(
        'result-pending',
        `选手“${contestant.name}”评分未完成：已有 ${result.countedJudges} 位评委完成评分，需要 ${result.requiredJudges} 位，不能公布`,
      );
    }
    const cells: FrozenCell[] = judges.flatMap((judge) =>
      round.criteria.map((criterion) => {
        const mark = marks.find((row) => row.judgeId === judge.id && row.criterionId === criterion.id);
        const counts = mark && mark.value !== null && !frozenOut.has(judge.id);
        return {
          judgeId: judge.id,
          criterionId: criterion.id,
          value: counts ? mark.value : null,
          head: counts ? mark.head : null,
        };
      }),
    );
    const notCounted = [
      ...new Set([...checks.missing, ...checks.incomplete.map((judge) => judge.judgeId), ...frozenOut]),
    ];
    const views = await roundEvents(db, round.id, ['stage.view']);
    const [locked] = await appendLocalEvents(db, [
      {
        type: 'contestant.lock',
        author: HOST,
        ...roundScope(round),
        payload: {
          contestantId: contestant.id,
          cells,
          // Every judge whose sheet the reveal goes without: missing, incomplete or set aside.
          override: checks.needsOverride ? { reason: reason as string, missingJudgeIds: notCounted } : null,
          revision: lock.nextRevision,
        },
      },
      {
        type: 'stage.view',
        author: HOST,
        ...roundScope(round),
        payload: {
          view: 'reveal',
          contestantId: contestant.id,
          theme: displayOf(views).theme,
          revision: nextRevision(views),
        },
      },
    ]);
    return locked as LeitaiEvent<'contestant.lock'>;
  });
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
  const events = await lockEvents(db, round.id);
  if (!isSheetLocked(events, sheet.contestantId, sheet.judgeId)) return;
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
