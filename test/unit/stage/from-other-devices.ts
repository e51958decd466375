/**
 * Changes that reach this device by sync from another one, as the events that device wrote: the
 * organizer's laptop lowering a max after marks were given, a tablet's mark that no keypad of
 * this version lets through. Local writes refuse both; a device may still hold them.
 */
import type { LeitaiDB } from '../../../src/db/database';
import { applyRemoteEvents } from '../../../src/db/repository';
import type { EventDraft, LeitaiEvent } from '../../../src/domain/events';
import type { Criterion, Hundredths, Id } from '../../../src/domain/model';

let written = 0;

async function fromDevice(db: LeitaiDB, deviceId: string, draft: EventDraft): Promise<void> {
  written += 1;
  const event = {
    ...draft,
    id: `${deviceId}-${written.toString(16).padStart(8, '0')}`,
    deviceId,
    deviceSeq: written,
    recordedAt: '2026-06-18T10:00:00.000Z',
  } as LeitaiEvent;
  await applyRemoteEvents(db, [event]);
}

/** The organizer edits the round's sheet on another device, after this one saw the current sheet. */
export async function sheetChangedElsewhere(
  db: LeitaiDB,
  roundId: Id,
  change: (criteria: Criterion[]) => Criterion[],
): Promise<void> {
  const round = await db.rounds.get(roundId);
  const head = await db.entityHeads.get(['rounds', roundId]);
  if (!round || !head) throw new Error(`round ${roundId} is not on this device`);
  await fromDevice(db, 'organizer-laptop', {
    type: 'entity.put',
    author: { role: 'organizer' },
    competitionId: round.competitionId,
    roundId,
    payload: {
      table: 'rounds',
      entity: { ...round, criteria: change(round.criteria) },
      revision: head.head.revision + 1,
    },
  });
}

/** A judge's tablet sends a mark that supersedes the one this device holds. */
export async function markFromTablet(
  db: LeitaiDB,
  cell: { roundId: Id; judgeId: Id; contestantId: Id; criterionId: Id },
  value: Hundredths,
): Promise<void> {
  const round = await db.rounds.get(cell.roundId);
  if (!round) throw new Error(`round ${cell.roundId} is not on this device`);
  const row = await db.marks.get([cell.roundId, cell.judgeId, cell.contestantId, cell.criterionId]);
  await fromDevice(db, `tablet-${cell.judgeId}`, {
    type: 'mark.set',
    author: { role: 'judge', judgeId: cell.judgeId },
    competitionId: round.competitionId,
    roundId: cell.roundId,
    payload: {
      judgeId: cell.judgeId,
      contestantId: cell.contestantId,
      criterionId: cell.criterionId,
      value,
      revision: (row?.head.revision ?? 0) + 1,
    },
  });
}
