/**
 * A competition's stage rounds as the combination (./combination.ts) takes them: each real round
 * with its standings, by whichever engine path the caller scores with (live on the results
 * screen and the hub's dashboard, revealed on the projector). One function for the device
 * (src/db/queries/combination.ts) and the hub (src/hub/combined-tables.ts), so both combine the
 * same stages the same way.
 */

import type { StageInput } from './combination.ts';
import type { Standings } from './engine.ts';
import { RoundRejectedError } from './issues.ts';
import type { RoundInput } from './model.ts';
import type { RoundRecord } from './records.ts';

/**
 * The round and its standings by `standingsOf`. A round the engine refuses whole has no complete
 * result for anyone: its contestants are pending in a combination.
 */
export function stageInputOf(
  round: Pick<RoundRecord, 'id' | 'name' | 'settings'>,
  input: RoundInput,
  standingsOf: (input: RoundInput) => Standings,
): StageInput {
  let standings: Standings;
  try {
    standings = standingsOf(input);
  } catch (error) {
    if (!(error instanceof RoundRejectedError)) throw error;
    standings = { decimals: round.settings.decimals, ranked: [], pending: [], excluded: [] };
  }
  return {
    round: {
      id: round.id,
      name: round.name,
      criteria: input.criteria,
      settings: input.settings,
      contestants: input.contestants,
    },
    standings,
  };
}
