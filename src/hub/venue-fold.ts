/**
 * One venue's projection on the hub, kept up to date event batch by event batch with the
 * domain's `applyEvents`, as a device keeps its IndexedDB (src/db): the dashboard would otherwise
 * fold a venue's whole log again for each mark that arrives. The projection is written in place
 * with the rows each batch changed, not built again at each look. The same rows as `foldEvents`
 * gives (test/unit/hub/venue-fold.test.ts checks it). A purge removes events from the log, which
 * no reducer can undo: after one, the projection is folded again from what remains.
 */

import {
  applyEvents,
  emptyProjectionState,
  type LeitaiEvent,
  type Projection,
  type ProjectionName,
  type ProjectionState,
} from '../domain/events';
import type { Id } from '../domain/model';
import { isPurge, withoutPurgedScopes } from '../domain/purge';

export class VenueFold {
  /** Every event of the venue, photos left out (the dashboard shows none). */
  readonly events: LeitaiEvent[] = [];
  private state: ProjectionState = emptyProjectionState();
  private view: Projection = emptyProjection();

  add(batch: readonly LeitaiEvent[]): void {
    this.events.push(...batch);
    if (batch.some((event) => isPurge(event))) {
      this.state = emptyProjectionState();
      this.view = emptyProjection();
      this.apply(withoutPurgedScopes(this.events));
    } else {
      this.apply(batch);
    }
  }

  /** Writes the rows and records the events changed into the projection, and nothing else. */
  private apply(events: readonly LeitaiEvent[]): void {
    const changes = applyEvents(this.state, events);
    for (const [name, rows] of Object.entries(changes.rows) as [ProjectionName, Map<string, unknown>][]) {
      const target = this.view[name] as Record<string, unknown>;
      for (const [key, row] of rows) target[key] = row;
    }
    for (const change of changes.entities.values()) {
      const records = this.view.entities[change.table] as Record<Id, unknown>;
      if ('put' in change) records[change.put.id] = change.put;
      else delete records[change.delete];
    }
  }

  /**
   * The venue's projection, the rows of `foldEvents`, kept in place as batches arrive (keys in
   * the order they first came, not sorted: nothing on the hub reads them in key order). It
   * changes with the next batch: read it, do not keep it.
   */
  projection(): Projection {
    return this.view;
  }
}

function emptyProjection(): Projection {
  return {
    entities: { competitions: {}, rounds: {}, judges: {}, contestants: {}, photos: {} },
    ...(Object.fromEntries(Object.keys(emptyProjectionState()).map((name) => [name, {}])) as Omit<
      Projection,
      'entities'
    >),
  };
}
