import type { RoundCounts } from '../../../db/repository';
import { computeLiveStandings } from '../../../domain/live-standings';
import type { RoundInput } from '../../../domain/model';

export interface RoundProgress {
  ranked: number;
  /** Still being scored, or held by a sheet that breaks a rule: not ranked yet either way. */
  pending: number;
}

/** What a round's row on the competition's page says about it. */
export interface RoundFacts extends RoundCounts {
  progress: RoundProgress | null;
}

/**
 * How far the scoring of a round has come, from the engine's live standings; null when the
 * round itself cannot be scored as it stands (the engine names why on the screens that compute it).
 */
export function roundProgress(input: RoundInput): RoundProgress | null {
  try {
    const standings = computeLiveStandings(input);
    return { ranked: standings.ranked.length, pending: standings.pending.length + standings.held.length };
  } catch {
    return null;
  }
}

/** The first of the suggested names that no round of the competition has yet, or ''. */
export function unusedName(suggestions: readonly string[], taken: readonly { name: string }[]): string {
  return suggestions.find((name) => !taken.some((round) => round.name === name)) ?? '';
}
