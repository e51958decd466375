/** The round's recorded draws and manual reorders, oldest first. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { LeitaiEvent } from '../../../domain/events';
import type { Id } from '../../../domain/model';
import { useDatabase } from '../../db-context';

export type OrderEvent = LeitaiEvent<'draw.record'> | LeitaiEvent<'order.manual'>;

/**
 * Sorted by the audit time, then the device's own sequence: this only orders the list shown;
 * the order of appearance itself is the contestants' `draw`, never decided by a clock.
 */
const byRecordedTime = (a: OrderEvent, b: OrderEvent) =>
  a.recordedAt.localeCompare(b.recordedAt) || a.deviceSeq - b.deviceSeq;

export function useOrderEvents(roundId: Id): OrderEvent[] | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    const [draws, manual] = await Promise.all([
      db.events.where('[roundId+type]').equals([roundId, 'draw.record']).toArray(),
      db.events.where('[roundId+type]').equals([roundId, 'order.manual']).toArray(),
    ]);
    return ([...draws, ...manual] as OrderEvent[]).sort(byRecordedTime);
  }, [db, roundId]);
}
