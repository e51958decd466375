/**
 * The city dashboard's read model: the hub's events folded per venue (./venue-fold.ts), kept in
 * memory and brought up to date from the hub's cursor on each read (only what arrived since is
 * read and applied; the cursor, in the database, stays the truth, whichever hub process took the
 * push). Each round's progress and standings (./venue-progress.ts) are kept, and computed again
 * only when that round's events changed: a mark in one hall's round recomputes that round alone.
 * It only reads: the store's `tail` runs in a READ ONLY transaction.
 */

import type { LeitaiEvent } from '../domain/events';
import type { Id } from '../domain/model';
import type { CityDashboard, DashboardRound } from '../sync/hub-protocol';
import type { HubStore } from './store';
import { VenueFold } from './venue-fold';
import { realRoundsOf, roundProgress } from './venue-progress';

/** Rows read per query while catching up. */
const PAGE = 5000;

interface VenueView {
  fold: VenueFold;
  count: number;
  lastEventAt: string | null;
  /** Each round's progress as last computed (null: the projection lacks its rows). */
  rounds: Map<Id, DashboardRound | null>;
  /** The rounds to compute again (events arrived for them since). */
  stale: Set<Id> | 'all';
}

/** Photos are not shown on the dashboard, and are the only large events: not kept. */
function isPhoto(event: LeitaiEvent): boolean {
  return event.type === 'entity.put' && event.payload.table === 'photos';
}

export class Dashboard {
  private cursor = 0;
  private readonly views = new Map<string, VenueView>();
  private catchingUp: Promise<void> | null = null;
  private again: Promise<void> | null = null;

  constructor(private readonly store: HubStore) {}

  async read(now: Date): Promise<CityDashboard> {
    const [venues] = await Promise.all([this.store.venues(), this.catchUp()]);
    return {
      checkedAt: now.toISOString(),
      venues: venues.map((venue) => {
        const view = this.views.get(venue.id);
        return {
          venueId: venue.id,
          name: venue.name,
          events: view?.count ?? 0,
          lastEventAt: view?.lastEventAt ?? null,
          rounds: view ? roundsOf(view) : [],
        };
      }),
    };
  }

  /** Every venue's projection and events as the hub holds them now (photos left out), for advancement. */
  async foldsByVenue(): Promise<(venueId: string) => VenueFold> {
    await this.catchUp();
    return (venueId) => this.views.get(venueId)?.fold ?? new VenueFold();
  }

  /**
   * One catch-up at a time (no event is added twice). A read that comes while one runs waits
   * for the next, which starts when it ends and serves every read that came meanwhile: a read
   * sees at least what the hub had stored when it asked.
   */
  private catchUp(): Promise<void> {
    if (this.catchingUp === null) {
      this.catchingUp = this.readNew().finally(() => {
        this.catchingUp = null;
      });
      return this.catchingUp;
    }
    this.again ??= this.catchingUp
      .catch(() => {})
      .then(() => {
        this.again = null;
        return this.catchUp();
      });
    return this.again;
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const rows = await this.store.tail(this.cursor, PAGE);
      const batches = new Map<string, LeitaiEvent[]>();
      for (const row of rows) {
        const view = this.views.get(row.venueId) ?? {
          fold: new VenueFold(),
          count: 0,
          lastEventAt: null,
          rounds: new Map(),
          stale: 'all',
        };
        this.views.set(row.venueId, view);
        const event = JSON.parse(row.body) as LeitaiEvent;
        const batch = batches.get(row.venueId) ?? [];
        if (!isPhoto(event)) batch.push(event);
        batches.set(row.venueId, batch);
        view.count += 1;
        view.lastEventAt = row.receivedAt;
        this.cursor = row.seq;
      }
      for (const [venueId, batch] of batches) {
        const view = this.views.get(venueId) as VenueView;
        const changed = view.fold.add(batch);
        if (changed === 'all') view.stale = 'all';
        else if (view.stale !== 'all') for (const roundId of changed) view.stale.add(roundId);
      }
      if (rows.length < PAGE) return;
    }
  }
}

/** The venue's real rounds, each computed again only when stale. */
function roundsOf(view: VenueView): DashboardRound[] {
  const projection = view.fold.projection();
  const rounds = realRoundsOf(projection).flatMap((round) => {
    const stale = view.stale === 'all' || view.stale.has(round.id) || !view.rounds.has(round.id);
    if (stale) view.rounds.set(round.id, roundProgress(projection, round, view.fold.eventsOf(round.id)));
    return view.rounds.get(round.id) ?? [];
  });
  view.stale = new Set();
  return rounds;
}
