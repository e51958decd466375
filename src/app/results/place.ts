/**
 * Where the results screen is, kept in the address so that a reload, a shared link or the
 * print view lands on the same round: /results?competition=ID&round=ID[&print=summary,judges].
 */

import { useSearch } from '../router';

/** The official documents the print view can lay out, in the order they are printed. */
export const PRINT_DOCUMENTS = ['summary', 'judges', 'public', 'combined', 'certificates'] as const;
export type PrintDocument = (typeof PRINT_DOCUMENTS)[number];

export interface ResultsPlace {
  competitionId: string | null;
  roundId: string | null;
  /** Null on the results screen; the documents chosen in the print view. */
  print: PrintDocument[] | null;
}

function parseResultsPlace(search: string): ResultsPlace {
  const params = new URLSearchParams(search);
  const print = params.get('print');
  return {
    competitionId: params.get('competition'),
    roundId: params.get('round'),
    print: print === null ? null : PRINT_DOCUMENTS.filter((document) => print.split(',').includes(document)),
  };
}

export function useResultsPlace(): ResultsPlace {
  return parseResultsPlace(useSearch());
}

export function resultsHref(place: Partial<ResultsPlace> = {}): string {
  const params = new URLSearchParams();
  if (place.competitionId) params.set('competition', place.competitionId);
  if (place.competitionId && place.roundId) params.set('round', place.roundId);
  if (place.print) params.set('print', place.print.join(','));
  const query = params.toString();
  return query ? `/results?${query}` : '/results';
}
