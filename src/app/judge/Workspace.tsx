/**
 * The bound judge's desk: status bar, the contestants in draw order, the open score sheet. A
 * judge assigned to several rounds joins once: the desk follows the host into the round they
 * call in next, and the round picker lets the judge look at another of their rounds.
 */

import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  followHost,
  isScorable,
  type JudgeSessionRow,
  newCallElsewhere,
  openContestantSheet,
  showRound,
  unbindJudge,
} from '../../db/repository';
import { judgeCriteria } from '../../domain/groups';
import { isJoinCode } from '../../domain/join-code';
import type { Id } from '../../domain/model';
import type { ContestantRecord } from '../../domain/records';
import { recusalReason } from '../../domain/recusal';
import { ModalDialog } from '../components/ModalDialog';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { ContestantList, type ContestantListItem } from './ContestantList';
import {
  type JudgeContext,
  useContestants,
  useJudgeContext,
  useJudgeCorrections,
  useJudgeDrafts,
  useJudgeMarks,
  useJudgeSheets,
  useStageCalls,
} from './judge-data';
import { LazyJoinScreen } from './LazyJoinScreen';
import { RoundPicker } from './RoundPicker';
import { ScoreSheet } from './ScoreSheet';
import { StageNotices } from './StageNotices';
import { StatusBar } from './StatusBar';
import { contestantState, latestCorrection } from './sheet-view';

export interface WorkspaceProps {
  session: JudgeSessionRow;
  codeParam: string | null;
  onCodeHandled: () => void;
}

export function Workspace({ session, codeParam, onCodeHandled }: WorkspaceProps) {
  const t = useT();
  const db = useDatabase();
  const context = useJudgeContext(session.judgeId, session.roundId);

  // Only a whole code can name the bound judge: the '' that tablets hold for every judge's code
  // (the venue server shows codes to the organizer's device only) must not match an empty ?code=.
  const sameJudge =
    context && codeParam !== null && isJoinCode(codeParam) && codeParam === context.judge.joinCode;
  useEffect(() => {
    if (sameJudge) onCodeHandled();
  }, [sameJudge, onCodeHandled]);

  if (context === undefined) return <p className="page loading judge-loading">{t('app.loading')}</p>;
  if (context === null) {
    return (
      <div className="page judge-join">
        <h1>{t('role.judge.title')}</h1>
        <p className="judge-error" role="alert">
          {t('judge.session.gone')}
        </p>
        <button type="button" className="button judge-big-button" onClick={() => unbindJudge(db)}>
          {t('judge.session.rejoin')}
        </button>
      </div>
    );
  }
  if (codeParam !== null && !sameJudge) {
    return <LazyJoinScreen initialCode={codeParam} currentJudge={context.judge} onDone={onCodeHandled} />;
  }
  // One desk per round: its live queries start afresh, never showing one round's rows as another's.
  return <Desk key={context.round.id} session={session} context={context} />;
}

