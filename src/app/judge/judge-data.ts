/**
 * The judge screen's reads, each a live query on IndexedDB (no copy kept anywhere else). They
 * are split so that a keystroke, which writes only a draft, re-runs only the drafts query, and
 * every query reads this judge's own rows through an index: a judge sees only their own marks,
 * and 50,000 marks of other judges cost nothing.
 */

import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef } from 'react';
import {
  assignedRounds,
  type DraftRow,
  judgeDrafts,
  readStageCall,
  type StageCall,
} from '../../db/repository';
import type { CorrectionRow, MarkRow, SheetRow } from '../../domain/events';
import type { Id } from '../../domain/model';
import type { CompetitionRecord, ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import { useDatabase } from '../db-context';
import { byDraw } from './sheet-view';

export interface JudgeContext {
  judge: JudgeRecord;
  /** The round on screen: the session's, while the judge is still assigned to it. */
  round: RoundRecord;
  /** Every round the judge scores in, in the competition's order. */
  rounds: RoundRecord[];
  competition: CompetitionRecord | undefined;
}

/**
 * The judge, the round on screen and the judge's other rounds; null when the judge is gone or
 * assigned to no round on this device. A round the judge was taken off gives way to their first.
 */
export function useJudgeContext(judgeId: Id, roundId: Id): JudgeContext | null | undefined {
  const db = useDatabase();
  return useLiveQuery(
    () =>
      db.transaction('r', [db.judges, db.rounds, db.competitions], async () => {
        const judge = await db.judges.get(judgeId);
        const rounds = judge ? await assignedRounds(db, judge) : [];
        const round = rounds.find((candidate) => candidate.id === roundId) ?? rounds[0];
        if (!judge || !round) return null;
        return { judge, round, rounds, competition: await db.competitions.get(judge.competitionId) };
      }),
    [db, judgeId, roundId],
  );
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

export function useContestants(roundId: Id): ContestantRecord[] | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () => (await db.contestants.where('roundId').equals(roundId).toArray()).sort(byDraw),
    [db, roundId],
  );
}

/** Every [roundId+judgeId+contestantId] key of one judge in one round. */
function judgeRange(roundId: Id, judgeId: Id): [unknown[], unknown[]] {
  return [
    [roundId, judgeId, Dexie.minKey],
    [roundId, judgeId, Dexie.maxKey],
  ];
}

export function useJudgeSheets(roundId: Id, judgeId: Id): SheetRow[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => {
    const [lower, upper] = judgeRange(roundId, judgeId);
    return db.sheets.where('[roundId+judgeId+contestantId]').between(lower, upper, true, true).toArray();
  }, [db, roundId, judgeId]);
}

/**
 * The greatest key below an id for an upper bound, short of U+FFFF (a noncharacter, in no id):
 * its last character one lower, then U+FFFF. Every id below `id` sorts at or below it.
 */
function keyBelow(id: Id): string {
  if (id === '') return id;
  return `${id.slice(0, -1)}${String.fromCharCode(id.charCodeAt(id.length - 1) - 1)}\uffff`;
}

/** Rows read for one open sheet: rows of two queries combine only when they were read for the same. */
interface ReadFor {
  openId: Id | null;
  rows: MarkRow[];
}

/**
 * This judge's marks in the round (cleared cells included, as `value: null`), read as two live
 * queries: the open sheet's, and every other sheet's. A mark on the open sheet then re-runs only
 * the small query of its own sheet, not the one of hundreds of contestants, which would hold up
 * the judge's next write. While the open sheet changes, the last marks read for one open sheet
 * stay, as a single query's would.
 */
export function useJudgeMarks(roundId: Id, judgeId: Id, openId: Id | null): MarkRow[] | undefined {
  const db = useDatabase();
  const open = useLiveQuery(
    async (): Promise<ReadFor> => ({
      openId,
      rows:
        openId === null
          ? []
          : await db.marks
              .where('[roundId+judgeId+contestantId]')
              .equals([roundId, judgeId, openId])
              .toArray(),
    }),
    [db, roundId, judgeId, openId],
  );
  const others = useLiveQuery(async (): Promise<ReadFor> => {
    const [lower, upper] = judgeRange(roundId, judgeId);
    const index = db.marks.where('[roundId+judgeId+contestantId]');
    if (openId === null) return { openId, rows: await index.between(lower, upper, true, true).toArray() };
    // Both bounds included and neither the open sheet's key: Dexie's live queries take a range's
    // bounds as included, so an excluded bound at the open sheet would re-run this query too.
    const before = await index.between(lower, [roundId, judgeId, keyBelow(openId)], true, true).toArray();
    const after = await index.between([roundId, judgeId, openId, Dexie.minKey], upper, true, true).toArray();
    return { openId, rows: [...before, ...after] };
  }, [db, roundId, judgeId, openId]);
  const last = useRef<MarkRow[] | undefined>(undefined);
  const all = useMemo(
    () => (open && others && open.openId === others.openId ? [...others.rows, ...open.rows] : undefined),
    [open, others],
  );
  if (all) last.current = all;
  return last.current;
}

export function useJudgeDrafts(roundId: Id, judgeId: Id): DraftRow[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => judgeDrafts(db, roundId, judgeId).toArray(), [db, roundId, judgeId]);
}

export function useJudgeCorrections(roundId: Id, judgeId: Id): CorrectionRow[] | undefined {
  const db = useDatabase();
  return useLiveQuery(
    () =>
      db.corrections
        .where('roundId')
        .equals(roundId)
        .filter((row) => row.request?.judgeId === judgeId)
        .toArray(),
    [db, roundId, judgeId],
  );
}
