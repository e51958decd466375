/**
 * What the host asks of this judge (催分, 请确认总分): the round's nudge and confirmation
 * events addressed to the judge, read live from the log. A nudge lasts until the sheet is
 * submitted, a question until the judge answers it.
 */

import { readStageEvents } from '../../db/repository';
import type { LeitaiEvent, SheetRow } from '../../domain/events';
import type { Id } from '../../domain/model';
import { useLiveRead } from '../live-read';

export interface StageNotice {
  kind: 'nudge' | 'confirm';
  /** The nudge's or the request's id. */
  id: Id;
  contestantId: Id;
  /** The total the host asked about (confirm only). */
  total: string | null;
}

function stageNoticesOf(
  events: readonly LeitaiEvent[],
  judgeId: Id,
  sheets: readonly SheetRow[],
): StageNotice[] {
  const submitted = new Set(
    sheets.filter((sheet) => sheet.status === 'submitted').map((sheet) => sheet.contestantId),
  );
  const answered = new Set(
    events.flatMap((event) => (event.type === 'stage.confirm' ? [event.payload.requestId] : [])),
  );
  const nudged = new Map<Id, StageNotice>();
  const questions: StageNotice[] = [];
  for (const event of events) {
    if (
      event.type === 'stage.nudge' &&
      event.payload.judgeId === judgeId &&
      !submitted.has(event.payload.contestantId)
    ) {
      const { nudgeId, contestantId } = event.payload;
      nudged.set(contestantId, { kind: 'nudge', id: nudgeId, contestantId, total: null });
    }
    if (
      event.type === 'stage.confirmRequest' &&
      event.payload.judgeId === judgeId &&
      !answered.has(event.payload.requestId)
    ) {
      const { requestId, contestantId, total } = event.payload;
      questions.push({ kind: 'confirm', id: requestId, contestantId, total });
    }
  }
  return [...nudged.values(), ...questions];
}

export function useStageNotices(
  roundId: Id,
  judgeId: Id,
  sheets: readonly SheetRow[] | undefined,
): StageNotice[] {
  const events = useLiveRead(readStageEvents, roundId);
  return events && sheets ? stageNoticesOf(events, judgeId, sheets) : [];
}
