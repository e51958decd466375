import { compareIds } from '../domain/order';
import type { CompetitionRecord } from '../domain/records';

type Listed = Pick<CompetitionRecord, 'id' | 'name' | 'date'>;

/**
 * Newest first by date (undated last), then by name as a Chinese reader sorts it: the list an
 * organizer scans and the host's default choice. The collation depends on the locale, so this
 * order stays out of src/domain and decides nothing that is scored.
 */
export function byDateThenName(a: Listed, b: Listed): number {
  return (
    compareIds(b.date ?? '', a.date ?? '') || a.name.localeCompare(b.name, 'zh-CN') || compareIds(a.id, b.id)
  );
}
