import './organizer.css';
import { useEffect } from 'react';
import { lazyPart, preloadWhenIdle } from '../pwa/lazy-part';
import { CompetitionsScreen } from './competitions/CompetitionsScreen';
import { useOrganizerPlace } from './location';

// A competition's rounds (with the engine that counts their progress) and a round's workspace
// (its tabs) are chunks of their own: the competitions list opens without them, and fetches
// them right after, before they are needed.
const competition = lazyPart([], () =>
  import('./rounds/CompetitionScreen').then((module) => module.CompetitionScreen),
);
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
    preloadWhenIdle(competition, workspace);
  }, []);
  if (place.competitionId && place.roundId) {
    return <workspace.Part competitionId={place.competitionId} roundId={place.roundId} tab={place.tab} />;
  }
  if (place.competitionId) return <competition.Part competitionId={place.competitionId} />;
  return <CompetitionsScreen />;
}
