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
  private byRound = new Map<Id, LeitaiEvent[]>();

  /**
   * Applies a batch; returns the rounds it may have changed: the rounds its events name, or
   * 'all' after a purge, a change to a setup record (a judge serves every round of a
   * competition) or an event of no round.
   */
  add(batch: readonly LeitaiEvent[]): ReadonlySet<Id> | 'all' {
    this.events.push(...batch);
    if (batch.some((event) => isPurge(event))) {
      this.state = emptyProjectionState();
      this.view = emptyProjection();
      this.byRound = new Map();
      const kept = withoutPurgedScopes(this.events);
      this.indexByRound(kept);
      this.apply(kept);
      return 'all';
    }
    this.indexByRound(batch);
    const setupChanged = this.apply(batch);
    if (setupChanged || batch.some((event) => event.roundId === null)) return 'all';
    return new Set(batch.map((event) => event.roundId as Id));
  }

  private indexByRound(events: readonly LeitaiEvent[]): void {
    for (const event of events) {
      if (event.roundId === null) continue;
      const ofRound = this.byRound.get(event.roundId) ?? [];
      ofRound.push(event);
      this.byRound.set(event.roundId, ofRound);
    }
  }

  /** The round's events, in the hub's order (photos left out), a purge's scopes gone. */
  eventsOf(roundId: Id): readonly LeitaiEvent[] {
    return this.byRound.get(roundId) ?? [];
  }

  /** Writes the rows and records the events changed into the projection; true when a record changed. */
  private apply(events: readonly LeitaiEvent[]): boolean {
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
    return changes.entities.size > 0;
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
