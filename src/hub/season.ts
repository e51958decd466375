/**
 * The hub's seasons 积分制: created and given points by hand with the admin secret (stored by
 * ./season-store.ts), their entries from the venues' final rounds derived from the dashboard's
 * per-venue folds (./season-ledger.ts). Cheap to read every few seconds: a venue's competitions
 * are worked out again only when its events changed, and a season's ledger only when a venue's
 * postings, the season or its manual entries changed; a read then only ranks the period.
 */

import { randomUUID } from 'node:crypto';
import type { Id } from '../domain/model';
import { normalisedPerson } from '../domain/person-key';
import {
  appendToSeason,
  memberIdOf,
  type Period,
  type PointsTable,
  type Season,
  type SeasonEntry,
  type SeasonMember,
  seasonStandings,
} from '../domain/season';
import { describeSeasonIssue, type SeasonIssue } from '../domain/season-issues';
import type {
  HubSeasonAnswer,
  HubSeasonEntryAnswer,
  HubSeasonNote,
  HubSeasonsResponse,
} from '../sync/hub-season-protocol';
import { seasonLedger, type VenueCompetition, venueCompetitions } from './season-ledger';
import { type ManualEntry, NoSuchSeason, type SeasonStore } from './season-store';
import type { HubStore } from './store';
import type { VenueFold } from './venue-fold';

/** A manual entry as asked for, checked for its shape (./season-http.ts). */
export interface EntryRequest {
  id: string | null;
  date: string;
  member: { memberId: Id } | { name: string; unit: string | null };
  item: string;
  points: number;
  reason: string;
  corrects: string | null;
}

interface VenuePostings {
  fold: VenueFold;
  events: number;
  competitions: VenueCompetition[];
  /** The postings as JSON: a new mark that changes no final result changes no ledger. */
  text: string;
}

interface CachedLedger {
  version: number;
  postingsVersion: number;
  manual: ManualEntry[];
  ledger: Season;
  notes: HubSeasonNote[];
}

export function noteOf(issue: SeasonIssue): HubSeasonNote {
  return {
    code: issue.code,
    'zh-CN': describeSeasonIssue(issue, 'zh-CN'),
    en: describeSeasonIssue(issue, 'en'),
  };
}

export class HubSeasons {
  private readonly venues = new Map<Id, VenuePostings>();
  private venueNames = new Map<Id, string>();
  /** Grows whenever a venue's postings change. */
  private postingsVersion = 0;
  private readonly ledgers = new Map<Id, CachedLedger>();

  constructor(
    private readonly store: SeasonStore,
    private readonly hubStore: HubStore,
    /** The dashboard's folds, caught up with the hub's events. */
    private readonly folds: () => Promise<(venueId: Id) => VenueFold>,
  ) {}

  async putSeason(id: string, name: string, table: PointsTable): Promise<HubSeasonAnswer> {
    const created = await this.store.putSeason(id, name, table);
    return { id, name, table, created };
  }

  /**
   * Adds a manual entry once the domain finds the ledger with it valid (SeasonRejectedError
   * with every issue otherwise: nothing stored).
   */
  async addEntry(seasonId: Id, request: EntryRequest): Promise<HubSeasonEntryAnswer> {
    const competitions = await this.competitions();
    const entryId = request.id ?? `h-${randomUUID()}`;
    let memberId = '';
    const added = await this.store.addEntry(seasonId, (season, manual) => {
      const { ledger } = seasonLedger(season, competitions, manual, (id) => this.venueName(id));
      const member = memberOf(ledger, request.member);
      memberId = member?.id ?? ('memberId' in request.member ? request.member.memberId : '');
      const entry: SeasonEntry = {
        id: entryId,
        date: request.date,
        memberId,
        item: request.item,
        points: request.points,
        source: { kind: 'manual', reason: request.reason },
        ...(request.corrects === null ? {} : { corrects: request.corrects }),
      };
      // Throws with every problem: an unknown member, a bad correction, an id taken…
      appendToSeason(ledger, { members: member ? [member] : [], entries: [entry] });
      // Known now: without a member, appendToSeason refused the entry (entryMemberUnknown).
      return { member: member as SeasonMember, entry };
    });
    return { entryId, memberId, added };
  }

  /** The period's standings of every season (or the one named), with their ledgers when asked. */
  async read(period: Period, only: Id | null, withLedger: boolean): Promise<HubSeasonsResponse> {
    const competitions = await this.competitions();
    const snapshots = await this.store.read(only, (id) => this.ledgers.get(id)?.version);
    if (only !== null && snapshots.length === 0) throw new NoSuchSeason(only);
    const seasons = snapshots.map(({ season, manual }) => {
      let cached = this.ledgers.get(season.id);
      if (!cached || cached.version !== season.version || cached.postingsVersion !== this.postingsVersion) {
        const entries = manual ?? cached?.manual ?? [];
        const { ledger, issues } = seasonLedger(season, competitions, entries, (id) => this.venueName(id));
        cached = {
          version: season.version,
          postingsVersion: this.postingsVersion,
          manual: entries,
          ledger,
          notes: issues.map(noteOf),
        };
        this.ledgers.set(season.id, cached);
      }
      return {
        id: season.id,
        name: season.name,
        table: season.table,
        standings: seasonStandings(cached.ledger, period),
        notes: cached.notes,
        ...(withLedger ? { ledger: cached.ledger } : {}),
      };
    });
    return { period: period.text, seasons };
  }

  private venueName(venueId: Id): string {
    return this.venueNames.get(venueId) ?? venueId;
  }

  /** Every venue's competitions and postings, worked out again for the venues whose events changed. */
  private async competitions(): Promise<VenueCompetition[]> {
    const foldOf = await this.folds();
    const venues = await this.hubStore.venues();
    this.venueNames = new Map(venues.map((venue) => [venue.id, venue.name]));
    for (const venue of venues) {
      const fold = foldOf(venue.id);
      const cached = this.venues.get(venue.id);
      const events = fold.events.length;
      if (cached && cached.events === events && (cached.fold === fold || events === 0)) continue;
      const competitions = events === 0 ? [] : venueCompetitions(venue.id, fold);
      const text = JSON.stringify(competitions);
      if (text !== cached?.text) this.postingsVersion++;
      this.venues.set(venue.id, { fold, events, competitions, text });
    }
    return [...this.venues.values()].flatMap((venue) => venue.competitions);
  }
}

/**
 * The member an entry is for: one of the ledger's by id (undefined for an id it does not have),
 * or the person by name and unit, spelled as postings spell them.
 */
function memberOf(ledger: Season, wanted: EntryRequest['member']): SeasonMember | undefined {
  if ('memberId' in wanted) return ledger.members.find((member) => member.id === wanted.memberId);
  const known = ledger.members.find((member) => member.id === memberIdOf(wanted));
  return known ?? { id: memberIdOf(wanted), ...normalisedPerson(wanted) };
}
