import './organizer.css';
import { useEffect } from 'react';
import { lazyPart } from '../pwa/lazy-part';
import { CompetitionsScreen } from './competitions/CompetitionsScreen';
import { useOrganizerPlace } from './location';
import { CompetitionScreen } from './rounds/CompetitionScreen';

// A round's workspace (its tabs) is a chunk of its own: the competitions list opens without
// it, and fetches it right after, before it is needed.
const workspace = lazyPart([], () =>
  import('./workspace/RoundWorkspace').then((module) => module.RoundWorkspace),
);

/**
 * The organizer's screens, chosen by the address: the competitions, one competition with its
 * rounds, or one round's workspace (settings, sheet, judges, contestants, draw, advancement).
 */
export default function OrganizerPage() {
  const place = useOrganizerPlace();
  useEffect(() => {
    workspace.preload().catch(() => undefined); // offline without a cache: retried when opened
  }, []);
  if (place.competitionId && place.roundId) {
    return <workspace.Part competitionId={place.competitionId} roundId={place.roundId} tab={place.tab} />;
  }
  if (place.competitionId) return <CompetitionScreen competitionId={place.competitionId} />;
  return <CompetitionsScreen />;
}
