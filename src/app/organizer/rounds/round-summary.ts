import { computeStandings } from '../../../domain/engine';
import type { RoundInput } from '../../../domain/model';

export interface RoundProgress {
  ranked: number;
  pending: number;
}

/**
 * How far the scoring of a round has come, from the engine itself; null when the round cannot
 * be scored as it stands (the engine names why on the screens that compute it).
 */
export function roundProgress(input: RoundInput): RoundProgress | null {
  try {
    const standings = computeStandings(input);
    return { ranked: standings.ranked.length, pending: standings.pending.length };
  } catch {
    return null;
  }
}

/** The first of the suggested names that no round of the competition has yet, or ''. */
export function unusedName(suggestions: readonly string[], taken: readonly { name: string }[]): string {
  return suggestions.find((name) => !taken.some((round) => round.name === name)) ?? '';
}
