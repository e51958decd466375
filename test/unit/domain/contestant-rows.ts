/** A judge's mark and sheet rows for contestant P of round R, as the checks before 公布 read them. */
import type { MarkRow, SheetRow, Stamp } from '../../../src/domain/events.ts';

const stamp: Stamp = { revision: 1, deviceId: 'd', deviceSeq: 1, eventId: 'e' };

export const mark = (judgeId: string, criterionId: string, value: number | null): MarkRow => ({
  roundId: 'R',
  judgeId,
  contestantId: 'P',
  criterionId,
  value,
  head: stamp,
});

export const sheet = (judgeId: string, status: SheetRow['status']): SheetRow => ({
  roundId: 'R',
  judgeId,
  contestantId: 'P',
  status,
  head: stamp,
});
