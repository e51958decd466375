import { sameValue } from '../../domain/records';

/**
 * What an edit form sends: only the values changed since the form opened, so that another
 * device's concurrent edit of the other fields survives the merge (src/domain/events.ts
 * mergeEntity) instead of being overwritten by what the form still shows. A new record sends all.
 */
export function editedValues<V extends Record<string, unknown>>(opened: V | null, values: V): Partial<V> {
  if (opened === null) return values;
  return Object.fromEntries(
    Object.entries(values).filter(([field, value]) => !sameValue(value, opened[field])),
  ) as Partial<V>;
}
