/** The round's seed commits, draws and manual reorders, oldest first. */
import { type DrawLogEvent, drawLogOf } from '../../../db/repository';
import type { Id } from '../../../domain/model';
import { useLiveRead } from '../../live-read';

export type OrderEvent = DrawLogEvent;

export function useOrderEvents(roundId: Id): OrderEvent[] | undefined {
  return useLiveRead(drawLogOf, roundId);
}
