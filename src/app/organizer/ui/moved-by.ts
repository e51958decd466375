/**
 * The list with the item at `at` moved one place up (-1) or down (1): what every 上移/下移 pair of
 * buttons does. A move past either end gives the list unchanged, as the disabled button says.
 */
export function movedBy<T>(list: readonly T[], at: number, by: -1 | 1): T[] {
  const next = [...list];
  const target = at + by;
  if (at < 0 || at >= list.length || target < 0 || target >= list.length) return next;
  [next[at], next[target]] = [next[target] as T, next[at] as T];
  return next;
}
