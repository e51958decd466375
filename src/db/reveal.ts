/**
 * 公布, the host's reveal: locks a contestant's marks as they are now (`contestant.lock`) and
 * shows the reveal on the projector. Apart from ./stage.ts because it scores the round (the
 * live standings, src/domain/live-standings.ts, and the engine under them): the judge's tablet
 * reads the stage's state through ./stage.ts, and should not download the scoring with it.
 */

import type { FrozenCell, LeitaiEvent, RevealPace } from '../domain/events';
import { computeLiveStandings, type SetAside } from '../domain/live-standings';
import type { Id } from '../domain/model';
import { byOrderThenId } from '../domain/order';
import { isRecusedFrom } from '../domain/recusal';
import {
  audienceVotingCheck,
  panelProgress,
  revealChecks,
  type SignatureProblem,
} from '../domain/reveal-checks';
import { contestantLockOf, nextRevision } from '../domain/stage';
import type { LeitaiDB } from './database';
import { getContestant, getRound, HOST, roundScope } from './entities';
import { because, fieldOf, RepositoryError } from './errors';
import { optionalText } from './guards';
import { appendLocalEvents, writeTransaction } from './log';
import { loadRoundInput } from './read';
import { displayOf, lockEvents, roundEvents } from './stage';

export interface Reveal {
  /**
   * Why the host revealed anyway: required when an eligible sheet is missing or incomplete, or
   * set aside because it breaks a rule (it is then frozen as not counted).
   */
  overrideReason?: string;
  /**
   * The signature problems the console found (it checks signatures with WebCrypto, which a
   * transaction cannot wait for): a bad or changed signature also needs the host's reason.
   */
  signatureProblems?: readonly SignatureProblem[];
  /**
   * The judges whose sheet the console found validly signed: when every counted sheet is, the
   * lock records 评委签名齐全 (`allSigned`) for the readout and the projector.
   */
  signedJudgeIds?: readonly Id[];
  /** How fast the projector unfolds this reveal (the host's 揭晓速度; standard when absent). */
  pace?: RevealPace;
}

function setAsideRefusal(
  contestantName: string,
  sheets: readonly SetAside[],
  howToFix: 'setAsideCorrectOrExplain' | 'setAsideRevokeAdjustment',
): RepositoryError {
  const issues = sheets.flatMap((sheet) => sheet.issues);
  return new RepositoryError('sheets-set-aside', because(howToFix, { contestant: contestantName, issues }));
}

/**
 * 公布: locks the contestant's marks as they are now and shows the reveal on the projector, in
 * one transaction. Refused while an eligible judge's sheet is missing, incomplete or set aside
 * (a mark the rules refuse) unless the host gives the reason to go on, when the result is not
 * complete (评分中), when the contestant is revealed already and nothing was reopened since, and
 * while the contestant's audience voting window is open (the host closes it first).
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
        because('inactiveReveal', { contestant: contestant.name }),
      );
    }
    const lock = contestantLockOf(await lockEvents(db, round.id), contestant.id);
    if (lock.status === 'locked') {
      throw new RepositoryError(
        'already-revealed',
        because('alreadyRevealed', { contestant: contestant.name }),
      );
    }
    const windows = await db.audienceWindows
      .where('[roundId+contestantId]')
      .equals([round.id, contestant.id])
      .toArray();
    // The lock freezes the marks, not the votes: revealed now, the score would move with them.
    if (audienceVotingCheck(windows) === 'open') {
      throw new RepositoryError('voting-open', because('votingOpenReveal', { contestant: contestant.name }));
    }
    const panel = (await db.judges.where('roundIds').equals(round.id).toArray()).sort(byOrderThenId);
    const judges = panel.filter((judge) => !isRecusedFrom(judge, contestant, round.settings.recusal));
    const marks = await db.marks.where('[roundId+contestantId]').equals([round.id, contestant.id]).toArray();
    const sheets = (await db.sheets.where('roundId').equals(round.id).toArray()).filter(
      (sheet) => sheet.contestantId === contestant.id,
    );
    const input = await loadRoundInput(db, round.id);
    const live = computeLiveStandings(input);
    const checks = revealChecks(
      panelProgress(
        panel,
        contestant,
        round.criteria,
        marks,
        sheets,
        round.settings.recusal,
        round.settings.groups,
      ),
      [],
      new Set(),
      live.setAside.filter((sheet) => sheet.contestant === contestant.id),
      // The audience windows are this function's own refusal above, not a check to override.
      [],
      reveal.signatureProblems,
      new Set(reveal.signedJudgeIds),
    );
    const reason = optionalText(reveal.overrideReason, fieldOf('overrideReason'));
    if (checks.needsOverride && reason === null) {
      if (checks.setAside.length > 0) {
        throw setAsideRefusal(contestant.name, checks.setAside, 'setAsideCorrectOrExplain');
      }
      const nameOf = (judgeId: Id) => panel.find((judge) => judge.id === judgeId)?.name ?? judgeId;
      const unfinished = [...checks.missing, ...checks.incomplete.map((judge) => judge.judgeId)];
      const badlySigned = checks.signatureProblems.filter((found) => found.problem !== 'unsigned');
      if (unfinished.length === 0 && badlySigned.length > 0) {
        throw new RepositoryError(
          'sheets-missing',
          because('signaturesDoNotHold', {
            contestant: contestant.name,
            judges: badlySigned.map((found) => nameOf(found.judgeId)),
          }),
        );
      }
      throw new RepositoryError(
        'sheets-missing',
        because('sheetsMissing', { contestant: contestant.name, judges: unfinished.map(nameOf) }),
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
    if (stillHeld.length > 0) throw setAsideRefusal(contestant.name, stillHeld, 'setAsideRevokeAdjustment');
    const result = counted.pending.find((pending) => pending.id === contestant.id);
    if (result) {
      throw new RepositoryError(
        'result-pending',
        because('resultPending', {
          contestant: contestant.name,
          counted: result.countedJudges,
          required: result.requiredJudges,
        }),
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
          ...(checks.allSigned ? { allSigned: true as const } : {}),
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
          ...(reveal.pace === undefined ? {} : { pace: reveal.pace }),
        },
      },
    ]);
    return locked as LeitaiEvent<'contestant.lock'>;
  });
}
