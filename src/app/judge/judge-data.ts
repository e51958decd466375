/**
 * The judge screen's reads, each a live query of src/db/queries (no copy kept anywhere else). They
 * are split so that a keystroke, which writes only a draft, re-runs only the drafts query, and
 * every query reads this judge's own rows through an index: a judge sees only their own marks,
 * and 50,000 marks of other judges cost nothing.
 */

import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef } from 'react';
import {
  contestantsOfRound,
  correctionsOfJudge,
  type DraftRow,
  draftsOfJudge,
  type JudgeContext,
  judgeContext,
  marksOfOpenSheet,
  marksOfOtherSheets,
  readStageCall,
  type StageCall,
  sheetsOfJudge,
} from '../../db/repository';
import type { CorrectionRow, MarkRow, SheetRow } from '../../domain/events';
import type { Id } from '../../domain/model';
import { byAppearance } from '../../domain/order';
import type { ContestantRecord } from '../../domain/records';
import { bySiteVisit } from '../../domain/site-visits';
import { useDatabase } from '../db-context';
import { useLiveRead } from '../live-read';

/** The judge screen names the context it renders from here. */
export type { JudgeContext } from '../../db/repository';

/**
 * The judge, the round on screen and the judge's other rounds; null when the judge is gone or
 * assigned to no round on this device. A round the judge was taken off gives way to their first.
 */
export function useJudgeContext(judgeId: Id, roundId: Id): JudgeContext | null | undefined {
  return useLiveRead(judgeContext, judgeId, roundId);
}

/** The host's current call in each of these rounds, by round id (rounds with no call left out). */
export function useStageCalls(roundIds: readonly Id[]): Map<Id, StageCall> | undefined {
  const db = useDatabase();
  const key = roundIds.join('\n');
  return useLiveQuery(async () => {
    const calls = new Map<Id, StageCall>();
    for (const roundId of key === '' ? [] : key.split('\n')) {
      const call = await readStageCall(db, roundId);
      if (call) calls.set(roundId, call);
    }
    return calls;
  }, [db, key]);
}

/** In the order of appearance; in a site-visit round (观摩评分), the order the panel visits the sites in. */
export function useContestants(roundId: Id, siteVisit: boolean): ContestantRecord[] | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () => (await contestantsOfRound(db, roundId)).sort(siteVisit ? bySiteVisit : byAppearance),
    [db, roundId, siteVisit],
  );
}

export function useJudgeSheets(roundId: Id, judgeId: Id): SheetRow[] | undefined {
  return useLiveRead(sheetsOfJudge, roundId, judgeId);
}

/**
 * This judge's marks in the round (cleared cells included, as `value: null`), read as two live
 * reads: the open sheet's, and every other sheet's (see marksOfOtherSheets). While the open sheet
 * changes, the last marks read for one open sheet stay, as a single read's would.
 */
export function useJudgeMarks(roundId: Id, judgeId: Id, openId: Id | null): MarkRow[] | undefined {
  const open = useLiveRead(marksOfOpenSheet, roundId, judgeId, openId);
  const others = useLiveRead(marksOfOtherSheets, roundId, judgeId, openId);
  const last = useRef<MarkRow[] | undefined>(undefined);
  const all = useMemo(
    () => (open && others && open.openId === others.openId ? [...others.rows, ...open.rows] : undefined),
    [open, others],
  );
  if (all) last.current = all;
  return last.current;
}

export function useJudgeDrafts(roundId: Id, judgeId: Id): DraftRow[] | undefined {
  return useLiveRead(draftsOfJudge, roundId, judgeId);
}

export function useJudgeCorrections(roundId: Id, judgeId: Id): CorrectionRow[] | undefined {
  return useLiveRead(correctionsOfJudge, roundId, judgeId);
}
