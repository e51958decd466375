/**
 * One venue's projection on the hub, kept up to date event batch by event batch with the
 * domain's `applyEvents`, as a device keeps its IndexedDB (src/db): the dashboard would otherwise
 * fold a venue's whole log again for each mark that arrives. The same rows as `foldEvents` gives
 * (test/unit/hub/venue-fold.test.ts checks it). A purge removes events from the log, which no
 * reducer can undo: after one, the projection is folded again from what remains.
 */

import {
  applyEvents,
  type EntityChange,
  emptyProjectionState,
  type LeitaiEvent,
  type Projection,
  type ProjectionState,
} from '../domain/events';
import { compareIds } from '../domain/order';
import { isPurge, withoutPurgedScopes } from '../domain/purge';
import type { SetupTable } from '../domain/records';

export class VenueFold {
  /** Every event of the venue, photos left out (the dashboard shows none). */
  readonly events: LeitaiEvent[] = [];
  private state: ProjectionState = emptyProjectionState();
  private entities = new Map<string, EntityChange>();

  add(batch: readonly LeitaiEvent[]): void {
    this.events.push(...batch);
    if (batch.some((event) => isPurge(event))) {
      this.state = emptyProjectionState();
      this.entities = new Map();
      this.apply(withoutPurgedScopes(this.events));
    } else {
      this.apply(batch);
    }
  }

  private apply(events: readonly LeitaiEvent[]): void {
    for (const [key, change] of applyEvents(this.state, events).entities) this.entities.set(key, change);
  }

  projection(): Projection {
    const records = <T extends SetupTable>(table: T) =>
      sorted(
        [...this.entities.values()].flatMap((change): [string, unknown][] =>
          change.table === table && 'put' in change ? [[change.put.id, change.put]] : [],
        ),
      ) as Projection['entities'][T];
    // Every projection of the state, whichever the domain has: its rows as foldEvents gives them.
    const rows = Object.fromEntries(
      Object.entries(this.state).map(([name, byKey]: [string, Map<string, unknown>]) => [
        name,
        sorted(byKey),
      ]),
    ) as Omit<Projection, 'entities'>;
    return {
      entities: {
        competitions: records('competitions'),
        rounds: records('rounds'),
        judges: records('judges'),
        contestants: records('contestants'),
        photos: records('photos'),
      },
      ...rows,
    };
  }
}

function sorted<V>(entries: Iterable<[string, V]>): Record<string, V> {
  return Object.fromEntries([...entries].sort(([a], [b]) => compareIds(a, b)));
}
