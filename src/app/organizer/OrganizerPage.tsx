import './organizer.css';
import { CompetitionsScreen } from './competitions/CompetitionsScreen';
import { useOrganizerPlace } from './location';
import { CompetitionScreen } from './rounds/CompetitionScreen';
import { RoundWorkspace } from './workspace/RoundWorkspace';

/**
 * The organizer's screens, chosen by the address: the competitions, one competition with its
 * rounds, or one round's workspace (settings, sheet, judges, contestants, draw, advancement).
 */
export default function OrganizerPage() {
  const place = useOrganizerPlace();
  if (place.competitionId && place.roundId) {
    return <RoundWorkspace competitionId={place.competitionId} roundId={place.roundId} tab={place.tab} />;
  }
  if (place.competitionId) return <CompetitionScreen competitionId={place.competitionId} />;
  return <CompetitionsScreen />;
}
