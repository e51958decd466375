/**
 * Where the organizer is, kept in the address so that a reload or a shared link lands on the
 * same screen: /organizer?competition=ID&round=ID&tab=judges.
 */

import { useSearch } from '../router';

export const ROUND_TABS = [
  'settings',
  'criteria',
  'judges',
  'contestants',
  'recusal',
  'draw',
  'advancement',
] as const;
export type RoundTab = (typeof ROUND_TABS)[number];

export interface OrganizerPlace {
  competitionId: string | null;
  roundId: string | null;
  tab: RoundTab;
}

function parsePlace(search: string): OrganizerPlace {
  const params = new URLSearchParams(search);
  const tab = params.get('tab');
  return {
    competitionId: params.get('competition'),
    roundId: params.get('round'),
    tab: (ROUND_TABS as readonly string[]).includes(tab ?? '') ? (tab as RoundTab) : 'settings',
  };
}

export function useOrganizerPlace(): OrganizerPlace {
  return parsePlace(useSearch());
}

/** The address of a place: the list, a competition, or a round's tab. */
export function placeHref(place: { competitionId?: string; roundId?: string; tab?: RoundTab } = {}): string {
  const params = new URLSearchParams();
  if (place.competitionId) params.set('competition', place.competitionId);
  if (place.competitionId && place.roundId) {
    params.set('round', place.roundId);
    params.set('tab', place.tab ?? 'settings');
  }
  const query = params.toString();
  return query ? `/organizer?${query}` : '/organizer';
}
