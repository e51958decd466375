/**
 * The host console's and the projector's reads, each a live query on IndexedDB: a change made
 * in another window of the browser (a judge's mark, the host's reveal) shows at once, and
 * nothing is copied anywhere else.
 */

import { useLiveQuery } from 'dexie-react-hooks';
import { loadRoundInput, readStageEvents } from '../../db/repository';
import type { AdjustmentRow, CorrectionRow, LeitaiEvent, MarkRow, SheetRow } from '../../domain/events';
import { RoundRejectedError } from '../../domain/issues';
import { computeLiveStandings, type LiveStandings } from '../../domain/live-standings';
import type { Id } from '../../domain/model';
import { byAppearance, byOrderThenId } from '../../domain/order';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import { useDatabase } from '../db-context';
import { defaultRoundId, type RoundChoice, roundChoices } from './default-round';

export interface RoundChoices {
  choices: RoundChoice[];
  defaultId: Id | null;
}

export function useRoundChoices(): RoundChoices | undefined {
  const db = useDatabase();
  return useLiveQuery(
    () =>
      db.transaction('r', [db.competitions, db.rounds, db.marks], async () => {
        const choices = roundChoices(await db.competitions.toArray(), await db.rounds.toArray());
        const withMarks = new Set<Id>();
        for (const round of choices[0]?.rounds ?? []) {
          if ((await db.marks.where('roundId').equals(round.id).limit(1).count()) > 0)
            withMarks.add(round.id);
        }
        return { choices, defaultId: defaultRoundId(choices, withMarks) };
      }),
    [db],
  );
}

export interface RoundSetup {
  round: RoundRecord;
  /** In the panel's order. */
  judges: JudgeRecord[];
  /** In draw order. */
  contestants: ContestantRecord[];
}

/** The round with its panel and contestants; null when the round is not on this device. */
export function useRoundSetup(roundId: Id | null): RoundSetup | null | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    if (roundId === null) return null;
    return db.transaction('r', [db.rounds, db.judges, db.contestants], async () => {
      const round = await db.rounds.get(roundId);
      if (!round) return null;
      const judges = (await db.judges.where('roundIds').equals(roundId).toArray()).sort(byOrderThenId);
      const contestants = (await db.contestants.where('roundId').equals(roundId).toArray()).sort(
        byAppearance,
      );
      return { round, judges, contestants };
    });
  }, [db, roundId]);
}

export function useStageEvents(roundId: Id): LeitaiEvent[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => readStageEvents(db, roundId), [db, roundId]);
}

export type StandingsRead =
  | { standings: LiveStandings; issues: null }
  | { standings: null; issues: RoundRejectedError['issues'] };

/**
 * The live standings of the round, recomputed whenever a mark, an adjustment or the setup
 * changes: a sheet that breaks a rule is set aside and its contestant held, never the round blanked.
 */
export function useStandings(roundId: Id): StandingsRead | undefined {
  const db = useDatabase();
  return useLiveQuery(async (): Promise<StandingsRead> => {
    try {
      return { standings: computeLiveStandings(await loadRoundInput(db, roundId)), issues: null };
    } catch (error) {
      // A round the engine refuses as a whole (e.g. a sheet without criteria): the screen says why.
      if (error instanceof RoundRejectedError) return { standings: null, issues: error.issues };
      throw error;
    }
  }, [db, roundId]);
}

export interface ScoringRows {
  marks: MarkRow[];
  sheets: SheetRow[];
  adjustments: AdjustmentRow[];
  corrections: CorrectionRow[];
}

/** The round's marks, sheets, adjustments and correction requests. */
export function useScoringRows(roundId: Id): ScoringRows | undefined {
  const db = useDatabase();
  return useLiveQuery(
    () =>
      db.transaction('r', [db.marks, db.sheets, db.adjustments, db.corrections], async () => ({
        marks: await db.marks.where('roundId').equals(roundId).toArray(),
        sheets: await db.sheets.where('roundId').equals(roundId).toArray(),
        adjustments: await db.adjustments.where('roundId').equals(roundId).toArray(),
        corrections: await db.corrections.where('roundId').equals(roundId).toArray(),
      })),
    [db, roundId],
  );
}
