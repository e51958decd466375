/** The round's seed commits, draws and manual reorders, oldest first. */
import { useLiveQuery } from 'dexie-react-hooks';
import { type DrawLogEvent, drawLogOf } from '../../../db/repository';
import type { Id } from '../../../domain/model';
import { useDatabase } from '../../db-context';

export type OrderEvent = DrawLogEvent;

export function useOrderEvents(roundId: Id): OrderEvent[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => drawLogOf(db, roundId), [db, roundId]);
}
