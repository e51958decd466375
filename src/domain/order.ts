/**
 * The orders records are listed and processed in, written once. Every comparator here is a total
 * order that ends on a code-unit comparison of an id, so a sort gives the same list on every
 * device, engine and locale whatever order the rows were read in.
 */

/** Code-unit order: the same on every engine and locale (unlike localeCompare). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By the organizer's `order` (初赛 before 决赛, the panel's seats), then by id. */
export function byOrderThenId(a: { order: number; id: string }, b: { order: number; id: string }): number {
  return a.order - b.order || compareIds(a.id, b.id);
}

/** Negative when `a` has the earlier draw; those not drawn yet (null) come last. */
function compareDraws(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/** Order of appearance (出场顺序), those not drawn last, then by id: the engine's listing order. */
export function byDrawThenId(
  a: { draw: number | null; id: string },
  b: { draw: number | null; id: string },
): number {
  return compareDraws(a.draw, b.draw) || compareIds(a.id, b.id);
}

interface Appearing {
  draw: number | null;
  order: number;
  id: string;
}

/** Order of appearance (出场顺序); those not drawn yet last, in the organizer's order. */
export function byAppearance(a: Appearing, b: Appearing): number {
  return compareDraws(a.draw, b.draw) || byOrderThenId(a, b);
}

interface Recorded {
  recordedAt: string;
  deviceSeq: number;
  id: string;
}

/** By the audit time, then the device's own sequence: a log as it was written. */
export function byRecordedTime(a: Recorded, b: Recorded): number {
  return compareIds(a.recordedAt, b.recordedAt) || a.deviceSeq - b.deviceSeq || compareIds(a.id, b.id);
}
