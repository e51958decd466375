import './season.css';
import { useEffect } from 'react';
import { lazyPart, preloadWhenIdle } from '../pwa/lazy-part';
import { useSeasonPlace } from './place';
import { SeasonList } from './SeasonList';

// One season's screens (standings, members, entries, import, 公示) are a chunk of their own:
// the list of seasons opens without them, and fetches them right after, before they are needed.
const workspace = lazyPart([], () => import('./SeasonWorkspace').then((module) => module.SeasonWorkspace));

/**
 * The season 积分制 of the organizer, kept on this device: the seasons, or one season with its
 * standings, members, points table, entries, import and 公示 (chosen by the address).
 */
export default function SeasonPage() {
  const place = useSeasonPlace();
  useEffect(() => {
    preloadWhenIdle(workspace);
  }, []);
  if (!place.seasonId) return <SeasonList />;
  return <workspace.Part place={place} seasonId={place.seasonId} />;
}
