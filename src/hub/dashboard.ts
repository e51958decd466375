/**
 * The city dashboard's read model: the hub's events folded per venue (./venue-fold.ts), kept in
 * memory and brought up to date from the hub's cursor on each read (only what arrived since is
 * read and applied; the cursor, in the database, stays the truth, whichever hub process took the
 * push). Each round's progress and standings (./venue-progress.ts) are kept, and computed again
 * only when that round's events changed: a mark in one hall's round recomputes that round alone.
 * A venue with a changed round has its 总成绩 (./combined-tables.ts) and its part of the city
 * table (./city-table.ts) computed again too, and the city table is joined again only when a part
 * changed. It only reads: the store's `tail` runs in a READ ONLY transaction.
 */

import type { LeitaiEvent } from '../domain/events';
import type { Id } from '../domain/model';
import type { CityDashboard, CityTable, DashboardCombined, DashboardRound } from '../sync/hub-protocol';
import { cityPartOfVenue, cityTableOf, type VenueCityPart } from './city-table';
import { combinedOfVenue } from './combined-tables';
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
  progress: Map<Id, DashboardRound | null>;
  /** The rounds to compute again (events arrived for them since), and with any, `combined` and `city`. */
  stale: Set<Id> | 'all';
  /** The venue's real rounds, in order, as last computed. */
  rounds: DashboardRound[];
  combined: DashboardCombined[];
  city: VenueCityPart | null;
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
  /** null: to compute again (some venue's tables changed). */
  private cityTable: CityTable | null = null;

  /** `hubDeviceId`: the device the hub writes its decisions under (who advanced, ./city-table.ts). */
  constructor(
    private readonly store: HubStore,
    private readonly hubDeviceId: string,
  ) {}

  async read(now: Date): Promise<CityDashboard> {
    const [venues] = await Promise.all([this.store.venues(), this.catchUp()]);
    return {
      checkedAt: now.toISOString(),
      venues: venues.map((venue) => {
        const view = this.views.get(venue.id);
        if (view && (view.stale === 'all' || view.stale.size > 0)) this.recompute(view, venue);
        return {
          venueId: venue.id,
          name: venue.name,
          events: view?.count ?? 0,
          lastEventAt: view?.lastEventAt ?? null,
          rounds: view?.rounds ?? [],
          combined: view?.combined ?? [],
        };
      }),
      // After `venues` (a literal's properties are evaluated in order): from the parts just computed.
      cityTable: this.cityTableOf(venues),
    };
  }

  private cityTableOf(venues: readonly { id: string }[]): CityTable {
    this.cityTable ??= cityTableOf(venues.flatMap((venue) => this.views.get(venue.id)?.city ?? []));
    return this.cityTable;
  }

  /** A venue's stale rounds, then its 总成绩 and part of the city table, from one projection of its events. */
  private recompute(view: VenueView, venue: { id: string; name: string }): void {
    const projection = view.fold.projection();
    const { stale } = view;
    view.rounds = realRoundsOf(projection).flatMap((round) => {
      if (stale === 'all' || stale.has(round.id) || !view.progress.has(round.id))
        view.progress.set(round.id, roundProgress(projection, round, view.fold.eventsOf(round.id)));
      return view.progress.get(round.id) ?? [];
    });
    view.stale = new Set();
    view.combined = combinedOfVenue(projection);
    const where = { venueId: venue.id, name: venue.name };
    view.city = cityPartOfVenue(where, view.rounds, projection, view.fold.events, this.hubDeviceId);
    this.cityTable = null;
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
          progress: new Map(),
          stale: 'all',
          rounds: [],
          combined: [],
          city: null,
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
      // A page is also cut by its bytes (photos): only an empty one says the hub holds no more.
      if (rows.length === 0) return;
    }
  }
}
