/** Reads of the judges' signatures (src/domain/signing-checks.ts) that screens need. */

import type { LeitaiEvent } from '../../domain/events';
import type { Id } from '../../domain/model';
import type { LeitaiDB } from '../database';

/**
 * What checking the round's signatures needs: its submissions (signed or not, every version) and
 * the signing keys registered and retired in its competition.
 */
export function signingEventsOfRound(db: LeitaiDB, roundId: Id): Promise<LeitaiEvent[]> {
  return db.transaction('r', [db.rounds, db.events], async () => {
    const round = await db.rounds.get(roundId);
    if (!round) return [];
    const keys = await db.events
      .where('type')
      .anyOf(['judge.key.register', 'judge.key.retire'])
      .filter((event) => event.competitionId === round.competitionId)
      .toArray();
    const submissions = await db.events.where('[roundId+type]').equals([roundId, 'sheet.submit']).toArray();
    return [...keys, ...submissions];
  });
}

/** The signing keys of a competition's judges, registered and retired, in the log's order. */
export function keyEventsOfCompetition(db: LeitaiDB, competitionId: Id): Promise<LeitaiEvent[]> {
  return db.events
    .where('type')
    .anyOf(['judge.key.register', 'judge.key.retire'])
    .filter((event) => event.competitionId === competitionId)
    .toArray();
}
