/**
 * The hub's season 积分制 on the wire (src/hub/season-http.ts): creating a season and entering
 * points by hand with the admin secret, and reading a period's standings and the ledger with the
 * admin secret or the dashboard code. Pure types.
 */

import type { PointsTable, Season, SeasonStandings } from '../domain/season';
import type { SeasonIssueCode } from '../domain/season-issues';
import type { HubError } from './hub-protocol';

/**
 * POST /admin/seasons: creates the season `id`, or replaces its name and table. `table` is the
 * points table as its file is written (`{"by": "placing", "points": {"1": 10}}`, see the domain's
 * readPointsTable); the domain's default table without one.
 */
export interface HubSeasonRequest {
  id: string;
  name: string;
  table?: unknown;
}

export interface HubSeasonAnswer {
  id: string;
  name: string;
  table: PointsTable;
  created: boolean;
}

/**
 * POST /admin/seasons/:id/entries: points entered by hand (学习教育, 扣分项…) for a member named
 * by `memberId` (one of the ledger's) or by `name` and `unit`; a correction cites the entry it
 * replaces (`corrects`) and carries the replacement points. `id` is made by the hub without one.
 */
export interface HubSeasonEntryRequest {
  id?: string;
  date: string;
  memberId?: string;
  name?: string;
  unit?: string | null;
  item: string;
  /** A number or a decimal string with at most two decimals; negative for a deduction. */
  points: number | string;
  reason: string;
  corrects?: string;
}

export interface HubSeasonEntryAnswer {
  entryId: string;
  memberId: string;
  /** False when the hub held this entry already (a request sent again). */
  added: boolean;
}

/** Something about the season the organizers should know, in both languages. */
export interface HubSeasonNote {
  code: SeasonIssueCode;
  'zh-CN': string;
  en: string;
}

/** A refusal of the season's rules: every problem named. */
export interface HubSeasonRefusal extends HubError {
  issues?: HubSeasonNote[];
}

export interface HubSeasonView {
  id: string;
  name: string;
  table: PointsTable;
  standings: SeasonStandings;
  /** Competitions without a date, final rounds the engine refuses, manual entries that do not count. */
  notes: HubSeasonNote[];
  /** The whole ledger; left out when asked with `ledger=no`. */
  ledger?: Season;
}

/** GET /season?period=2026-11[&season=ID][&ledger=no] */
export interface HubSeasonsResponse {
  period: string;
  seasons: HubSeasonView[];
}