function Desk({ session, context }: { session: JudgeSessionRow; context: JudgeContext }) {
  const t = useT();
  const db = useDatabase();
  const { judge, round, rounds } = context;
  const contestants = useContestants(round.id, round.siteVisit === true);
  const sheets = useJudgeSheets(round.id, judge.id);
  const marks = useJudgeMarks(round.id, judge.id, session.contestantId);
  const drafts = useJudgeDrafts(round.id, judge.id);
  const corrections = useJudgeCorrections(round.id, judge.id);
  const calls = useStageCalls(rounds.map((each) => each.id));
  const call = calls && (calls.get(round.id) ?? null);
  const [switching, setSwitching] = useState(false);
  const select = useCallback((contestantId: Id) => openContestantSheet(db, contestantId), [db]);
  const showList = useCallback(() => openContestantSheet(db, null), [db]);

  // Which sheets hold something, as one string: a keystroke changes the drafts, but rarely this,
  // so the list (hundreds of contestants) is not rebuilt at every key.
  const touchedKey = useMemo(() => {
    if (!marks || !drafts) return undefined;
    const ids = new Set<Id>(drafts.map((draft) => draft.contestantId));
    for (const mark of marks) if (mark.value !== null) ids.add(mark.contestantId);
    return [...ids].sort().join('\n');
  }, [marks, drafts]);

  const items = useMemo((): ContestantListItem[] | undefined => {
    if (!contestants || !sheets || touchedKey === undefined || !corrections) return undefined;
    const sheetBy = new Map(sheets.map((sheet) => [sheet.contestantId, sheet]));
    const touched = new Set(touchedKey.split('\n'));
    return contestants.map((contestant) => ({
      contestant,
      state: contestantState(
        judge,
        contestant,
        sheetBy.get(contestant.id),
        touched.has(contestant.id),
        round.settings.recusal,
      ),
      recusal: recusalReason(judge, contestant, round.settings.recusal),
      correctionPending: latestCorrection(corrections, contestant.id)?.decision === null,
      onStage: call?.contestantId === contestant.id,
    }));
  }, [judge, contestants, sheets, touchedKey, corrections, call, round.settings.recusal]);

  const openItem = items?.find(
    (item) =>
      item.contestant.id === session.contestantId &&
      isScorable(judge, item.contestant, round.settings.recusal),
  );
  const busy = openItem?.state === 'inProgress' || openItem?.state === 'reopened';

  // The host's call opens the called contestant, unless the judge is in the middle of another
  // sheet: then the call waits (the banner offers it) until that sheet is submitted. A new call
  // in another of the judge's rounds (the next round has begun) moves the desk there, likewise.
  // followHost decides from the database in one read; these live rows, each arriving at its own
  // moment, only say when to ask (a stale `busy` delays the ask until the rows catch up).
  const followed = session.followedCalls[round.id];
  const calledElsewhere = calls && newCallElsewhere(rounds, round.id, calls, session.followedCalls);
  const newCall =
    (call !== undefined && call !== null && call.callId !== followed) || calledElsewhere !== null;
  useEffect(() => {
    if (newCall && !busy && session.roundId === round.id) followHost(db);
  }, [db, newCall, busy, session.roundId, round.id]);

  // The session names a round the judge was taken off: the desk shows their first one instead.
  const sessionRoundGone = !rounds.some((each) => each.id === session.roundId);
  useEffect(() => {
    if (sessionRoundGone) showRound(db, round.id);
  }, [db, sessionRoundGone, round.id]);

  if (!items || !marks || !drafts || !sheets || !corrections || call === undefined) {
    return <p className="page loading judge-loading">{t('app.loading')}</p>;
  }

  const open: ContestantRecord | undefined = openItem?.contestant;
  // In a round scored in groups the judge marks their group's criteria only; with no group of
  // this round, nothing (the sheet says so instead of showing criteria that would be refused).
  const criteria = judgeCriteria(round.settings, judge, round.criteria);
  const savedCount = marks.filter((mark) => mark.value !== null).length;
  const calledItem = call && items.find((item) => item.contestant.id === call.contestantId);

  return (
    <div className={`judge ${open ? 'judge--sheet-open' : 'judge--list-open'}`}>
      <StatusBar
        judge={judge}
        roundName={round.name}
        savedCount={savedCount}
        draftCount={drafts.length}
        onSwitch={() => setSwitching(true)}
      />
      {rounds.length > 1 && (
        <RoundPicker rounds={rounds} current={round.id} onPick={(roundId) => showRound(db, roundId)} />
      )}
      <StageNotices
        judge={judge}
        roundId={round.id}
        contestants={contestants ?? []}
        sheets={sheets}
        onOpen={select}
      />
      {calledElsewhere && busy && (
        <div className="judge-stage-banner" role="status">
          <span>
            {t('judge.stage.calledInRound', {
              round: rounds.find((each) => each.id === calledElsewhere)?.name ?? '',
            })}
          </span>
          <button
            type="button"
            className="button button--gold"
            onClick={() => showRound(db, calledElsewhere)}
          >
            {t('judge.stage.goToRound')}
          </button>
        </div>
      )}
      {calledItem && calledItem.contestant.id !== open?.id && (
        <div className="judge-stage-banner" role="status">
          <span>
            {t('judge.stage.called', {
              draw: calledItem.contestant.draw ?? '—',
              name: calledItem.contestant.name,
            })}
          </span>
          {isScorable(judge, calledItem.contestant, round.settings.recusal) ? (
            <button
              type="button"
              className="button button--gold"
              onClick={() => select(calledItem.contestant.id)}
            >
              {t('judge.stage.open')}
            </button>
          ) : (
            <span>{t('judge.stage.notYours')}</span>
          )}
        </div>
      )}
      <div className="judge__body">
        <ContestantList items={items} openId={open?.id ?? null} onOpen={select} />
        {criteria.length === 0 ? (
          <section className="judge-sheet judge-sheet--empty" aria-labelledby="judge-no-group">
            <h2 id="judge-no-group">{t('judge.group.noneTitle')}</h2>
            <p role="alert">{t('judge.group.noneBody', { name: judge.name, round: round.name })}</p>
          </section>
        ) : open && openItem ? (
          <ScoreSheet
            key={open.id}
            judge={judge}
            round={round}
            criteria={criteria}
            contestant={open}
            sheet={sheets.find((sheet) => sheet.contestantId === open.id)}
            marks={marks.filter((mark) => mark.contestantId === open.id)}
            drafts={drafts.filter((draft) => draft.contestantId === open.id)}
            correction={latestCorrection(corrections, open.id)}
            onShowList={showList}
          />
        ) : (
          <section className="judge-sheet judge-sheet--empty" aria-labelledby="judge-pick">
            <h2 id="judge-pick">{t('judge.pick.title')}</h2>
            <p>{t('judge.pick.body')}</p>
          </section>
        )}
      </div>
      {switching && (
        <ModalDialog
          title={t('judge.switch.title', { name: judge.name })}
          onCancel={() => setSwitching(false)}
          className="judge-dialog"
        >
          <p>{t('judge.switch.body', { name: judge.name })}</p>
          <div className="judge-dialog__actions">
            <button type="button" className="button judge-big-button" onClick={() => unbindJudge(db)}>
              {t('judge.switch.confirm')}
            </button>
            <button
              type="button"
              className="button button--secondary judge-big-button"
              data-autofocus
              onClick={() => setSwitching(false)}
            >
              {t('judge.cancel')}
            </button>
          </div>
        </ModalDialog>
      )}
    </div>
  );
}
