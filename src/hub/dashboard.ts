/**
 * The city dashboard's read model: the hub's events folded per venue (./venue-fold.ts), kept in
 * memory and brought up to date from the hub's cursor on each read (only what arrived since is
 * read and applied), each venue's rounds recomputed only when its events changed
 * (./venue-progress.ts). It only reads: the
 * store's `tail` runs in a READ ONLY transaction.
 */

import type { LeitaiEvent } from '../domain/events';
import type { CityDashboard, DashboardRound } from '../sync/hub-protocol';
import type { HubStore } from './store';
import { VenueFold } from './venue-fold';
import { roundsOfVenue } from './venue-progress';

/** Rows read per query while catching up. */
const PAGE = 5000;

interface VenueView {
  fold: VenueFold;
  count: number;
  lastEventAt: string | null;
  /** null: to compute again (events arrived since). */
  rounds: DashboardRound[] | null;
}

/** Photos are not shown on the dashboard, and are the only large events: not kept. */
function isPhoto(event: LeitaiEvent): boolean {
  return event.type === 'entity.put' && event.payload.table === 'photos';
}

export class Dashboard {
  private cursor = 0;
  private readonly views = new Map<string, VenueView>();
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly store: HubStore) {}

  async read(now: Date): Promise<CityDashboard> {
    await this.catchUp();
    const venues = await this.store.venues();
    return {
      checkedAt: now.toISOString(),
      venues: venues.map((venue) => {
        const view = this.views.get(venue.id);
        if (view && view.rounds === null)
          view.rounds = roundsOfVenue(view.fold.projection(), view.fold.events);
        return {
          venueId: venue.id,
          name: venue.name,
          events: view?.count ?? 0,
          lastEventAt: view?.lastEventAt ?? null,
          rounds: view?.rounds ?? [],
        };
      }),
    };
  }

  /** Every venue's projection and events as the hub holds them now (photos left out), for advancement. */
  async foldsByVenue(): Promise<(venueId: string) => VenueFold> {
    await this.catchUp();
    return (venueId) => this.views.get(venueId)?.fold ?? new VenueFold();
  }

  /** One catch-up at a time: concurrent reads wait for the same one (no event is added twice). */
  private catchUp(): Promise<void> {
    this.catchingUp ??= this.readNew().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
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
          rounds: null,
        };
        this.views.set(row.venueId, view);
        const event = JSON.parse(row.body) as LeitaiEvent;
        const batch = batches.get(row.venueId) ?? [];
        if (!isPhoto(event)) batch.push(event);
        batches.set(row.venueId, batch);
        view.count += 1;
        view.lastEventAt = row.receivedAt;
        view.rounds = null;
        this.cursor = row.seq;
      }
      for (const [venueId, batch] of batches) this.views.get(venueId)?.fold.add(batch);
      // A page is also cut by its bytes (photos): only an empty one says the hub holds no more.
      if (rows.length === 0) return;
    }
  }
}
