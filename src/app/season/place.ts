/**
 * Where the organizer is in the season screens, kept in the address so that a reload, a shared
 * link or the print lands on the same screen: /season?season=ID&view=standings&period=2026-11.
 */

import { useSearch } from '../router';

export const SEASON_VIEWS = ['standings', 'members', 'table', 'entries', 'import', 'file', 'notice'] as const;
export type SeasonView = (typeof SEASON_VIEWS)[number];

export interface SeasonPlace {
  seasonId: string | null;
  view: SeasonView;
  /** The period the standings and the 公示 show, as typed: 2026-11, 2026-Q4, 2026. */
  period: string | null;
  /** The member whose file (一人一档) is open. */
  memberId: string | null;
}

export function parseSeasonPlace(search: string): SeasonPlace {
  const params = new URLSearchParams(search);
  const view = params.get('view') ?? '';
  return {
    seasonId: params.get('season'),
    view: (SEASON_VIEWS as readonly string[]).includes(view) ? (view as SeasonView) : 'standings',
    period: params.get('period'),
    memberId: params.get('member'),
  };
}

export function useSeasonPlace(): SeasonPlace {
  return parseSeasonPlace(useSearch());
}

export function seasonHref(
  place: { seasonId?: string; view?: SeasonView; period?: string | null; memberId?: string } = {},
): string {
  const params = new URLSearchParams();
  if (place.seasonId) {
    params.set('season', place.seasonId);
    if (place.view && place.view !== 'standings') params.set('view', place.view);
    if (place.period) params.set('period', place.period);
    if (place.memberId) params.set('member', place.memberId);
  }
  const query = params.toString();
  return query ? `/season?${query}` : '/season';
}

/** This month as a period (2026-11): the standings' first view. The clock belongs to the app. */
export function currentMonth(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** Today as YYYY-MM-DD, in the device's time zone. */
export function today(now: Date = new Date()): string {
  return `${currentMonth(now)}-${String(now.getDate()).padStart(2, '0')}`;
}
