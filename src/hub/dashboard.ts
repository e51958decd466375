/**
 * The city dashboard's read model: the hub's events folded per venue, kept in memory and brought
 * up to date from the hub's cursor on each read (only what arrived since is read), each venue's
 * rounds recomputed only when its events changed (./venue-progress.ts). It only reads: the
 * store's `tail` runs in a READ ONLY transaction.
 */

import type { LeitaiEvent } from '../domain/events';
import type { CityDashboard, DashboardRound } from '../sync/hub-protocol';
import type { HubStore } from './store';
import { roundsOfVenue } from './venue-progress';

/** Rows read per query while catching up. */
const PAGE = 5000;

interface VenueFold {
  events: LeitaiEvent[];
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
  private readonly folds = new Map<string, VenueFold>();
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly store: HubStore) {}

  async read(now: Date): Promise<CityDashboard> {
    await this.catchUp();
    const venues = await this.store.venues();
    return {
      checkedAt: now.toISOString(),
      venues: venues.map((venue) => {
        const fold = this.folds.get(venue.id);
        if (fold && fold.rounds === null) fold.rounds = roundsOfVenue(fold.events);
        return {
          venueId: venue.id,
          name: venue.name,
          events: fold?.count ?? 0,
          lastEventAt: fold?.lastEventAt ?? null,
          rounds: fold?.rounds ?? [],
        };
      }),
    };
  }

  /** Every venue's events as the hub holds them now (photos left out), for advancement. */
  async eventsByVenue(): Promise<(venueId: string) => readonly LeitaiEvent[]> {
    await this.catchUp();
    return (venueId) => this.folds.get(venueId)?.events ?? [];
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
      for (const row of rows) {
        const fold = this.folds.get(row.venueId) ?? { events: [], count: 0, lastEventAt: null, rounds: null };
        const event = JSON.parse(row.body) as LeitaiEvent;
        if (!isPhoto(event)) fold.events.push(event);
        fold.count += 1;
        fold.lastEventAt = row.receivedAt;
        fold.rounds = null;
        this.folds.set(row.venueId, fold);
        this.cursor = row.seq;
      }
      if (rows.length < PAGE) return;
    }
  }
}
