/**
 * One round's results as every results view needs them (the screen, the printed sheets, the
 * .xlsx and .csv exports): the records, the engine's live standings (a sheet that breaks a rule
 * is set aside and its contestant held, named, never the round blanked), the current marks and
 * the adjustments with their reasons. Scores and ranks come from the engine only.
 */

import type { LeitaiDB } from '../../db/database';
import { getCompetition, getRound } from '../../db/entities';
import {
  adjustmentsOfRound,
  contestantsOfRound,
  inOneSnapshot,
  judgesOfRound,
  loadRoundInput,
  readStageEvents,
} from '../../db/repository';
import type { AdjustmentRow } from '../../domain/events';
import { type Issue, RoundRejectedError } from '../../domain/issues';
import { computeLiveStandings, type LiveStandings } from '../../domain/live-standings';
import type { Id, RoundInput } from '../../domain/model';
import { byAppearance, compareIds } from '../../domain/order';
import { type RoundResultStatus, roundClosureOf, roundResultStatusOf } from '../../domain/provisional';
import type { CompetitionRecord, ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import type { ContestantSignatures } from './signatures';

export interface RoundReport {
  competition: CompetitionRecord;
  round: RoundRecord;
  /** In the panel's order. */
  judges: JudgeRecord[];
  /** In the order of appearance (出场顺序), those without a draw last, then registration order. */
  contestants: ContestantRecord[];
  input: RoundInput;
  /** Null when the engine refuses the round as a whole (`refusal` says why). */
  standings: LiveStandings | null;
  refusal: Issue[] | null;
  /** Every adjustment of the round, revoked ones too, with its reasons. */
  adjustments: AdjustmentRow[];
  /** Whether the ranks and awards are final or still 暂定 (src/domain/provisional.ts). */
  status: RoundResultStatus;
  /** The organizer has closed the round (结束本轮，成绩定稿). */
  closed: boolean;
  /** By contestant, the judges' signatures of their sheets (./signatures.ts); null when not in use. */
  signatures: Map<Id, ContestantSignatures> | null;
}

export async function loadRoundReport(db: LeitaiDB, roundId: Id): Promise<RoundReport> {
  const report = await readRoundReport(db, roundId);
  // Verified with WebCrypto after the snapshot (a transaction cannot wait for it), so that a live
  // query of the report reads every record before its first await of something else.
  const { roundSignatures } = await import('./signatures');
  return { ...report, signatures: await roundSignatures(db, roundId) };
}

function readRoundReport(db: LeitaiDB, roundId: Id): Promise<Omit<RoundReport, 'signatures'>> {
  return inOneSnapshot(db, async () => {
    const round = await getRound(db, roundId);
    const competition = await getCompetition(db, round.competitionId);
    const judges = await judgesOfRound(db, roundId);
    const contestants = (await contestantsOfRound(db, roundId)).sort(byAppearance);
    const adjustments = await adjustmentsOfRound(db, roundId);
    const input = await loadRoundInput(db, roundId);
    const stage = await readStageEvents(db, roundId);
    const records = {
      competition,
      round,
      judges,
      contestants,
      input,
      adjustments,
      status: roundResultStatusOf(contestants, stage),
      closed: roundClosureOf(stage).closed,
    };
    try {
      return { ...records, standings: computeLiveStandings(input), refusal: null };
    } catch (error) {
      if (!(error instanceof RoundRejectedError)) throw error;
      return { ...records, standings: null, refusal: [...error.issues] };
    }
  });
}

/** The marks of one judge, by contestant then criterion. */
export function marksOfJudge(input: RoundInput, judgeId: Id): Map<Id, Map<Id, number>> {
  const byContestant = new Map<Id, Map<Id, number>>();
  for (const mark of input.marks) {
    if (mark.judge !== judgeId) continue;
    const marks = byContestant.get(mark.contestant) ?? new Map<Id, number>();
    marks.set(mark.criterion, mark.value);
    byContestant.set(mark.contestant, marks);
  }
  return byContestant;
}

/** Active adjustments first (by contestant's appearance), then revoked ones. */
export function adjustmentsInOrder(report: RoundReport): AdjustmentRow[] {
  const place = new Map(report.contestants.map((contestant, at) => [contestant.id, at]));
  const placeOf = (row: AdjustmentRow) => place.get(row.added?.contestantId ?? '') ?? Number.MAX_SAFE_INTEGER;
  return report.adjustments
    .filter((row) => row.added !== null)
    .sort(
      (a, b) =>
        Number(a.revoked !== null) - Number(b.revoked !== null) ||
        placeOf(a) - placeOf(b) ||
        compareIds(a.adjustmentId, b.adjustmentId),
    );
}
